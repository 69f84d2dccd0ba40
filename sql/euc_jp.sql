--
-- An EUC_JP database, whatever the encoding of the test database: Japanese
-- input normalizes as in UTF8, and a character EUC_JP has but Unicode lacks
-- (the user-defined area, 0xF5A1 and up) makes the value unusable -- a WHOIS
-- entry skipped, a designated address or a domain refused, a problem in
-- dcv_decision -- never an error of the conversion.  The user-defined
-- character is built with convert_from and never sent to the client.
--
SET client_encoding = 'UTF8';  -- the test files are UTF-8, whatever the database encoding
SELECT current_database() AS main_db, current_database() || '_euc_jp' AS euc_db \gset
SET client_min_messages = warning;
DROP DATABASE IF EXISTS :"euc_db";
RESET client_min_messages;
CREATE DATABASE :"euc_db" TEMPLATE template0 ENCODING 'EUC_JP' LC_COLLATE 'C' LC_CTYPE 'C';
\c :"euc_db"
SET client_encoding = 'UTF8';
CREATE EXTENSION dcv;
SELECT getdatabaseencoding(), count(name_ja) AS japanese_names FROM dcv_product;
\set ECHO none
\i sql/include/catch.sql
\set ECHO all

SELECT dcv_normalize_domain('ＷＷＷ．例え。ＪＰ'), dcv_base_domain('www.例え.東京.jp'),
       dcv_normalize_email(' Soumu@例え.jp ');
SELECT dcv_email_problem(' 管理@例え.jp ');
SELECT dcv_default_recipient('TrueBizID', 'www.例え.jp', NULL, ARRAY['Soumu@例え.jp', 'REDACTED']);

CREATE TEMP TABLE udc AS SELECT convert_from('\xf5a1'::bytea, 'EUC_JP') AS x;

SELECT dcv_email_problem(x) AS alone,
       dcv_email_problem('admin@example.co.jp' || x) AS in_domain,
       dcv_email_problem('ad' || x || 'min@example.co.jp') AS in_local_part
FROM udc;
SELECT c.* FROM udc, dcv_candidates('example.co.jp', ARRAY['b@example.co.jp', x, 'admin@' || x || '.jp']) AS c;
SELECT dcv_is_candidate('example.co.jp', ARRAY['b@example.co.jp' || x], 'b@example.co.jp') FROM udc;
SELECT d.recipients, d.rule, d.problem IS NOT NULL AS refused
FROM udc, LATERAL (VALUES ('TrueBizID', 'example.co.jp', NULL, ARRAY['b@example.co.jp', x]),
                          ('TrueBizID', 'example.co.jp', ARRAY['admin@example.co.jp' || x], NULL),
                          ('QuickSSLPremium', 'www' || x || '.example.co.jp', ARRAY['admin@example.co.jp'], NULL))
         AS o(product, domain, designated, whois),
     LATERAL dcv_decision(o.product, o.domain, o.designated, o.whois) AS d;
-- Raised: the SQLSTATE only (the message names the value as given, which a
-- UTF-8 client cannot be sent).
SELECT left(pg_temp.catch(format('SELECT dcv_default_recipient(%L, %L, ARRAY[%L])',
                                 'QuickSSLPremium', 'example.co.jp', 'admin@example.co.jp' || x)), 5) AS designated,
       left(pg_temp.catch(format('SELECT dcv_normalize_domain(%L)', 'www' || x || '.example.co.jp')), 5) AS domain,
       left(pg_temp.catch(format('SELECT dcv_normalize_email(%L)', x || '@example.co.jp')), 5) AS email
FROM udc;

\c :"main_db"
DROP DATABASE :"euc_db";
