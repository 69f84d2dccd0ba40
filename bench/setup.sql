-- bench/setup.sql: the database the benchmark measures.
-- psql variables: rows, seed, insert_rows, dns_rows (bench/subsets.sql).

\set ON_ERROR_STOP 1
\pset pager off
SET client_min_messages = warning;

CREATE EXTENSION IF NOT EXISTS dcv;
\ir harness.sql
\ir plpgsql_rules.sql

\echo building :rows orders (seed :seed) ...
\ir data.sql

-- Every row must be decidable, or the scans and the trigger would stop on
-- it.  The generator makes sure of that; this proves it.
CREATE TEMP TABLE bench_problem AS
SELECT id, product, domain, designated, whois, order_date, d.problem
FROM orders,
	 LATERAL dcv_decision(product, domain, designated, whois, order_date, false, dns_records) AS d
WHERE d.problem IS NOT NULL;

SELECT count(*) AS undecidable, count(*) > 0 AS any_undecidable FROM bench_problem \gset
\if :any_undecidable
	\echo WARNING: :undecidable generated rows cannot be decided; they are removed (first ones below)
	SELECT id, domain, problem FROM bench_problem ORDER BY id LIMIT 5;
	DELETE FROM orders WHERE id IN (SELECT id FROM bench_problem);
\endif
INSERT INTO bench_info VALUES ('undecidable_removed', :'undecidable');

-- Parallel scans use 2 workers when the scaling figure allows them.
ALTER TABLE orders SET (parallel_workers = 2);
VACUUM (FREEZE, ANALYZE) orders;

\ir subsets.sql

-- The INSERT figures: the same rows into two tables alike but for the trigger.
CREATE TABLE orders_ins AS SELECT * FROM orders ORDER BY id LIMIT :insert_rows;
VACUUM (FREEZE, ANALYZE) orders_ins;
CREATE TABLE bench_ins_plain (
	id bigint PRIMARY KEY,
	product text NOT NULL,
	domain text NOT NULL,
	designated text[],
	whois text[],
	dns_records text[],
	order_date date NOT NULL,
	recipients text[],
	dcv_rule text
);
CREATE TABLE bench_ins_trigger (LIKE bench_ins_plain INCLUDING ALL);
CREATE TRIGGER dcv_recipients
	BEFORE INSERT OR UPDATE ON bench_ins_trigger
	FOR EACH ROW EXECUTE FUNCTION
	dcv_recipient_trigger(product, domain, designated, whois, recipients, dcv_rule, order_date,
						  dns_records);

-- What the table holds, for the report.
INSERT INTO bench_info
SELECT 'orders', count(*)::text FROM orders
UNION ALL SELECT 'insert_rows', count(*)::text FROM orders_ins
UNION ALL SELECT 'table_size', pg_size_pretty(pg_table_size('orders'))
UNION ALL SELECT 'candidates', count(*)::text
	FROM orders AS o CROSS JOIN LATERAL dcv_candidates(o.domain, o.whois, false, o.dns_records) AS c;

CREATE TABLE bench_mix AS
WITH d AS (
	SELECT o.*, x.line, x.rule
	FROM orders AS o,
		 LATERAL dcv_decision(product, domain, designated, whois, order_date, false, dns_records) AS x
)
SELECT 'DV line' AS what, count(*) FILTER (WHERE line = 'dv') AS n FROM d
UNION ALL SELECT 'rule designated', count(*) FILTER (WHERE rule = 'designated') FROM d
UNION ALL SELECT 'rule whois_first', count(*) FILTER (WHERE rule = 'whois_first') FROM d
UNION ALL SELECT 'rule admin_fallback', count(*) FILTER (WHERE rule = 'admin_fallback') FROM d
UNION ALL SELECT 'rule all_candidates (before 2018-02-02)', count(*) FILTER (WHERE rule = 'all_candidates') FROM d
UNION ALL SELECT 'ordered from 2025-07-15 (SC-080)', count(*) FILTER (WHERE order_date >= DATE '2025-07-15') FROM d
UNION ALL SELECT 'Japanese (non-ASCII) domain', count(*) FILTER (WHERE domain ~ '[^\x01-\x7e]' AND domain !~ '[Ａ-Ｚａ-ｚ０-９]') FROM d
UNION ALL SELECT 'fullwidth ASCII domain', count(*) FILTER (WHERE domain ~ '[Ａ-Ｚａ-ｚ０-９]') FROM d
UNION ALL SELECT 'A-label (xn--) domain', count(*) FILTER (WHERE domain ~* 'xn--') FROM d
UNION ALL SELECT 'wildcard', count(*) FILTER (WHERE domain LIKE '*%' OR domain LIKE '＊%') FROM d
UNION ALL SELECT '3+ labels below the base domain', count(*) FILTER (
	WHERE array_length(string_to_array(regexp_replace(dcv_normalize_domain(domain), '^\*\.', ''), '.'), 1)
		  - array_length(string_to_array(dcv_base_domain(domain), '.'), 1) >= 3) FROM d
UNION ALL SELECT 'WHOIS NULL (lookup failed)', count(*) FILTER (WHERE whois IS NULL) FROM d
UNION ALL SELECT 'WHOIS empty', count(*) FILTER (WHERE cardinality(whois) = 0) FROM d
UNION ALL SELECT 'WHOIS with an unusable entry', count(*) FILTER (
	WHERE EXISTS (SELECT FROM unnest(whois) AS w WHERE dcv_email_problem(w) IS NOT NULL)) FROM d
UNION ALL SELECT 'designated', count(*) FILTER (WHERE designated IS NOT NULL) FROM d
UNION ALL SELECT 'DNS records looked up (NULL: not)', count(*) FILTER (WHERE dns_records IS NOT NULL) FROM d
UNION ALL SELECT '  of which none found (empty array)', count(*) FILTER (WHERE cardinality(dns_records) = 0) FROM d
UNION ALL SELECT '  of which the decision reads them (a DNS contact designated)',
	(SELECT value::bigint FROM bench_info WHERE key = 'orders_dns_read_distinct');

-- How often the PL/pgSQL version answers differently from dcv.
INSERT INTO bench_info
SELECT k, v::text
FROM (SELECT count(*) FILTER (WHERE p IS DISTINCT FROM d) AS differs,
			 count(*) FILTER (WHERE p IS NULL) AS nulls
	  FROM (SELECT dcv_default_recipient(product, domain, designated, whois, order_date,
										 false, dns_records) AS d,
				   bench_plpgsql_recipient(product, domain, designated, whois, order_date) AS p
			FROM orders) AS s) AS t,
	 LATERAL (VALUES ('plpgsql_differs', differs), ('plpgsql_null', nulls)) AS kv(k, v);

CHECKPOINT;
