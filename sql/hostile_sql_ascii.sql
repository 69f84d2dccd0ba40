--
-- Bytes that are not UTF-8, which only a SQL_ASCII database lets in: there
-- the extension takes the bytes as they are and the core must refuse what is
-- not valid UTF-8 (overlong forms, surrogates, code points past U+10FFFF,
-- stray continuation bytes, truncated sequences, Latin-1).  An applied domain
-- or an address is then an error, a WHOIS entry is skipped, and dcv_decision
-- reports the problem without raising.  Values are shown with
-- encode(..., 'escape'), so bytes above 0x7F read as octal escapes.
--
SET client_encoding = 'UTF8';  -- the test files are UTF-8, whatever the database encoding
SELECT current_database() AS main_db, current_database() || '_sql_ascii' AS ascii_db \gset
SET client_min_messages = warning;
DROP DATABASE IF EXISTS :"ascii_db";
RESET client_min_messages;
CREATE DATABASE :"ascii_db" TEMPLATE template0 ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C';
\c :"ascii_db"
SET client_encoding = 'UTF8';
SET client_min_messages = warning;  -- CREATE EXTENSION notes that name_ja stays NULL
CREATE EXTENSION dcv;
RESET client_min_messages;
SELECT getdatabaseencoding();
\set ECHO none
\i sql/include/catch.sql
-- esc(text): the bytes of a value, high ones as octal escapes.
CREATE FUNCTION pg_temp.esc(t text) RETURNS text LANGUAGE sql IMMUTABLE
  AS $$SELECT encode(convert_to(t, 'SQL_ASCII'), 'escape')$$;
\set ECHO all

CREATE TEMP TABLE bad_utf8 (id int PRIMARY KEY, input text);
INSERT INTO bad_utf8 VALUES
  (401, E'admin@caf\xE9.example'),                   -- Latin-1 é
  (402, E'admin@example.c\xC0\xAEom'),               -- overlong "."
  (403, E'admin\xC1\x80example.com'),                -- overlong "@"
  (404, E'admin@exa\xE0\x80\xAEmple.com'),           -- overlong "." in three bytes
  (405, E'admin@exa\xF0\x80\x80\xAEmple.com'),       -- overlong "." in four bytes
  (406, E'admin@\xED\xA0\x80.example'),              -- a surrogate (U+D800)
  (407, E'admin@\xED\xBF\xBF.example'),              -- a surrogate (U+DFFF)
  (408, E'admin@example.com\xF4\x90\x80\x80'),       -- past U+10FFFF
  (409, E'admin@example.com\xF8\x88\x80\x80\x80'),   -- five-byte form
  (410, E'admin@example.com\x80'),                   -- stray continuation byte
  (411, E'\xBFadmin@example.com'),
  (412, E'admin@example.com\xE2\x82'),               -- truncated sequence
  (413, E'admin@exa\xE2\x82mple.com'),
  (414, E'admin@example.com\xFF'),
  (415, E'admin@example.com\xFE\xFF'),
  (416, E'\xC0\x80admin@example.com'),               -- overlong NUL
  (417, E'admin@exa\xC0\x80mple.com'),
  (418, E'admin@b\xC3\xBCcher.example'),             -- valid UTF-8: usable
  (419, E'admin@exa\xE2\x80\x8Bmple.com'),           -- valid UTF-8 zero-width space: ignored
  (420, E'admin@example\xEF\xBC\x8Ecom');            -- valid UTF-8 fullwidth full stop

SELECT id, pg_temp.esc(input) AS input, dcv_email_problem(input) AS problem,
       CASE WHEN dcv_email_problem(input) IS NULL THEN dcv_normalize_email(input) END AS normal_form
FROM bad_utf8 ORDER BY id;

-- dcv_normalize_email raises ZD003 for each invalid one.
SELECT id, pg_temp.esc(pg_temp.catch(format('SELECT dcv_normalize_email(%L)', input))) AS error
FROM bad_utf8 WHERE id IN (401, 403, 406, 408, 412) ORDER BY id;

-- Designated for example.com: only the valid UTF-8 that maps to a candidate
-- is accepted; the others are reported, by dcv_decision without raising
-- and by dcv_default_recipient as ZD003 (unusable) or ZD004 (not a candidate).
SELECT h.id, pg_temp.esc(d.problem) AS problem, d.recipients
FROM bad_utf8 h, dcv_decision('QuickSSLPremium', 'example.com', ARRAY[h.input]) AS d
ORDER BY h.id;
SELECT h.id, pg_temp.esc(pg_temp.catch(format('SELECT dcv_default_recipient(%L, %L, ARRAY[%L])',
                                              'QuickSSLPremium', 'example.com', h.input))) AS error
FROM bad_utf8 h WHERE h.id IN (401, 406, 412, 418) ORDER BY h.id;
SELECT pg_temp.esc(problem) AS problem
FROM dcv_decision('TrueBizID', 'example.com', ARRAY['admin@example.com', E'admin@caf\xE9.example', 'webmaster@example.com']);

-- As WHOIS e-mails: the invalid ones are skipped.
SELECT c.email, c.source,
       (SELECT string_agg(h.id::text, ',' ORDER BY h.id) FROM bad_utf8 h
        WHERE dcv_email_problem(h.input) IS NULL AND dcv_normalize_email(h.input) = c.email) AS from_cases
FROM dcv_candidates('example.com', ARRAY(SELECT input FROM bad_utf8 ORDER BY id)) AS c;
SELECT * FROM dcv_decision('TrueBizID', 'example.com', NULL,
                           ARRAY(SELECT input FROM bad_utf8 WHERE id < 418 ORDER BY id));
SELECT dcv_is_candidate('example.com', ARRAY[E'admin@caf\xE9.example'], E'admin@caf\xE9.example') AS invalid_is_candidate;

-- Applied domains and product codes.
SELECT pg_temp.esc(d) AS domain,
       pg_temp.esc(pg_temp.catch(format('SELECT dcv_base_domain(%L)', d))) AS error
FROM (VALUES (E'caf\xE9.example'), (E'example.c\xC0\xAEom'), (E'\xED\xA0\x80.example'),
             (E'example.com\xF4\x90\x80\x80'), (E'exa\xE2\x82mple.com'), (E'\xFF')) AS t(d);
SELECT dcv_base_domain(E'b\xC3\xBCcher.example.co.jp') AS valid_utf8;
SELECT pg_temp.esc(pg_temp.catch(format('SELECT * FROM dcv_candidates(%L)', E'caf\xE9.example'))) AS error;
SELECT pg_temp.esc(problem) AS problem FROM dcv_decision('TrueBizID', E'caf\xE9.example');
SELECT pg_temp.esc(problem) AS problem FROM dcv_decision(E'TrueBizID\xE9', 'example.com');

\c :"main_db"
SET client_encoding = 'UTF8';
DROP DATABASE :"ascii_db";
