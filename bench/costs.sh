#!/bin/bash
# bench/costs.sh [SMALL LARGE]: what a call of each dcv function costs, and
# the plans PostgreSQL chooses with those costs.
#
# In a throwaway cluster: builds LARGE orders (default 2000000) with
# bench/data.sql, measures one call of every SQL-callable C function of dcv
# against lower() and against the planner's own charge for a row
# (bench/costs.sql, over the first 200000 orders), then takes the first
# SMALL orders (default 400000) as a second table and, for both, the plans
# of four analyst queries under five sets of COST figures: 1.0's (1 on
# everything), the measured multiples of lower(), the measured multiples of
# cpu_operator_cost, the installed ones, and those with jit = off
# (bench/planner.sql).  Prints both tables; everything lands in
# bench/out/costs/.  See bench/README.md, "COST figures".
#
# Environment: BENCH_REPS (odd, default 5: rounds of the cost figures; the
# plans are timed 3 times each), BENCH_SEED, BENCH_COST_CALLS (200000),
# BENCH_SHARED_BUFFERS (2GB).
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { echo "usage: bench/costs.sh [SMALL LARGE]   (1000 <= SMALL <= LARGE)" >&2; exit 2; }
SMALL=${1:-400000}
LARGE=${2:-2000000}
[[ $SMALL =~ ^[0-9]+$ && $LARGE =~ ^[0-9]+$ ]] && [ "$SMALL" -ge 1000 ] && [ "$SMALL" -le "$LARGE" ] || usage
REPS=${BENCH_REPS:-5}
if ! [[ $REPS =~ ^[0-9]+$ ]] || [ "$REPS" -lt 3 ] || [ $((REPS % 2)) -eq 0 ]; then
	echo "BENCH_REPS must be odd and at least 3" >&2
	exit 2
fi
CALLS=${BENCH_COST_CALLS:-200000}
[[ $CALLS =~ ^[0-9]+$ ]] && [ "$CALLS" -ge 1000 ] || { echo "BENCH_COST_CALLS must be at least 1000" >&2; exit 2; }
[ "$CALLS" -le "$LARGE" ] || CALLS=$LARGE

out=$PWD/bench/out/costs
mkdir -p "$out"
rm -f "$out"/*.log "$out"/report.txt

. bench/prepare.sh
bench_build "$out"
# PostgreSQL's planner defaults (2 workers per Gather, JIT on, work_mem 4MB):
# the point is what it chooses.
bench_cluster "${BENCH_STEADY[@]}"
export BENCH_SEED=${BENCH_SEED:-0.2018}
export SMALL LARGE REPS CALLS out

inside() {
	set -euo pipefail
	db=dcv_costs
	psql_db() { psql -X -q -v ON_ERROR_STOP=1 -d "$db" "$@"; }
	psql -X -q -v ON_ERROR_STOP=1 -d postgres \
		-c "CREATE DATABASE $db TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8'"
	echo "== building $LARGE orders ..."
	start=$(date +%s)
	psql_db -v rows="$LARGE" -v seed="$BENCH_SEED" >"$out/setup.log" 2>&1 <<'SQL' || { cat "$out/setup.log"; exit 1; }
SET client_min_messages = warning;
CREATE EXTENSION dcv;
\ir bench/harness.sql
\ir bench/data.sql
-- Every row decidable, or the recipients query would stop on one.
DELETE FROM orders
WHERE (dcv_decision(product, domain, designated, whois, order_date, false, dns_records)).problem
	  IS NOT NULL;
VACUUM (FREEZE, ANALYZE) orders;
SQL
	echo "   done in $(( $(date +%s) - start )) s"
	echo "== one call of each function ($CALLS orders, $REPS rounds) ..."
	psql_db -v calls="$CALLS" -v reps="$REPS" -f bench/costs.sql >"$out/costs.log" 2>&1 \
		|| { cat "$out/costs.log"; exit 1; }
	psql_db -v small="$SMALL" >>"$out/setup.log" 2>&1 <<'SQL' || { cat "$out/setup.log"; exit 1; }
ALTER TABLE orders RENAME TO orders_large;
CREATE TABLE orders_small AS SELECT * FROM orders_large ORDER BY id LIMIT :small;
VACUUM (FREEZE, ANALYZE) orders_small, orders_large;
SELECT count(*) FROM orders_small;	-- read into shared buffers
SELECT count(*) FROM orders_large;
SQL
	echo "== the planner's choices (3 runs a plan) ..."
	start=$(date +%s)
	psql_db -v reps=3 -f bench/planner.sql >"$out/planner.log" 2>&1 \
		|| { cat "$out/planner.log"; exit 1; }
	echo "   done in $(( $(date +%s) - start )) s"
	{
		bench_header "== dcv COST figures: $LARGE and $SMALL orders, one session each part"
		sed -n '/^-- One call/,$p' "$out/costs.log"
		sed -n '/^-- The COST of each/,$p' "$out/planner.log"
	} | tee "$out/report.txt"
}
export -f inside
echo "== throwaway PostgreSQL $PGVER cluster ..."
pg_virtualenv -t -v "$PGVER" "${opts[@]}" bash -c inside
echo "== report: bench/out/costs/report.txt"
