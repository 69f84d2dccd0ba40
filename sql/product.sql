--
-- The product classification table dcv_product.
--
SET client_encoding = 'UTF8';  -- the test files are UTF-8, whatever the database encoding
\set ECHO none
\i sql/include/catch.sql
\set ECHO all

SELECT code, line, brand, validation, wildcard, multi_domain, name_en, name_ja, builtin
FROM dcv_product ORDER BY line, brand, code;

-- Every built-in product decides on its line: DV needs a designated address,
-- OV/EV falls back to admin@.
SELECT code, (dcv_decision(code, 'example.com')).*
FROM dcv_product ORDER BY code;

-- Codes match case-insensitively.
SELECT dcv_default_recipient('truebizid', 'example.com'),
       dcv_default_recipient('TRUEBIZID', 'example.com'),
       dcv_default_recipient('quicksslpremium', 'example.com', ARRAY['admin@example.com']);

-- Unknown products.
SELECT pg_temp.catch($$SELECT dcv_default_recipient('RapidSSL', 'example.com')$$);
SELECT (dcv_decision('RapidSSL', 'example.com')).*;

-- A user's row: four columns suffice, the rest defaults.
INSERT INTO dcv_product (code, line, brand, validation) VALUES ('RapidSSL', 'dv', 'RapidSSL', 'DV');
SELECT * FROM dcv_product WHERE code = 'RapidSSL';
-- Seen by the next command of the same session.
SELECT dcv_default_recipient('rapidssl', 'example.com', ARRAY['webmaster@example.com']);
SELECT (dcv_decision('RapidSSL', 'example.com')).*;

-- Two codes differing only in case cannot both exist.
SELECT pg_temp.catch($$INSERT INTO dcv_product (code, line, brand, validation) VALUES ('RAPIDSSL', 'ov_ev', 'x', 'OV')$$);
SELECT pg_temp.catch($$INSERT INTO dcv_product (code, line, brand, validation) VALUES ('quicksslpremium', 'ov_ev', 'x', 'OV')$$);
-- Lines and validation levels are checked.
SELECT pg_temp.catch($$INSERT INTO dcv_product (code, line, brand, validation) VALUES ('X1', 'ev', 'x', 'EV')$$);
SELECT pg_temp.catch($$INSERT INTO dcv_product (code, line, brand, validation) VALUES ('X2', 'dv', 'x', 'XV')$$);
SELECT pg_temp.catch($$INSERT INTO dcv_product (code, line, brand) VALUES ('X3', 'dv', 'x')$$);

-- Changing a user's row changes the decision at once; so does deleting it.
UPDATE dcv_product SET line = 'ov_ev' WHERE code = 'RapidSSL';
SELECT (dcv_decision('RapidSSL', 'example.com')).*;
DELETE FROM dcv_product WHERE code = 'RapidSSL';
SELECT (dcv_decision('RapidSSL', 'example.com')).problem;

-- A change rolled back is forgotten too.
BEGIN;
INSERT INTO dcv_product (code, line, brand, validation) VALUES ('Thawte123', 'ov_ev', 'thawte', 'OV');
SELECT (dcv_decision('thawte123', 'example.com')).rule;
ROLLBACK;
SELECT (dcv_decision('thawte123', 'example.com')).problem;

-- Built-in rows are the extension's: they cannot be changed, deleted or faked.
SELECT pg_temp.catch($$UPDATE dcv_product SET line = 'dv' WHERE code = 'TrueBizID'$$);
SELECT pg_temp.catch($$DELETE FROM dcv_product WHERE code = 'SecureSite'$$);
SELECT pg_temp.catch($$INSERT INTO dcv_product (code, line, brand, validation, builtin) VALUES ('Fake', 'dv', 'x', 'DV', true)$$);
SELECT pg_temp.catch($$TRUNCATE dcv_product$$);
SELECT count(*) AS builtin_rows FROM dcv_product WHERE builtin;
