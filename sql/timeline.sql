--
-- The rules over time: as_of before 2018-02-02, from 2025-07-15 (SC-080),
-- from 2028-03-15 (SC-090); the day before and the day of each change.
--
SET client_encoding = 'UTF8';  -- the test files are UTF-8, whatever the database encoding
\set ECHO none
\i sql/include/catch.sql
\set ECHO all
SET datestyle = ISO;

SELECT change, effective, builtin FROM dcv_timeline ORDER BY effective;

SELECT as_of, d.*
FROM (VALUES (NULL::date), ('2018-02-01'), ('2018-02-02'), ('2025-07-14'), ('2025-07-15'),
             ('2028-03-14'), ('2028-03-15'), ('-infinity'), ('infinity')) AS t(as_of),
LATERAL dcv_decision('TrueBizIDEV', 'www.example.com', NULL, ARRAY['z@example.com', 'REDACTED'], as_of) AS d;

-- The DV line: before the change everyone receives it, whatever was designated.
SELECT as_of, d.*
FROM (VALUES ('2018-02-01'::date), ('2018-02-02'), ('2025-07-15'), ('2028-03-15')) AS t(as_of),
LATERAL dcv_decision('QuickSSLPremium', 'www.example.com', ARRAY['admin@example.com'], ARRAY['z@example.com'], as_of) AS d;
SELECT dcv_default_recipient('QuickSSLPremium', 'www.example.com', ARRAY['admin@evil.example'], ARRAY['Z@example.com', 'a@example.com'], '2017-06-30');

-- From SC-080 a WHOIS e-mail is no longer a candidate, even when designated.
SELECT pg_temp.catch($$SELECT dcv_default_recipient('QuickSSLPremium', 'example.com', ARRAY['z@example.com'], ARRAY['z@example.com'], '2025-07-15')$$);
SELECT dcv_default_recipient('QuickSSLPremium', 'example.com', ARRAY['z@example.com'], ARRAY['z@example.com'], '2025-07-14');
SELECT pg_temp.catch($$SELECT dcv_default_recipient('TrueBizID', 'example.com', NULL, NULL, '2028-03-15')$$);

-- The dates are data: a row of one's own overrides a built-in date.
INSERT INTO dcv_rule_date (change, effective, description) VALUES ('sc090', '2029-03-15', 'postponed (example)');
SELECT change, effective, builtin FROM dcv_timeline ORDER BY effective;
SELECT dcv_default_recipient('TrueBizID', 'example.com', NULL, NULL, '2028-03-15');
SELECT pg_temp.catch($$SELECT dcv_default_recipient('TrueBizID', 'example.com', NULL, NULL, '2029-03-15')$$);
DELETE FROM dcv_rule_date WHERE NOT builtin;
SELECT pg_temp.catch($$SELECT dcv_default_recipient('TrueBizID', 'example.com', NULL, NULL, '2028-03-15')$$);

-- Built-in dates are protected like built-in products.
SELECT pg_temp.catch($$UPDATE dcv_rule_date SET effective = '2030-01-01' WHERE change = 'sc090'$$);
SELECT pg_temp.catch($$INSERT INTO dcv_rule_date (change, effective) VALUES ('sc100', '2030-01-01')$$);
