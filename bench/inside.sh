#!/bin/bash
# bench/inside.sh: the part of bench/run.sh that runs inside the throwaway
# cluster (pg_virtualenv sets PGHOST, PGPORT, PGUSER, PGPASSWORD).  Takes its
# parameters from the BENCH_* variables that run.sh exports.
set -euo pipefail
cd "$(dirname "$0")/.."

out=$BENCH_OUT
db=dcv_bench
psql_db() { psql -X -q -v ON_ERROR_STOP=1 -d "$db" "$@"; }

psql -X -q -v ON_ERROR_STOP=1 -d postgres \
	-c "CREATE DATABASE $db TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8'"

echo "== setting up ($BENCH_ROWS orders) ..."
start=$(date +%s)
psql_db -v rows="$BENCH_ROWS" -v seed="$BENCH_SEED" -v insert_rows="$BENCH_INSERT_ROWS" \
	-v dns_rows="$BENCH_DNS_ROWS" \
	-f bench/setup.sql >"$out/setup.log" 2>&1 || { cat "$out/setup.log"; exit 1; }
grep -E 'WARNING|removed' "$out/setup.log" || true
echo "   done in $(( $(date +%s) - start )) s"

# The measuring session: one psql, one backend, every figure.
session=$out/session.sql
{
	cat <<'EOF'
\set ON_ERROR_STOP 1
\pset pager off
SET client_min_messages = warning;
SELECT pg_backend_pid() AS bpid \gset

-- Warm-up: the library, the product cache, the PL/pgSQL function compiled,
-- every page of orders read into shared buffers by this backend.
SELECT bench_time('floor', 0);
SELECT bench_calls('dcv_default_recipient', 1000), bench_calls('dcv_decision', 1000),
	   bench_calls('dcv_candidates', 1000), bench_calls('dcv_dns_contacts', 1000);
SELECT count(bench_plpgsql_recipient(product, domain, designated, whois, order_date))
FROM (SELECT * FROM orders LIMIT 1000) AS o;
SELECT bench_time(figure, 0) FROM bench_query
WHERE figure IN ('dns_none', 'dns_carried', 'dns_read', 'dns_contacts') ORDER BY ord;

-- Resident memory before and after a million calls of each function.
\set vmrss `awk '/^VmRSS:/ {print $2}' /proc/:bpid/status`
\set anon `awk '/^RssAnon:/ {print $2}' /proc/:bpid/status`
INSERT INTO bench_mem VALUES ('after warm-up', 0, 0, :vmrss, :anon);

-- A sampler outside the backend records RssAnon every 0.1 s until the
-- backend ends; "mark" lines tell which step the samples belong to.  It
-- sees what happens inside one long statement, which the readings between
-- statements do not.
\setenv BPID :bpid
\! echo "mark after warm-up" >>"$BENCH_OUT/rss-samples.txt"
\! sh -c 'while [ -e /proc/$BPID ]; do awk "/^RssAnon:/ {print \$2}" /proc/$BPID/status 2>/dev/null; sleep 0.1; done' >>"$BENCH_OUT/rss-samples.txt" 2>/dev/null &
EOF
	# Each function twice: growth that comes back in the second run is kept
	# per call; growth in the first run only is a cache or the allocator's
	# high-water mark.
	i=1
	# string_to_table, a built-in set-returning function that returns its rows
	# the way dcv_candidates does, in the same LATERAL shape, is its control.
	for f in dcv_default_recipient dcv_default_recipient dcv_decision dcv_decision \
		string_to_table string_to_table dcv_candidates dcv_candidates \
		dcv_dns_contacts dcv_dns_contacts; do
		step="$f, 1st"
		[ $((i % 2)) -eq 0 ] && step="$f, 2nd"
		[ "$f" = string_to_table ] && step="$step (control: built-in SRF)"
		cat <<EOF
\\echo memory: $BENCH_MEM_CALLS calls of $f ...
\\! echo "mark $step" >>"\$BENCH_OUT/rss-samples.txt"
SELECT bench_calls('$f', $BENCH_MEM_CALLS);
\\set vmrss \`awk '/^VmRSS:/ {print \$2}' /proc/:bpid/status\`
\\set anon \`awk '/^RssAnon:/ {print \$2}' /proc/:bpid/status\`
INSERT INTO bench_mem VALUES ('$step', $i, $BENCH_MEM_CALLS, :vmrss, :anon);
EOF
		i=$((i + 1))
	done
	echo '\! echo "mark timed rounds" >>"$BENCH_OUT/rss-samples.txt"'
	for r in $(seq 1 "$BENCH_REPS"); do
		cat <<EOF
\\echo round $r of $BENCH_REPS ...
CHECKPOINT;
SELECT bench_time('floor', $r);
SELECT bench_time('default_recipient', $r);
SELECT bench_time('decision', $r);
SELECT bench_time('candidates', $r);
SELECT bench_time('plpgsql', $r);
EOF
		# The two INSERTs, in turns first, each into an empty table.
		if [ $((r % 2)) -eq 1 ]; then ins="insert_plain insert_trigger"; else ins="insert_trigger insert_plain"; fi
		for f in $ins; do
			t=bench_ins_${f#insert_}
			cat <<EOF
TRUNCATE $t;
SELECT bench_time('$f', $r);
EOF
		done
		# DNS-published contacts: each pair of a scan with records and the same
		# orders without them back to back, in turns first.
		if [ $((r % 2)) -eq 1 ]; then
			dns="dns_none dns_carried dns_carried_null dns_read dns_read_alt dns_contacts"
		else
			dns="dns_contacts dns_read_alt dns_read dns_carried_null dns_carried dns_none"
		fi
		for f in $dns; do
			echo "SELECT bench_time('$f', $r);"
		done
		cat <<EOF
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 1;
SELECT bench_time('parallel_1', $r);
SET max_parallel_workers_per_gather = 2;
SELECT bench_time('parallel_2', $r);
RESET max_parallel_workers_per_gather;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
-- The floor is small and varies most: once more at the end of the round.
SELECT bench_time('floor', $r);
EOF
	done
} >"$session"

echo "== measuring: $BENCH_REPS rounds in one session ..."
start=$(date +%s)
psql_db -t -o /dev/null -f "$session" 2>&1 | tee "$out/session.log"
[ "${PIPESTATUS[0]}" -eq 0 ] || exit 1
echo "   done in $(( $(date +%s) - start )) s"

# The highest sample of each step.
awk '/^mark / {step = substr($0, 6); next} step != "" && $1 + 0 > peak[step] {peak[step] = $1 + 0}
	END {for (s in peak) printf "%s\t%d\n", s, peak[s]}' "$out/rss-samples.txt" >"$out/rss-peaks.tsv"
psql_db -c "\\copy bench_mem_peak FROM '$out/rss-peaks.tsv'"
psql_db -c "\\copy (SELECT r.*, q.label FROM bench_result r JOIN bench_query q USING (figure) ORDER BY at) TO '$out/results.csv' CSV HEADER"
psql_db -c "\\copy bench_mem TO '$out/memory.csv' CSV HEADER"

load_end=$(cut -d' ' -f1-3 /proc/loadavg)
psql_db -v rows="$BENCH_ROWS" -v reps="$BENCH_REPS" -v seed="$BENCH_SEED" \
	-v insert_rows="$BENCH_INSERT_ROWS" \
	-v cpu="$BENCH_CPU" -v cores="$BENCH_CORES" -v mem="$BENCH_MEM" -v kernel="$BENCH_KERNEL" \
	-v load_start="$BENCH_LOAD_START" -v load_end="$load_end" \
	-v idn2="$BENCH_IDN2" -v psl="$BENCH_PSL" -v publicsuffix="$BENCH_PUBLICSUFFIX" \
	-v settings="$BENCH_SETTINGS" -v build="$BENCH_BUILD" \
	-f bench/report.sql | tee "$out/report.txt"
