--
-- Attacks on the decisions through the session and the table definition
-- (doc/rules.md, "Inside the server" and "What the order trigger promises").
-- Each of them changed decisions in dcv 1.0.
--
SET client_encoding = 'UTF8';
\set ECHO none
\i sql/include/catch.sql
\set ECHO all
SET datestyle = ISO;

-- What the decisions say: the designated address in 2024, no e-mail method
-- in 2030, everyone before the notice.
\set decisions 'SELECT dcv_default_recipient(''QuickSSLPremium'', ''example.com'', ARRAY[''admin@example.com''], ARRAY[''z@example.com''], ''2024-05-01'') AS dv_2024, (dcv_decision(''TrueBizID'', ''example.com'', NULL, ARRAY[''z@example.com''], ''2030-01-01'')).problem AS ov_2030, (dcv_decision(''TrueBizID'', ''example.com'', NULL, ARRAY[''z@example.com''], ''2017-01-01'')).rule AS ov_2017'
:decisions;

--
-- 1. An ordinary user with only the TEMP privilege, in a backend others use
-- after it (a connection pool): a temporary type named text, a cast from
-- date to it, and a trigger meant to make dcv read its tables again.
--
CREATE ROLE dcv_attacker;
SET ROLE dcv_attacker;
CREATE TYPE pg_temp.text AS ENUM ('2999-01-01');
CREATE FUNCTION pg_temp.evil(date) RETURNS pg_temp.text LANGUAGE sql AS $$ SELECT '2999-01-01'::pg_temp.text $$;
CREATE CAST (date AS pg_temp.text) WITH FUNCTION pg_temp.evil(date) AS IMPLICIT;
SELECT '2024-05-01'::date::text AS poisoned_cast;
CREATE TEMP TABLE poke (x int);
-- dcv's trigger functions are not for other tables: not even attached.
-- (The errors are shown as psql prints them: the type poisons PL/pgSQL's
-- text variables too.)
CREATE TRIGGER poke_dcv AFTER INSERT ON poke FOR EACH STATEMENT EXECUTE FUNCTION dcv_cache_invalidate();
CREATE TEMP TABLE poke_g (x int, builtin boolean);
CREATE TRIGGER poke_guard BEFORE INSERT ON poke_g FOR EACH ROW EXECUTE FUNCTION dcv_builtin_guard();
-- A write of the attacker's own (it ends a transaction, so the next
-- statement has another snapshot and dcv reads its tables again, here, with
-- the type and cast in place): the decisions are the same.
INSERT INTO poke VALUES (1);
:decisions;
INSERT INTO dcv_rule_date (change, effective) VALUES ('sc090', '2999-01-01');
RESET ROLE;
-- The next user of the backend, before and after DISCARD ALL.
:decisions;
DISCARD ALL;
:decisions;
-- Attached by a superuser to another table, it refuses to run.
\set ECHO none
\i sql/include/catch.sql
\set ECHO all
CREATE TABLE poke2 (x int);
CREATE TRIGGER poke2_dcv AFTER INSERT ON poke2 FOR EACH STATEMENT EXECUTE FUNCTION dcv_cache_invalidate();
SELECT pg_temp.catch($$INSERT INTO poke2 VALUES (1)$$);
DROP TABLE poke2;
CREATE TABLE poke3 (x int, builtin boolean);
CREATE TRIGGER poke3_guard BEFORE INSERT ON poke3 FOR EACH ROW EXECUTE FUNCTION dcv_builtin_guard();
SELECT pg_temp.catch($$INSERT INTO poke3 VALUES (1, false)$$);
DROP TABLE poke3;
-- Everyone may read the tables and the dates in force.
SET ROLE dcv_attacker;
SELECT change, to_char(effective, 'YYYY-MM-DD') AS effective FROM dcv_timeline ORDER BY change;
SELECT count(*) AS products FROM dcv_product;
RESET ROLE;
DROP ROLE dcv_attacker;

--
-- 2. DateStyle and other formatting settings of the session that reads the
-- tables first (a new backend, so that its copy is read now).
--
\c
SET datestyle = 'SQL, YMD';
SELECT dcv_default_recipient('QuickSSLPremium', 'example.com', ARRAY['admin@example.com'],
                             ARRAY['z@example.com'], '2024-05-01') AS dv_2024;
\c
SET datestyle = 'German, MDY';
SET IntervalStyle = 'sql_standard';
SET extra_float_digits = -15;
SELECT (dcv_decision('TrueBizID', 'example.com', NULL, ARRAY['z@example.com'], '2030-01-01')).problem AS ov_2030;
\c
SET datestyle = 'Postgres, YMD';
SELECT (dcv_decision('TrueBizID', 'example.com', NULL, ARRAY['z@example.com'], '2017-01-01')).rule AS ov_2017;
\c
SET client_encoding = 'UTF8';
\set ECHO none
\i sql/include/catch.sql
\set ECHO all
SET datestyle = ISO;
-- search_path without dcv's schema: the decisions still read dcv's tables.
SET search_path = pg_catalog;
SELECT public.dcv_default_recipient('TrueBizID', 'example.com', NULL, ARRAY['b@example.com', 'a@example.com']);
RESET search_path;

--
-- 3. Generated columns: PostgreSQL computes them after BEFORE triggers, so
-- the trigger refuses a source or written column that is one, at the first
-- row of a statement.
--
CREATE TABLE gen_orders (
  id int PRIMARY KEY, product text, domain text, designated text[],
  whois_raw text, whois text[] GENERATED ALWAYS AS (string_to_array(whois_raw, ',')) STORED,
  whois_plain text[],
  recipients text[], rule text,
  placed timestamptz, as_of date GENERATED ALWAYS AS ((placed AT TIME ZONE 'UTC')::date) STORED,
  recipients_gen text[] GENERATED ALWAYS AS (ARRAY['evil@attacker.example']) STORED,
  rule_gen text GENERATED ALWAYS AS ('designated') STORED
);
CREATE TRIGGER gen_dcv BEFORE INSERT OR UPDATE ON gen_orders FOR EACH ROW
  EXECUTE FUNCTION dcv_recipient_trigger(product, domain, designated, whois, recipients, rule);
SELECT pg_temp.catch($$INSERT INTO gen_orders (id, product, domain, whois_raw) VALUES (1, 'TrueBizID', 'example.com', 'new@example.com')$$);
DROP TRIGGER gen_dcv ON gen_orders;
CREATE TRIGGER gen_dcv BEFORE INSERT OR UPDATE ON gen_orders FOR EACH ROW
  EXECUTE FUNCTION dcv_recipient_trigger(product, domain, designated, whois_plain, recipients, rule, as_of);
SELECT pg_temp.catch($$INSERT INTO gen_orders (id, product, domain, placed) VALUES (1, 'TrueBizID', 'example.com', '2029-06-01')$$);
DROP TRIGGER gen_dcv ON gen_orders;
CREATE TRIGGER gen_dcv BEFORE INSERT OR UPDATE ON gen_orders FOR EACH ROW
  EXECUTE FUNCTION dcv_recipient_trigger(product, domain, designated, whois_plain, recipients_gen, rule);
SELECT pg_temp.catch($$INSERT INTO gen_orders (id, product, domain) VALUES (1, 'TrueBizID', 'example.com')$$);
DROP TRIGGER gen_dcv ON gen_orders;
CREATE TRIGGER gen_dcv BEFORE INSERT OR UPDATE ON gen_orders FOR EACH ROW
  EXECUTE FUNCTION dcv_recipient_trigger(product, domain, designated, whois_plain, recipients, rule_gen);
SELECT pg_temp.catch($$INSERT INTO gen_orders (id, product, domain) VALUES (1, 'TrueBizID', 'example.com')$$);
-- Nothing was stored.
SELECT count(*) FROM gen_orders;
-- A generated column the trigger neither reads nor writes is no concern.
DROP TRIGGER gen_dcv ON gen_orders;
CREATE TRIGGER gen_dcv BEFORE INSERT OR UPDATE ON gen_orders FOR EACH ROW
  EXECUTE FUNCTION dcv_recipient_trigger(product, domain, designated, designated, recipients, rule);
INSERT INTO gen_orders (id, product, domain, designated) VALUES (1, 'TrueBizID', 'example.com', ARRAY['admin@example.com']);
SELECT id, recipients, rule, recipients_gen FROM gen_orders;
DROP TABLE gen_orders;

--
-- 4. Other BEFORE ROW triggers fire in name order: one that fires after
-- dcv's could change the row it decided.
--
CREATE TABLE tr_orders (id int PRIMARY KEY, product text, domain text, designated text[],
                        whois text[], recipients text[], rule text);
CREATE TRIGGER m_dcv BEFORE INSERT OR UPDATE ON tr_orders FOR EACH ROW
  EXECUTE FUNCTION dcv_recipient_trigger(product, domain, designated, whois, recipients, rule);
CREATE FUNCTION tamper() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN NEW.recipients := ARRAY['evil@attacker.example']; RETURN NEW; END $$;
CREATE FUNCTION whois_fill() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN NEW.whois := ARRAY['owner@example.com']; RETURN NEW; END $$;
CREATE TRIGGER zz_tamper BEFORE INSERT OR UPDATE ON tr_orders FOR EACH ROW EXECUTE FUNCTION tamper();
SELECT pg_temp.catch($$INSERT INTO tr_orders (id, product, domain) VALUES (1, 'TrueBizID', 'example.com')$$);
DROP TRIGGER zz_tamper ON tr_orders;
-- for UPDATE only, with a WHEN condition, or disabled and enabled again
CREATE TRIGGER zz_tamper BEFORE UPDATE ON tr_orders FOR EACH ROW
  WHEN (NEW.domain IS NOT NULL) EXECUTE FUNCTION tamper();
SELECT pg_temp.catch($$INSERT INTO tr_orders (id, product, domain) VALUES (1, 'TrueBizID', 'example.com')$$);
ALTER TABLE tr_orders DISABLE TRIGGER zz_tamper;
INSERT INTO tr_orders (id, product, domain) VALUES (1, 'TrueBizID', 'example.com');
ALTER TABLE tr_orders ENABLE TRIGGER zz_tamper;
SELECT pg_temp.catch($$UPDATE tr_orders SET domain = 'example.org'$$);
DROP TRIGGER zz_tamper ON tr_orders;
-- whois_fill after dcv: refused; renamed to fire before dcv, its WHOIS
-- address is the one decided on.
CREATE TRIGGER whois_fill BEFORE INSERT ON tr_orders FOR EACH ROW EXECUTE FUNCTION whois_fill();
SELECT pg_temp.catch($$INSERT INTO tr_orders (id, product, domain) VALUES (2, 'TrueBizID', 'example.com')$$);
ALTER TRIGGER whois_fill ON tr_orders RENAME TO a_whois_fill;
INSERT INTO tr_orders (id, product, domain) VALUES (2, 'TrueBizID', 'example.com');
-- AFTER triggers and statement triggers are no concern.
CREATE TRIGGER zz_after AFTER INSERT ON tr_orders FOR EACH ROW EXECUTE FUNCTION whois_fill();
CREATE TRIGGER zz_stmt BEFORE INSERT ON tr_orders FOR EACH STATEMENT EXECUTE FUNCTION whois_fill();
INSERT INTO tr_orders (id, product, domain, whois) VALUES (3, 'TrueBizID', 'example.com', ARRAY['z@example.com']);
SELECT id, whois, recipients, rule FROM tr_orders ORDER BY id;
-- Partitions: a trigger defined on one partition only, after dcv's clone.
CREATE TABLE part_orders (id int, product text, domain text, designated text[],
                          whois text[], recipients text[], rule text) PARTITION BY RANGE (id);
CREATE TABLE part_orders_1 PARTITION OF part_orders FOR VALUES FROM (0) TO (100);
CREATE TABLE part_orders_2 PARTITION OF part_orders FOR VALUES FROM (100) TO (200);
CREATE TRIGGER m_dcv BEFORE INSERT OR UPDATE ON part_orders FOR EACH ROW
  EXECUTE FUNCTION dcv_recipient_trigger(product, domain, designated, whois, recipients, rule);
CREATE TRIGGER zz_tamper BEFORE INSERT ON part_orders_2 FOR EACH ROW EXECUTE FUNCTION tamper();
INSERT INTO part_orders (id, product, domain) VALUES (1, 'TrueBizID', 'example.com');
SELECT pg_temp.catch($$INSERT INTO part_orders (id, product, domain) VALUES (101, 'TrueBizID', 'example.com')$$);
-- and COPY and ON CONFLICT run into the same refusal
SELECT pg_temp.catch($$COPY part_orders (id, product, domain) FROM PROGRAM 'echo 102,TrueBizID,example.com' WITH (FORMAT csv)$$);
CREATE UNIQUE INDEX ON tr_orders (domain, id);
CREATE TRIGGER zz_tamper BEFORE UPDATE ON tr_orders FOR EACH ROW EXECUTE FUNCTION tamper();
SELECT pg_temp.catch($$INSERT INTO tr_orders (id, product, domain) VALUES (1, 'TrueBizID', 'example.com')
               ON CONFLICT (id) DO UPDATE SET whois = ARRAY['x@example.com']$$);
SELECT id, recipients FROM part_orders ORDER BY id;
DROP TABLE tr_orders, part_orders;
DROP FUNCTION tamper(), whois_fill();

--
-- 5. The timeline keeps its order: a row of the user's that would make a
-- later change take effect before an earlier one is refused by the
-- statement that writes it.
--
SELECT pg_temp.catch($$INSERT INTO dcv_rule_date (change, effective) VALUES ('sc080', '2017-01-01')$$);
SELECT pg_temp.catch($$INSERT INTO dcv_rule_date (change, effective) VALUES ('sc090', '2025-07-14')$$);
SELECT pg_temp.catch($$INSERT INTO dcv_rule_date (change, effective) VALUES ('notice_2018', '2026-01-01')$$);
-- Moving two dates in one statement is judged on the result.
INSERT INTO dcv_rule_date (change, effective)
VALUES ('sc080', '2029-01-01'), ('sc090_discouraged', '2029-06-01'), ('sc090', '2030-01-01');
SELECT change, effective, builtin FROM dcv_timeline ORDER BY effective;
SELECT pg_temp.catch($$DELETE FROM dcv_rule_date WHERE change = 'sc090' AND NOT builtin$$);
SELECT pg_temp.catch($$UPDATE dcv_rule_date SET effective = '2018-02-02' WHERE change = 'sc090' AND NOT builtin$$);
-- Equal dates are allowed.
UPDATE dcv_rule_date SET effective = '2029-06-01' WHERE change = 'sc090' AND NOT builtin;
DELETE FROM dcv_rule_date WHERE NOT builtin;
SELECT change, effective, builtin FROM dcv_timeline ORDER BY effective;

--
-- 6. Smaller holes of 1.0.
--
-- A local part that begins with "-" reads as an option to sendmail-style
-- mailers: refused, so it never sorts first under rule 2.
SELECT dcv_email_problem('-oQ/tmp@example.com');
SELECT dcv_email_problem('-@example.com'), dcv_email_problem('a-@example.com') IS NULL AS inner_hyphen_ok;
SELECT dcv_default_recipient('TrueBizID', 'example.com', NULL,
                             ARRAY['-oQ/tmp@example.com', 'b@example.com', 'a@example.com']);
SELECT pg_temp.catch($$SELECT dcv_default_recipient('QuickSSLPremium', 'example.com', ARRAY['-oQ/tmp@example.com'], ARRAY['-oQ/tmp@example.com'])$$);
-- Unicode White_Space around a WHOIS entry is trimmed, not a reason to skip it
-- (the ideographic space here, which every encoding of these tests holds;
-- NBSP and the others in hostile_utf8).
SELECT dcv_default_recipient('TrueBizID', 'example.com', NULL,
                             ARRAY[U&'z@example.com\3000', U&'\3000y@example.com', U&'\3000x@example.com\3000']);
SELECT email, source FROM dcv_candidates('example.com', ARRAY[U&'\3000\3000owner@example.com\3000 ']);
-- ... but not white space inside the address.
SELECT dcv_email_problem(U&'owner\3000@example.com');
-- A top-level label the Public Suffix List does not know is a public
-- suffix by its implicit "*" rule, and nothing below it is.
SELECT d, dcv_base_domain(d) FROM (VALUES ('www.example.m'), ('example.m'), ('a.b.c.zz'),
                                          ('www.example.com'), ('www.city.kawasaki.jp')) AS t(d);
SELECT pg_temp.catch($$SELECT dcv_base_domain('m')$$);
-- NULL elements are left out before anything else: an array of a million
-- of them and one address decides like the address alone.
SELECT dcv_default_recipient('QuickSSLPremium', 'example.com',
                             array_fill(NULL::text, ARRAY[1000000]) || ARRAY['WebMaster@example.com'] || array_fill(NULL::text, ARRAY[1000000]),
                             array_fill(NULL::text, ARRAY[1000000]));
SELECT pg_temp.catch($$SELECT dcv_default_recipient('QuickSSLPremium', 'example.com',
                             array_fill(NULL::text, ARRAY[1000000]) || ARRAY['evil@evil.example'], NULL)$$);

--
-- 7. The backend remembers where dcv's tables are until an invalidation
-- names them: after the extension is dropped and created again in the same
-- session (new relations), and moved to another schema, it finds them again.
--
SELECT dcv_default_recipient('TrueBizID', 'example.com', NULL, ARRAY['b@example.com', 'a@example.com']);
DROP EXTENSION dcv;
SELECT pg_temp.catch($$SELECT dcv_default_recipient('TrueBizID', 'example.com')$$);
CREATE SCHEMA dcv_elsewhere;
CREATE EXTENSION dcv SCHEMA dcv_elsewhere;
INSERT INTO dcv_elsewhere.dcv_product (code, line, brand, validation) VALUES ('Elsewhere', 'ov_ev', 'x', 'OV');
SELECT dcv_elsewhere.dcv_default_recipient('elsewhere', 'example.com', NULL, ARRAY['b@example.com', 'a@example.com']);
DROP EXTENSION dcv;
DROP SCHEMA dcv_elsewhere;
CREATE EXTENSION dcv;
SELECT pg_temp.catch($$SELECT dcv_default_recipient('elsewhere', 'example.com')$$);
SELECT dcv_default_recipient('TrueBizID', 'example.com', NULL, ARRAY['b@example.com', 'a@example.com']);

--
-- 8. A copy read inside a subtransaction is not used after it rolls back,
-- even when no invalidation says so (dcv's statement trigger does not fire
-- under session_replication_role = replica).
--
BEGIN;
SET LOCAL session_replication_role = replica;
SAVEPOINT s;
INSERT INTO dcv_rule_date (change, effective) VALUES ('sc090', '2026-01-01');
SELECT pg_temp.catch($$SELECT dcv_default_recipient('TrueBizID', 'example.com', NULL, NULL, '2027-01-01')$$);
ROLLBACK TO s;
SELECT dcv_default_recipient('TrueBizID', 'example.com', NULL, NULL, '2027-01-01');
COMMIT;

--
-- 9. On a foreign table the row is stored by another server, where it could
-- change after dcv decided: the trigger refuses it.
--
CREATE EXTENSION postgres_fdw;
SELECT current_setting('port') AS port, current_setting('unix_socket_directories') AS sock,
       current_database() AS db \gset
CREATE SERVER dcv_loop FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host :'sock', port :'port', dbname :'db');
CREATE USER MAPPING FOR CURRENT_USER SERVER dcv_loop;
CREATE TABLE remote_orders (id int, product text, domain text, designated text[], whois text[],
                            recipients text[], rule text);
CREATE FOREIGN TABLE f_orders (id int, product text, domain text, designated text[], whois text[],
                               recipients text[], rule text) SERVER dcv_loop OPTIONS (table_name 'remote_orders');
CREATE TRIGGER f_dcv BEFORE INSERT OR UPDATE ON f_orders FOR EACH ROW
  EXECUTE FUNCTION dcv_recipient_trigger(product, domain, designated, whois, recipients, rule);
SELECT pg_temp.catch($$INSERT INTO f_orders (id, product, domain) VALUES (1, 'TrueBizID', 'example.com')$$);
SELECT count(*) AS stored FROM remote_orders;
DROP FOREIGN TABLE f_orders;
DROP TABLE remote_orders;
DROP USER MAPPING FOR CURRENT_USER SERVER dcv_loop;
DROP SERVER dcv_loop;
DROP EXTENSION postgres_fdw;

--
-- 10. The executor fires the triggers it found when the statement started:
-- one dropped or renamed by a function the statement itself calls still
-- fires, so it is still refused.
--
CREATE TABLE late_orders (id int PRIMARY KEY, product text, domain text, designated text[],
                          whois text[], recipients text[], rule text);
CREATE TRIGGER m_dcv BEFORE INSERT OR UPDATE ON late_orders FOR EACH ROW
  EXECUTE FUNCTION dcv_recipient_trigger(product, domain, designated, whois, recipients, rule);
CREATE FUNCTION tamper() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN NEW.recipients := ARRAY['evil@attacker.example']; RETURN NEW; END $$;
CREATE TRIGGER zz_tamper BEFORE INSERT OR UPDATE ON late_orders FOR EACH ROW EXECUTE FUNCTION tamper();
CREATE FUNCTION drop_zz() RETURNS int LANGUAGE plpgsql AS $$
BEGIN DROP TRIGGER zz_tamper ON late_orders; RETURN 1; END $$;
CREATE FUNCTION rename_zz() RETURNS int LANGUAGE plpgsql AS $$
BEGIN ALTER TRIGGER zz_tamper ON late_orders RENAME TO aa_tamper; RETURN 1; END $$;
SELECT pg_temp.catch($$INSERT INTO late_orders SELECT 1, 'TrueBizID', 'example.com' FROM (SELECT drop_zz()) AS s$$);
SELECT pg_temp.catch($$INSERT INTO late_orders SELECT 2, 'TrueBizID', 'example.com' FROM (SELECT rename_zz()) AS s$$);
SELECT count(*) AS stored FROM late_orders;
-- once the drop is committed, the next statement is decided as usual
SELECT drop_zz();
INSERT INTO late_orders VALUES (3, 'TrueBizID', 'example.com');
SELECT id, recipients, rule FROM late_orders;
DROP TABLE late_orders;
DROP FUNCTION tamper(), drop_zz(), rename_zz();
