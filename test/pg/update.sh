#!/bin/bash
# update.sh: ALTER EXTENSION dcv UPDATE from 1.0 reaches what CREATE
# EXTENSION dcv installs, and keeps the user's data.
#
#   upd_new  CREATE EXTENSION dcv (the default version)
#   upd_old  CREATE EXTENSION dcv VERSION '1.0', user rows in dcv_product and
#            dcv_rule_date, an order table with dcv_recipient_trigger and
#            orders; decisions made with this library while still on 1.0;
#            then ALTER EXTENSION dcv UPDATE
#
# Checks: the version; the two catalogs the same (functions with their
# attributes, arguments, defaults and privileges, types, tables and columns,
# constraints, indexes, triggers, views, comments, the extension's members
# and its config-dump settings); the user's rows and orders unchanged;
# decisions, stored and computed anew, unchanged; 1.1's changes in force
# after the update; a dump of the updated database restores.
#
# Runs against the server PGHOST/PGPORT/PGUSER name (a throwaway cluster).
# Prints "update: N passed, N failed"; details in test/log/update.log.
set -u
cd "$(dirname "$0")/../.."
mkdir -p test/log
name=update
log=test/log/update.log
: >"$log"
work=$(mktemp -d)
export PGCLIENTENCODING=UTF8
pass=0
fail=0
dbs="upd_new upd_old upd_restored upd_refused"

. test/pg-checks.sh

later=""
cleanup() { drop_dbs; rm -rf "$work"; [ -z "$later" ] || rm -f "$later"; }
trap cleanup EXIT

drop_dbs
for db in $dbs; do
	psql_q postgres -c "CREATE DATABASE $db TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'" || exit 1
done
psql_q upd_new -c "CREATE EXTENSION dcv"

# The user's data, on 1.0.
cat >"$work/populate.sql" <<'EOF'
INSERT INTO dcv_product (code, line, brand, validation, name_en) VALUES
  ('RapidSSL', 'dv', 'RapidSSL', 'DV', 'RapidSSL Standard'),
  ('ThawteWebServerEV', 'ov_ev', 'thawte', 'EV', 'thawte Web Server EV');
INSERT INTO dcv_rule_date (change, effective, description)
VALUES ('sc080', '2026-03-15', 'moved (update test)');
CREATE TABLE orders (id int PRIMARY KEY, product text, domain text, designated text[],
                     whois text[], recipients text[], rule text, as_of date);
CREATE TRIGGER orders_dcv BEFORE INSERT OR UPDATE ON orders FOR EACH ROW
  EXECUTE FUNCTION dcv_recipient_trigger(product, domain, designated, whois, recipients, rule, as_of);
INSERT INTO orders (id, product, domain, designated, whois, as_of) VALUES
  (1, 'TrueBizID', 'www.example.co.jp', NULL, ARRAY['b@example.co.jp', 'A@example.co.jp'], NULL),
  (2, 'rapidssl', '例え.jp', ARRAY['webmaster@例え.jp'], NULL, '2024-01-01'),
  (3, 'ThawteWebServerEV', 'shop.example.com', NULL, ARRAY['z@example.com'], '2026-01-01'),
  (4, 'SecureSite', 'example.org', NULL, ARRAY['z@example.org'], '2017-05-01');
-- an analyst's view over the released six-argument call
CREATE VIEW order_decisions AS
SELECT id, (dcv_decision(product, domain, designated, whois, as_of)).* FROM orders;
EOF
# What the user sees: rows of their own, orders, decisions.
cat >"$work/user_view.sql" <<'EOF'
SELECT code, line, brand, validation, name_en, builtin FROM dcv_product ORDER BY code COLLATE "C";
SELECT change, effective, builtin, description FROM dcv_rule_date
WHERE change IN ('notice_2018', 'sc080') OR NOT builtin ORDER BY change, builtin;
SELECT change, to_char(effective, 'YYYY-MM-DD'), builtin FROM dcv_timeline
WHERE change IN ('notice_2018', 'sc080', 'sc090') ORDER BY change;
SELECT id, recipients, rule FROM orders ORDER BY id;
SELECT id, recipients, rule, line, problem FROM order_decisions ORDER BY id;
SELECT id, dcv_default_recipient(product, domain, designated, whois, as_of) = recipients,
       (dcv_decision(product, domain, designated, whois, as_of)).rule = rule FROM orders ORDER BY id;
EOF
psql_q upd_old -c "CREATE EXTENSION dcv VERSION '1.0'"
check "1.0 installed" equals upd_old "SELECT extversion FROM pg_extension WHERE extname = 'dcv'" "1.0"
check "user rows and orders on 1.0, decided by the new library" psql_q upd_old -f "$work/populate.sql"
psql_q upd_old -f "$work/user_view.sql" >"$work/before.out" 2>&1
check "a database still on 1.0 works with the new library: decisions, trigger, cache" \
	grep -c '^[1-4]|t|t$' "$work/before.out"
check "on 1.0 too, dcv_cache_invalidate refuses other tables" \
	rejects upd_old "CREATE TABLE poke (x int); CREATE TRIGGER p AFTER INSERT ON poke FOR EACH STATEMENT EXECUTE FUNCTION dcv_cache_invalidate(); INSERT INTO poke VALUES (1)" \
	"may only be fired by the tables of extension dcv"
check "on 1.0 too, the timeline keeps its order" \
	rejects upd_old "INSERT INTO dcv_rule_date (change, effective) VALUES ('sc090', '2026-03-14')" "before sc080"

psql_q upd_old -At -c "SELECT 'dcv_decision(text,text,text[],text[],date,boolean)'::regprocedure::oid" >"$work/oid_before" 2>&1

check "ALTER EXTENSION dcv UPDATE" psql_q upd_old -c "ALTER EXTENSION dcv UPDATE"
default=$(sed -n "s/^default_version = '\(.*\)'/\1/p" dcv.control)
check "updated to the default version $default" \
	equals upd_old "SELECT extversion FROM pg_extension WHERE extname = 'dcv'" "$default"
check "new install at the default version $default" \
	equals upd_new "SELECT extversion FROM pg_extension WHERE extname = 'dcv'" "$default"

# The catalog of the extension's objects, as text that names no OID.
cat >"$work/catalog.sql" <<'EOF'
WITH ext AS (SELECT oid, extnamespace FROM pg_extension WHERE extname = 'dcv'),
members AS (SELECT d.classid, d.objid FROM pg_depend d, ext
            WHERE d.refclassid = 'pg_extension'::regclass AND d.refobjid = ext.oid AND d.deptype = 'e')
SELECT 'member ' || pg_describe_object(classid, objid, 0) FROM members
UNION ALL
SELECT 'function ' || p.oid::regprocedure || ' returns ' || pg_get_function_result(p.oid)
       || ' args ' || pg_get_function_arguments(p.oid)
       || ' ' || p.provolatile::text || p.proparallel::text || p.proisstrict::text || ' cost ' || p.procost
       || ' rows ' || p.prorows || ' lang ' || l.lanname || ' src ' || p.prosrc
       || ' acl ' || coalesce(p.proacl::text, 'default') || ' config ' || coalesce(p.proconfig::text, '')
FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
WHERE p.oid IN (SELECT objid FROM members WHERE classid = 'pg_proc'::regclass)
UNION ALL
SELECT 'type ' || t.oid::regtype || ' ' || t.typtype::text || ' '
       || coalesce((SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod), ', ' ORDER BY a.attnum)
                    FROM pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped), '')
FROM pg_type t
WHERE t.oid IN (SELECT objid FROM members WHERE classid = 'pg_type'::regclass)
   OR t.typrelid IN (SELECT objid FROM members WHERE classid = 'pg_class'::regclass)
UNION ALL
SELECT 'relation ' || c.relname || ' ' || c.relkind::text || ' acl ' || coalesce(c.relacl::text, 'default')
       || ' columns ' || (SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
                                            || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
                                            || coalesce(' default ' || pg_get_expr(ad.adbin, ad.adrelid), ''),
                                            ', ' ORDER BY a.attnum)
                          FROM pg_attribute a LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
                          WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped)
FROM pg_class c WHERE c.oid IN (SELECT objid FROM members WHERE classid = 'pg_class'::regclass)
UNION ALL
SELECT 'view ' || c.relname || ' ' || pg_get_viewdef(c.oid)
FROM pg_class c WHERE c.relkind = 'v' AND c.oid IN (SELECT objid FROM members WHERE classid = 'pg_class'::regclass)
UNION ALL
SELECT 'constraint ' || k.conrelid::regclass || ' ' || k.conname || ' ' || pg_get_constraintdef(k.oid)
FROM pg_constraint k WHERE k.conrelid IN (SELECT objid FROM members WHERE classid = 'pg_class'::regclass)
   OR k.contypid IN (SELECT objid FROM members WHERE classid = 'pg_type'::regclass)
UNION ALL
SELECT 'index ' || pg_get_indexdef(i.indexrelid)
FROM pg_index i WHERE i.indrelid IN (SELECT objid FROM members WHERE classid = 'pg_class'::regclass)
UNION ALL
SELECT 'trigger ' || pg_get_triggerdef(t.oid) || ' enabled ' || t.tgenabled::text
FROM pg_trigger t WHERE t.tgrelid IN (SELECT objid FROM members WHERE classid = 'pg_class'::regclass)
UNION ALL
SELECT 'comment ' || pg_describe_object(d.classoid, d.objoid, d.objsubid) || ': ' || d.description
FROM pg_description d JOIN members m ON m.classid = d.classoid AND m.objid = d.objoid
UNION ALL
SELECT 'config ' || c.relname || ' ' || coalesce(x.extcondition[array_position(x.extconfig, c.oid)], '')
FROM pg_extension x JOIN pg_class c ON c.oid = ANY (x.extconfig) WHERE x.extname = 'dcv'
ORDER BY 1;
EOF
check "the updated catalog is the new install's" same_script upd_new upd_old "$work/catalog.sql"
echo "SELECT * FROM dcv_product WHERE builtin ORDER BY code COLLATE \"C\"; SELECT * FROM dcv_rule_date WHERE builtin ORDER BY change;" >"$work/builtin.sql"
check "built-in rows the same" same_script upd_new upd_old "$work/builtin.sql"

psql_q upd_old -f "$work/user_view.sql" >"$work/after.out" 2>&1
check "user rows, orders and decisions survive the update" diff "$work/before.out" "$work/after.out"
check "the functions keep their OIDs, so the view over the six-argument call stays" \
	equals upd_old "SELECT 'dcv_decision(text,text,text[],text[],date,boolean,text[])'::regprocedure::oid" "$(cat "$work/oid_before")"
check "the view still reads four columns and the new attribute is there" \
	equals upd_old "SELECT (SELECT count(*) FROM information_schema.columns WHERE table_name = 'order_decisions') || ' ' || (SELECT d.discouraged::text FROM orders, dcv_decision(product, domain, designated, whois, '2026-04-01') d WHERE id = 1)" "5 true"
check "the old positional and named calls mean what they meant" \
	equals upd_old "SELECT dcv_default_recipient('TrueBizID', 'example.jp', NULL, ARRAY['b@example.jp'], NULL, false)::text || dcv_default_recipient(product => 'TrueBizID', domain => 'example.jp', subdomains => true)::text" "{b@example.jp}{admin@example.jp}"
check "the new dates are in force after the update" \
	equals upd_old "SELECT string_agg(change || '=' || to_char(effective, 'YYYY-MM-DD'), ' ') FROM dcv_timeline" \
	"notice_2018=2018-02-02 sc13=2019-02-01 sc080=2026-03-15 sc090_discouraged=2026-03-15 sc090=2028-03-15"
check "the order trigger takes the DNS records column after the update" \
	equals upd_old "ALTER TABLE orders ADD COLUMN dns text[], ADD COLUMN sub boolean; DROP TRIGGER orders_dcv ON orders; CREATE TRIGGER orders_dcv BEFORE INSERT OR UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION dcv_recipient_trigger(product, domain, designated, whois, recipients, rule, as_of, dns, sub); UPDATE orders SET designated = ARRAY['ops@example.com'], dns = ARRAY['_validation-contactemail.example.com. 300 IN TXT \"ops@example.com\"'] WHERE id = 3 RETURNING recipients" "{ops@example.com}"
psql_q upd_old -c "UPDATE orders SET designated = NULL, dns = NULL WHERE id = 3" >/dev/null
check "after the update, dcv's trigger functions are not for others' tables" \
	rejects upd_old "CREATE ROLE upd_user; GRANT CREATE ON SCHEMA public TO upd_user; SET ROLE upd_user; CREATE TABLE p2 (x int); CREATE TRIGGER p AFTER INSERT ON p2 FOR EACH STATEMENT EXECUTE FUNCTION dcv_cache_invalidate()" \
	"permission denied for function dcv_cache_invalidate"
psql_q upd_old -c "DROP TABLE IF EXISTS poke" >/dev/null 2>&1
psql_q postgres -c "DROP ROLE IF EXISTS upd_user" >/dev/null 2>&1

check "a dump of the updated database restores" \
	bash -c "pg_dump -Fc -d upd_old -f '$work/upd.dump' && pg_restore --exit-on-error -d upd_restored '$work/upd.dump'"
check "and holds the same for the user" same_script upd_old upd_restored "$work/user_view.sql"

# A user's date that the new changes cannot follow: the update refuses, and
# the database stays on 1.0 with its row.
psql_q upd_refused -c "CREATE EXTENSION dcv VERSION '1.0'" >/dev/null
psql_q upd_refused -c "INSERT INTO dcv_rule_date (change, effective) VALUES ('notice_2018', '2019-06-01')" >/dev/null
check "an update that would put sc13 before a user's notice_2018 is refused" \
	rejects upd_refused "ALTER EXTENSION dcv UPDATE" "sc13 would take effect on 2019-02-01, before notice_2018 on 2019-06-01"
check "and leaves the database on 1.0" \
	equals upd_refused "SELECT extversion || ' ' || (SELECT count(*) FROM dcv_rule_date) FROM pg_extension WHERE extname = 'dcv'" "1.0 4"

# A function of the user's with a signature 1.1 brings: refused by name.
psql_q upd_refused -c "DELETE FROM dcv_rule_date WHERE NOT builtin" >/dev/null
psql_q upd_refused -c "CREATE FUNCTION dcv_decision(text, text, text[], text[], date, boolean, text[]) RETURNS int LANGUAGE sql AS 'SELECT 1'" >/dev/null
check "a user's function with a signature of 1.1 stops the update, named" \
	rejects upd_refused "ALTER EXTENSION dcv UPDATE" "function dcv_decision(text,text,text\[\],text\[\],date,boolean,text\[\]) in the schema of extension dcv is in the way of dcv 1.1"
psql_q upd_refused -c "DROP FUNCTION dcv_decision(text, text, text[], text[], date, boolean, text[])" >/dev/null
check "once it is gone the update goes through" \
	bash -c "psql -X -q -At -v ON_ERROR_STOP=1 -d upd_refused -c 'ALTER EXTENSION dcv UPDATE' && psql -X -q -At -d upd_refused -c \"SELECT extversion FROM pg_extension WHERE extname = 'dcv'\" | grep -qx 1.1"

# A later version that ships a built-in product a user already added: the
# way every update script adds built-in rows skips a code that exists
# (whatever its case), so the user's row stays and is still dumped.  Tried
# with a throwaway version 1.1.9 whose script does only that.
extdir=$(pg_config --sharedir)/extension
later=$extdir/dcv--$default--1.1.9.sql
if [ -w "$extdir" ]; then
	cat >"$later" <<'EOF'
\echo Use "ALTER EXTENSION dcv UPDATE" to load this file. \quit
INSERT INTO dcv_product (code, line, brand, validation, name_en, builtin)
VALUES ('RapidSSL', 'dv', 'RapidSSL', 'DV', 'RapidSSL Standard', true),
       ('RapidSSLWildcard', 'dv', 'RapidSSL', 'DV', 'RapidSSL Wildcard', true)
ON CONFLICT ((lower(code COLLATE "C"))) DO NOTHING;
EOF
	check "a later version's built-in rows beside a user's row of the same code" \
		psql_q upd_old -c "ALTER EXTENSION dcv UPDATE TO '1.1.9'"
	check "the user's row is kept as the user's, the other built-in row added" \
		equals upd_old "SELECT string_agg(code || ' ' || builtin, ', ' ORDER BY code) FROM dcv_product WHERE code ILIKE 'rapidssl%'" \
		"RapidSSL false, RapidSSLWildcard true"
	check "the user's row is still dumped" \
		bash -c "pg_dump -d upd_old | sed -n '/^COPY public.dcv_product /,/^\\\\\\.\$/p' | grep -q '^RapidSSL	dv	RapidSSL	DV	'"
	check "where no user's row is in the way the built-in rows are added" \
		bash -c "psql -X -q -At -v ON_ERROR_STOP=1 -d upd_new -c \"ALTER EXTENSION dcv UPDATE TO '1.1.9'\" && psql -X -q -At -d upd_new -c \"SELECT count(*) FROM dcv_product WHERE builtin AND code ILIKE 'rapidssl%'\" | grep -qx 2"
	rm -f "$later"
fi

echo "update: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
