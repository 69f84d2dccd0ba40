#!/bin/bash
# Memory: a million calls in one backend leave its memory where it was.
#
# One psql session (one backend) first runs every workload at a smaller size
# (WARM) to warm up caches (the Public Suffix List, libidn2's tables, the
# product cache).  Then each workload runs at full size (N, a million): a
# million calls of dcv_default_recipient, a million of dcv_decision with every
# kind of problem, N/4 calls of dcv_candidates (one per row, as in a LATERAL
# join over an order table), N/4 rows of dcv_is_candidate and the normal
# forms, N/4 decisions and contacts over DNS records, N/10 errors raised
# and caught.  Around each full run the backend
# reads its own /proc/<pg_backend_pid()>/status: a workload fails when VmRSS
# after it, or its peak (VmHWM, reset before the run through
# /proc/self/clear_refs) during it, exceeds VmRSS before it by more than
# LIMIT_KB: memory kept per call, whether until the end of the session or of
# the statement, shows up in one of them.  JIT is off: LLVM's own memory would
# hide ours.  The server must run on this machine (Linux) and the user must
# be a superuser (pg_read_file, COPY TO a file).
#
# Needs a running server (PGHOST, PGPORT, PGUSER as for psql) where dcv is
# installed; creates and drops a database of its own.  Prints the figures and
# one line "memory: N passed, N failed"; exits non-zero on failure.
set -u

LIMIT_KB=${LIMIT_KB:-4096}
NULL_LIMIT_KB=${NULL_LIMIT_KB:-24576}
N=${N:-1000000}
WARM=${WARM:-100000}
db="dcv_memory_test_$$"
passed=0
failed=0

psql_admin() { psql -X -q -At -v ON_ERROR_STOP=1 -d postgres "$@"; }

cleanup() { psql_admin -c "DROP DATABASE IF EXISTS \"$db\"" >/dev/null 2>&1; }
trap cleanup EXIT

if ! psql_admin -c "CREATE DATABASE \"$db\" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'" ||
	! psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" -c "CREATE EXTENSION dcv"; then
	echo "memory: could not create a test database with dcv" >&2
	echo "memory: 0 passed, 1 failed"
	exit 1
fi

# The workloads, as psql input; :n is the size (a million by default).
workload_default_recipient() {
	cat <<'EOF'
-- dcv_default_recipient: every product line, Unicode and fullwidth domains,
-- wildcards, designated and WHOIS arrays with NULLs and junk, every era.
SELECT count(dcv_default_recipient(
         (ARRAY['TrueBizID', 'QuickSSLPremium', 'SecureSiteProEV', 'quicksslpremiummd'])[i % 4 + 1],
         d,
         CASE WHEN i % 4 IN (1, 3) OR i % 5 = 1 THEN
              ARRAY[NULL, (ARRAY['admin', 'webmaster', 'hostmaster'])[i % 3 + 1] || '@' || dcv_base_domain(d)] END,
         CASE WHEN i % 3 > 0 THEN
              ARRAY['Owner' || i || '@' || dcv_base_domain(d), 'REDACTED FOR PRIVACY', NULL, ' z' || i % 7 || '@例え.jp '] END,
         CASE i % 5 WHEN 0 THEN date '2017-06-01' WHEN 1 THEN date '2026-01-01' END,
         i % 7 = 0)) AS default_recipient
FROM (SELECT i, CASE i % 4 WHEN 0 THEN 'www' || i % 1000 || '.Example.co.jp'
                           WHEN 1 THEN 'ショップ' || i % 100 || '.例え.jp'
                           WHEN 2 THEN '*.shop' || i % 500 || '.bücher.example.com'
                           ELSE 'ｗｗｗ．ｅｘａｍｐｌｅ' || i % 10 || '．ｃｏｍ.' END AS d
      FROM (SELECT generate_series(1, :n) AS i) AS g) AS t;
EOF
}

workload_decision() {
	cat <<'EOF'
-- dcv_decision: every problem it reports (unknown product, invalid domain,
-- libidn2 refusing a name, public suffix, unusable or foreign designated
-- address, DV without designation, 2-D array, no e-mail method on a date)
-- and decisions made (designated, WHOIS first, admin fallback).
SELECT count(*) AS decisions, count(p) AS problems
FROM (SELECT (dcv_decision(
               CASE WHEN i % 12 = 0 THEN 'NoSuchProduct' || i % 10
                    WHEN i % 12 IN (4, 5, 10) THEN 'QuickSSLPremium' ELSE 'SecureSite' END,
               CASE i % 12 WHEN 1 THEN 'exa mple' || i || '.com'
                           WHEN 2 THEN 'ex😀ample' || i % 100 || '.com'
                           WHEN 3 THEN 'xn--abc' || i % 1000 || '-.example'
                           WHEN 6 THEN 'co.jp'
                           ELSE 'shop' || i % 300 || '.example.co.jp' END,
               CASE i % 12 WHEN 4 THEN ARRAY['"x' || i % 50 || '"@example.co.jp']
                           WHEN 7 THEN ARRAY['evil' || i % 50 || '@evil.example']
                           WHEN 8 THEN ARRAY[['admin@example.co.jp']]
                           WHEN 10 THEN ARRAY[NULL, 'WebMaster@Example.co.jp', 'a' || i % 100 || '@example.co.jp'] END,
               CASE WHEN i % 12 <> 11 THEN ARRAY['a' || i % 100 || '@example.co.jp', 'not an address'] END,
               CASE WHEN i % 13 = 0 THEN date '2030-01-01' END)).problem AS p
      FROM (SELECT generate_series(1, :n) AS i) AS g) AS t;
EOF
}

workload_candidates() {
	cat <<'EOF'
-- dcv_candidates, with and without subdomain e-mails.
SELECT count(*) AS candidate_rows
FROM (SELECT generate_series(1, :n / 4) AS i) AS g,
     dcv_candidates('www' || i % 97 || '.shop.例え.jp',
                    ARRAY['Owner' || i || '@example.jp', NULL, 'REDACTED', 'admin@XN--R8JZ45G.JP'],
                    i % 2 = 0);
EOF
}

workload_is_candidate() {
	cat <<'EOF'
-- dcv_is_candidate and the normal forms.
SELECT count(*) FILTER (WHERE dcv_is_candidate('www.example.co.jp', ARRAY['b' || i % 10 || '@example.co.jp'],
                                               CASE i % 3 WHEN 0 THEN 'B' || i % 10 || '@Example.co.jp'
                                                          WHEN 1 THEN 'admin@www.example.co.jp'
                                                          ELSE '"a"@example.co.jp' END, i % 2 = 0)) AS is_candidate,
       count(dcv_email_problem('a' || i || (ARRAY['@example.com', '@例え.jp', '@bad_name.com', '%x@example.com'])[i % 4 + 1])) AS email_problems,
       count(dcv_normalize_domain('ｓｈｏｐ' || i % 1000 || '．例え．jp')) AS domains
FROM (SELECT generate_series(1, :n / 4) AS i) AS g;
EOF
}

workload_null_arrays() {
	cat <<'EOF'
-- Two arrays of 20 n NULL elements (20 million: 5 MB of input), designated
-- and WHOIS, on both lines: NULL elements cost nothing beyond the arrays.
SELECT d.rule, dv.problem
FROM (SELECT array_fill(NULL::text, ARRAY[20 * :n]) AS a) AS s,
     dcv_decision('TrueBizID', 'example.com', s.a, s.a) AS d,
     dcv_decision('QuickSSLPremium', 'example.com', s.a, s.a) AS dv;
EOF
}

workload_dns() {
	cat <<'EOF'
-- DNS records: n/4 decisions with three records each (TXT, CAA, an alias
-- and its target), a designated DNS contact, and the contacts of each.
SELECT count(dcv_default_recipient('QuickSSLPremium', d, ARRAY['ops' || i % 9 || '@example.net'], NULL,
                                   date '2025-09-01', false, r)),
       count(c.email)
FROM (SELECT i, 'www' || i % 1000 || '.example.co.jp' AS d,
             ARRAY['_validation-contactemail.www' || i % 1000 || '.example.co.jp. 300 IN CNAME _dcv.provider.example.',
                   '_dcv.provider.example. 300 IN TXT "ops' || i % 9 || '@example.net"',
                   'example.co.jp. 300 IN CAA 0 contactemail "caa@example.co.jp"',
                   'example.co.jp. 300 IN CAA 0 issue "ca.example"'] AS r
      FROM (SELECT generate_series(1, :n / 4) AS i) AS g) AS o,
     LATERAL dcv_dns_contacts(d, r) AS c;
EOF
}

workload_errors() {
	cat <<'EOF'
-- Errors raised and caught: the paths that ereport.
SELECT pg_temp.raise_errors(:n / 10) AS errors_caught;
EOF
}

# pg_temp.raise_errors(n): n calls that raise, each caught; returns n.
raise_errors() {
	cat <<'EOF'
CREATE FUNCTION pg_temp.raise_errors(n int) RETURNS int LANGUAGE plpgsql AS $$
DECLARE caught int := 0;
BEGIN
  FOR i IN 1 .. n LOOP
    BEGIN
      CASE i % 5
        WHEN 0 THEN PERFORM dcv_normalize_domain('ex😀ample' || i % 100 || '.com');
        WHEN 1 THEN PERFORM dcv_normalize_email('"admin"@example' || i % 100 || '.com');
        WHEN 2 THEN PERFORM dcv_default_recipient('QuickSSLPremium', 'example.com', ARRAY['evil' || i % 100 || '@evil.example']);
        WHEN 3 THEN PERFORM dcv_default_recipient('NoSuch' || i % 100, 'example.com');
        ELSE PERFORM dcv_base_domain('xn--abc' || i % 100 || '-.jp');
      END CASE;
    EXCEPTION WHEN OTHERS THEN
      caught := caught + 1;
    END;
  END LOOP;
  RETURN caught;
END $$;
EOF
}

# The backend's memory, as one line "mem <label> VmRSS VmHWM RssAnon" (kB).
mem_query() {
	echo "SELECT 'mem $1 ' || substring(s from 'VmRSS:\\s+(\\d+) kB') || ' ' || substring(s from 'VmHWM:\\s+(\\d+) kB')
       || ' ' || substring(s from 'RssAnon:\\s+(\\d+) kB')
FROM pg_read_file('/proc/' || pg_backend_pid() || '/status') AS s;"
}
# Resets the backend's peak (VmHWM) to its current RSS: the backend writes
# "5" to its own /proc/self/clear_refs (COPY TO a file: superuser).
reset_peak="COPY (SELECT 5) TO '/proc/self/clear_refs';"

names="default_recipient decision candidates is_candidate null_arrays dns errors"

out=$(
	{
		echo "SET jit = off;"
		echo "SET client_encoding = 'UTF8';"
		raise_errors
		echo "\\set n $WARM"
		for w in $names; do "workload_$w"; done
		echo "\\set n $N"
		for w in $names; do
			echo "$reset_peak"
			mem_query "before_$w"
			echo "SELECT extract(epoch FROM clock_timestamp()) AS t0 \\gset"
			"workload_$w"
			echo "SELECT 'seconds_$w ' || round((extract(epoch FROM clock_timestamp()) - :t0)::numeric, 1);"
			mem_query "after_$w"
		done
	} | psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" 2>&1
)
rc=$?

if [ "$rc" -ne 0 ] || ! echo "$out" | grep -q '^mem after_errors '; then
	echo "$out" | tail -20
	echo "memory: the workload failed (psql exit status $rc)"
	echo "memory: 0 passed, 1 failed"
	exit 1
fi

# What each workload returned in the full run: the line before "seconds_<name>".
result_of() { echo "$out" | grep -B1 "^seconds_$1 " | head -1; }

for w in $names; do
	read -r _ _ rss0 _ anon0 <<<"$(echo "$out" | grep "^mem before_$w ")"
	read -r _ _ rss1 hwm1 anon1 <<<"$(echo "$out" | grep "^mem after_$w ")"
	secs=$(echo "$out" | grep "^seconds_$w " | cut -d' ' -f2)
	grow=$((rss1 - rss0))
	peak=$((hwm1 - rss0))
	echo "memory: $w: result $(result_of "$w") in ${secs} s;" \
		"VmRSS ${rss0} -> ${rss1} kB (${grow} kB), peak during the run +${peak} kB," \
		"RssAnon ${anon0} -> ${anon1} kB"
	limit=$LIMIT_KB
	# the two arrays themselves take 5 MB, and PostgreSQL copies them
	[ "$w" = null_arrays ] && limit=$NULL_LIMIT_KB
	if [ "$grow" -le "$LIMIT_KB" ] && [ "$peak" -le "$limit" ]; then
		passed=$((passed + 1))
	else
		echo "memory: FAILED: $w: the backend grew by ${grow} kB, its peak by ${peak} kB (limits ${LIMIT_KB} kB, peak ${limit} kB)"
		failed=$((failed + 1))
	fi
done

echo "memory: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
