#!/bin/bash
# The PostgreSQL part of the test suite, run inside a throwaway cluster
# (pg_virtualenv sets PGHOST, PGPORT, PGUSER, PGPASSWORD).  Prints one
# "name: N passed, N failed" line per run and keeps what failed in test/log/.
set -u
cd "$(dirname "$0")/.."
mkdir -p test/log

# A pg_regress run: "installcheck" in some setting; counts its test lines.
regress() {
	local name=$1; shift
	local out=test/log/$name.out
	rm -f "test/log/$name.diffs"
	make installcheck "$@" >"$out" 2>&1
	local rc=$?
	local ok bad
	ok=$(grep -cE '^(test |ok |     |   )?.*\.\.\. ok' "$out")
	bad=$(grep -cE '\.\.\. (FAILED|failed)' "$out")
	if [ "$rc" -ne 0 ] && [ "$bad" -eq 0 ]; then
		bad=1		# pg_regress itself failed (could not start, install, ...)
		tail -20 "$out"
	fi
	if [ "$bad" -gt 0 ]; then
		for d in regression.diffs output_iso/regression.diffs; do
			[ -f "$d" ] || continue
			cat "$d" >>"test/log/$name.diffs"
			head -100 "$d"
		done
	fi
	rm -f regression.diffs output_iso/regression.diffs
	echo "$name: $ok passed, $bad failed"
}

# pg_regress and the isolation tests run separately, so that a failure of
# one does not keep the other from running.
regress regress-utf8 ISOLATION=
regress isolation REGRESS=
PGOPTIONS="-c force_parallel_mode=regress -c max_parallel_workers_per_gather=2" \
	regress regress-parallel ISOLATION=
regress regress-euc_jp ISOLATION= ENCODING=EUC_JP NO_LOCALE=1

for t in test/pg/*.sh; do
	[ -e "$t" ] || continue
	bash "$t"
done
