#!/bin/bash
# sanitize.sh
#	The C unit tests of the core (test/unit.c with src/core/*.c), built in a
#	temporary directory and run twice, each run one test:
#	  asan-ubsan  built with -fsanitize=address,undefined
#	              -fno-sanitize-recover=all (leak detection on);
#	  valgrind    built plainly, run under valgrind --leak-check=full
#	              --error-exitcode=1.
#	A run passes when it builds, the unit tests all pass, and the tool
#	reports nothing.  Ends with "sanitize: N passed, N failed"; exits
#	non-zero when anything failed.  CC picks the compiler (default cc).
set -u

cd "$(dirname "$0")/.." || exit 1
CC=${CC:-cc}
passed=0
failed=0

tmp=$(mktemp -d "${TMPDIR:-/tmp}/dcv-sanitize.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

# The flags of the Makefile's test/unit target.
if ! flags=$(make -s --no-print-directory core-flags 2>&1); then
	echo "$flags"
	echo "sanitize: 0 passed, 2 failed"
	exit 1
fi
CFLAGS=$(sed -n 's/^cflags //p' <<<"$flags")
DEP_LIBS=$(sed -n 's/^libs //p' <<<"$flags")
SRCS="test/unit.c $(ls src/core/*.c)"

result() {	# result NAME OK DETAIL
	if [ "$2" = yes ]; then
		echo "sanitize-$1: ok, $3"
		passed=$((passed + 1))
	else
		echo "sanitize-$1: FAILED, $3"
		failed=$((failed + 1))
	fi
}

# The unit tests' own summary, reworded so that the test runner does not
# count those checks a second time; sets $checks and $unit_failed.
unit_summary() {	# unit_summary LOG
	local line
	line=$(grep -E '^unit: [0-9]+ passed, [0-9]+ failed' "$1" | tail -n 1)
	checks=$(echo "$line" | sed -nE 's/^unit: ([0-9]+) passed, ([0-9]+) failed.*/\1 checks passed, \2 checks failed/p')
	unit_failed=$(echo "$line" | sed -nE 's/^unit: [0-9]+ passed, ([0-9]+) failed.*/\1/p')
	[ -n "$checks" ] || checks="the unit tests ended without their summary"
	[ -n "$unit_failed" ] || unit_failed=1
}

show_log() {	# show_log LOG: the log, without the unit summary line
	grep -vE '^unit: [0-9]+ passed, [0-9]+ failed' "$1" | head -n 150
}

# ---- AddressSanitizer + UndefinedBehaviorSanitizer ----
bin=$tmp/unit-asan
log=$tmp/asan.log
if ! $CC $CFLAGS -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer -o "$bin" $SRCS $DEP_LIBS >"$log" 2>&1; then
	show_log "$log"
	result asan-ubsan no "does not build with $CC -fsanitize=address,undefined"
else
	ASAN_OPTIONS=detect_leaks=1:halt_on_error=1:abort_on_error=0:exitcode=86 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		"$bin" >"$log" 2>&1
	rc=$?
	unit_summary "$log"
	if [ "$rc" -eq 0 ] && [ "$unit_failed" -eq 0 ] &&
		! grep -qE 'runtime error|ERROR: (Address|Leak)Sanitizer' "$log"; then
		result asan-ubsan yes "unit tests clean ($checks)"
	else
		show_log "$log"
		result asan-ubsan no "exit status $rc ($checks)"
	fi
fi

# ---- valgrind ----
bin=$tmp/unit-plain
log=$tmp/valgrind.log
if ! command -v valgrind >/dev/null 2>&1; then
	result valgrind no "valgrind not found (apt-get install valgrind, or run test/install-deps.sh)"
elif ! $CC $CFLAGS -o "$bin" $SRCS $DEP_LIBS >"$log" 2>&1; then
	show_log "$log"
	result valgrind no "does not build with $CC"
else
	valgrind --quiet --error-exitcode=1 --leak-check=full --track-origins=yes \
		"$bin" >"$log" 2>&1
	rc=$?
	unit_summary "$log"
	if [ "$rc" -eq 0 ] && [ "$unit_failed" -eq 0 ] && ! grep -qE '^==[0-9]+==' "$log"; then
		result valgrind yes "unit tests clean under valgrind ($checks)"
	else
		show_log "$log"
		result valgrind no "exit status $rc ($checks)"
	fi
fi

echo "sanitize: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
