#!/bin/bash
# bench/compare.sh [ROWS]: what an order without DNS records costs in the
# current tree (1.1) against 1.0.
#
# 1.1 gave dcv_default_recipient, dcv_decision and dcv_candidates a last
# parameter, dns_records; an order without records (NULL) should cost what it
# cost in 1.0.  Only one build of dcv can be installed in a PostgreSQL at a
# time, so the script
#   1. builds 1.0 (commit BENCH_BASE_COMMIT, default e85e015) in a temporary
#      directory, builds the current tree and installs it;
#   2. in a throwaway cluster, builds the order table of bench/run.sh (ROWS
#      rows, default 200000, bench/setup.sql) and, in one session, measures
#      the orders without records (orders_nodns, bench/subsets.sql) with the
#      current build: the floor, dcv_default_recipient, dcv_decision and
#      dcv_candidates, with dns_records NULL as the 7th argument;
#   3. installs 1.0, drops and creates the extension, and measures the same
#      rows with the 6-argument calls of 1.0 in a new session;
#   4. installs the current tree again (make -s install), drops and creates
#      the extension, and measures it once more: 1.1 before and after 1.0;
#   5. prints each run's figures as multiples of the floor of the same
#      session, 1.1 ÷ 1.0, and whether both versions decide alike.
# The runs of the current tree also take the DNS figures of bench/run.sh (the
# cost of a record line, dcv_dns_contacts per line), so that one comparison
# gives every figure of the DNS-published contacts.
# Each session checks that the library it has mapped is the build it means to
# measure (/proc/<pid>/map_files), so a build installed by anything else in
# the meantime cannot pass for it.
#
# While 1.0 is installed, /tmp/dcv-bench-1.0.lock exists: it is created
# before 1.0 is installed (the script refuses to start if it exists) and
# removed once the installed files are the current tree's again, on failure
# and interruption too.  If the current tree cannot be installed again, the
# lock stays and the script says so.
#
# Run as root (it installs).  Environment: BENCH_REPS (5: rounds a run, odd,
# 3 to 99), BENCH_SEED (0.2018), BENCH_DNS_ROWS (200000) and
# BENCH_SHARED_BUFFERS (2GB) as bench/run.sh, BENCH_BASE_COMMIT (e85e015).
# Output in bench/out/compare/.
set -euo pipefail
cd "$(dirname "$0")/.."

REPO=$PWD
LOCK=/tmp/dcv-bench-1.0.lock
OUT=$REPO/bench/out/compare
PKGLIB=$(pg_config --pkglibdir)
SHAREEXT=$(pg_config --sharedir)/extension

# Whether the installed library, control file and scripts are the current tree's.
installed_is_current() {
	cmp -s "$PKGLIB/dcv.so" "$REPO/dcv.so" && cmp -s "$SHAREEXT/dcv.control" "$REPO/dcv.control" || return 1
	local f
	for f in "$REPO"/dcv--*.sql; do
		cmp -s "$SHAREEXT/${f##*/}" "$f" || return 1
	done
}

# While our lock exists 1.0 may be installed: install the current tree, check
# it, and only then remove the lock.
restore_current() {
	[ -f "$LOCK" ] && [ "$(head -1 "$LOCK" 2>/dev/null)" = "run $BENCH_COMPARE_RUN" ] || return 0
	echo "== installing the current tree again (make -s install in $REPO) ..."
	if (cd "$REPO" && make -s install) >>"$OUT/build.log" 2>&1 && installed_is_current; then
		rm -f "$LOCK"
		echo "   $PKGLIB/dcv.so is the current tree's build again; $LOCK removed"
	else
		echo "bench/compare.sh: the current tree could not be installed again (bench/out/compare/build.log):" \
			"1.0 may still be installed, so $LOCK stays; run make install in $REPO, then remove it" >&2
		return 1
	fi
}

if [ -z "${BENCH_COMPARE_INSIDE:-}" ]; then
	usage() { echo "usage: bench/compare.sh [ROWS]   (ROWS >= 1000, default 200000)" >&2; exit 2; }
	ROWS=${1:-200000}
	[[ $ROWS =~ ^[0-9]+$ ]] && [ "$ROWS" -ge 1000 ] || usage
	REPS=${BENCH_REPS:-5}
	if ! [[ $REPS =~ ^[0-9]+$ ]] || [ "$REPS" -lt 3 ] || [ "$REPS" -gt 99 ] || [ $((REPS % 2)) -eq 0 ]; then
		echo "BENCH_REPS must be odd, from 3 to 99" >&2
		exit 2
	fi
	if [ "$(id -u)" -ne 0 ]; then
		echo "bench/compare.sh installs 1.0 and then the current tree: run it as root" >&2
		exit 2
	fi
	if [ -e "$LOCK" ]; then
		echo "bench/compare.sh: $LOCK exists, so 1.0 may be installed by another comparison:" >&2
		sed 's/^/    /' "$LOCK" >&2 || true
		exit 1
	fi
	BASE=${BENCH_BASE_COMMIT:-e85e015}
	mkdir -p "$OUT"
	rm -f "$OUT"/*
	test/install-deps.sh

	V10=$(mktemp -d /tmp/dcv10.XXXXXX)
	export BENCH_COMPARE_RUN="$$-$(date +%s)" BENCH_COMPARE_PID=$$
	# Runs after the cluster and everything in it have ended.
	trap 'rc=$?; restore_current || rc=1; rm -rf "$V10"; exit $rc' EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM

	echo "== building 1.0 (commit $BASE) in $V10 ..."
	git -C "$REPO" archive "$BASE" | tar -x -C "$V10"
	if ! make -C "$V10" -s >"$OUT/build-1.0.log" 2>&1; then
		cat "$OUT/build-1.0.log"
		echo "bench/compare.sh: the build of 1.0 failed" >&2
		exit 1
	fi
	echo "== building and installing the current tree ..."
	if ! { make -s && make -s install; } >"$OUT/build.log" 2>&1; then
		cat "$OUT/build.log"
		echo "bench/compare.sh: the build failed" >&2
		exit 1
	fi
	installed_is_current || { echo "bench/compare.sh: make install did not install the current tree" >&2; exit 1; }

	export BENCH_COMPARE_INSIDE=1 BENCH_V10=$V10 BENCH_BASE=$BASE BENCH_ROWS=$ROWS BENCH_REPS=$REPS
	export BENCH_SEED=${BENCH_SEED:-0.2018}
	export BENCH_DNS_ROWS=${BENCH_DNS_ROWS:-200000}
	[[ $BENCH_DNS_ROWS =~ ^[0-9]+$ ]] || { echo "BENCH_DNS_ROWS must be a number of rows" >&2; exit 2; }
	. bench/machine.sh

	# The settings of bench/run.sh.
	SB=${BENCH_SHARED_BUFFERS:-2GB}
	SETTINGS=(shared_buffers=$SB jit=off max_parallel_workers_per_gather=0
		enable_memoize=off autovacuum=off checkpoint_timeout=1h max_wal_size=20GB
		synchronous_commit=off track_io_timing=off log_min_duration_statement=-1)
	export BENCH_SETTINGS="${SETTINGS[*]} fsync=off"
	opts=()
	for s in "${SETTINGS[@]}"; do opts+=(-o "$s"); done
	PGVER=$(pg_config --version | sed -E 's/^PostgreSQL ([0-9]+).*/\1/')
	PGPORT=${PGPORT:-$(bench/free-port.sh)}
	export PGPORT
	echo "== throwaway PostgreSQL $PGVER cluster ..."
	pg_virtualenv -t -v "$PGVER" "${opts[@]}" bash "$0"
	echo "== report: bench/out/compare/report.txt, raw runs: bench/out/compare/results.csv"
	exit 0
fi

# ---- inside the throwaway cluster (pg_virtualenv sets PGHOST, PGPORT, ...) ----
V10=$BENCH_V10
db=dcv_cmp
psql_db() { psql -X -q -v ON_ERROR_STOP=1 -d "$db" "$@"; }
trap 'rc=$?; restore_current || rc=1; exit $rc' EXIT

# run_phase PHASE NAME VERSION LIBRARY: one session measuring orders_nodns
# with the build installed (and, but on 1.0, the DNS figures of bench/run.sh),
# rounds PHASE*100 + 1 ..., its decisions kept in cmp_answer; then the check
# that the session ran LIBRARY.
run_phase() {
	local phase=$1 name=$2 ver=$3 so=$4
	local base=$((phase * 100)) v=11 dns=", dns_records" session=$OUT/session-$phase.sql
	if [ "$ver" = 1.0 ]; then v=10; dns=""; fi
	{
		cat <<EOF
\\set ON_ERROR_STOP 1
\\pset pager off
SET client_min_messages = warning;
SELECT pg_backend_pid() AS bpid \\gset
INSERT INTO cmp_phase VALUES ($phase, '$name', '$ver',
	(SELECT extversion FROM pg_extension WHERE extname = 'dcv'), NULL);
-- Warm-up: the library, the product cache, every page of orders_nodns.
SELECT bench_time('cmp_floor', $base);
SELECT bench_time('cmp_dr_$v', $base);
SELECT bench_time('cmp_decision_$v', $base);
SELECT bench_time('cmp_candidates_$v', $base);
EOF
		if [ "$v" = 11 ]; then
			cat <<EOF
SELECT bench_time(figure, $base) FROM bench_query
WHERE figure IN ('dns_carried', 'dns_read', 'dns_contacts') ORDER BY ord;
DELETE FROM bench_result WHERE figure LIKE 'dns%' AND round = $base;
EOF
		fi
		cat <<EOF
INSERT INTO cmp_answer
SELECT $phase, id, (d).recipients, (d).rule, (d).problem
FROM (SELECT id, dcv_decision(product, domain, designated, whois, order_date, false$dns) AS d
	  FROM orders_nodns) AS s;
ANALYZE cmp_answer;
CHECKPOINT;
EOF
		for r in $(seq 1 "$BENCH_REPS"); do
			cat <<EOF
\\echo '$name: round $r of $BENCH_REPS ...'
SELECT bench_time('cmp_floor', $((base + r)));
SELECT bench_time('cmp_dr_$v', $((base + r)));
SELECT bench_time('cmp_decision_$v', $((base + r)));
SELECT bench_time('cmp_candidates_$v', $((base + r)));
EOF
			if [ "$v" = 11 ]; then
				if [ $((r % 2)) -eq 1 ]; then
					dns="dns_carried dns_carried_null dns_read dns_read_alt dns_contacts"
				else
					dns="dns_contacts dns_read_alt dns_read dns_carried_null dns_carried"
				fi
				for f in $dns; do
					echo "SELECT bench_time('$f', $((base + r)));"
				done
			fi
			echo "SELECT bench_time('cmp_floor', $((base + r)));"
		done
		# The file this backend has mapped as dcv.so, compared with the build.
		cat <<EOF
\\setenv BPID :bpid
\\! f=\$(awk '/\\/dcv\\.so/ {print \$1; exit}' /proc/\$BPID/maps); if [ -n "\$f" ] && cmp -s "/proc/\$BPID/map_files/\$f" "$so"; then echo same; else echo differs; fi >"$OUT/library-$phase.txt"
EOF
	} >"$session"
	psql_db -t -o /dev/null -f "$session" 2>&1 | tee -a "$OUT/session.log"
	[ "${PIPESTATUS[0]}" -eq 0 ] || exit 1
	if [ "$(cat "$OUT/library-$phase.txt" 2>/dev/null)" != same ]; then
		echo "bench/compare.sh: the session of '$name' did not run $so (another build was installed meanwhile?)" >&2
		exit 1
	fi
	psql_db -c "UPDATE cmp_phase SET library = '$so' WHERE phase = $phase"
}

# recreate VERSION: the extension dropped and created from the files installed.
recreate() {
	local got
	psql_db -c "SET client_min_messages = warning" -c "DROP EXTENSION dcv CASCADE" -c "CREATE EXTENSION dcv"
	got=$(psql_db -At -c "SELECT extversion FROM pg_extension WHERE extname = 'dcv'")
	if [ "$got" != "$1" ]; then
		echo "bench/compare.sh: CREATE EXTENSION dcv made version $got, not $1" >&2
		exit 1
	fi
}

psql -X -q -v ON_ERROR_STOP=1 -d postgres \
	-c "CREATE DATABASE $db TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8'"
echo "== setting up ($BENCH_ROWS orders, the current build) ..."
start=$(date +%s)
psql_db -v rows="$BENCH_ROWS" -v seed="$BENCH_SEED" -v insert_rows=1000 -v dns_rows="$BENCH_DNS_ROWS" \
	-f bench/setup.sql >"$OUT/setup.log" 2>&1 || { cat "$OUT/setup.log"; exit 1; }
psql_db -f bench/compare.sql >>"$OUT/setup.log" 2>&1 || { cat "$OUT/setup.log"; exit 1; }
grep -E 'WARNING|removed' "$OUT/setup.log" || true
echo "   done in $(( $(date +%s) - start )) s"
CUR_VERSION=$(psql_db -At -c "SELECT extversion FROM pg_extension WHERE extname = 'dcv'")

run_phase 0 "1.1, before 1.0" "$CUR_VERSION" "$REPO/dcv.so"

# The 1.0 window: the lock first, then 1.0 installed.
if ! (set -o noclobber; printf 'run %s\npid %s\nsince %s\n%s\n' "$BENCH_COMPARE_RUN" "$BENCH_COMPARE_PID" "$(date -Is)" \
	"dcv 1.0 (commit $BENCH_BASE) is installed in this PostgreSQL by $REPO/bench/compare.sh until this file is removed" \
	>"$LOCK") 2>/dev/null; then
	echo "bench/compare.sh: $LOCK appeared meanwhile; 1.0 not installed" >&2
	exit 1
fi
echo "== installing 1.0 ($LOCK created) ..."
make -C "$V10" -s install >>"$OUT/build-1.0.log" 2>&1 || { cat "$OUT/build-1.0.log"; exit 1; }
cmp -s "$PKGLIB/dcv.so" "$V10/dcv.so" || { echo "bench/compare.sh: 1.0 was not installed" >&2; exit 1; }
recreate 1.0
run_phase 1 "1.0" 1.0 "$V10/dcv.so"
restore_current
# The window is closed.

recreate "$CUR_VERSION"
run_phase 2 "1.1, after 1.0" "$CUR_VERSION" "$REPO/dcv.so"

psql_db -c "\\copy (SELECT r.*, p.name AS run, q.label FROM bench_result AS r JOIN bench_query AS q USING (figure) JOIN cmp_phase AS p ON p.phase = r.round / 100 ORDER BY at) TO '$OUT/results.csv' CSV HEADER"
load_end=$(cut -d' ' -f1-3 /proc/loadavg)
psql_db -v reps="$BENCH_REPS" -v seed="$BENCH_SEED" -v base="$BENCH_BASE" -v build="$BENCH_BUILD" \
	-v cpu="$BENCH_CPU" -v cores="$BENCH_CORES" -v mem="$BENCH_MEM" -v kernel="$BENCH_KERNEL" \
	-v load_start="$BENCH_LOAD_START" -v load_end="$load_end" \
	-v idn2="$BENCH_IDN2" -v psl="$BENCH_PSL" -v publicsuffix="$BENCH_PUBLICSUFFIX" \
	-v settings="$BENCH_SETTINGS" \
	-f bench/compare-report.sql | tee "$OUT/report.txt"
