#!/bin/bash
# Long inputs can be cancelled: with statement_timeout set, a call over an
# array of 5 000 000 WHOIS e-mails stops with the timeout error (SQLSTATE
# 57014) within a second of the timeout.
#
# One test per function: dcv_candidates, dcv_is_candidate and
# dcv_default_recipient (the rule before 2018-02-02, which returns every
# candidate: the longest result); then dcv_is_candidate and dcv_dns_contacts
# over an array of 1 000 000 DNS records.  Each function first runs once to the end
# (its full duration D is printed), then under statement_timeout set to
# TIMEOUT_MS and to fractions of D, so that the timeout falls in every phase
# of the work: reading the array, normalizing, sorting, writing the result.
# dcv_candidates is also timed out between the moment dcv_is_candidate, which
# does the same work without returning rows, had finished and the end of its
# own run: while it writes its 5 000 000 rows.  A test fails when a call ends
# with anything but the timeout error, or later than GRACE_MS after its
# timeout, or when the call under TIMEOUT_MS finishes (then the array is too
# small to show anything).  How late a call stops depends on the machine and
# its load: each line gives the figures.
#
# Needs a running server (PGHOST, PGPORT, PGUSER as for psql) where dcv is
# installed; creates and drops a database of its own.  Prints the figures and
# one line "cancel: N passed, N failed"; exits non-zero on failure.
set -u

ELEMENTS=${ELEMENTS:-5000000}
# dcv_is_candidate reads 1 000 000 records in about 1 s here: twice that, so
# that its full run stays well above TIMEOUT_MS on a faster machine.
DNS_ELEMENTS=${DNS_ELEMENTS:-2000000}
TIMEOUT_MS=${TIMEOUT_MS:-1000}
GRACE_MS=${GRACE_MS:-1000}
FRACTIONS=${FRACTIONS:-"50 80"}	# per cent of the full duration
db="dcv_cancel_test_$$"
passed=0
failed=0

psql_admin() { psql -X -q -At -v ON_ERROR_STOP=1 -d postgres "$@"; }
psql_db() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" "$@"; }

cleanup() { psql_admin -c "DROP DATABASE IF EXISTS \"$db\"" >/dev/null 2>&1; }
trap cleanup EXIT

# probe(query): runs it; returns "finished <ms>" or "canceled <ms> <SQLSTATE>
# <message>", the milliseconds counted from the start of the statement (when
# statement_timeout starts counting too).
setup=$(
	cat <<EOF
CREATE EXTENSION dcv;
CREATE TABLE big (a text[]);
ALTER TABLE big ALTER COLUMN a SET STORAGE EXTERNAL;	-- no decompression in the timed calls
INSERT INTO big
SELECT array_agg(format('owner%s@whois%s.example', i, i % 1000) ORDER BY i)
FROM generate_series(1, $ELEMENTS) AS i;
CREATE FUNCTION probe(q text) RETURNS text LANGUAGE plpgsql AS \$\$
DECLARE
  s text;
  m text;
BEGIN
  EXECUTE q;
  RETURN 'finished ' || round(extract(epoch FROM clock_timestamp() - statement_timestamp()) * 1000);
EXCEPTION WHEN query_canceled THEN
  GET STACKED DIAGNOSTICS s = RETURNED_SQLSTATE, m = MESSAGE_TEXT;
  RETURN 'canceled ' || round(extract(epoch FROM clock_timestamp() - statement_timestamp()) * 1000)
         || ' ' || s || ' ' || m;
END \$\$;
CREATE TABLE big_dns (r text[]);
ALTER TABLE big_dns ALTER COLUMN r SET STORAGE EXTERNAL;
INSERT INTO big_dns
SELECT array_agg(format('_validation-contactemail.h%s.example.com. 300 IN TXT "ops%s@example.com"', i, i) ORDER BY i)
FROM generate_series(1, $DNS_ELEMENTS) AS i;
SELECT cardinality(a) FROM big;
EOF
)
if ! psql_admin -c "CREATE DATABASE \"$db\"" || ! n=$(echo "$setup" | psql_db) || [ "$n" != "$ELEMENTS" ]; then
	echo "cancel: could not create a test database with a ${ELEMENTS}-element array" >&2
	echo "cancel: 0 passed, 1 failed"
	exit 1
fi
echo "cancel: an array of $n WHOIS e-mails; statement_timeout ${TIMEOUT_MS} ms and ${FRACTIONS// /% and }% of each full run, at most ${GRACE_MS} ms late"

# run_probe TIMEOUT_MS QUERY: prints probe()'s answer (a fresh session each time).
run_probe() {
	psql_db -c "SET statement_timeout = $1" \
		-c "SELECT probe(\$q\$$2\$q\$)" 2>&1 | tail -1
}

# check NAME QUERY [FROM_MS]: one test.  With FROM_MS, three more timeouts
# fall between FROM_MS and the end of the full run.
last_full=0
check() {
	local name=$1 query=$2 from=${3:-0}
	local r full ok=1 report="" worst=0 t

	r=$(run_probe 600000 "$query")
	case "$r" in
		finished\ *) full=${r#finished } ;;
		*)
			echo "cancel: FAILED: $name: the full run did not finish: $r"
			failed=$((failed + 1))
			return
			;;
	esac
	last_full=$full

	local timeouts="$TIMEOUT_MS"
	for f in $FRACTIONS; do
		t=$((full * f / 100))
		[ "$t" -gt "$TIMEOUT_MS" ] && timeouts="$timeouts $t"
	done
	if [ "$from" -gt 0 ] && [ "$from" -lt "$full" ]; then
		for k in 0 1 2; do
			timeouts="$timeouts $((from + (full - from) * k / 4))"
		done
	fi

	for t in $timeouts; do
		r=$(run_probe "$t" "$query")
		case "$r" in
			canceled\ *)
				read -r _ ms state msg <<<"$r"
				local late=$((ms - t))
				[ "$late" -gt "$worst" ] && worst=$late
				report="$report; timeout $t ms: stopped after $ms ms (+$late)"
				if [ "$state" != 57014 ] || [ "$msg" != "canceling statement due to statement timeout" ]; then
					report="$report NOT THE TIMEOUT ERROR: $state $msg"
					ok=0
				elif [ "$late" -gt "$GRACE_MS" ]; then
					report="$report TOO LATE"
					ok=0
				fi
				;;
			finished\ *)
				ms=${r#finished }
				report="$report; timeout $t ms: finished in $ms ms"
				if [ "$t" -eq "$TIMEOUT_MS" ]; then
					report="$report (NOT CANCELLED: make the array larger)"
					ok=0
				fi
				;;
			*)
				report="$report; timeout $t ms: $r"
				ok=0
				;;
		esac
	done

	echo "cancel: $name: full run $full ms$report; latest $worst ms after the timeout"
	if [ "$ok" -eq 1 ]; then
		passed=$((passed + 1))
	else
		echo "cancel: FAILED: $name"
		failed=$((failed + 1))
	fi
}

check dcv_is_candidate \
	"SELECT dcv_is_candidate('example.com', a, 'nobody@example.org') FROM big"
is_candidate_full=$last_full
check dcv_candidates \
	"SELECT count(*) FROM big, dcv_candidates('example.com', a)" \
	"$is_candidate_full"
check dcv_default_recipient \
	"SELECT cardinality(dcv_default_recipient('TrueBizID', 'example.com', NULL, a, '2018-02-01')) FROM big"
check "dcv_is_candidate over DNS records" \
	"SELECT dcv_is_candidate('example.com', NULL, 'nobody@example.org', false, r) FROM big_dns"
check dcv_dns_contacts \
	"SELECT count(*) FROM big_dns, dcv_dns_contacts('www.example.com', r)"

echo "cancel: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
