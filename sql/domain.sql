--
-- Normal form of an applied domain (dcv_normalize_domain).
-- Every input here is representable in EUC_JP too; see domain_utf8 for the rest.
--
SET client_encoding = 'UTF8';  -- the test files are UTF-8, whatever the database encoding
\set ECHO none
\i sql/include/catch.sql
\set ECHO all

SELECT input, dcv_normalize_domain(input)
FROM (VALUES
  ('ＷＷＷ．Example。co.JP.'),    -- fullwidth letters, fullwidth and ideographic full stops
  ('*.例え.jp'),                   -- wildcard kept, Unicode to A-label
  ('例え.JP'),
  ('XN--R8JZ45G.jp'),              -- A-label in capitals
  ('Example.COM'),
  ('example.com.'),                -- one trailing dot dropped
  ('example｡com'),                 -- halfwidth ideographic full stop
  ('＊.example.com'),              -- fullwidth asterisk maps to "*"
  ('日本語.東京.jp'),
  ('ｅｘａｍｐｌｅ．ｃｏ．ｊｐ'),
  ('exаmple.com'),                 -- Cyrillic "а": another domain, not example.com
  ('a-b.example.com'),
  ('xn--exmple-4nf.com'),
  ('example.com1'),
  ('localhost')
) AS t(input);

-- Rejected: each with its SQLSTATE and the rule broken.
SELECT left(input, 30) AS input, pg_temp.catch(format('SELECT dcv_normalize_domain(%L)', input)) AS error
FROM (VALUES
  (''),
  ('.'),
  ('a..b'),
  ('example.com..'),
  ('.example.com'),
  ('foo bar.com'),
  ('_dmarc.example.com'),
  ('_dmarc.例え.jp'),
  ('-a.example.com'),
  ('a-.example.com'),
  ('ab--cd.example.com'),
  ('xn--abc.com'),                  -- not a valid A-label
  ('1.2.3.4'),
  ('example.123'),
  ('::1'),
  ('[192.0.2.1]'),
  ('a.*.example.com'),
  ('*example.com'),
  ('*'),
  ('example.com/path'),
  ('admin@example.com'),
  ('ｅｘａｍｐｌｅ＠ｃｏ．ｊｐ'),
  (repeat('a', 64) || '.com'),
  (repeat('abcdefghi.', 25) || 'abcd.jp'),
  (repeat('a', 2000))
) AS t(input);

-- Label and name lengths at their limits.
SELECT length(dcv_normalize_domain(repeat('a', 63) || '.com')) AS label_63,
       length(dcv_normalize_domain(repeat('abcdefghi.', 24) || 'abcdefghi.jp')) AS name_252,
       length(dcv_normalize_domain('b' || repeat('abcdefghi.', 24) || 'abcdefghi.jp')) AS name_253;

-- Idempotent.
SELECT input, dcv_normalize_domain(dcv_normalize_domain(input)) = dcv_normalize_domain(input) AS idempotent
FROM (VALUES ('ＷＷＷ．Example。co.JP.'), ('*.例え.jp'), ('exаmple.com')) AS t(input);

-- NULL in, NULL out.
SELECT dcv_normalize_domain(NULL) IS NULL AS null_is_null;
