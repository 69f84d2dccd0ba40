#!/bin/bash
# Runs every test of dcv: the C unit tests of the core (plain, under
# AddressSanitizer/UndefinedBehaviorSanitizer and valgrind), the fuzz
# harnesses for a bounded time, and, in a throwaway PostgreSQL cluster, the
# pg_regress suite in UTF8, with parallel query forced and in EUC_JP, the
# isolation tests and the shell tests of test/pg/.  Run as root on Debian 12:
# it installs what it needs.  Ends with one line "N passed, N failed" and
# exits non-zero when anything failed.
set -u
cd "$(dirname "$0")/.."
mkdir -p test/log
summary=test/log/summary.txt
: >"$summary"

step() {	# step NAME COMMAND...: runs it, keeps its "N passed, N failed" lines
	local name=$1; shift
	echo "=== $name"
	"$@" 2>&1 | tee "test/log/$name.log"
	local rc=${PIPESTATUS[0]}
	if grep -qE '[0-9]+ passed, [0-9]+ failed' "test/log/$name.log"; then
		grep -E '[0-9]+ passed, [0-9]+ failed' "test/log/$name.log" >>"$summary"
		if [ "$rc" -ne 0 ] && ! grep -qE '[1-9][0-9]* failed' "test/log/$name.log"; then
			echo "$name: 0 passed, 1 failed (exit status $rc)" >>"$summary"
		fi
	else
		echo "$name: 0 passed, 1 failed (no test result; exit status $rc)" >>"$summary"
	fi
}

if [ "$(id -u)" -eq 0 ]; then
	test/install-deps.sh || { echo "0 passed, 1 failed"; exit 1; }
fi
make -s clean >/dev/null 2>&1
if ! make -s >test/log/build.log 2>&1 || ! make -s install >>test/log/build.log 2>&1; then
	cat test/log/build.log
	echo "0 passed, 1 failed"
	exit 1
fi

step unit make -s unittest
step idna make -s idnatest
[ -x test/sanitize.sh ] && step sanitize test/sanitize.sh
[ -x test/fuzz/run.sh ] && step fuzz test/fuzz/run.sh
step postgres pg_virtualenv -t bash test/pg-suite.sh

echo "=== summary"
cat "$summary"
passed=$(grep -oE '[0-9]+ passed' "$summary" | awk '{s += $1} END {print s + 0}')
failed=$(grep -oE '[0-9]+ failed' "$summary" | awk '{s += $1} END {print s + 0}')
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
