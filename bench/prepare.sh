# bench/prepare.sh: sourced by bench/costs.sh and bench/shards.sh once $out
# names their output directory.  As root: installs what the build needs
# (test/install-deps.sh); builds dcv, and as root installs it (the log in
# $out/build.log); sources bench/machine.sh; sets the throwaway cluster's
# settings, PostgreSQL's planner defaults but for what keeps a measurement
# steady (SETTINGS, and opts for pg_virtualenv -o), PGVER, a free PGPORT,
# BENCH_SEED and BENCH_SETTINGS.
if [ "$(id -u)" -eq 0 ]; then
	test/install-deps.sh
fi
echo "== building and installing dcv ..."
if ! { make -s && { [ "$(id -u)" -ne 0 ] || make -s install; }; } >"$out/build.log" 2>&1; then
	cat "$out/build.log"
	echo "$0: the build failed" >&2
	exit 1
fi
. bench/machine.sh

SB=${BENCH_SHARED_BUFFERS:-2GB}
SETTINGS=(shared_buffers=$SB autovacuum=off checkpoint_timeout=1h max_wal_size=20GB
	synchronous_commit=off log_min_duration_statement=-1)
opts=()
for s in "${SETTINGS[@]}"; do opts+=(-o "$s"); done
PGVER=$(pg_config --version | sed -E 's/^PostgreSQL ([0-9]+).*/\1/')
PGPORT=${PGPORT:-$(bench/free-port.sh)}
export PGPORT
export BENCH_SEED=${BENCH_SEED:-0.2018}
export BENCH_SETTINGS="${SETTINGS[*]} fsync=off"
