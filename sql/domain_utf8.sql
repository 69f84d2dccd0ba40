--
-- Domain names and addresses with characters that EUC_JP cannot hold
-- (zero-width and bidi characters, Thai, Hebrew, emoji, German sharp s).
-- Runs in UTF8 databases only.
--
SET client_encoding = 'UTF8';  -- the test files are UTF-8, whatever the database encoding
SELECT getdatabaseencoding() <> 'UTF8' AS skip_test \gset
\if :skip_test
\quit
\endif
\set ECHO none
\i sql/include/catch.sql
\set ECHO all

SELECT input, dcv_normalize_domain(input)
FROM (VALUES
  (E'exa\u200Bmple.com'),         -- zero-width space: ignored by UTS#46
  (E'exa\u00ADmple.com'),         -- soft hyphen: ignored
  ('straße.de'),                  -- non-transitional: ß kept, not "ss"
  ('ไทย.example.com'),
  ('עברית.example.com'),
  ('bücher.example'),
  ('ÖBB.at')
) AS t(input);

SELECT left(input, 30) AS input, pg_temp.catch(format('SELECT dcv_normalize_domain(%L)', input)) AS error
FROM (VALUES
  ('😀.example.com'),              -- emoji: disallowed in IDNA2008
  ('xn--ls8h.com'),                -- the same as an A-label
  (E'exa\u202Emple.com'),         -- right-to-left override
  (E'\u2488com'),                 -- DIGIT ONE FULL STOP: disallowed
  ('a' || E'\u0301' || '-.com')
) AS t(input);

SELECT dcv_base_domain('ไทย.example.com'), dcv_normalize_email('admin@bücher.example') AS email;
