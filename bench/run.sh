#!/bin/bash
# bench/run.sh [ROWS]: the dcv benchmark.
#
# Builds a seeded order table of ROWS rows (default 1000000) in a throwaway
# PostgreSQL cluster and measures, in one session, the time per row of a
# trivial expression (the floor), dcv_default_recipient, dcv_decision,
# dcv_candidates, the PL/pgSQL version of the rules in bench/plpgsql_rules.sql,
# INSERT with and without dcv_recipient_trigger, a parallel scan, what the
# DNS records of an order cost (per record line, and dcv_dns_contacts), and
# the backend's resident memory over a million calls.  Prints a table of
# medians and keeps everything in bench/out/.  See bench/README.md.
# bench/compare.sh sets the orders without records against the 1.0 build.
#
# Run as root on Debian 12 it installs what it needs (test/install-deps.sh)
# and the extension (make install); otherwise dcv must be installed already.
#
# Environment:
#   BENCH_REPS=5            runs of each figure (odd, at least 3)
#   BENCH_SEED=0.2018       setseed() value for the order table
#   BENCH_INSERT_ROWS=100000  rows of the INSERT figures (at most ROWS)
#   BENCH_MEM_CALLS=1000000   calls per function in the memory figure
#   BENCH_DNS_ROWS=200000     least rows of each table of orders with DNS
#                             records (copies of them; bench/subsets.sql)
#   BENCH_SHARED_BUFFERS=2GB  shared_buffers of the throwaway cluster
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { echo "usage: bench/run.sh [ROWS]   (ROWS >= 1000, default 1000000)" >&2; exit 2; }
ROWS=${1:-1000000}
[[ $ROWS =~ ^[0-9]+$ ]] && [ "$ROWS" -ge 1000 ] || usage
REPS=${BENCH_REPS:-5}
if ! [[ $REPS =~ ^[0-9]+$ ]] || [ "$REPS" -lt 3 ] || [ $((REPS % 2)) -eq 0 ]; then
	echo "BENCH_REPS must be odd and at least 3 (the median of an odd count is a run)" >&2
	exit 2
fi
INSERT_ROWS=${BENCH_INSERT_ROWS:-100000}
[[ ${BENCH_DNS_ROWS:-200000} =~ ^[0-9]+$ ]] || { echo "BENCH_DNS_ROWS must be a number of rows" >&2; exit 2; }
[ "$INSERT_ROWS" -le "$ROWS" ] || INSERT_ROWS=$ROWS

export BENCH_OUT=$PWD/bench/out
mkdir -p "$BENCH_OUT"
rm -f "$BENCH_OUT"/*.log "$BENCH_OUT"/*.csv "$BENCH_OUT"/report.txt "$BENCH_OUT"/session.sql \
	"$BENCH_OUT"/rss-samples.txt "$BENCH_OUT"/rss-peaks.tsv

. bench/prepare.sh
bench_build "$BENCH_OUT"

export BENCH_ROWS=$ROWS BENCH_REPS=$REPS BENCH_INSERT_ROWS=$INSERT_ROWS
export BENCH_SEED=${BENCH_SEED:-0.2018}
export BENCH_MEM_CALLS=${BENCH_MEM_CALLS:-1000000}
export BENCH_DNS_ROWS=${BENCH_DNS_ROWS:-200000}

# Settings for measuring CPU cost: the table in shared buffers, no JIT, no
# parallel query but where the scaling figure asks for it, no checkpoint or
# autovacuum in the middle of a figure, no Memoize node (it would cache
# dcv_candidates' rows per (domain, whois) and the figure would measure the
# cache, whose memory would also show in the memory figure).  fsync is off in
# every pg_virtualenv cluster; the INSERT figures measure the executor, not
# the disk.
SB=${BENCH_SHARED_BUFFERS:-2GB}
SETTINGS=(shared_buffers=$SB jit=off max_parallel_workers_per_gather=0
	max_parallel_workers=8 max_worker_processes=16 enable_memoize=off
	autovacuum=off checkpoint_timeout=1h max_wal_size=20GB synchronous_commit=off
	track_io_timing=off log_min_duration_statement=-1)
bench_cluster "${SETTINGS[@]}"
echo "== throwaway PostgreSQL $PGVER cluster ..."
pg_virtualenv -t -v "$PGVER" "${opts[@]}" bash bench/inside.sh
echo "== report: bench/out/report.txt, raw runs: bench/out/results.csv, bench/out/memory.csv"
