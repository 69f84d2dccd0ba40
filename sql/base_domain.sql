--
-- Base domain (dcv_base_domain): one label plus the public suffix, ICANN
-- section of the Public Suffix List only.
--
SET client_encoding = 'UTF8';  -- the test files are UTF-8, whatever the database encoding
\set ECHO none
\i sql/include/catch.sql
\set ECHO all

SELECT input, dcv_base_domain(input)
FROM (VALUES
  ('www.shop.example.co.jp'),
  ('*.例え.jp'),
  ('city.kawasaki.jp'),            -- exception rule !city.kawasaki.jp
  ('www.city.kawasaki.jp'),
  ('foo.github.io'),               -- github.io is a PRIVATE-section suffix: ignored
  ('example.uk.com'),              -- so is uk.com
  ('example.tokyo.jp'),
  ('www.example.tokyo.jp'),
  ('ＷＷＷ．Example。co.JP.'),
  ('a.b.c.d.e.f.g.h.example.com'),
  ('x.y.schools.nsw.edu.au'),      -- a four-label rule
  ('www.example.example'),         -- unknown top-level domain: the "*" rule
  ('日本語.東京.jp'),
  ('*.example.com')
) AS t(input);

SELECT input, pg_temp.catch(format('SELECT dcv_base_domain(%L)', input)) AS error
FROM (VALUES
  ('co.jp'),
  ('jp'),
  ('kawasaki.jp'),                 -- parent of the wildcard rule *.kawasaki.jp
  ('foo.kawasaki.jp'),             -- matched by *.kawasaki.jp
  ('*.co.jp'),
  ('com'),
  ('localhost'),
  ('tokyo.jp'),
  ('東京.jp'),                     -- an IDN public suffix
  ('_dmarc.example.com')           -- not a valid name at all
) AS t(input);

SELECT dcv_base_domain(NULL) IS NULL AS null_is_null;
