#!/bin/bash
# bench/statements.sh [TRANSACTIONS]: what dcv costs per statement when
# every statement is a transaction of its own, as an order system's
# single-row INSERTs are.  Each such statement runs under a new snapshot, so
# dcv reads dcv_product and dcv_rule_date again (doc/rules.md, "Inside the
# server"); a statement that writes nothing sees the same snapshot as the
# one before it and reuses the copy.
#
# In a throwaway cluster, pgbench (one client, no vacuum) runs, in turns,
# three rounds of each script of TRANSACTIONS transactions (default 20000):
#   select_floor    SELECT of a trivial expression
#   select_dcv      SELECT dcv_default_recipient(...) of one order
#   insert_plain    INSERT of one order, no trigger
#   insert_trigger  INSERT of one order, dcv_recipient_trigger
# and prints the median microseconds per statement and the two costs:
# dcv_default_recipient over the floor, the trigger over the plain INSERT.
# dcv must be installed (make install).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-20000}
if [ -z "${PGHOST:-}" ]; then
	exec pg_virtualenv -t -o fsync=off -o synchronous_commit=off -o autovacuum=off \
		-o jit=off bash "$0" "$N"
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; psql -X -q -d postgres -c "DROP DATABASE IF EXISTS dcv_stmt" >/dev/null 2>&1' EXIT
psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE dcv_stmt TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8'"
psql -X -q -v ON_ERROR_STOP=1 -d dcv_stmt <<'SQL'
CREATE EXTENSION dcv;
CREATE TABLE o_plain (id bigserial, product text, domain text, designated text[], whois text[],
                      recipients text[], rule text, order_date date);
CREATE TABLE o_trigger (LIKE o_plain INCLUDING ALL);
CREATE TRIGGER o_trigger_dcv BEFORE INSERT OR UPDATE ON o_trigger FOR EACH ROW
  EXECUTE FUNCTION dcv_recipient_trigger(product, domain, designated, whois, recipients, rule, order_date);
SQL
row="'TrueBizID', 'www.shop' || :i || '.example.co.jp', NULL, ARRAY['b@example.co.jp', 'Owner' || :i || '@example.co.jp'], DATE '2024-05-01'"
cat >"$tmp/select_floor.sql" <<SQL
\set i random(1, 1000)
SELECT length('www.shop' || :i || '.example.co.jp') + cardinality(ARRAY['b@example.co.jp', 'Owner' || :i || '@example.co.jp']);
SQL
cat >"$tmp/select_dcv.sql" <<SQL
\set i random(1, 1000)
SELECT dcv_default_recipient($row);
SQL
for t in plain trigger; do
	cat >"$tmp/insert_$t.sql" <<SQL
\set i random(1, 1000)
INSERT INTO o_$t (product, domain, designated, whois, order_date) VALUES ($row);
SQL
done
scripts="select_floor select_dcv insert_plain insert_trigger"
for r in 1 2 3; do
	for s in $scripts; do
		us=$(pgbench -n -c 1 -t "$N" -f "$tmp/$s.sql" dcv_stmt 2>/dev/null |
			sed -n 's/^latency average = \([0-9.]*\) ms$/\1/p' | awk '{printf "%.1f", $1 * 1000}')
		echo "$s $us" >>"$tmp/runs"
	done
done
med() { grep "^$1 " "$tmp/runs" | awk '{print $2}' | sort -n | sed -n 2p; }
printf '%-16s %10s   (median of 3 runs of %d single-statement transactions, one client)\n' script "us/stmt" "$N"
for s in $scripts; do printf '%-16s %10s\n' "$s" "$(med "$s")"; done
awk -v f="$(med select_floor)" -v d="$(med select_dcv)" -v p="$(med insert_plain)" -v t="$(med insert_trigger)" 'BEGIN {
	printf "dcv_default_recipient over the floor: %+.1f us per statement (%.2f x)\n", d - f, d / f;
	printf "trigger over the plain INSERT:        %+.1f us per statement (%.2f x)\n", t - p, t / p }'
