--
-- Normal form of an e-mail address (dcv_normalize_email) and the reason an
-- address is not usable (dcv_email_problem).
--
SET client_encoding = 'UTF8';  -- the test files are UTF-8, whatever the database encoding
\set ECHO none
\i sql/include/catch.sql
\set ECHO all

SELECT to_json(input) AS input, dcv_normalize_email(input), dcv_email_problem(input) AS problem
FROM (VALUES
  (' Admin@Example.CO.JP '),
  (E'\tadmin@example.com\r\n'),
  ('admin@example.com.'),
  ('First.Last+Tag@Example.com'),
  ('a#$&''*+-/=?^_`{|}~@example.com'),
  ('admin@例え.jp'),
  ('admin@ｅｘａｍｐｌｅ.com'),     -- the domain part maps like an applied domain
  ('admin@exаmple.com'),           -- Cyrillic "а": a different domain
  (repeat('a', 64) || '@example.com')
) AS t(input);

-- Not usable: the problem text, and the error dcv_normalize_email raises.
SELECT input, dcv_email_problem(input) AS problem
FROM (VALUES
  ('REDACTED FOR PRIVACY'),
  ('https://example.com/whois-contact'),
  ('Please use the web form'),
  (''),
  ('   '),
  ('"a@b"@example.com'),
  ('"admin"@example.com'),
  ('admin%evil.example@example.com'),
  ('evil.example!admin@example.com'),
  ('Name <a@example.com>'),
  ('<a@example.com>'),
  ('admin@[192.0.2.1]'),
  ('admin(comment)@example.com'),
  ('a@b@example.com'),
  ('admin＠example.com'),           -- fullwidth at sign is not "@"
  ('admin@localhost'),
  ('admin@'),
  ('@example.com'),
  ('.admin@example.com'),
  ('admin.@example.com'),
  ('ad..min@example.com'),
  ('ad min@example.com'),
  ('管理者@example.com'),
  ('admin@*.example.com'),
  ('admin@example..com'),
  ('admin@exa_mple.com'),
  ('admin@1.2.3.4'),
  ('admin,x@example.com'),
  ('admin\@example.com'),
  (repeat('a', 65) || '@example.com'),
  (NULL)
) AS t(input);

SELECT pg_temp.catch($$SELECT dcv_normalize_email('REDACTED FOR PRIVACY')$$);
SELECT pg_temp.catch($$SELECT dcv_normalize_email('admin%evil.example@example.com')$$);
SELECT dcv_normalize_email(NULL) IS NULL AS null_is_null;
