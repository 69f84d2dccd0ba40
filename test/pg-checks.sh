# test/pg-checks.sh: the checks the shell tests of test/pg/ share; sourced
# by them.  They set $name (what their summary line starts with), $log (the
# log file), $work (a temporary folder), $dbs (the databases they create)
# and the counters pass=0 and fail=0.

psql_q() {	# psql_q DB [psql arguments]: quiet, unaligned, stops at the first error
	local db=$1; shift
	psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" "$@"
}

drop_dbs() {
	for db in $dbs; do
		psql_q postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1
	done
}

# check DESCRIPTION COMMAND...: one test; its output goes to the log.
check() {
	local what=$1; shift
	echo "--- $what" >>"$log"
	if "$@" >>"$log" 2>&1; then
		pass=$((pass + 1))
		echo "ok" >>"$log"
	else
		fail=$((fail + 1))
		echo "FAILED: $what" >>"$log"
		echo "$name: FAILED: $what"
	fi
}

# same_psql DB1 DB2 PSQL-ARGUMENTS...: the same, non-empty output in both.
same_psql() {
	local a=$1 b=$2
	shift 2
	psql_q "$a" "$@" >"$work/a.out" 2>&1 || { cat "$work/a.out"; return 1; }
	psql_q "$b" "$@" >"$work/b.out" 2>&1 || { cat "$work/b.out"; return 1; }
	[ -s "$work/a.out" ] || { echo "no output"; return 1; }
	cat "$work/a.out"
	diff "$work/a.out" "$work/b.out"
}

# same DB1 DB2 SQL, same_script DB1 DB2 FILE: a query, a psql script.
same() { same_psql "$1" "$2" -c "$3"; }
same_script() { same_psql "$1" "$2" -f "$3"; }

# equals DB SQL EXPECTED: the query's output is EXPECTED.
equals() {
	local got
	got=$(psql_q "$1" -c "$2" 2>&1)
	echo "got: $got"
	[ "$got" = "$3" ]
}

# rejects DB SQL PATTERN: the statement fails with an error matching PATTERN.
rejects() {
	local got
	got=$(psql_q "$1" -c "$2" 2>&1) && { echo "no error: $got"; return 1; }
	echo "$got"
	grep -q -- "$3" <<<"$got"
}

