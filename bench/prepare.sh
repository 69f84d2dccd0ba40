# bench/prepare.sh: sourced by bench/run.sh, bench/costs.sh and
# bench/shards.sh.  Defines:
#
#   bench_build DIR     as root, installs what the build needs
#                       (test/install-deps.sh); builds dcv and, as root,
#                       installs it; the log in DIR/build.log; then sources
#                       bench/machine.sh (the machine as the measurement
#                       starts)
#   bench_cluster SETTING...  the throwaway cluster's settings: opts (for
#                       pg_virtualenv -o), PGVER, a free PGPORT (pg_createcluster
#                       would take 5432 each time, and two throwaway clusters
#                       started at once would collide) unless PGPORT is set,
#                       BENCH_SETTINGS (what a report prints; fsync is off in
#                       every pg_virtualenv cluster)
#   bench_header TITLE  prints a report's title and the machine, libraries,
#                       build and settings measured (exported: callable from
#                       a function run inside the cluster)
bench_build() {
	if [ "$(id -u)" -eq 0 ]; then
		test/install-deps.sh
	fi
	echo "== building and installing dcv ..."
	if ! { make -s && { [ "$(id -u)" -ne 0 ] || make -s install; }; } >"$1/build.log" 2>&1; then
		cat "$1/build.log"
		echo "$0: the build failed" >&2
		exit 1
	fi
	. bench/machine.sh
}

bench_cluster() {
	opts=()
	for s in "$@"; do opts+=(-o "$s"); done
	PGVER=$(pg_config --version | sed -E 's/^PostgreSQL ([0-9]+).*/\1/')
	PGPORT=${PGPORT:-$(bench/free-port.sh)}
	export PGPORT
	export BENCH_SETTINGS="$* fsync=off"
}

bench_header() {
	echo "$1"
	echo
	echo "CPU:          $BENCH_CPU, $BENCH_CORES cores, $BENCH_MEM"
	echo "kernel:       $BENCH_KERNEL"
	echo "load average: $BENCH_LOAD_START (start), $(cut -d' ' -f1-3 /proc/loadavg) (end)"
	echo "PostgreSQL:   $(psql -X -Atc 'SELECT version()')"
	echo "dcv:          $BENCH_BUILD"
	echo "libraries:    $BENCH_IDN2, $BENCH_PSL, $BENCH_PUBLICSUFFIX"
	echo "settings:     $BENCH_SETTINGS"
}
export -f bench_header

# What costs.sh and shards.sh set: PostgreSQL's planner defaults but for what
# keeps a measurement steady.
BENCH_STEADY=(shared_buffers=${BENCH_SHARED_BUFFERS:-2GB} autovacuum=off checkpoint_timeout=1h
	max_wal_size=20GB synchronous_commit=off log_min_duration_statement=-1)
