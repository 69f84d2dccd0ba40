#!/bin/bash
# The Public Suffix List a DBA chooses: dcv.public_suffix_list in the
# server's configuration, applied on reload.
#
# Lists of our own in a temporary folder: a small one with a rule added
# (example.jp) and one removed (co.jp), a copy of the installed list with
# the same two changes (large enough for dcv's own table to answer, which
# must then read that file too), a file that is not there, and one without
# an ICANN section.  Checks: base domains follow the list in force;
# dcv_psl_info() says which it is, its date, its rules, and why a chosen
# file is not in force; a file that cannot be used changes nothing in a
# session that already uses a list, and a new session uses the built-in
# list; each says so with a WARNING; never an error in a decision.  The
# setting is set back to empty at the end.
#
# Needs a running server (PGHOST, PGPORT, PGUSER as for psql) where dcv is
# installed, a superuser, and a server on this machine (it reads the files);
# prints one line "psl: N passed, N failed".
set -u
cd "$(dirname "$0")/../.."
mkdir -p test/log
name=psl
log=test/log/psl.log
: >"$log"
work=$(mktemp -d)
chmod 755 "$work"
pass=0
fail=0
dbs="dcv_psl_test"

. test/pg-checks.sh

set_list() {	# set_list PATH: ALTER SYSTEM and reload (dcv loaded first, so the name is known)
	psql_q postgres -c "LOAD 'dcv'" -c "ALTER SYSTEM SET dcv.public_suffix_list = '$1'" \
		-c "SELECT pg_reload_conf()" >/dev/null 2>>"$log" && sleep 1
}

cleanup() {
	psql_q postgres -c "LOAD 'dcv'" -c "ALTER SYSTEM RESET dcv.public_suffix_list" \
		-c "SELECT pg_reload_conf()" >/dev/null 2>&1
	drop_dbs
	rm -rf "$work"
}
trap cleanup EXIT

drop_dbs
psql_q postgres -c "CREATE DATABASE dcv_psl_test" && psql_q dcv_psl_test -c "CREATE EXTENSION dcv" || {
	echo "psl: could not create a test database with dcv" >&2
	echo "psl: 0 passed, 1 failed"
	exit 1
}
db=dcv_psl_test

cat >"$work/small.dat" <<'EOF'
// A list of the test's own.
// VERSION: 2024-12-04_12-00-00_UTC

// ===BEGIN ICANN DOMAINS===
jp
example.jp
// ===END ICANN DOMAINS===

// ===BEGIN PRIVATE DOMAINS===
blogspot.jp
// ===END PRIVATE DOMAINS===
EOF
# The installed list with example.jp added and co.jp removed.
sed -e 's#^co\.jp$#example.jp#' /usr/share/publicsuffix/public_suffix_list.dat >"$work/big.dat"
printf '// a file without an ICANN section\nexample.jp\n' >"$work/no-icann.dat"
chmod 644 "$work"/*.dat
installed_rules=$(grep -cvE '^(//|$|[[:space:]])' /usr/share/publicsuffix/public_suffix_list.dat)

base="SELECT dcv_base_domain('www.shop.example.jp') || ' ' || dcv_base_domain('www.example.co.jp') || ' ' || dcv_base_domain('www.example.com')"
info="SELECT source, list_date, rules, icann_rules, coalesce(problem, '-') FROM dcv_psl_info()"

check "without the setting: the built-in list" \
	equals "$db" "$base" "example.jp example.co.jp example.com"
check "dcv_psl_info: built-in, the date of the file it was made from, its rules" \
	equals "$db" "SELECT source || ' ' || (list_date = (to_timestamp($(stat -c %Y /usr/share/publicsuffix/public_suffix_list.dat)) AT TIME ZONE 'UTC')::date) || ' ' || rules || ' ' || (icann_rules > 5000) || ' ' || (problem IS NULL) FROM dcv_psl_info()" \
	"built-in true $installed_rules true true"

set_list "$work/small.dat"
check "a small list: a rule added (example.jp), one removed (co.jp), .com by the implicit rule" \
	equals "$db" "$base" "shop.example.jp co.jp example.com"
check "dcv_psl_info: the file, the date it says, 3 rules, 2 of them ICANN" \
	equals "$db" "$info" "$work/small.dat|2024-12-04|3|2|-"
check "public suffixes by the small list have no base domain" \
	rejects "$db" "SELECT dcv_base_domain('example.jp')" "has no base domain"

set_list "$work/big.dat"
check "a large list: the same rule changes, through dcv's own table" \
	bash -c "psql -X -q -At -d $db -c \"SELECT count(DISTINCT dcv_base_domain('h' || i || '.example.com')) FROM generate_series(1, 5000) i\" -c \"$base\" | tail -1 | grep -qx 'shop.example.jp co.jp example.com'"
check "a large list by the PSL's own algorithm: an unknown top-level label is only the implicit rule" \
	equals "$db" "SELECT dcv_base_domain('www.example.m') || ' ' || dcv_base_domain('a.b.kawasaki.jp') || ' ' || dcv_base_domain('www.city.kawasaki.jp')" \
	"example.m a.b.kawasaki.jp city.kawasaki.jp"
check "dcv_psl_info: the large list's rules, dated by its time stamp" \
	equals "$db" "SELECT source || ' ' || rules || ' ' || (list_date IS NOT NULL) FROM dcv_psl_info()" \
	"$work/big.dat $installed_rules true"

# One session that uses the small list sees a file that cannot be used: it
# keeps its list, and says so.
cat >"$work/session.sql" <<EOF
SELECT 'before ' || dcv_base_domain('www.shop.example.jp');
SELECT pg_sleep(0.1);
\! psql -X -q -At -d postgres -c "LOAD 'dcv'" -c "ALTER SYSTEM SET dcv.public_suffix_list = '$work/none.dat'" -c "SELECT pg_reload_conf()" >/dev/null
SELECT pg_sleep(1);
SELECT 'after ' || dcv_base_domain('www.shop.example.jp');
SELECT 'info ' || source || ' ' || problem FROM dcv_psl_info();
EOF
set_list "$work/small.dat"
psql -X -At -d "$db" -f "$work/session.sql" >"$work/session.out" 2>&1
check "a session that uses a list keeps it when the new file cannot be read" \
	grep -qx "after shop.example.jp" "$work/session.out"
check "and says why, naming the list in force" \
	grep -qx "info $work/small.dat cannot read the file $work/none.dat; the list in force is still $work/small.dat" "$work/session.out"
check "with a WARNING" \
	grep -q "WARNING:  dcv.public_suffix_list: cannot read the file $work/none.dat" "$work/session.out"
check "a new session has no list yet: the built-in one, with the reason" \
	bash -c "psql -X -At -d $db -c \"$base\" -c \"$info\" 2>&1 | tr '\n' ' ' | grep -q 'WARNING:  dcv.public_suffix_list: cannot read the file $work/none.dat.*example.jp example.co.jp example.com built-in|'"
check "decisions are made all the same" \
	bash -c "psql -X -At -v ON_ERROR_STOP=1 -d $db -c \"SELECT array_to_string(dcv_default_recipient('TrueBizID', 'www.example.co.jp'), ',')\" 2>/dev/null | grep -qx admin@example.co.jp"

set_list "$work/no-icann.dat"
check "a file without an ICANN section is not used" \
	bash -c "psql -X -At -d $db -c \"$info\" 2>&1 | grep -q '^built-in|.*has no ICANN section'"

set_list ""
check "the setting emptied: the built-in list again" \
	equals "$db" "$base || ' ' || (SELECT source FROM dcv_psl_info())" "example.jp example.co.jp example.com built-in"

echo "psl: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
