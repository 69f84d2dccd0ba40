#!/bin/bash
# bench/shards.sh [ROWS]: the analysts' count of decisions by rule over
# orders spread on two shards behind postgres_fdw, against one node.
#
# In a throwaway cluster: one node (bench_one, ROWS orders of bench/data.sql,
# default 400000), two shards (shard_a, shard_b: the same orders, split by
# hash of id, each with the order trigger and the view order_decisions over
# dcv_decision) and a coordinator (shards_coord: postgres_fdw over the local
# socket, the orders as a partitioned table of foreign partitions, the
# shards' views as a second one), as doc/internals.md "Scaling out" sets
# them up and test/pg/shards.sh tests them (the same test/pg/shard-schema.sql
# and test/pg/coordinator-schema.sql).  Then, in rounds, each figure in
# a session of its own (the foreign servers' connections opened first):
#
#   coordinator     dcv_decision over the foreign orders: every row's inputs
#                   are pulled and decided on the coordinator
#   views, async    the shards' views counted on the shards (partitionwise
#                   aggregate), both shards at once (async_capable)
#   views, one by one   the same, async_capable off
#   views, rows     the shards' views, every row sent and counted on the
#                   coordinator (enable_partitionwise_aggregate off)
#   one shard       the count on shard_a alone, serial (as a shard runs the
#                   coordinator's cursor)
#   one node        the same count over all orders on one node, serial
#   one node, parallel   the same, the planner's choice (2 workers)
#
# Prints medians and minimums and whether every figure but one shard gave
# the same counts;
# everything lands in bench/out/shards/.  BENCH_REPS rounds (odd, default 3),
# BENCH_SEED, BENCH_SHARED_BUFFERS (2GB).
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS=${1:-400000}
[[ $ROWS =~ ^[0-9]+$ ]] && [ "$ROWS" -ge 1000 ] || { echo "usage: bench/shards.sh [ROWS]   (ROWS >= 1000)" >&2; exit 2; }
REPS=${BENCH_REPS:-3}
if ! [[ $REPS =~ ^[0-9]+$ ]] || [ "$REPS" -lt 1 ] || [ $((REPS % 2)) -eq 0 ]; then
	echo "BENCH_REPS must be odd" >&2
	exit 2
fi
out=$PWD/bench/out/shards
mkdir -p "$out"
rm -f "$out"/*.log "$out"/report.txt "$out"/results.tsv

. bench/prepare.sh
bench_build "$out"
bench_cluster "${BENCH_STEADY[@]}"
export BENCH_SEED=${BENCH_SEED:-0.2018}
export ROWS REPS out

inside() {
	set -euo pipefail
	q() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }
	for db in bench_one shard_a shard_b shards_coord; do
		q -d postgres -c "CREATE DATABASE $db TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8'"
	done
	echo "== building $ROWS orders ..."
	start=$(date +%s)
	q -d bench_one -v rows="$ROWS" -v seed="$BENCH_SEED" >"$out/setup.log" 2>&1 <<'SQL' || { cat "$out/setup.log"; exit 1; }
SET client_min_messages = warning;
CREATE EXTENSION dcv;
\ir bench/data.sql
DELETE FROM orders
WHERE (dcv_decision(product, domain, designated, whois, order_date, false, dns_records)).problem
	  IS NOT NULL;
VACUUM (FREEZE, ANALYZE) orders;
SQL
	echo "   done in $(( $(date +%s) - start )) s"
	for s in shard_a shard_b; do
		q -d "$s" >>"$out/setup.log" 2>&1 <<'SQL' || { cat "$out/setup.log"; exit 1; }
CREATE EXTENSION dcv;
\ir test/pg/shard-schema.sql
SQL
	done
	opt() { [ -n "${2:-}" ] && printf ", %s '%s'" "$1" "${2//\'/\'\'}"; }
	# The coordinator's script holds the user mappings (a password, when the
	# environment has one): a private file, removed when the script ends.
	coord_sql=$(mktemp)
	trap 'rm -f "$coord_sql"' EXIT
	{
		echo "CREATE EXTENSION dcv;"
		echo "CREATE EXTENSION postgres_fdw;"
		for s in shard_a shard_b bench_one; do
			echo "CREATE SERVER $s FOREIGN DATA WRAPPER postgres_fdw OPTIONS (dbname '$s'$(opt host "${PGHOST:-}")$(opt port "${PGPORT:-}"), async_capable 'true', batch_size '1000', fetch_size '1000');"
			echo "CREATE USER MAPPING FOR CURRENT_USER SERVER $s OPTIONS (user '${PGUSER:-$(id -un)}'$(opt password "${PGPASSWORD:-}"));"
		done
		cat test/pg/coordinator-schema.sql
		cat <<'SQL'
-- The one node's orders, to load the shards through the coordinator.
CREATE FOREIGN TABLE one_orders (id bigint, product text, domain text, designated text[],
                                 whois text[], dns_records text[], order_date date)
  SERVER bench_one OPTIONS (table_name 'orders');
SET client_min_messages = warning;
INSERT INTO orders (id, product, domain, designated, whois, dns_records, as_of)
SELECT id, product, domain, designated, whois, dns_records, order_date FROM one_orders;
SQL
	} >"$coord_sql"
	echo "== loading the shards through the coordinator (decided there by the trigger) ..."
	start=$(date +%s)
	q -d shards_coord -f "$coord_sql" >>"$out/setup.log" 2>&1 || { cat "$out/setup.log"; exit 1; }
	for s in shard_a shard_b; do
		q -d "$s" -c "VACUUM (FREEZE, ANALYZE) orders" >>"$out/setup.log" 2>&1
	done
	q -d shards_coord -c "ANALYZE orders_a, orders_b, order_decisions_a, order_decisions_b" >>"$out/setup.log" 2>&1
	echo "   done in $(( $(date +%s) - start )) s: $(q -At -d shard_a -c 'SELECT count(*) FROM orders') and $(q -At -d shard_b -c 'SELECT count(*) FROM orders') orders"

	naive="SELECT d.rule, count(*) AS n FROM orders o, LATERAL dcv_decision(o.product, o.domain, o.designated, o.whois, o.as_of, false, o.dns_records) d GROUP BY d.rule"
	views="SELECT rule, sum(n)::bigint AS n FROM (SELECT shard, rule, count(*) AS n FROM order_decisions GROUP BY shard, rule) s GROUP BY rule"
	rows="SELECT rule, count(*) AS n FROM order_decisions GROUP BY rule"
	one="SELECT d.rule, count(*) AS n FROM orders o, LATERAL dcv_decision(o.product, o.domain, o.designated, o.whois, o.order_date, false, o.dns_records) d GROUP BY d.rule"
	shard="SELECT rule, count(*) AS n FROM order_decisions GROUP BY rule"
	warm="SELECT count(*) FROM (SELECT 1 FROM orders_a LIMIT 1) a, (SELECT 1 FROM orders_b LIMIT 1) b;"
	# figure|database|settings|query
	figures=(
		"coordinator|shards_coord|$warm|$naive"
		"views, async|shards_coord|$warm SET enable_partitionwise_aggregate = on;|$views"
		"views, one by one|shards_coord|$warm SET enable_partitionwise_aggregate = on; ALTER SERVER shard_a OPTIONS (SET async_capable 'false'); ALTER SERVER shard_b OPTIONS (SET async_capable 'false');|$views"
		"views, rows|shards_coord|$warm SET enable_partitionwise_aggregate = off;|$rows"
		"one shard|shard_a|SET max_parallel_workers_per_gather = 0;|$shard"
		"one node|bench_one|SET max_parallel_workers_per_gather = 0;|$one"
		"one node, parallel|bench_one||$one"
	)
	echo "== $REPS rounds of ${#figures[@]} figures ..."
	for r in $(seq 1 "$REPS"); do
		for f in "${figures[@]}"; do
			IFS='|' read -r label db set sql <<<"$f"
			# In a transaction that is rolled back: ALTER SERVER is undone.
			res=$(q -At -d "$db" 2>>"$out/session.log" <<SQL
BEGIN;
$set
CREATE FUNCTION pg_temp.timed(q text, OUT ms float8, OUT answer text) LANGUAGE plpgsql AS \$\$
DECLARE t0 timestamptz := clock_timestamp();
BEGIN
  EXECUTE 'SELECT string_agg(rule || ''='' || n, '' '' ORDER BY rule) FROM (' || q || ') AS x' INTO answer;
  ms := 1000 * extract(epoch FROM clock_timestamp() - t0);
END \$\$;
SELECT ms || '|' || answer FROM pg_temp.timed(\$q\$$sql\$q\$);
ROLLBACK;
SQL
			) || { echo "bench/shards.sh: $label failed"; tail "$out/session.log"; exit 1; }
			res=$(grep '|' <<<"$res" | tail -1)
			printf '%s\t%s\t%s\t%s\n' "$label" "$r" "${res%%|*}" "${res#*|}" >>"$out/results.tsv"
		done
	done
	# The plans: where dcv_decision runs.
	{
		echo "-- coordinator"; q -d shards_coord -c "EXPLAIN (VERBOSE, COSTS OFF) $naive"
		echo "-- views, async"; q -d shards_coord -c "SET enable_partitionwise_aggregate = on" -c "EXPLAIN (VERBOSE, COSTS OFF) $views"
		echo "-- one node, parallel"; q -d bench_one -c "EXPLAIN (COSTS OFF) $one"
	} >"$out/plans.txt" 2>&1
	{
		bench_header "== dcv over postgres_fdw: $ROWS orders on two shards, one cluster, $REPS rounds"
		echo
		echo "-- The count of decisions by rule, ms (each run a session of its own)"
		awk -F'\t' -v order="coordinator|views, async|views, one by one|views, rows|one shard|one node|one node, parallel" '
			{ ms[$1] = ms[$1] " " $3 }
			# one shard counts half of the orders; every other figure all of them
			$1 != "one shard" { ans[$1 "\t" $4] = 1; answers[$4] = 1 }
			END {
				n = split(order, o, "|")
				printf "%-22s %10s %10s %10s\n", "figure", "median", "min", "÷ one node"
				for (i = 1; i <= n; i++) {
					k = split(substr(ms[o[i]], 2), v, " ")
					for (a = 1; a <= k; a++) for (b = a + 1; b <= k; b++) if (v[b] + 0 < v[a] + 0) { t = v[a]; v[a] = v[b]; v[b] = t }
					med[i] = v[int((k + 1) / 2)]; mn[i] = v[1]
				}
				for (i = 1; i <= n; i++)
					printf "%-22s %10.0f %10.0f %10.2f\n", o[i], med[i], mn[i], med[i] / med[6]
				c = 0; for (a in answers) c++
				print ""
				if (c == 1) for (a in answers) print "every figure but one shard gave the same counts: " a
				else { print "THE COUNTS DIFFER:"; for (x in ans) print "  " x }
			}' "$out/results.tsv"
		echo
		echo "-- Where dcv_decision runs (bench/out/shards/plans.txt):"
		{ grep -c 'dcv_decision' <(sed -n '/^-- coordinator/,/^-- views/p' "$out/plans.txt" | grep -v 'Remote SQL') || true; } \
			| sed 's/^/coordinator query, lines of the coordinator'\''s plan that call it: /'
		{ grep -c 'Remote SQL: SELECT shard, rule, count(\*) FROM public.order_decisions' "$out/plans.txt" || true; } \
			| sed 's/^/views query, Remote SQL statements that count on a shard: /'
	} | tee "$out/report.txt"
}
export -f inside
echo "== throwaway PostgreSQL $PGVER cluster ..."
pg_virtualenv -t -v "$PGVER" "${opts[@]}" bash -c inside
echo "== report: bench/out/shards/report.txt"
