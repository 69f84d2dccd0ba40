#!/bin/bash
# run.sh [SECONDS_PER_HARNESS]
#	Builds the libFuzzer harnesses of the core (src/core) with clang,
#	AddressSanitizer and UndefinedBehaviorSanitizer into test/fuzz/build/,
#	and runs each for SECONDS_PER_HARNESS seconds (default 20; 0 runs the
#	seed corpus once and nothing more) on a copy of its seed corpus, so the
#	committed corpus never grows.  Prints one line per harness, the crash
#	input and stack of any that fails, and ends with
#	"fuzz: N passed, N failed".  Exits non-zero when anything failed.
#
#	Environment: CLANG (compiler, default clang-14, else clang); FUZZ_OPTS,
#	extra libFuzzer options (e.g. FUZZ_OPTS=-use_value_profile=1).  The
#	harnesses run one after the other, one process each.
set -u

cd "$(dirname "$0")/../.." || exit 1
FUZZ=test/fuzz
BUILD=$FUZZ/build
HARNESSES="domain email decision dns"
SECS=${1:-20}
FUZZ_OPTS=${FUZZ_OPTS:-}

passed=0
failed=0

finish() {
	echo "fuzz: $passed passed, $failed failed"
	[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
	exit $?
}

fail_all() {	# fail_all REASON: every harness counts as failed
	local h
	for h in $HARNESSES; do
		echo "fuzz-$h: FAILED, $1"
		failed=$((failed + 1))
	done
	finish
}

if ! [[ "$SECS" =~ ^[0-9]+$ ]]; then
	echo "usage: $0 [SECONDS_PER_HARNESS]" >&2
	fail_all "bad argument \"$SECS\""
fi

if [ -z "${CLANG:-}" ]; then
	CLANG=$(command -v clang-14 || command -v clang || true)
fi
if [ -z "$CLANG" ] || ! command -v "$CLANG" >/dev/null 2>&1; then
	fail_all "clang not found (Debian: apt-get install clang libclang-rt-14-dev, or run test/install-deps.sh)"
fi
# The flags the Makefile builds the core's tests with.
flags=$(make -s --no-print-directory core-flags 2>&1) || fail_all "make core-flags failed: $flags"
UNIT_CFLAGS=$(sed -n 's/^cflags //p' <<<"$flags")
DEP_LIBS=$(sed -n 's/^libs //p' <<<"$flags")

mkdir -p "$BUILD" || fail_all "cannot create $BUILD"

# Is the libFuzzer runtime there?  (libclang-rt-14-dev on Debian 12)
cat >"$BUILD/probe.c" <<'EOF'
#include <stddef.h>
#include <stdint.h>
int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void) d; (void) n; return 0; }
EOF
if ! "$CLANG" -fsanitize=fuzzer,address,undefined "$BUILD/probe.c" -o "$BUILD/probe" \
	>"$BUILD/probe.log" 2>&1; then
	cat "$BUILD/probe.log"
	fail_all "$CLANG cannot build a libFuzzer binary: is the fuzzer runtime missing? (Debian: apt-get install libclang-rt-14-dev)"
fi

CFLAGS="$UNIT_CFLAGS -fno-omit-frame-pointer -fno-sanitize-recover=all"

# The core, once, instrumented for coverage but without libFuzzer's main.
core_objs=""
for src in src/core/*.c; do
	obj=$BUILD/core-$(basename "$src" .c).o
	if ! "$CLANG" $CFLAGS -fsanitize=fuzzer-no-link,address,undefined -c "$src" -o "$obj" \
		>"$BUILD/build.log" 2>&1; then
		cat "$BUILD/build.log"
		fail_all "the core does not build with $CLANG ($src)"
	fi
	core_objs="$core_objs $obj"
done

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

for h in $HARNESSES; do
	bin=$BUILD/fuzz-$h
	log=$BUILD/fuzz-$h.log
	seeds=$FUZZ/corpus/$h
	dict=$FUZZ/$h.dict

	if ! "$CLANG" $CFLAGS -fsanitize=fuzzer,address,undefined -o "$bin" \
		"$FUZZ/fuzz_$h.c" $core_objs $DEP_LIBS >"$log" 2>&1; then
		cat "$log"
		echo "fuzz-$h: FAILED, does not build"
		failed=$((failed + 1))
		continue
	fi

	work=$(mktemp -d "${TMPDIR:-/tmp}/dcv-fuzz-$h.XXXXXX")
	mkdir "$work/corpus"
	[ -d "$seeds" ] && cp -R "$seeds"/. "$work/corpus/"
	nseeds=$(find "$work/corpus" -type f | wc -l)
	rm -f "$BUILD/$h"-crash-* "$BUILD/$h"-leak-* "$BUILD/$h"-timeout-* \
		"$BUILD/$h"-oom-* "$BUILD/$h"-slow-unit-*

	# Domains and addresses over 1024 bytes are refused at once; the
	# decision input holds whole lists.
	case $h in
		decision) maxlen=4096 ;;
		*) maxlen=1200 ;;
	esac
	opts=(-timeout=10 -rss_limit_mb=2048 "-max_len=$maxlen" -print_final_stats=1
		  "-artifact_prefix=$BUILD/$h-")
	[ -f "$dict" ] && opts+=("-dict=$dict")
	if [ "$SECS" -eq 0 ]; then
		opts+=(-runs=0)
	else
		opts+=("-max_total_time=$SECS")
	fi
	start=$(date +%s)
	# shellcheck disable=SC2086
	"$bin" "${opts[@]}" $FUZZ_OPTS "$work/corpus" >"$log" 2>&1
	rc=$?
	elapsed=$(($(date +%s) - start))
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	ncorpus=$(find "$work/corpus" -type f | wc -l)

	if [ "$rc" -eq 0 ]; then
		echo "fuzz-$h: ok, ${runs:-?} runs in $elapsed s (corpus $nseeds seeds, $ncorpus after)"
		passed=$((passed + 1))
		rm -rf "$work"
		continue
	fi

	echo "fuzz-$h: FAILED (exit status $rc), ${runs:-?} runs in $elapsed s"
	failed=$((failed + 1))
	for art in "$BUILD/$h"-crash-* "$BUILD/$h"-leak-* "$BUILD/$h"-timeout-* \
		"$BUILD/$h"-oom-*; do
		[ -f "$art" ] || continue
		echo "--- input $art ($(wc -c <"$art") bytes):"
		od -An -c "$art" | head -n 40
		echo "--- reproduce: $bin $art"
	done
	echo "--- log (from the first report):"
	awk '/PROPERTY VIOLATED|==[0-9]+==|runtime error|deadly signal|ALARM|out-of-memory/ { p = 1 }
		 p { print; if (++n >= 120) exit }' "$log"
	echo "--- (whole log: $log)"
	rm -rf "$work"
done

finish
