#!/bin/bash
# standby.sh: a hot standby answers analysts exactly like its primary.
#
# Makes a primary and a streaming standby of its own in a temporary folder
# (initdb, then pg_basebackup -R), each on a port nothing listens on, with
# Unix sockets in that folder only, and stops and removes both at exit,
# whatever happened.  When run as root the servers run as the postgres user.
# The server PGHOST/PGPORT name (the suite's throwaway cluster) is not used.
#
# Checks:
#   - the primary: CREATE EXTENSION dcv, an order table with
#     dcv_recipient_trigger (all nine columns) and a few hundred orders of
#     every product line, era and kind of input, DNS-published contacts
#     included; an order of the seven-argument dcv_decision decided as the
#     reference says;
#   - the standby replays up to pg_current_wal_lsn() of the primary
#     (REPLAY_TIMEOUT seconds at most, each time); it applies each commit
#     APPLY_DELAY after the primary made it, as a standby that lags behind
#     does, so that no check of the standby can pass without that wait;
#   - an analyst's query set (decisions over all orders as ordered and on
#     other dates, stored against computed recipients, dcv_candidates,
#     dcv_dns_contacts, dcv_is_candidate, dcv_timeline, dcv_product) gives
#     byte for byte the primary's output on the standby, also with the
#     decisions run by parallel workers of the standby;
#   - one psql session on the standby, kept open throughout: RapidSSL, not a
#     product yet, is unknown; the primary adds it in a transaction it leaves
#     open, and while the row is replayed but its transaction open it is
#     still unknown; once the commit is replayed it is known.  sc090 moved to
#     2029-03-15 on the primary is seen, except by a REPEATABLE READ
#     transaction that began before it was replayed, which decides by its
#     snapshot until it ends.  RapidSSL deleted is unknown again; after DROP
#     and CREATE EXTENSION dcv on the primary the session finds the new
#     tables.  It is one backend from the first query to the last;
#   - after those changes the query set still gives the primary's output;
#   - writes on the standby are refused with 25006 (orders, and dcv's tables,
#     a built-in row too: the read-only error comes first), while decisions
#     work in read-only transactions on both servers, and dcv's own trigger
#     functions called directly are refused on the standby as on the primary.
#
# Needs PostgreSQL 15's initdb, pg_ctl and pg_basebackup (PGBIN) and dcv
# installed.  Prints the timings and "standby: N passed, N failed" as its
# last line; details in test/log/standby.log; exits non-zero on failure.
set -u
cd "$(dirname "$0")/../.."
mkdir -p test/log
name=standby
log=test/log/standby.log
: >"$log"
pass=0
fail=0
dbs=""				# no database on the suite's server
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
REPLAY_TIMEOUT=${REPLAY_TIMEOUT:-60}	# seconds, for each wait for the standby
READ_TIMEOUT=${READ_TIMEOUT:-60}	# seconds, for each answer of the standing session
APPLY_DELAY=${APPLY_DELAY:-500ms}	# how long after its commit the standby applies a transaction

# Only the two servers of this script are talked to.
unset PGHOST PGHOSTADDR PGPORT PGUSER PGDATABASE PGPASSWORD PGPASSFILE PGSERVICE \
	PGOPTIONS PGSSLMODE PGTARGETSESSIONATTRS
export PGCLIENTENCODING=UTF8
export PGCONNECT_TIMEOUT=30

. test/pg-checks.sh

now_ms() { echo $((${EPOCHREALTIME/./} / 1000)); }
started=$(now_ms)

work=$(mktemp -d /tmp/dcv_standby.XXXXXX) || exit 1
if [ "$(id -u)" -eq 0 ]; then
	chown postgres "$work" || exit 1
	as_server() { (cd "$work" && runuser -u postgres -- "$@"); }
else
	as_server() { (cd "$work" && "$@"); }
fi

SB_PID=""
P_PID=""
cleanup() {
	if [ -n "$P_PID" ]; then
		[ -n "${P:-}" ] && exec {P}>&-
		kill "$P_PID" 2>/dev/null
		wait "$P_PID" 2>/dev/null
	fi
	if [ -n "$SB_PID" ]; then
		kill "$SB_PID" 2>/dev/null
		wait "$SB_PID" 2>/dev/null
	fi
	for d in standby primary; do
		[ -f "$work/$d/postmaster.pid" ] &&
			as_server "$PGBIN/pg_ctl" -D "$work/$d" -m immediate -w -t 60 stop >/dev/null 2>&1
	done
	if [ "$fail" -gt 0 ]; then
		for d in primary standby; do
			[ -f "$work/$d.log" ] || continue
			echo "--- the end of the $d's server log" >>"$log"
			tail -40 "$work/$d.log" >>"$log"
		done
	fi
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

# give_up [WHAT]: a setup step failed (counted already, or WHAT); nothing
# else can be checked.
give_up() {
	if [ -n "${1:-}" ]; then
		echo "$name: FAILED: $1"
		fail=$((fail + 1))
	fi
	echo "$name: $pass passed, $fail failed"
	exit 1
}

# free_port [BUT]: a TCP port nothing listens on (the servers listen on none,
# but another server could be using the number for its own sockets).
free_port() {
	local p i
	for i in $(seq 100); do
		p=$((20000 + RANDOM % 30000))
		[ "$p" != "${1:-}" ] || continue
		(exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null && continue
		echo "$p"
		return 0
	done
	return 1
}
pport=$(free_port) && sport=$(free_port "$pport") || give_up "no free port"
pconn="host=$work port=$pport user=postgres dbname=dcvtest"
sconn="host=$work port=$sport user=postgres dbname=dcvtest"

# The primary: a fresh cluster, streaming to whoever connects for it.
setup_primary() {
	as_server "$PGBIN/initdb" -D "$work/primary" -U postgres -A trust -E UTF8 --locale=C -N || return 1
	cat >>"$work/primary/postgresql.conf" <<EOF
listen_addresses = ''
unix_socket_directories = '$work'
port = $pport
fsync = off
shared_buffers = 16MB
max_connections = 20
wal_level = replica
max_wal_senders = 5
autovacuum = off
EOF
	as_server "$PGBIN/pg_ctl" -D "$work/primary" -l "$work/primary.log" -w -t 120 start || return 1
	psql_q "host=$work port=$pport user=postgres dbname=postgres" \
		-c "CREATE DATABASE dcvtest TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'"
}

# The standby: a base backup with standby.signal and primary_conninfo (-R),
# on its own port, APPLY_DELAY behind.  It tells the primary which rows its
# queries may still need, so that no replayed cleanup cancels the REPEATABLE
# READ transaction.
setup_standby() {
	as_server "$PGBIN/pg_basebackup" -D "$work/standby" -h "$work" -p "$pport" -U postgres \
		-X stream -c fast -R -N || return 1
	[ -f "$work/standby/standby.signal" ] || { echo "pg_basebackup -R wrote no standby.signal"; return 1; }
	cat >>"$work/standby/postgresql.conf" <<EOF
port = $sport
hot_standby = on
hot_standby_feedback = on
wal_receiver_status_interval = 1s
recovery_min_apply_delay = '$APPLY_DELAY'
EOF
	as_server "$PGBIN/pg_ctl" -D "$work/standby" -l "$work/standby.log" -w -t 120 start || return 1
	local deadline=$((SECONDS + REPLAY_TIMEOUT)) st
	while :; do
		st=$(psql_q "$sconn" -c "SELECT pg_is_in_recovery()::text || ' ' || coalesce((SELECT status FROM pg_stat_wal_receiver), 'none')" 2>&1)
		[ "$st" = "true streaming" ] && { echo "in recovery, streaming"; return 0; }
		[ "$SECONDS" -lt "$deadline" ] || { echo "not a streaming standby after ${REPLAY_TIMEOUT} s: $st"; return 1; }
		sleep 0.2
	done
}

check "a primary of its own (initdb, port $pport, sockets in $work)" setup_primary
[ "$fail" -eq 0 ] || give_up
check "a hot standby of it (pg_basebackup -R, port $sport), streaming" setup_standby
[ "$fail" -eq 0 ] || give_up
setup_done=$(now_ms)

# wait_replay [LSN]: the standby has replayed all the primary had written
# when called (pg_current_wal_lsn() against pg_last_wal_replay_lsn()), and
# at least up to LSN.
waits=""
wait_replay() {
	local target got t0 deadline=$((SECONDS + REPLAY_TIMEOUT))
	t0=$(now_ms)
	# The primary's WAL written so far, or at least the position given (WAL
	# inserted by a transaction still open, which the WAL writer sends soon).
	target=$(psql_q "$pconn" -c "SELECT greatest(pg_current_wal_lsn(), '${1:-0/0}'::pg_lsn)") || return 1
	while :; do
		got=$(psql_q "$sconn" -c "SELECT pg_last_wal_replay_lsn() >= '$target'::pg_lsn, pg_last_wal_replay_lsn()" 2>&1)
		if [ "${got%%|*}" = t ]; then
			waits="$waits $(($(now_ms) - t0))"
			echo "replayed past $target (${got#*|}) in $(($(now_ms) - t0)) ms"
			return 0
		fi
		if [ "$SECONDS" -ge "$deadline" ]; then
			echo "the standby has not replayed up to $target within ${REPLAY_TIMEOUT} s: $got"
			return 1
		fi
		sleep 0.05
	done
}

# The orders: every product line and case of code, Unicode, fullwidth and
# wildcard domains, designated, WHOIS and DNS contacts, dates of every era
# of the timeline.  The trigger rejects an order it cannot decide, so only
# decidable ones are inserted; the analysts' queries then ask about other
# dates too, where many cannot be decided.
cat >"$work/orders.sql" <<'EOF'
CREATE EXTENSION dcv;
CREATE TABLE orders (
  id int PRIMARY KEY, product text NOT NULL, domain text NOT NULL,
  designated text[], whois text[], as_of date,
  recipients text[], rule text, dns text[], sub boolean);
CREATE TRIGGER orders_dcv BEFORE INSERT OR UPDATE ON orders FOR EACH ROW
  EXECUTE FUNCTION dcv_recipient_trigger(product, domain, designated, whois, recipients, rule, as_of, dns, sub);
INSERT INTO orders (id, product, domain, designated, whois, as_of, dns, sub)
SELECT i, product, domain, designated, whois, as_of, dns, sub
FROM (SELECT i, product, domain, base,
             CASE i % 5
               WHEN 0 THEN NULL
               WHEN 1 THEN ARRAY['admin@' || base]
               WHEN 2 THEN ARRAY[NULL, 'WebMaster@' || base]
               WHEN 3 THEN ARRAY['owner' || i || '@' || base]
               ELSE ARRAY['ops@example.net']
             END AS designated,
             CASE i % 3
               WHEN 0 THEN NULL
               WHEN 1 THEN ARRAY['Owner' || i || '@' || base, 'REDACTED FOR PRIVACY']
               ELSE ARRAY['b' || i % 7 || '@' || base, 'a@' || base, NULL]
             END AS whois,
             (ARRAY[NULL, '2017-11-01', '2018-06-01', '2019-01-15', '2021-04-01',
                    '2024-05-01', '2025-09-01', '2026-06-01', '2027-12-31']::date[])[i % 9 + 1] AS as_of,
             CASE WHEN i % 5 = 4 OR i % 11 = 0 THEN
               ARRAY['_validation-contactemail.' || base || '. 300 IN TXT "ops@example.net"',
                     base || '. 300 IN CAA 0 issue "ca.example"',
                     base || '. 300 IN CAA 0 contactemail "sec' || i % 4 || '@example.org"',
                     'www.' || base || '. 300 IN A 192.0.2.' || i % 250]
             END AS dns,
             CASE WHEN i % 13 = 0 THEN true WHEN i % 13 = 1 THEN false END AS sub
      FROM (SELECT i,
                   (ARRAY['TrueBizID', 'QuickSSLPremium', 'SecureSiteProEV', 'quicksslpremiumwildcard',
                          'TrueBizIDEVMD', 'SecureSite', 'QuickSSLPremiumMD', 'truebizidmdwc',
                          'SecureSiteEV', 'TrueBizIDWildcard', 'SecureSitePro'])[i % 11 + 1] AS product,
                   d AS domain, dcv_base_domain(d) AS base
            FROM generate_series(1, 420) AS i,
                 LATERAL (SELECT (ARRAY['example.com', 'www.example.co.jp', 'shop.example.org', '例え.jp',
                                        'www.例え.jp', 'mail.example.net', 'ＷＷＷ.Example.COM',
                                        'secure.shop.example.co.uk', '*.example.jp',
                                        'ショップ.例え.jp'])[i % 10 + 1] AS d) AS dd) AS o) AS o
WHERE (dcv_decision(product, domain, designated, whois, as_of, coalesce(sub, false), dns)).problem IS NULL;
-- the reference's DNS case: a contact published in a TXT record
INSERT INTO orders (id, product, domain, designated, as_of, dns) VALUES
  (1000, 'QuickSSLPremium', 'example.com', ARRAY['ops@example.com'], '2025-09-01',
   ARRAY['_validation-contactemail.example.com. 300 IN TXT "ops@example.com"']);
SELECT count(*) FROM orders;
EOF

# populate: the orders are there, enough of them, every rule among them.
populate() {
	local n rules
	n=$(psql_q "$pconn" -f "$work/orders.sql") || { echo "$n"; return 1; }
	rules=$(psql_q "$pconn" -c "SELECT string_agg(DISTINCT rule, ' ' ORDER BY rule) FROM orders")
	echo "$n orders; rules: $rules"
	[ "$n" -ge 200 ] && [ "$rules" = "admin_fallback all_candidates designated whois_first" ]
}
check "the primary: dcv, an order table with dcv_recipient_trigger, a few hundred orders" populate

dns_case="SELECT d.recipients, d.rule, d.line, d.problem, d.discouraged FROM dcv_decision('QuickSSLPremium', 'example.com', ARRAY['ops@example.com'], NULL, '2025-09-01', false, ARRAY['_validation-contactemail.example.com. 300 IN TXT \"ops@example.com\"']) d
UNION ALL SELECT recipients, rule, NULL, NULL, NULL FROM orders WHERE id = 1000"
dns_expected="{ops@example.com}|designated|dv||f
{ops@example.com}|designated|||"
check "the primary: a DNS-published contact designated (seven-argument dcv_decision and the trigger)" \
	equals "$pconn" "$dns_case" "$dns_expected"

check "the standby replays the orders" wait_replay
check "the standby: in recovery, with all the orders" \
	equals "$sconn" "SELECT pg_is_in_recovery(), count(*) FROM orders" \
	"t|$(psql_q "$pconn" -c "SELECT count(*) FROM orders")"
check "the standby: the DNS-published contact too" equals "$sconn" "$dns_case" "$dns_expected"

# What analysts ask; every query has an order that decides every row.
cat >"$work/analyst.sql" <<'EOF'
-- the decisions, as ordered
SELECT id, d.* FROM orders, LATERAL dcv_decision(product, domain, designated, whois, as_of, coalesce(sub, false), dns) d ORDER BY id;
-- the same orders on other dates, the notice's rules (NULL) included
SELECT id, w.as_of, d.*
FROM orders, (VALUES (NULL::date), ('2018-02-01'), ('2019-01-31'), ('2025-07-15'), ('2026-03-15'), ('2028-03-14'), ('2028-03-15'), ('2029-03-15')) AS w(as_of),
     LATERAL dcv_decision(product, domain, designated, whois, w.as_of, coalesce(sub, false), dns) d
ORDER BY id, w.as_of NULLS FIRST;
-- how many of each
SELECT d.line, d.rule, d.discouraged, count(*)
FROM orders, LATERAL dcv_decision(product, domain, designated, whois, as_of, coalesce(sub, false), dns) d
GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;
-- the stored recipients are those decided now
SELECT id, recipients, rule,
       dcv_default_recipient(product, domain, designated, whois, as_of, coalesce(sub, false), dns) IS NOT DISTINCT FROM recipients
FROM orders ORDER BY id;
-- the candidates of each order, in the functions' order
SELECT id, c.* FROM orders, LATERAL dcv_candidates(domain, whois, coalesce(sub, false), dns) WITH ORDINALITY c ORDER BY id, c.ordinality;
SELECT id, c.* FROM orders, LATERAL dcv_dns_contacts(domain, dns) WITH ORDINALITY c ORDER BY id, c.ordinality;
SELECT id, e, dcv_is_candidate(domain, whois, e, coalesce(sub, false), dns)
FROM orders, unnest(designated || whois) WITH ORDINALITY AS u(e, k) WHERE e IS NOT NULL ORDER BY id, k;
-- the dates and products in force
SELECT change, to_char(effective, 'YYYY-MM-DD'), builtin, description FROM dcv_timeline ORDER BY effective, change;
SELECT code, line, brand, validation, wildcard, multi_domain, name_en, name_ja, builtin FROM dcv_product ORDER BY code COLLATE "C";
EOF

# same_answers: the query set's output on the standby is the primary's,
# byte for byte, run by the standby's backend and by its parallel workers.
parallel="-c force_parallel_mode=on -c parallel_setup_cost=0 -c parallel_tuple_cost=0 -c min_parallel_table_scan_size=0 -c max_parallel_workers_per_gather=2"
same_answers() {
	psql_q "$pconn" -f "$work/analyst.sql" >"$work/primary.out" 2>&1 || { cat "$work/primary.out"; return 1; }
	psql_q "$sconn" -f "$work/analyst.sql" >"$work/standby.out" 2>&1 || { cat "$work/standby.out"; return 1; }
	PGOPTIONS=$parallel psql_q "$sconn" -f "$work/analyst.sql" >"$work/parallel.out" 2>&1 ||
		{ cat "$work/parallel.out"; return 1; }
	echo "$(wc -l <"$work/primary.out") lines from the primary"
	[ "$(wc -l <"$work/primary.out")" -gt 3000 ] || { echo "too little output"; return 1; }
	diff "$work/primary.out" "$work/standby.out" && echo "the standby: the same" &&
		diff "$work/primary.out" "$work/parallel.out" && echo "the standby's parallel workers: the same"
}
check "the analysts' query set: the standby answers byte for byte as the primary" same_answers

# The decisions above did run in parallel workers of the standby.
workers() {
	local plan
	plan=$(PGOPTIONS=$parallel psql_q "$sconn" -c "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT count(d.rule) FROM orders, LATERAL dcv_decision(product, domain, designated, whois, as_of, coalesce(sub, false), dns) d" 2>&1)
	echo "$plan"
	grep -q 'Workers Launched: [1-9]' <<<"$plan"
}
check "the standby ran those decisions in parallel workers" workers
check "the standby: every order's stored recipients are those decided there now" \
	equals "$sconn" "SELECT count(*) FROM orders WHERE dcv_default_recipient(product, domain, designated, whois, as_of, coalesce(sub, false), dns) IS DISTINCT FROM recipients OR rule IS DISTINCT FROM (dcv_decision(product, domain, designated, whois, as_of, coalesce(sub, false), dns)).rule" 0

# One psql session on the standby, open from here to the end: sb SQL sends
# SQL (statements ended by ';') and prints what psql answers, errors
# included, up to a marker line.
marker="--dcv-standby-end-$$--"
coproc SB { exec psql -X -q -At -d "$sconn" 2>&1; }
sb() {
	local line
	[ -n "${SB[1]:-}" ] && kill -0 "$SB_PID" 2>/dev/null || { echo "the standby session is gone"; return 1; }
	printf '%s\n\\echo %s\n' "$1" "$marker" >&"${SB[1]}" || return 1
	while IFS= read -r -t "$READ_TIMEOUT" line <&"${SB[0]}"; do
		[ "$line" = "$marker" ] && return 0
		printf '%s\n' "$line"
	done
	echo "no answer from the standby session within ${READ_TIMEOUT} s"
	return 1
}
# sb_is SQL EXPECTED: the session's answer is EXPECTED.
sb_is() {
	local got
	got=$(sb "$1")
	echo "got: $got"
	[ "$got" = "$2" ]
}
sb_pid=$(sb "SELECT pg_backend_pid();")
echo "--- the standing session on the standby: backend $sb_pid" >>"$log"

rapid="SELECT recipients, rule, line, problem FROM dcv_decision('RapidSSL', 'www.example.com', ARRAY['admin@example.com'], NULL, '2025-09-01');"
check "standing session: RapidSSL, not in dcv_product yet, is an unknown product" \
	sb_is "$rapid" '|||unknown product "RapidSSL"'

# A session on the primary, also kept open: p_session SQL sends SQL to it and
# prints its answer; it fails on an error.
mkfifo "$work/primary.in" || give_up "mkfifo"
: >"$work/primary.session"
psql -X -q -At -d "$pconn" <"$work/primary.in" >>"$work/primary.session" 2>&1 &
P_PID=$!
exec {P}>"$work/primary.in"
pseq=0
p_session() {
	local m deadline=$((SECONDS + READ_TIMEOUT)) from
	pseq=$((pseq + 1))
	m="--dcv-primary-$pseq-$$--"
	kill -0 "$P_PID" 2>/dev/null || { echo "the primary's session is gone"; return 1; }
	from=$(($(wc -l <"$work/primary.session") + 1))
	printf '%s\n\\echo %s\n' "$1" "$m" >&"$P" || return 1
	until grep -qxF -- "$m" "$work/primary.session"; do
		[ "$SECONDS" -lt "$deadline" ] || { echo "no answer from the primary's session within ${READ_TIMEOUT} s"; return 1; }
		sleep 0.05
	done
	sed -n "$from,\$p" "$work/primary.session" | grep -vxF -- "$m" >"$work/primary.answer"
	cat "$work/primary.answer"
	! grep -q '^ERROR: ' "$work/primary.answer"
}

# RapidSSL's row reaches the standby before its transaction commits: the
# standby must not see it then, and must once the commit is replayed.
in_flight() {
	local lsn
	lsn=$(p_session "BEGIN; INSERT INTO dcv_product (code, line, brand, validation) VALUES ('RapidSSL', 'dv', 'RapidSSL', 'DV'); SELECT pg_current_wal_insert_lsn();") || return 1
	echo "the row written up to $lsn, its transaction open"
	# A commit after it, so that the WAL holding the row is flushed and sent
	# (at once, or by the WAL writer when commits are asynchronous).
	psql_q "$pconn" -c "SELECT txid_current() > 0" >/dev/null || return 1
	wait_replay "$lsn" && psql_q "$sconn" -c "SELECT pg_last_wal_replay_lsn() >= '$lsn'::pg_lsn" | grep -qx t
}
check "the primary adds RapidSSL in a transaction left open; the standby replays its row" in_flight
check "the same session: RapidSSL still unknown while the transaction is open on the primary" \
	sb_is "$rapid" '|||unknown product "RapidSSL"'
check "the primary commits" p_session "COMMIT;"
check "the standby replays the commit" wait_replay
check "the same session now knows RapidSSL (its copy of dcv_product is read again)" \
	sb_is "$rapid" '{admin@example.com}|designated|dv|'
check "the primary takes orders of RapidSSL" \
	psql_q "$pconn" -c "INSERT INTO orders (id, product, domain, designated, whois, as_of) VALUES (2001, 'RapidSSL', 'www.例え.jp', ARRAY['webmaster@例え.jp'], NULL, '2024-01-01'), (2002, 'rapidssl', 'shop.example.org', ARRAY['admin@example.org'], ARRAY['z@example.org'], '2026-06-01')"

sc090="SELECT to_char(effective, 'YYYY-MM-DD') FROM dcv_timeline WHERE change = 'sc090';
SELECT recipients, rule, problem FROM dcv_decision('TrueBizID', 'example.com', NULL, NULL, '2028-06-01');"
sc090_old="2028-03-15
||no e-mail DCV method is in force on 2028-06-01"
sc090_new="2029-03-15
{admin@example.com}|admin_fallback|"
check "standing session: sc090 on 2028-03-15, so no e-mail method on 2028-06-01" sb_is "$sc090" "$sc090_old"
check "standing session: a REPEATABLE READ transaction begins, sees the same" \
	sb_is "BEGIN ISOLATION LEVEL REPEATABLE READ; $sc090" "$sc090_old"
check "the primary moves sc090 to 2029-03-15" \
	psql_q "$pconn" -c "INSERT INTO dcv_rule_date (change, effective) VALUES ('sc090', '2029-03-15')"
check "the standby replays the new date" wait_replay
check "the transaction, begun before, still decides by its snapshot's date" sb_is "$sc090" "$sc090_old"
check "after COMMIT the same session decides by the new date" sb_is "COMMIT; $sc090" "$sc090_new"

check "after the changes, the query set: the standby answers byte for byte as the primary" same_answers
check "and the RapidSSL orders and the new date are among the answers" \
	grep -cxF '2002|2028-03-15|{admin@example.org}|designated|dv||t' "$work/standby.out"

check "the primary deletes RapidSSL" psql_q "$pconn" -c "DELETE FROM dcv_product WHERE code = 'RapidSSL'"
check "the standby replays the deletion" wait_replay
check "the same session: RapidSSL is an unknown product again" sb_is "$rapid" '|||unknown product "RapidSSL"'

check "the primary drops dcv and creates it again (new tables, the built-in dates back)" \
	psql_q "$pconn" -c "DROP EXTENSION dcv CASCADE" -c "CREATE EXTENSION dcv" \
	-c "CREATE TRIGGER orders_dcv BEFORE INSERT OR UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION dcv_recipient_trigger(product, domain, designated, whois, recipients, rule, as_of, dns, sub)"
check "the standby replays that" wait_replay
check "the same session finds the new tables: no RapidSSL, sc090 on 2028-03-15" \
	sb_is "$rapid $sc090" "|||unknown product \"RapidSSL\"
$sc090_old"
check "it was one session, one backend ($sb_pid), throughout" sb_is "SELECT pg_backend_pid();" "$sb_pid"

# refused CONN SQL: the statement fails with SQLSTATE 25006 (read-only).
refused() {
	local got
	got=$(psql_q "$1" -v VERBOSITY=verbose -c "$2" 2>&1) && { echo "no error: $got"; return 1; }
	echo "$got"
	grep -q '^ERROR:  25006: ' <<<"$got"
}
check "the standby refuses a new order (25006)" refused "$sconn" \
	"INSERT INTO orders (id, product, domain, designated) VALUES (3001, 'QuickSSLPremium', 'example.com', ARRAY['admin@example.com'])"
check "the standby refuses a change of an order (25006)" refused "$sconn" \
	"UPDATE orders SET designated = ARRAY['webmaster@example.com'] WHERE id = 1000"
check "the standby refuses a new product (25006)" refused "$sconn" \
	"INSERT INTO dcv_product (code, line, brand, validation) VALUES ('RapidSSLWildcard', 'dv', 'RapidSSL', 'DV')"
check "the standby refuses a change of a built-in row with 25006, before dcv's guard" refused "$sconn" \
	"UPDATE dcv_product SET line = 'dv' WHERE code = 'TrueBizID'"
check "the standby refuses a new date (25006)" refused "$sconn" \
	"INSERT INTO dcv_rule_date (change, effective) VALUES ('sc090', '2030-03-15')"
check "the standby refuses TRUNCATE of dcv_rule_date (25006)" refused "$sconn" "TRUNCATE dcv_rule_date"
check "the standby refuses DDL (25006)" refused "$sconn" "CREATE TABLE standby_scratch (x int)"

recipient="SELECT dcv_default_recipient('TrueBizID', 'www.example.co.jp', NULL, ARRAY['b@example.co.jp', 'A@example.co.jp']), (dcv_decision('QuickSSLPremium', 'example.com', ARRAY['ops@example.com'], NULL, '2025-09-01', false, ARRAY['_validation-contactemail.example.com. 300 IN TXT \"ops@example.com\"'])).recipients"
# read_only CONN: decisions in a read-only transaction.
read_only() {
	local got
	got=$(psql_q "$1" -c "BEGIN READ ONLY" -c "$recipient" -c "SHOW transaction_read_only" -c "COMMIT" 2>&1)
	echo "got: $got"
	[ "$got" = "{a@example.co.jp}|{ops@example.com}
on" ]
}
check "the standby: decisions in a read-only transaction" read_only "$sconn"
check "the primary: decisions in a read-only transaction" read_only "$pconn"
check "the primary: a read-only transaction refuses a new product with 25006, before dcv's guard" \
	refused "$pconn options='-c default_transaction_read_only=on'" "INSERT INTO dcv_product (code, line, brand, validation, builtin) VALUES ('X', 'dv', 'X', 'DV', true)"

# guards CONN: dcv's trigger functions, called directly, refuse to run.
guards() {
	psql -X -q -At -v VERBOSITY=verbose -d "$1" -c "SELECT dcv_cache_invalidate()" \
		-c "SELECT dcv_builtin_guard()" -c "SELECT dcv_recipient_trigger()" 2>&1 | grep -v '^LOCATION:'
}
guards_both() {
	guards "$pconn" >"$work/guards.primary" 2>&1
	guards "$sconn" >"$work/guards.standby" 2>&1
	cat "$work/guards.standby"
	[ "$(grep -c '^ERROR:  39P01: .*not fired by trigger manager' "$work/guards.standby")" -eq 3 ] &&
		diff "$work/guards.primary" "$work/guards.standby"
}
check "dcv's trigger functions called directly: refused (39P01) on the standby as on the primary" guards_both
check "the standby is still in recovery and the standing session still answers" \
	sb_is "SELECT pg_is_in_recovery(), pg_backend_pid() = $sb_pid;" "t|t"

total=$(($(now_ms) - started))
echo "$name: servers ready in $((setup_done - started)) ms; replay waits (ms):$waits; $total ms in all"
echo "$name: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
