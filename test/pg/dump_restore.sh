#!/bin/bash
# dump_restore.sh: a database with dcv, user rows in dcv_product, a user date
# in dcv_rule_date, and an order table with dcv_recipient_trigger survives
# pg_dump and restore: pg_dump -Fc with pg_restore, and a plain pg_dump with
# psql (into a UTF8 and an EUC_JP database), and once more with the extension
# in a schema of its own.  Built-in rows come back once (from CREATE
# EXTENSION), user rows once (from the dump), and every decision, stored or
# computed anew, is the same as before.
#
# Runs against the server that PGHOST/PGPORT/PGUSER name (a throwaway cluster:
# pg_virtualenv -t bash test/pg/dump_restore.sh).  Prints one line,
# "dump-restore: N passed, N failed", and exits non-zero when a check failed;
# what each check saw is in test/log/dump_restore.log.
set -u
cd "$(dirname "$0")/../.."
mkdir -p test/log
name=dump-restore
log=test/log/dump_restore.log
: >"$log"
work=$(mktemp -d)
export PGCLIENTENCODING=UTF8
pass=0
fail=0
dbs="dr_src dr_fc dr_plain dr_eucjp dr_src_s dr_fc_s"

. test/pg-checks.sh

cleanup() {
	drop_dbs
	rm -rf "$work"
}
trap cleanup EXIT

# succeeds_quietly OUT_PREFIX COMMAND...: exit status 0 and nothing on stderr.
succeeds_quietly() {
	local out=$1; shift
	"$@" >"$out.stdout" 2>"$out.stderr"
	local rc=$?
	echo "exit status $rc"
	cat "$out.stderr"
	[ "$rc" -eq 0 ] && [ ! -s "$out.stderr" ]
}

create_db() {	# create_db NAME ENCODING
	psql_q postgres -c "CREATE DATABASE $1 TEMPLATE template0 ENCODING '$2' LC_COLLATE 'C' LC_CTYPE 'C'"
}

# The source database: $1 is the database, $2 the schema of the extension.
populate() {
	local db=$1 schema=$2
	psql_q "$db" <<EOF
$( [ "$schema" = public ] || echo "CREATE SCHEMA $schema;" )
CREATE EXTENSION dcv SCHEMA $schema;
SET search_path = public, $schema;

-- Products of the user's: one per line, one with a Japanese name.
INSERT INTO dcv_product (code, line, brand, validation, name_en, name_ja) VALUES
  ('RapidSSL', 'dv', 'RapidSSL', 'DV', 'RapidSSL Standard', 'ラピッド SSL'),
  ('ThawteWebServerEV', 'ov_ev', 'thawte', 'EV', 'thawte Web Server EV', NULL);
INSERT INTO dcv_product (code, line, brand, validation, wildcard) VALUES
  ('RapidSSLWildcard', 'dv', 'RapidSSL', 'DV', true);
-- SC-080 moved by the user to 2026-03-15.
INSERT INTO dcv_rule_date (change, effective, description)
VALUES ('sc080', '2026-03-15', 'moved (dump and restore test)');

CREATE TABLE orders (
  id integer PRIMARY KEY,
  product varchar(40),
  domain text,
  designated text[],
  whois text[],
  recipients text[],
  rule text,
  as_of date,
  status text NOT NULL DEFAULT 'new',
  dns text[],
  sub_ok boolean
);
CREATE TRIGGER orders_dcv BEFORE INSERT OR UPDATE ON orders
  FOR EACH ROW EXECUTE FUNCTION
  dcv_recipient_trigger(product, domain, designated, whois, recipients, rule, as_of, dns, sub_ok);
-- An analyst's view over the functions with the DNS records, by name.
CREATE VIEW order_check AS
SELECT id, dcv_default_recipient(product, domain, designated, whois, as_of, coalesce(sub_ok, false), dns) AS decided,
       (dcv_decision(product, domain, designated, whois, as_of, dns_records => dns)).discouraged
FROM orders WHERE id <> 13;

INSERT INTO orders (id, product, domain, designated, whois, as_of) VALUES
  (1, 'TrueBizID', 'www.example.co.jp', NULL, ARRAY['b@example.co.jp', 'A@example.co.jp'], NULL),
  (2, 'SecureSiteProEV', '例え.jp', NULL, NULL, NULL),
  (3, 'securesite', 'EXAMPLE.com.', NULL, ARRAY['REDACTED FOR PRIVACY'], NULL),
  (4, 'QuickSSLPremium', 'example.com', ARRAY['WEBMASTER@example.com'], NULL, NULL),
  (5, 'TrueBizIDEV', '*.shop.example.net', ARRAY['z@registrar.example', 'admin@example.net'],
      ARRAY['z@registrar.example'], NULL),
  (6, 'QuickSSLPremium', 'example.org', ARRAY['admin@example.org'], ARRAY['z@example.org'], '2018-02-01'),
  (7, 'rapidssl', 'ｗｗｗ．ｅｘａｍｐｌｅ．ｊｐ', ARRAY['postmaster@example.jp'], NULL, NULL),
  (8, 'RapidSSLWildcard', '*.example.info', ARRAY['hostmaster@example.info'], NULL, NULL),
  (9, 'ThawteWebServerEV', 'example.biz', NULL, ARRAY['owner@example.biz'], NULL),
  -- between the built-in SC-080 date and the user's: WHOIS still counts
  (10, 'TrueBizID', 'example.tokyo.jp', NULL, ARRAY['owner@example.tokyo.jp'], '2025-10-01'),
  (11, 'TrueBizID', 'example.tokyo.jp', NULL, ARRAY['owner@example.tokyo.jp'], '2026-03-15'),
  (12, 'TrueBizIDMD', 'mail.example.com', NULL, ARRAY['z@example.com'], NULL);
-- Contacts published in DNS, and a subdomain e-mail the support desk approved.
INSERT INTO orders (id, product, domain, designated, as_of, dns, sub_ok) VALUES
  (14, 'QuickSSLPremium', 'www.例え.jp', ARRAY['ops@例え.jp'], '2026-05-01',
   ARRAY['_validation-contactemail.xn--r8jz45g.jp. 300 IN TXT "ops@\\228\\190\\139\\227\\129\\136.jp"'], NULL),
  (15, 'TrueBizID', 'shop.example.net', ARRAY['caa@provider.example'], '2025-01-01',
   ARRAY['shop.example.net. 300 IN CNAME shop.provider.example.',
         'shop.provider.example. 300 IN CAA 0 contactemail "caa@provider.example"'], false),
  (16, 'QuickSSLPremium', 'www.example.com', ARRAY['admin@www.example.com'], '2026-05-01', NULL, true);
-- A resend to another address, and a status change.
UPDATE orders SET designated = ARRAY['admin@example.com'] WHERE id = 12;
UPDATE orders SET status = 'sent' WHERE id IN (1, 2);
-- Stored recipients that a decision today would not give: order 13 was
-- decided while its product existed.
INSERT INTO dcv_product (code, line, brand, validation) VALUES ('Gone', 'ov_ev', 'x', 'OV');
INSERT INTO orders (id, product, domain) VALUES (13, 'Gone', 'example.net');
DELETE FROM dcv_product WHERE code = 'Gone';
EOF
}

# The checks of a restored database $2 against its source $1 ($3 names it).
compare() {
	local src=$1 db=$2 what=$3 sp=$4
	check "$what: 13 built-in products, each once" \
		equals "$db" "SET search_path = $sp; SELECT count(*) || ' ' || count(DISTINCT lower(code)) FROM dcv_product WHERE builtin" "13 13"
	check "$what: user products back, each once" \
		equals "$db" "SET search_path = $sp; SELECT string_agg(code || ':' || n, ' ' ORDER BY code) FROM (SELECT code, count(*) AS n FROM dcv_product WHERE NOT builtin GROUP BY code) s" \
		"RapidSSL:1 RapidSSLWildcard:1 ThawteWebServerEV:1"
	check "$what: dcv_product as before" \
		same "$src" "$db" "SET search_path = $sp; SELECT * FROM dcv_product ORDER BY code"
	check "$what: the user's date for sc080 back" \
		equals "$db" "SET search_path = $sp; SELECT effective || ' ' || builtin FROM dcv_timeline WHERE change = 'sc080'" "2026-03-15 false"
	check "$what: dcv_rule_date as before" \
		same "$src" "$db" "SET search_path = $sp; SELECT * FROM dcv_rule_date ORDER BY change, builtin"
	check "$what: stored orders and recipients as before" \
		same "$src" "$db" "SELECT * FROM orders ORDER BY id"
	check "$what: dcv_decision over every order as before" \
		same "$src" "$db" "SET search_path = $sp; SELECT o.id, d.* FROM orders AS o, LATERAL dcv_decision(o.product, o.domain, o.designated, o.whois, o.as_of, coalesce(o.sub_ok, false), o.dns) AS d ORDER BY o.id"
	check "$what: the view over the DNS records as before" \
		same "$src" "$db" "SET search_path = $sp; SELECT * FROM order_check ORDER BY id"
	check "$what: dcv_default_recipient over the decidable orders as before" \
		same "$src" "$db" "SET search_path = $sp; SELECT id, dcv_default_recipient(product, domain, designated, whois, as_of, coalesce(sub_ok, false), dns) FROM orders WHERE id <> 13 ORDER BY id"
	check "$what: the trigger as before" \
		same "$src" "$db" "SELECT tgname, pg_get_triggerdef(oid) FROM pg_trigger WHERE tgrelid = 'orders'::regclass AND NOT tgisinternal ORDER BY tgname"
	check "$what: the trigger decides new and changed orders as before" \
		same_script "$src" "$db" "$work/after.sql"
	check "$what: the trigger rejects an undecidable order" \
		rejects "$db" "INSERT INTO orders (id, product, domain) VALUES (100, 'RapidSSL', 'example.com')" \
		'product "RapidSSL" needs a designated address'
}

cat >"$work/after.sql" <<'EOF'
BEGIN;
INSERT INTO orders (id, product, domain, designated, whois, as_of) VALUES
  (101, 'RapidSSL', 'example.com', ARRAY['Admin@Example.com'], NULL, NULL),
  (102, 'ThawteWebServerEV', 'example.com', NULL, ARRAY['c@example.com', 'b@example.com'], NULL),
  (103, 'TrueBizID', 'example.com', NULL, ARRAY['c@example.com'], '2026-03-14')
RETURNING id, recipients, rule;
-- Decided again (order 13's product is gone: left out).
WITH u AS (UPDATE orders SET recipients = NULL WHERE id <> 13 RETURNING id, recipients, rule)
SELECT * FROM u ORDER BY id;
ROLLBACK;
EOF

drop_dbs

# Extension in public: custom format with pg_restore.
check "source database created" create_db dr_src UTF8
check "source database populated" populate dr_src public
check "pg_dump -Fc succeeds without a message" \
	succeeds_quietly "$work/dump_fc" pg_dump -Fc -d dr_src -f "$work/dr.dump"
check "restore database created" create_db dr_fc UTF8
check "pg_restore succeeds without a message (no duplicate keys)" \
	succeeds_quietly "$work/restore_fc" pg_restore -d dr_fc "$work/dr.dump"
compare dr_src dr_fc "pg_restore" public

# Plain format restored with psql, into UTF8 and into EUC_JP.
check "pg_dump (plain) succeeds without a message" \
	succeeds_quietly "$work/dump_plain" pg_dump -d dr_src -f "$work/dr.sql"
check "UTF8 restore database created" create_db dr_plain UTF8
check "psql restores the plain dump without a message" \
	succeeds_quietly "$work/restore_plain" psql -X -q -v ON_ERROR_STOP=1 -d dr_plain -f "$work/dr.sql"
compare dr_src dr_plain "psql" public
check "EUC_JP restore database created" create_db dr_eucjp EUC_JP
check "psql restores the plain dump into EUC_JP without a message" \
	succeeds_quietly "$work/restore_eucjp" psql -X -q -v ON_ERROR_STOP=1 -d dr_eucjp -f "$work/dr.sql"
compare dr_src dr_eucjp "psql, EUC_JP" public

# The extension in a schema of its own (restore sets search_path to '').
check "source database (schema dcv) created" create_db dr_src_s UTF8
check "source database (schema dcv) populated" populate dr_src_s dcv
check "pg_dump -Fc (schema dcv) succeeds without a message" \
	succeeds_quietly "$work/dump_fc_s" pg_dump -Fc -d dr_src_s -f "$work/dr_s.dump"
check "restore database (schema dcv) created" create_db dr_fc_s UTF8
check "pg_restore (schema dcv) succeeds without a message" \
	succeeds_quietly "$work/restore_fc_s" pg_restore -d dr_fc_s "$work/dr_s.dump"
sed -i '1a SET search_path = public, dcv;' "$work/after.sql"
compare dr_src_s dr_fc_s "pg_restore, schema dcv" "public, dcv"

echo "dump-restore: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
