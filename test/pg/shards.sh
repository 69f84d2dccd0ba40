#!/bin/bash
# shards.sh: orders spread over two shards with postgres_fdw, inside one
# cluster.
#
#   shard_a, shard_b  dcv, an order table with dcv_recipient_trigger, the
#                     analysts' view order_decisions (dcv_decision over the
#                     orders) and the view dcv_fingerprint (what a decision
#                     depends on: the version, both tables, answers of
#                     libidn2 and of the Public Suffix List, the list in
#                     force, a few decisions)
#   shards_coord      dcv, postgres_fdw, a server per shard (async_capable,
#                     batch_size), the partitioned table orders (by hash of
#                     id) whose partitions are the shards' order tables, the
#                     partitioned table order_decisions (by list of shard)
#                     over the shards' views, and node_fingerprints and
#                     node_mismatches over the fingerprints of every node
#
# Checks: INSERT, COPY and a batched INSERT through the coordinator land on
# the shards, decided there by the trigger; an undecidable order is refused
# with dcv's error (ZD005) passed back through the foreign server, and leaves
# nothing behind; the trigger refuses the coordinator's foreign partitions;
# an UPDATE through the coordinator (sent as is, or row by row) is decided
# again on the shard.  The analysts' count of decisions by rule read through
# the shards' views runs dcv_decision on the shards (EXPLAIN VERBOSE: the
# Remote SQL reads the views, the coordinator's plan calls no dcv_decision),
# a query calling dcv_decision over the foreign orders runs it on the
# coordinator, and both give the same counts; with extensions 'dcv' on the
# servers dcv's IMMUTABLE functions are sent to the shards, dcv_decision
# (STABLE) still is not.  The fingerprints are alike on
# every node, and a user product on one shard only, or a user date, shows as
# a mismatch of that node until every node has it.
#
# Runs against the server PGHOST/PGPORT/PGUSER name (a throwaway cluster);
# the foreign servers connect to it again, as PGUSER (with PGPASSWORD when
# set).  Prints "shards: N passed, N failed"; details in test/log/shards.log.
set -u
cd "$(dirname "$0")/../.."
mkdir -p test/log
name=shards
log=test/log/shards.log
: >"$log"
work=$(mktemp -d)
export PGCLIENTENCODING=UTF8
pass=0
fail=0
coord=shards_coord
shards="shard_a shard_b"
dbs="$coord $shards"

. test/pg-checks.sh

# The coordinator's connections to the shards end with its sessions, a
# moment after psql: drop the shards whatever is still connected.
drop_all() {
	for db in $dbs; do
		psql_q postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1
	done
}
cleanup() { drop_all; rm -rf "$work"; }
trap cleanup EXIT

# setup DESCRIPTION COMMAND...: a step the checks need; stops the test when
# it fails.
setup() {
	local what=$1; shift
	echo "--- setup: $what" >>"$log"
	if ! "$@" >>"$log" 2>&1; then
		fail=$((fail + 1))
		echo "$name: FAILED: setup: $what"
		echo "$name: $pass passed, $fail failed"
		exit 1
	fi
}

# Errors with their SQLSTATE ("ERROR:  ZD005: ...").
psql_v() { local db=$1; shift; psql_q "$db" -v VERBOSITY=verbose "$@"; }
rejects_v() {	# rejects_v DB SQL PATTERN...: an error matching every PATTERN
	local got db=$1 sql=$2
	shift 2
	got=$(psql_v "$db" -c "$sql" 2>&1) && { echo "no error: $got"; return 1; }
	echo "$got"
	for p in "$@"; do
		grep -q -- "$p" <<<"$got" || { echo "not in the error: $p"; return 1; }
	done
}
equals_on() {	# equals_on DB SQL EXPECTED, with a label for the log
	echo "on $1:"
	equals "$@"
}

drop_all
for db in $dbs; do
	setup "database $db" psql_q postgres -c "CREATE DATABASE $db TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'"
done

# What every node has: dcv and the fingerprint view.  The view reads in a
# fixed order and without DateStyle or the database encoding in the way.
cat >"$work/node.sql" <<'EOF'
CREATE EXTENSION dcv;
CREATE VIEW dcv_fingerprint AS
SELECT current_database()::text AS node,
       (SELECT extversion FROM pg_extension WHERE extname = 'dcv')::text AS extversion,
       (SELECT md5(convert_to(string_agg(ROW(code, line, brand, validation, wildcard, multi_domain,
                                              name_en, name_ja, builtin)::text,
                                          E'\n' ORDER BY code COLLATE "C"), 'UTF8'))
        FROM dcv_product) AS products,
       (SELECT md5(convert_to(string_agg(ROW(change, to_char(effective, 'YYYY-MM-DD'), builtin,
                                              description)::text,
                                          E'\n' ORDER BY change COLLATE "C", builtin), 'UTF8'))
        FROM dcv_rule_date) AS rule_dates,
       concat_ws(' ', dcv_normalize_domain('ＷＷＷ．例え。jp'), dcv_normalize_domain('Bücher.de'),
                 dcv_normalize_domain('faß.de'), dcv_normalize_domain('ÖBB.at')) AS idn,
       concat_ws(' ', dcv_base_domain('www.city.kawasaki.jp'), dcv_base_domain('a.b.kawasaki.jp'),
                 dcv_base_domain('shop.example.co.uk'), dcv_base_domain('www.例え.東京.jp')) AS psl,
       (SELECT concat_ws(' ', source, to_char(list_date, 'YYYY-MM-DD'), rules, icann_rules, problem)
        FROM dcv_psl_info()) AS psl_list,
       (SELECT md5(convert_to(string_agg(ROW(d.*)::text, E'\n' ORDER BY s.n), 'UTF8'))
        FROM (VALUES (1, 'QuickSSLPremium', 'www.例え.jp', ARRAY['admin@例え.jp'], NULL::text[], NULL::date, NULL::text[]),
                     (2, 'TrueBizID', 'shop.example.co.jp', NULL, ARRAY['Tanaka@Example.co.jp'], '2019-01-01', NULL),
                     (3, 'TrueBizID', 'shop.example.co.jp', NULL, ARRAY['tanaka@example.co.jp'], '2026-01-01', NULL),
                     (4, 'SecureSite', 'www.city.kawasaki.jp', NULL, NULL, '2017-05-01', NULL),
                     (5, 'QuickSSLPremium', 'example.com', NULL, NULL, NULL, NULL),
                     (6, 'QuickSSLPremium', 'example.com', ARRAY['admin@example.com'], NULL, '2028-06-01', NULL),
                     (7, 'TrueBizID', 'www.example.co.jp', ARRAY['ops@example.net'], NULL, '2020-01-01',
                      ARRAY['_validation-contactemail.example.co.jp. 300 IN TXT "ops@example.net"']))
             AS s(n, product, domain, designated, whois, as_of, dns),
             LATERAL dcv_decision(s.product, s.domain, s.designated, s.whois, s.as_of, false, s.dns) AS d) AS decisions;
EOF

# A shard: the orders, decided by the trigger, and the analysts' view
# (test/pg/shard-schema.sql, which bench/shards.sh measures); a count of the
# INSERT statements the shard runs (to see the coordinator's batches).  The
# coordinator's sessions run with search_path = pg_catalog here.
{
	cat test/pg/shard-schema.sql
	cat <<'EOF'
CREATE TABLE insert_statements (n int NOT NULL);
INSERT INTO insert_statements VALUES (0);
CREATE FUNCTION count_insert() RETURNS trigger LANGUAGE plpgsql AS
  $$BEGIN UPDATE public.insert_statements SET n = n + 1; RETURN NULL; END$$;
CREATE TRIGGER orders_count AFTER INSERT ON orders FOR EACH STATEMENT EXECUTE FUNCTION count_insert();
EOF
} >"$work/shard.sql"

for db in $dbs; do
	setup "dcv and the fingerprint view on $db" psql_q "$db" -f "$work/node.sql"
done
for db in $shards; do
	setup "orders and views on $db" psql_q "$db" -f "$work/shard.sql"
done

# The coordinator.  The servers connect to this cluster again, as the same
# user: a superuser needs no password with postgres_fdw; one is passed when
# the environment has one.
opt() { [ -n "${2:-}" ] && printf ", %s '%s'" "$1" "${2//\'/\'\'}"; }
{
	echo "CREATE EXTENSION postgres_fdw;"
	for s in $shards; do
		echo "CREATE SERVER $s FOREIGN DATA WRAPPER postgres_fdw OPTIONS (dbname '$s'$(opt host "${PGHOST:-}")$(opt port "${PGPORT:-}"), async_capable 'true', batch_size '100', fetch_size '1000');"
		echo "CREATE USER MAPPING FOR CURRENT_USER SERVER $s OPTIONS (user '${PGUSER:-$(id -un)}'$(opt password "${PGPASSWORD:-}"));"
	done
	echo "ALTER DATABASE shards_coord SET enable_partitionwise_aggregate = on;"
	cat test/pg/coordinator-schema.sql
	cat <<'EOF'
CREATE FOREIGN TABLE dcv_fingerprint_a (node text, extversion text, products text, rule_dates text,
                                        idn text, psl text, psl_list text, decisions text)
  SERVER shard_a OPTIONS (table_name 'dcv_fingerprint');
CREATE FOREIGN TABLE dcv_fingerprint_b (node text, extversion text, products text, rule_dates text,
                                        idn text, psl text, psl_list text, decisions text)
  SERVER shard_b OPTIONS (table_name 'dcv_fingerprint');
CREATE VIEW node_fingerprints AS
SELECT * FROM dcv_fingerprint
UNION ALL SELECT * FROM dcv_fingerprint_a
UNION ALL SELECT * FROM dcv_fingerprint_b;
-- What differs from the coordinator, node by node.
CREATE VIEW node_mismatches AS
SELECT n.node, v.item, v.here, v.there
FROM node_fingerprints n, dcv_fingerprint c,
     LATERAL (VALUES ('extversion', c.extversion, n.extversion),
                     ('products', c.products, n.products),
                     ('rule_dates', c.rule_dates, n.rule_dates),
                     ('idn', c.idn, n.idn),
                     ('psl', c.psl, n.psl),
                     ('psl_list', c.psl_list, n.psl_list),
                     ('decisions', c.decisions, n.decisions)) AS v(item, here, there)
WHERE v.here IS DISTINCT FROM v.there;
EOF
} >"$work/coord.sql"
setup "the coordinator" psql_q "$coord" -f "$work/coord.sql"
setup "the coordinator reaches both shards" \
	equals "$coord" "SELECT count(*) FROM orders_a UNION ALL SELECT count(*) FROM orders_b" "0
0"

# on_shards SQL: the query's output on shard_a, then on shard_b.
on_shards() { for s in $shards; do psql_q "$s" -c "$1" | sed "s/^/$s /"; done; }
shards_equal() {	# shards_equal SQL EXPECTED
	local got
	got=$(on_shards "$1" 2>&1)
	echo "got: $got"
	[ "$got" = "$2" ]
}
# The coordinator's plan of a statement, in $work/plan and in the log.
explain() { psql_q "$coord" -c "EXPLAIN (VERBOSE, COSTS OFF) $1" >"$work/plan" 2>&1; cat "$work/plan"; }
plan_has() {	# plan_has SQL N TEXT: N lines of the plan hold TEXT
	explain "$1" || return 1
	local n
	n=$(grep -cF -- "$3" "$work/plan")
	[ "$n" -eq "$2" ] || { echo "$n lines, not $2, hold: $3"; return 1; }
}
# coordinator_calls SQL: the coordinator calls dcv_decision itself, and no
# Remote SQL does.
coordinator_calls() {
	explain "$1" || return 1
	grep -v 'Remote SQL' "$work/plan" | grep -q 'dcv_decision(' || { echo "no call of dcv_decision"; return 1; }
	! grep 'Remote SQL' "$work/plan" | grep -q dcv_decision || { echo "dcv_decision sent"; return 1; }
}

#
# 1. Writes through the coordinator, decided on the shards.
#
check "INSERT ... RETURNING through the coordinator gives the shards' decisions" \
	equals "$coord" "INSERT INTO orders (id, product, domain, designated, whois, as_of) VALUES
  (1, 'QuickSSLPremium', 'www.shop1.co.jp', ARRAY['Admin@SHOP1.co.jp'], NULL, NULL),
  (2, 'TrueBizID', 'www.shop2.co.jp', NULL, ARRAY['tanaka@shop2.co.jp'], NULL),
  (3, 'SecureSite', 'www.shop3.co.jp', NULL, NULL, '2024-01-01'),
  (4, 'TrueBizIDEV', 'shop4.co.jp', NULL, ARRAY['sato@shop4.co.jp'], '2017-06-01')
RETURNING id, tableoid::regclass, recipients, rule" \
	"1|orders_a|{admin@shop1.co.jp}|designated
2|orders_a|{tanaka@shop2.co.jp}|whois_first
3|orders_b|{admin@shop3.co.jp}|admin_fallback
4|orders_b|{sato@shop4.co.jp,admin@shop4.co.jp,administrator@shop4.co.jp,hostmaster@shop4.co.jp,postmaster@shop4.co.jp,webmaster@shop4.co.jp}|all_candidates"
check "the rows are on the shards, decided there" \
	shards_equal "SELECT id, recipients[1], rule FROM orders ORDER BY id" \
	"shard_a 1|admin@shop1.co.jp|designated
shard_a 2|tanaka@shop2.co.jp|whois_first
shard_b 3|admin@shop3.co.jp|admin_fallback
shard_b 4|sato@shop4.co.jp|all_candidates"
check "an undecidable INSERT is refused with dcv's error from the shard (ZD005)" \
	rejects_v "$coord" "INSERT INTO orders (id, product, domain) VALUES (5, 'QuickSSLPremium', 'www.shop5.co.jp')" \
	'ERROR:  ZD005: product "QuickSSLPremium" needs a designated address'
check "with dcv's detail and hint, and the remote statement as context" \
	rejects_v "$coord" "INSERT INTO orders (id, product, domain) VALUES (5, 'QuickSSLPremium', 'www.shop5.co.jp')" \
	'DETAIL:  On the DV line the DCV e-mail goes only to the approver e-mail chosen on the order.' \
	'HINT:  Choose the approver e-mail among dcv_candidates' \
	'CONTEXT:  dcv_recipient_trigger on table "orders"' \
	'remote SQL command: INSERT INTO public.orders'
check "nothing of it landed" shards_equal "SELECT count(*) FROM orders WHERE id = 5" "shard_a 0
shard_b 0"

printf '%s\n' \
	"10	QuickSSLPremium	www.copy10.jp	{webmaster@copy10.jp}	\\N	2020-05-05" \
	"11	TrueBizID	copy11.jp	\\N	{ito@copy11.jp}	2020-05-05" \
	"12	SecureSiteEV	Copy12.JP	\\N	\\N	\\N" \
	"13	TrueBizIDMD	ＷＷＷ．例え。jp	\\N	{admin@例え.jp}	2016-01-01" >"$work/copy.tsv"
check "COPY FROM STDIN through the coordinator" \
	bash -c "psql -X -q -v ON_ERROR_STOP=1 -d $coord -c 'COPY orders (id, product, domain, designated, whois, as_of) FROM STDIN' <'$work/copy.tsv'"
check "the copied rows are on the shards, decided there" \
	shards_equal "SELECT id, domain, recipients[1], rule FROM orders WHERE id BETWEEN 10 AND 19 ORDER BY id" \
	"shard_a 12|Copy12.JP|admin@copy12.jp|admin_fallback
shard_a 13|ＷＷＷ．例え。jp|admin@xn--r8jz45g.jp|all_candidates
shard_b 10|www.copy10.jp|webmaster@copy10.jp|designated
shard_b 11|copy11.jp|ito@copy11.jp|whois_first"
{ printf '%s\n' "20	TrueBizID	copy20.jp	\\N	\\N	\\N" \
	"21	QuickSSLPremiumWildcard	*.copy21.jp	\\N	{ito@copy21.jp}	2020-05-05" \
	"22	TrueBizID	copy22.jp	\\N	\\N	\\N"; } >"$work/copy_bad.tsv"
check "a COPY with an undecidable row is refused with ZD005" \
	bash -c "! psql -X -q -v ON_ERROR_STOP=1 -v VERBOSITY=verbose -d $coord -c 'COPY orders (id, product, domain, designated, whois, as_of) FROM STDIN' <'$work/copy_bad.tsv' >'$work/copy_bad.out' 2>&1; cat '$work/copy_bad.out'; grep -q 'ZD005: product \"QuickSSLPremiumWildcard\" needs a designated address' '$work/copy_bad.out'"
check "and leaves none of its rows on either shard" \
	shards_equal "SELECT count(*) FROM orders WHERE id BETWEEN 20 AND 29" "shard_a 0
shard_b 0"

# A batched INSERT: 1000 orders of every rule, 100 rows a remote statement.
batch_rows="SELECT 1000 + i, (ARRAY['QuickSSLPremium', 'TrueBizID', 'SecureSite', 'TrueBizIDEV'])[1 + i % 4],
       'www.b' || i || '.co.jp',
       CASE WHEN i % 4 = 0 THEN ARRAY['admin@b' || i || '.co.jp'] END,
       CASE WHEN i % 3 > 0 THEN ARRAY['owner@b' || i || '.co.jp'] END,
       (ARRAY[NULL, '2017-06-01', '2020-01-01', '2026-01-01'])[1 + i / 4 % 4]::date
FROM generate_series(1, 1000) AS i"
psql_q shard_a -c "UPDATE insert_statements SET n = 0" && psql_q shard_b -c "UPDATE insert_statements SET n = 0"
check "a batched INSERT ... SELECT through the coordinator" \
	psql_q "$coord" -c "INSERT INTO orders (id, product, domain, designated, whois, as_of) $batch_rows"
check "lands on both shards, every row decided there" \
	shards_equal "SELECT count(*) > 300, count(*) FILTER (WHERE rule IS NOT NULL AND recipients IS NOT NULL) = count(*) FROM orders WHERE id > 1000" \
	"shard_a t|t
shard_b t|t"
check "with the rules by the orders' dates, as dcv_decision on the coordinator gives them" \
	bash -c "psql -X -q -At -d $coord -c \"SELECT rule, count(*) FROM orders WHERE id > 1000 GROUP BY rule ORDER BY rule\" >'$work/batch.got' &&
	         psql -X -q -At -d $coord -c \"SELECT (dcv_decision(product, domain, designated, whois, as_of)).rule AS rule, count(*) FROM ($batch_rows) AS s(id, product, domain, designated, whois, as_of) GROUP BY 1 ORDER BY 1\" >'$work/batch.want' &&
	         cat '$work/batch.got' && [ \$(wc -l <'$work/batch.got') -eq 4 ] && diff '$work/batch.want' '$work/batch.got'"
check "in batches: at most one remote INSERT per 100 rows and shard" \
	shards_equal "SELECT n BETWEEN 1 AND 6 FROM insert_statements" "shard_a t
shard_b t"
on_shards "SELECT 'remote INSERT statements: ' || n FROM insert_statements" >>"$log"
check "a batch with an undecidable row is refused with ZD005" \
	rejects_v "$coord" "INSERT INTO orders (id, product, domain, designated, whois, as_of)
  SELECT 3000 + i, CASE WHEN i = 150 THEN 'QuickSSLPremium' ELSE 'TrueBizID' END, 'www.c' || i || '.jp', NULL, NULL, NULL
  FROM generate_series(1, 300) AS i" \
	'ZD005: product "QuickSSLPremium" needs a designated address'
check "and leaves none of its rows on either shard" \
	shards_equal "SELECT count(*) FROM orders WHERE id > 3000" "shard_a 0
shard_b 0"
check "dcv_recipient_trigger refuses the coordinator's foreign partition (0A000)" \
	rejects_v "$coord" "BEGIN; CREATE TRIGGER orders_dcv BEFORE INSERT OR UPDATE ON orders_a FOR EACH ROW
  EXECUTE FUNCTION dcv_recipient_trigger(product, domain, designated, whois, recipients, rule, as_of, dns_records);
  INSERT INTO orders (id, product, domain, designated) VALUES (5000, 'QuickSSLPremium', 'x.jp', ARRAY['admin@x.jp']); COMMIT" \
	'0A000: dcv_recipient_trigger cannot be used on foreign table "orders_a"'

#
# 2. Updates through the coordinator, decided again on the shards.
#
# A statement the coordinator cannot send as is (dcv_normalize_email is not
# shippable): it fetches the row and updates it by ctid.
check "an UPDATE computed on the coordinator is sent row by row" \
	plan_has "UPDATE orders SET designated = ARRAY[dcv_normalize_email('WebMaster@' || substr(domain, 5))] WHERE id = 1" \
	1 'Remote SQL: UPDATE public.orders SET designated = $2 WHERE ctid = $1'
check "UPDATE of designated through the coordinator is decided again on the shard" \
	equals "$coord" "UPDATE orders SET designated = ARRAY[dcv_normalize_email('WebMaster@' || substr(domain, 5))] WHERE id = 1 RETURNING recipients, rule" \
	"{webmaster@shop1.co.jp}|designated"
check "the shard holds the new decision" \
	equals_on shard_a "SELECT recipients, rule FROM orders WHERE id = 1" "{webmaster@shop1.co.jp}|designated"
check "an UPDATE the coordinator sends as is (direct modification)" \
	plan_has "UPDATE orders SET designated = ARRAY['hostmaster@' || substr(domain, 5)] WHERE product = 'TrueBizID' AND id > 1000" \
	2 "Remote SQL: UPDATE public.orders SET designated = ARRAY[('hostmaster@'::text || substr(domain, 5))] WHERE ((id > 1000)) AND ((product = 'TrueBizID'))"
check "and runs" \
	psql_q "$coord" -c "UPDATE orders SET designated = ARRAY['hostmaster@' || substr(domain, 5)] WHERE product = 'TrueBizID' AND id > 1000"
check "and every row is decided again on both shards" \
	shards_equal "SELECT count(*) > 100, bool_and(recipients @> designated AND rule = CASE WHEN as_of < '2018-02-02' THEN 'all_candidates' ELSE 'designated' END) FROM orders WHERE product = 'TrueBizID' AND id > 1000" \
	"shard_a t|t
shard_b t|t"
check "recipients written through the coordinator are replaced by the shard's decision" \
	equals "$coord" "UPDATE orders SET recipients = ARRAY['someone@elsewhere.example'], rule = 'designated' WHERE id = 2 RETURNING recipients, rule" \
	"{tanaka@shop2.co.jp}|whois_first"
check "an UPDATE that makes the order undecidable is refused with ZD005" \
	rejects_v "$coord" "UPDATE orders SET designated = NULL WHERE id = 1" \
	'ZD005: product "QuickSSLPremium" needs a designated address'
check "and leaves the row as it was" \
	equals_on shard_a "SELECT designated, recipients, rule FROM orders WHERE id = 1" "{webmaster@shop1.co.jp}|{webmaster@shop1.co.jp}|designated"

#
# 3. Decisions computed on the shards.
#
by_rule_views="SELECT rule, sum(n) FROM (SELECT shard, rule, count(*) AS n FROM order_decisions GROUP BY shard, rule) s GROUP BY rule ORDER BY rule"
by_rule_views_rows="SELECT rule, count(*) FROM order_decisions GROUP BY rule ORDER BY rule"
by_rule_naive="SELECT d.rule, count(*) FROM orders o, LATERAL dcv_decision(o.product, o.domain, o.designated, o.whois, o.as_of, false, o.dns_records) d GROUP BY d.rule ORDER BY d.rule"
# remote_only: every Remote SQL reads the shard view, with the aggregate
# sent too when $1 is "aggregate"; no line of the plan calls dcv_decision.
remote_only() {
	explain "$2" || return 1
	[ "$(grep -c 'Remote SQL: SELECT .* FROM public.order_decisions' "$work/plan")" -eq 2 ] || { echo "not two scans of the views"; return 1; }
	! grep -q 'dcv_decision' "$work/plan" || { echo "dcv_decision in the coordinator's plan"; return 1; }
	if [ "$1" = aggregate ]; then
		[ "$(grep -c 'Async Foreign Scan' "$work/plan")" -eq 2 ] || { echo "not two async scans"; return 1; }
		[ "$(grep -c 'Remote SQL: SELECT shard, rule, count(\*) FROM public.order_decisions GROUP BY 1, 2' "$work/plan")" -eq 2 ] || { echo "the aggregate is not sent"; return 1; }
	fi
}
check "via the shards' views dcv_decision runs on the shards, counted there (partitionwise, async)" \
	remote_only aggregate "$by_rule_views"
check "via the shards' views, counted on the coordinator, dcv_decision still runs on the shards" \
	remote_only rows "$by_rule_views_rows"
check "a query calling dcv_decision over the foreign orders runs it on the coordinator" \
	coordinator_calls "$by_rule_naive"
psql_q "$coord" -c "$by_rule_naive" >"$work/naive.out" 2>&1
check "the counts by rule via the views are the coordinator's" \
	bash -c "cat '$work/naive.out'; [ \$(wc -l <'$work/naive.out') -eq 4 ] && psql -X -q -At -d $coord -c '$by_rule_views' | diff '$work/naive.out' - && psql -X -q -At -d $coord -c '$by_rule_views_rows' | diff '$work/naive.out' -"
check "and the stored rules' (the trigger's decisions)" \
	bash -c "psql -X -q -At -d $coord -c 'SELECT rule, count(*) FROM orders GROUP BY rule ORDER BY rule' | diff '$work/naive.out' -"
# With extensions 'dcv' the coordinator sends dcv's IMMUTABLE functions to the
# shards, which then must have the same dcv: dcv_decision still stays.
psql_q "$coord" -c "ALTER SERVER shard_a OPTIONS (ADD extensions 'dcv'); ALTER SERVER shard_b OPTIONS (ADD extensions 'dcv')"
check "with extensions 'dcv', dcv_base_domain is sent to the shards" \
	plan_has "SELECT count(*) FROM orders WHERE dcv_base_domain(domain) = 'b12.co.jp'" \
	2 "FROM public.orders WHERE ((public.dcv_base_domain(domain) = 'b12.co.jp'::text))"
check "and finds the order there" \
	equals "$coord" "SELECT id FROM orders WHERE dcv_base_domain(domain) = 'b12.co.jp'" "1012"
check "dcv_decision, STABLE, is not sent even then" \
	coordinator_calls "SELECT count(*) FROM orders WHERE (dcv_decision(product, domain, designated, whois, as_of)).rule = 'designated'"
psql_q "$coord" -c "ALTER SERVER shard_a OPTIONS (DROP extensions); ALTER SERVER shard_b OPTIONS (DROP extensions)"

#
# 4. Every node alike.
#
check "the fingerprints of the three nodes, read through the shards' servers, are alike" \
	equals "$coord" "SELECT string_agg(node, ' ' ORDER BY node), count(DISTINCT (extversion, products, rule_dates, idn, psl, psl_list, decisions)), bool_and(idn IS NOT NULL AND psl IS NOT NULL AND psl_list IS NOT NULL AND decisions IS NOT NULL) FROM node_fingerprints" \
	"shard_a shard_b shards_coord|1|t"
check "and node_mismatches is empty" equals "$coord" "SELECT count(*) FROM node_mismatches" "0"
psql_q "$coord" -c "SELECT * FROM node_fingerprints ORDER BY node" >>"$log" 2>&1
psql_q shard_b -c "INSERT INTO dcv_product (code, line, brand, validation, name_en) VALUES ('RapidSSL', 'dv', 'RapidSSL', 'DV', 'RapidSSL Standard')"
check "a product added on shard_b only shows as a mismatch of shard_b" \
	equals "$coord" "SELECT node || ' ' || item FROM node_mismatches" "shard_b products"
check "an order of it through the coordinator is refused by shard_a, which does not know it (ZD006)" \
	rejects_v "$coord" "INSERT INTO orders (id, product, domain, designated) VALUES (4000, 'RapidSSL', 'www.r.jp', ARRAY['admin@r.jp']), (4001, 'RapidSSL', 'www.r.jp', ARRAY['admin@r.jp'])" \
	'ZD006: unknown product "RapidSSL"'
for db in $coord shard_a; do
	psql_q "$db" -c "INSERT INTO dcv_product (code, line, brand, validation, name_en) VALUES ('RapidSSL', 'dv', 'RapidSSL', 'DV', 'RapidSSL Standard')"
done
check "once every node has it, no mismatch" equals "$coord" "SELECT count(*) FROM node_mismatches" "0"
check "and its orders are decided on both shards" \
	equals "$coord" "INSERT INTO orders (id, product, domain, designated) VALUES (4000, 'RapidSSL', 'www.r.jp', ARRAY['admin@r.jp']), (4001, 'RapidSSL', 'www.r.jp', ARRAY['admin@r.jp']) RETURNING tableoid::regclass, rule" \
	"orders_b|designated
orders_a|designated"
psql_q shard_a -c "INSERT INTO dcv_rule_date (change, effective, description) VALUES ('sc080', '2026-03-15', 'moved')"
check "a date moved on shard_a only shows in its dates and its decisions" \
	equals "$coord" "SELECT string_agg(node || ' ' || item, ', ' ORDER BY item) FROM node_mismatches" "shard_a decisions, shard_a rule_dates"
psql_q shard_a -c "DELETE FROM dcv_rule_date WHERE NOT builtin"
check "and no more once it is undone" equals "$coord" "SELECT count(*) FROM node_mismatches" "0"

echo "$name: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
