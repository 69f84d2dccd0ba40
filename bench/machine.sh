# bench/machine.sh: sourced by bench/run.sh and bench/compare.sh.  Exports
# what the reports print about the machine, the libraries and the build
# measured (BENCH_CPU ... BENCH_BUILD).
pkgver() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null || echo "?"; }
export BENCH_CPU=$(lscpu | sed -n 's/^Model name: *//p' | head -1)
export BENCH_CORES=$(nproc)
export BENCH_MEM=$(free -g | awk '/^Mem:/ {print $2 " GiB"}')
export BENCH_KERNEL="$(uname -r)$(lscpu | sed -n 's/^Hypervisor vendor: */, hypervisor /p')"
export BENCH_LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
export BENCH_IDN2="libidn2 $(pkg-config --modversion libidn2) (Debian $(pkgver libidn2-0))"
export BENCH_PSL="libpsl $(pkg-config --modversion libpsl) (Debian $(pkgver libpsl5))"
export BENCH_PUBLICSUFFIX="publicsuffix $(pkgver publicsuffix)"
# The code measured: the commit, and whether the C sources differ from it.
if git rev-parse --short HEAD >/dev/null 2>&1; then
	BENCH_BUILD="commit $(git rev-parse --short HEAD)"
	[ -z "$(git --no-optional-locks status --porcelain -- src Makefile 'dcv--*.sql' 2>/dev/null)" ] \
		|| BENCH_BUILD="$BENCH_BUILD with uncommitted changes in src/"
else
	BENCH_BUILD="not a git checkout"
fi
export BENCH_BUILD
