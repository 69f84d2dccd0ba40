--
-- DCV candidates (dcv_candidates, dcv_is_candidate).
--
SET client_encoding = 'UTF8';  -- the test files are UTF-8, whatever the database encoding
\set ECHO none
\i sql/include/catch.sql
\set ECHO all

-- WHOIS e-mails (unusable ones and NULLs skipped, alphabetical, each once),
-- then the constructed e-mails at the base domain.
SELECT * FROM dcv_candidates('www.Example.co.jp',
  ARRAY['Zed@example.co.jp', 'REDACTED FOR PRIVACY', 'admin@EXAMPLE.co.jp', NULL,
        'abc@registrar.example']);

-- No WHOIS: NULL (lookup failed) and an empty array give the same.
SELECT * FROM dcv_candidates('例え.jp');
SELECT count(*) FROM dcv_candidates('例え.jp', '{}');

-- Subdomain e-mails only when asked for: the applied domain first, towards the base.
SELECT * FROM dcv_candidates('www.shop.example.co.jp', NULL, true);
-- A wildcard: the name without "*." is the deepest subdomain.
SELECT * FROM dcv_candidates('*.shop.example.co.jp', NULL, subdomains => true)
WHERE source = 'subdomain';
SELECT count(*) FROM dcv_candidates('*.example.co.jp', NULL, true) WHERE source = 'subdomain';

-- A WHOIS address equal to a constructed one is listed once, as WHOIS.
SELECT * FROM dcv_candidates('example.com', ARRAY[' HOSTMASTER@example.com', 'hostmaster@example.com']);

-- Byte order of normal forms, whatever the collation: "-" < "." < "0" < "_" < "b".
SELECT email FROM dcv_candidates('example.com', ARRAY['b@example.com', 'a-b@example.com', 'a_b@example.com', 'a.b@example.com', '0@example.com'])
WHERE source = 'whois';

-- dcv_is_candidate normalizes the address first.
SELECT email, dcv_is_candidate('www.example.co.jp', ARRAY['zed@example.co.jp'], email) AS plain,
       dcv_is_candidate('www.example.co.jp', ARRAY['zed@example.co.jp'], email, true) AS with_subdomains
FROM (VALUES
  ('ZED@example.co.jp'),
  (' webmaster@EXAMPLE.co.jp'),
  ('admin@www.example.co.jp'),
  ('admin@example.jp'),
  ('admin@exаmple.co.jp'),
  ('info@example.co.jp'),
  ('admin%x@example.co.jp'),
  ('REDACTED FOR PRIVACY'),
  (NULL)
) AS t(email);
SELECT dcv_is_candidate(NULL, NULL, 'admin@example.com') IS NULL AS null_domain;

-- An invalid domain is an error; so is a multidimensional WHOIS array.
SELECT pg_temp.catch($$SELECT * FROM dcv_candidates('co.jp')$$);
SELECT pg_temp.catch($$SELECT * FROM dcv_candidates('exa mple.com')$$);
SELECT pg_temp.catch($$SELECT * FROM dcv_candidates('example.com', ARRAY[['a@example.com'], ['b@example.com']])$$);
SELECT count(*) FROM dcv_candidates(NULL);
