--
-- Recipient decisions: dcv_default_recipient and dcv_decision, by the notice
-- of 2018-02-02 (no date given).
--
SET client_encoding = 'UTF8';  -- the test files are UTF-8, whatever the database encoding
\set ECHO none
\i sql/include/catch.sql
\set ECHO all

-- OV/EV rule 2: the WHOIS e-mail that sorts first (one address).
SELECT dcv_default_recipient('TrueBizID', 'www.example.co.jp', NULL,
                             ARRAY['b@example.co.jp', 'A@example.co.jp']);
-- OV/EV rule 3: no usable WHOIS e-mail, or WHOIS not confirmed: admin@ the base domain.
SELECT dcv_default_recipient('SecureSiteProEV', '例え.jp', NULL, NULL);
SELECT dcv_default_recipient('securesite', 'example.com', NULL, ARRAY['REDACTED FOR PRIVACY']);
SELECT dcv_default_recipient('SecureSite', 'www.shop.example.co.jp', NULL, '{}');
SELECT dcv_default_recipient('SecureSite', '*.shop.example.co.jp', NULL, ARRAY[NULL, 'n/a']);
-- OV/EV rule 1 and the DV line: the designated addresses, checked.
SELECT dcv_default_recipient('QuickSSLPremium', 'example.com', ARRAY['WEBMASTER@example.com'], NULL);
SELECT dcv_default_recipient('TrueBizIDEV', 'example.com', ARRAY['webmaster@example.com'], ARRAY['a@example.com']);
-- Several designated: NULLs skipped, duplicates dropped, order kept.
SELECT dcv_default_recipient('QuickSSLPremiumMD', 'www.example.com',
  ARRAY['postmaster@example.com', NULL, 'Owner@Example.com', 'POSTMASTER@example.com', 'admin@example.com'],
  ARRAY['owner@example.com']);
-- Empty or all-NULL designated arrays mean none was designated.
SELECT dcv_default_recipient('TrueBizID', 'example.com', '{}', ARRAY['z@example.com']);
SELECT dcv_default_recipient('TrueBizID', 'example.com', ARRAY[NULL, NULL]::text[], ARRAY['z@example.com']);
-- A WHOIS e-mail at another domain is still a candidate.
SELECT dcv_default_recipient('QuickSSLPremium', 'example.com', ARRAY['Hostmaster@Registrar.example'],
                             ARRAY['hostmaster@registrar.example']);
-- Subdomain e-mails: only through the support route (subdomains => true).
SELECT dcv_default_recipient('QuickSSLPremium', 'www.example.com', ARRAY['admin@www.example.com'], subdomains => true);

-- Errors, each with its SQLSTATE.
SELECT pg_temp.catch($$SELECT dcv_default_recipient('QuickSSLPremium', 'example.com', NULL, NULL)$$);
SELECT pg_temp.catch($$SELECT dcv_default_recipient('QuickSSLPremium', 'example.com', ARRAY[NULL]::text[], NULL)$$);
SELECT pg_temp.catch($$SELECT dcv_default_recipient('QuickSSLPremium', 'example.com', ARRAY['admin@evil.example'])$$);
SELECT pg_temp.catch($$SELECT dcv_default_recipient('QuickSSLPremium', 'example.com', ARRAY['admin@exаmple.com'])$$);
SELECT pg_temp.catch($$SELECT dcv_default_recipient('TrueBizID', 'example.com', ARRAY['admin@example.com', 'info@example.com'])$$);
SELECT pg_temp.catch($$SELECT dcv_default_recipient('TrueBizID', 'example.com', ARRAY['REDACTED FOR PRIVACY'])$$);
SELECT pg_temp.catch($$SELECT dcv_default_recipient('TrueBizID', 'example.com', ARRAY['admin%x@example.com'])$$);
SELECT pg_temp.catch($$SELECT dcv_default_recipient('QuickSSLPremium', 'www.example.com', ARRAY['admin@www.example.com'])$$);
SELECT pg_temp.catch($$SELECT dcv_default_recipient('TrueBizID', 'co.jp')$$);
SELECT pg_temp.catch($$SELECT dcv_default_recipient('TrueBizID', 'exa mple.com')$$);
SELECT pg_temp.catch($$SELECT dcv_default_recipient('TrueBizID', 'example.com', ARRAY[['admin@example.com']])$$);
SELECT pg_temp.catch($$SELECT dcv_default_recipient('RapidSSL', 'example.com')$$);

-- The refused element is named exactly as given, wherever it stands in the array.
SELECT (dcv_decision('QuickSSLPremium', 'example.jp', ARRAY['ssl-admin@example.jp', 'xyz'])).problem;
SELECT (dcv_decision('QuickSSLPremium', 'example.jp', ARRAY['admin@example.jp', 'abcd', 'efgh'])).problem;

-- NULL product or domain: NULL.
SELECT dcv_default_recipient(NULL, 'example.com') IS NULL AS a,
       dcv_default_recipient('TrueBizID', NULL) IS NULL AS b;

-- dcv_decision never raises for the data: the problem is the error's message.
SELECT d.*
FROM (VALUES
  ('TrueBizID', 'www.example.co.jp', NULL, ARRAY['b@example.co.jp', 'A@example.co.jp']),
  ('TrueBizID', 'example.co.jp', NULL, NULL),
  ('QuickSSLPremium', 'example.com', ARRAY['admin@example.com'], NULL),
  ('QuickSSLPremium', 'example.com', NULL, NULL),
  ('QuickSSLPremium', 'example.com', ARRAY['admin@evil.example'], NULL),
  ('QuickSSLPremium', 'example.com', ARRAY['not an address'], NULL),
  ('TrueBizID', 'co.jp', NULL, NULL),
  ('TrueBizID', '_dmarc.example.com', NULL, NULL),
  ('RapidSSL', 'example.com', NULL, NULL),
  (NULL, 'example.com', NULL, NULL),
  ('TrueBizID', NULL, NULL, NULL),
  ('TrueBizID', 'example.com', ARRAY[['a@example.com']], NULL)
) AS o(product, domain, designated, whois),
LATERAL dcv_decision(product, domain, designated::text[], whois::text[]) AS d;
