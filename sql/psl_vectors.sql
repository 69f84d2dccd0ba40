--
-- The Public Suffix List's own test vectors (Debian package publicsuffix),
-- every line, against dcv_base_domain.  The file is UTF-8 with Chinese names
-- that not every database encoding can hold: the test runs in UTF8 only.
--
SET client_encoding = 'UTF8';  -- the test files are UTF-8, whatever the database encoding
SELECT getdatabaseencoding() <> 'UTF8' AS skip_test \gset
\if :skip_test
\quit
\endif

-- One row per checkPublicSuffix line (lines commented out with // excluded).
CREATE TEMP TABLE psl_vector AS
SELECT n, m[1] AS input, m[2] AS expected, '' AS note
FROM (SELECT n, regexp_match(line, $$^checkPublicSuffix\((?:'([^']*)'|null), (?:'([^']*)'|null)\);$$) AS m
      FROM regexp_split_to_table(
             convert_from(pg_read_binary_file('/usr/share/doc/publicsuffix/examples/test_psl.txt'), 'UTF8'),
             E'\n') WITH ORDINALITY AS l(line, n)) AS matched
WHERE m IS NOT NULL;

-- The four uk.com lines rest on the PRIVATE section of the list.  dcv reads
-- the ICANN section only (CA/Browser Forum BR 3.2.2.6), where uk.com is an
-- ordinary name under com: uk.com is a base domain, and so is it for every
-- name below it.
UPDATE psl_vector SET expected = 'uk.com', note = 'ICANN only; the file says ' || coalesce(expected, 'null')
WHERE input ~ '(^|\.)uk\.com$';

CREATE FUNCTION pg_temp.base_or_error(d text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  RETURN dcv_base_domain(d);
EXCEPTION WHEN SQLSTATE 'ZD001' OR SQLSTATE 'ZD002' THEN
  RETURN NULL;
END $$;

-- Expectations written in Unicode compare after conversion to A-labels; a
-- null expectation must be an error (or NULL for the NULL input).
SELECT n AS line, input, expected, pg_temp.base_or_error(input) AS got,
       pg_temp.base_or_error(input) IS NOT DISTINCT FROM dcv_normalize_domain(expected) AS ok, note
FROM psl_vector ORDER BY n;

SELECT count(*) AS vectors, count(*) FILTER (WHERE pg_temp.base_or_error(input)
         IS NOT DISTINCT FROM dcv_normalize_domain(expected)) AS passing
FROM psl_vector;
