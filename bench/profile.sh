#!/bin/bash
# bench/profile.sh [ROWS]: where the time of dcv_default_recipient goes.
#
# In a throwaway cluster, builds the benchmark's order table (ROWS rows,
# default 20000, same generator and seed as bench/run.sh) and profiles the
# scan "SELECT sum(cardinality(dcv_default_recipient(...))) FROM orders" two
# ways:
#   perf      samples of the whole backend while it repeats the scan (flat
#             profile: executor, dcv, libidn2, libpsl, palloc, libc ...);
#   callgrind instructions executed inside dcv_default_recipient_sql only,
#             exact and unaffected by other load on the machine, per call,
#             inclusive and exclusive (single-user postgres under valgrind).
# Both profile a warm backend: one-time set-up (the product cache, tables
# built on first use) is left out.
# Writes bench/out/profile/{perf.txt,callgrind.txt} and prints a summary.
# libidn2 and libpsl come stripped on Debian: their internal functions show
# as addresses, so the summary also adds costs up per library.
#
# Environment: BENCH_SEED (as bench/run.sh), BENCH_PERF_SECONDS (default 10).
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=$PWD/bench/out/profile
SCAN="SELECT sum(cardinality(dcv_default_recipient(product, domain, designated, whois, order_date, false, dns_records))) FROM orders"

if [ -z "${BENCH_PROFILE_INSIDE:-}" ]; then
	ROWS=${1:-20000}
	[[ $ROWS =~ ^[0-9]+$ ]] && [ "$ROWS" -ge 100 ] || { echo "usage: bench/profile.sh [ROWS]" >&2; exit 2; }
	mkdir -p "$OUT"
	rm -f "$OUT"/*
	if [ "$(id -u)" -eq 0 ]; then
		test/install-deps.sh
		if ! command -v perf >/dev/null; then
			apt-get update -qq
			DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends linux-perf >/dev/null
		fi
	fi
	{ make -s && { [ "$(id -u)" -ne 0 ] || make -s install; }; } >"$OUT/build.log" 2>&1 \
		|| { cat "$OUT/build.log"; exit 1; }
	PGVER=$(pg_config --version | sed -E 's/^PostgreSQL ([0-9]+).*/\1/')
	export BENCH_PROFILE_INSIDE=1 BENCH_ROWS=$ROWS PGVER
	export PGPORT=${PGPORT:-$(bench/free-port.sh)}  # see bench/run.sh
	exec pg_virtualenv -t -v "$PGVER" -o jit=off -o max_parallel_workers_per_gather=0 \
		-o shared_buffers=512MB -o autovacuum=off bash "$0"
fi

# ---- inside the throwaway cluster ----
db=dcv_bench
psql -X -q -v ON_ERROR_STOP=1 -d postgres \
	-c "CREATE DATABASE $db TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8'"
echo "== $BENCH_ROWS orders ..."
psql -X -q -v ON_ERROR_STOP=1 -d "$db" -v rows="$BENCH_ROWS" -v seed="${BENCH_SEED:-0.2018}" >"$OUT/setup.log" 2>&1 <<'EOF' || { cat "$OUT/setup.log"; exit 1; }
CREATE EXTENSION dcv;
\ir bench/data.sql
VACUUM (FREEZE, ANALYZE) orders;
EOF

# -- perf: the whole backend, sampled while it repeats the scan.
if command -v perf >/dev/null; then
	secs=${BENCH_PERF_SECONDS:-10}
	echo "== perf: sampling the backend for about $secs s ..."
	psql -X -q -v ON_ERROR_STOP=1 -d "$db" -o /dev/null >"$OUT/perf-session.log" 2>&1 <<EOF
SELECT pg_backend_pid() AS bpid \\gset
\\setenv BPID :bpid
\\setenv OUT $OUT
$SCAN;
\\! perf record -F 1999 -p \$BPID -o \$OUT/perf.data >\$OUT/perf-record.log 2>&1 & echo \$! >\$OUT/perf.pid
SELECT pg_sleep(1);
DO \$\$
DECLARE t0 timestamptz := clock_timestamp(); n bigint;
BEGIN
	WHILE clock_timestamp() - t0 < interval '$secs seconds' LOOP
		EXECUTE '$SCAN' INTO n;
	END LOOP;
END
\$\$;
\\! kill -INT \$(cat \$OUT/perf.pid); while kill -0 \$(cat \$OUT/perf.pid) 2>/dev/null; do sleep 0.2; done
EOF
	perf report -i "$OUT/perf.data" --no-children --sort dso,sym --stdio --percent-limit 0.3 \
		>"$OUT/perf.txt" 2>/dev/null
	perf report -i "$OUT/perf.data" --no-children --sort dso --stdio >"$OUT/perf-dso.txt" 2>/dev/null
	echo
	echo "-- perf, share of the backend's samples by library"
	grep -E '^ +[0-9.]+%' "$OUT/perf-dso.txt" | head -12
	echo
	echo "-- perf, top 25 functions (self)"
	grep -E '^ +[0-9.]+%' "$OUT/perf.txt" | head -25
else
	echo "(perf is not installed: no sampled profile)"
fi

# -- callgrind: instructions inside dcv_default_recipient_sql, single-user.
if command -v valgrind >/dev/null; then
	CALLS=$(( BENCH_ROWS < 5000 ? BENCH_ROWS : 5000 ))
	echo
	echo "== callgrind: $CALLS calls of dcv_default_recipient in single-user postgres ..."
	conf=$(psql -X -At -d "$db" -c "SHOW config_file")
	confdir=$(dirname "$conf")
	pg_ctlcluster "$PGVER" regress stop
	owner=$(stat -c %U "$conf")
	run_as() { if [ "$(id -un)" = "$owner" ]; then "$@"; else runuser -u "$owner" -- "$@"; fi; }
	tmp=$(mktemp -d)
	chmod 777 "$tmp"
	# The first statement warms up (product cache, Public Suffix List
	# structures, libidn2) through dcv_decision, which is not collected; the
	# second is measured.
	printf '%s\n' \
		"SELECT count(dcv_decision(product, domain, designated, whois, order_date, false, dns_records)) FROM orders;" \
		"SELECT sum(cardinality(dcv_default_recipient(product, domain, designated, whois, order_date, false, dns_records))) FROM (SELECT * FROM orders LIMIT $CALLS) AS o;" |
		run_as valgrind --tool=callgrind --callgrind-out-file="$tmp/callgrind.out" \
			--collect-atstart=no --toggle-collect=dcv_default_recipient_sql \
			"$(pg_config --bindir)/postgres" --single -D "$confdir" -c jit=off "$db" \
			>"$OUT/callgrind-run.log" 2>&1
	pg_ctlcluster "$PGVER" regress start
	cp "$tmp/callgrind.out" "$OUT/callgrind.out"
	rm -rf "$tmp"
	callgrind_annotate --auto=no --inclusive=yes "$OUT/callgrind.out" >"$OUT/callgrind-inclusive.txt"
	callgrind_annotate --auto=no --inclusive=no "$OUT/callgrind.out" >"$OUT/callgrind.txt"
	callgrind_annotate --auto=no --threshold=100 --tree=caller "$OUT/callgrind.out" >"$OUT/callgrind-callers.txt"
	total=$(awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}' "$OUT/callgrind.txt")
	echo "instructions in dcv_default_recipient_sql: $total, $((total / CALLS)) per call"
	# Function lines: "Ir (share)  file:function [object]"; lines without an
	# object are functions inlined from headers, in dcv.so (the only object
	# here with debug information).
	funcs() { awk '/file:function/ {f = 1; next} f && /^ *[0-9,]+ \(/' "$1"; }
	echo
	echo "-- callgrind, share of those instructions by object (exclusive)"
	funcs "$OUT/callgrind.txt" | awk -v total="$total" '
		{
			n = $1; gsub(",", "", n)
			lib = "dcv.so (inlined)"
			if (match($0, /\[[^]]*\]$/)) { lib = substr($0, RSTART + 1, RLENGTH - 2); sub(/.*\//, "", lib) }
			by[lib] += n
		}
		END { for (l in by) printf "%6.1f%%  %s\n", 100 * by[l] / total, l }' | sort -rn | head -10
	echo
	echo "-- callgrind, top 20 functions (exclusive)"
	funcs "$OUT/callgrind.txt" | head -20
	echo
	echo "-- callgrind, top 15 functions (inclusive, below dcv_default_recipient_sql)"
	funcs "$OUT/callgrind-inclusive.txt" | grep -v '100.0%' | head -15
	echo
	# Callgrind counts calls even while it does not collect costs, so these
	# counts cover the warm-up statement too: they are divided by the calls of
	# dcv_decide_sql, made once per row by both statements.
	echo "-- callgrind, calls per row (averaged over the warm-up and the measured statement)"
	awk '
		/^ *[0-9,]+ \([ 0-9.]+%\)  < / { if (match($0, /\(([0-9,]+)x\)/)) { c = substr($0, RSTART + 1, RLENGTH - 3); gsub(",", "", c); sum += c } next }
		/^ *[0-9,]+ \([ 0-9.]+%\)  \* / {
			f = $0; sub(/.*\*  /, "", f); sub(/ \[.*/, "", f); sub(/^[^:]*:/, "", f)
			n[f] += sum; sum = 0; next
		}
		{ sum = 0 }
		END {
			rows = n["dcv_decide_sql"]
			if (rows == 0) { print "(no calls of dcv_decide_sql found)"; exit }
			split("palloc palloc0 MemoryContextAlloc MemoryContextAllocZero MemoryContextAllocHuge repalloc pfree malloc free idn2_to_ascii_8z idn2_lookup_u8 psl_is_public_suffix2 psl_registrable_domain construct_md_array deconstruct_array detoast_attr pg_any_to_server heap_form_tuple qsort", want, " ")
			for (i in want) if (n[want[i]] > 0) printf "%10.2f  %s\n", n[want[i]] / rows, want[i]
		}' "$OUT/callgrind-callers.txt" | sort -rn
	echo "(an unnamed postgres address called from palloc, palloc0 and MemoryContextAllocHuge is"
	echo " AllocSetAlloc; see callgrind-callers.txt for the callers of any other address)"
fi
echo
echo "== full listings in bench/out/profile/"
