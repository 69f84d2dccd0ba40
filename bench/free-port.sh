#!/bin/bash
# bench/free-port.sh: prints a TCP port that nothing listens on, for a
# throwaway cluster (pg_virtualenv -t picks 5432 whatever else runs).
set -euo pipefail
for p in $(shuf -i 20000-29999 -n 100); do
	if ! ss -Htln "sport = :$p" | grep -q . && [ ! -e "/var/run/postgresql/.s.PGSQL.$p" ]; then
		echo "$p"
		exit 0
	fi
done
echo "bench/free-port.sh: no free port found" >&2
exit 1
