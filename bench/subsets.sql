-- bench/subsets.sql: the orders by their DNS records, for the figures of
-- DNS-published contacts (bench/harness.sql) and for bench/compare.sh.
-- psql variable: dns_rows, the least number of rows of each table of orders
-- with records.
--
--   orders_nodns        dns_records NULL: no lookup (every order before 2019,
--                       70 % of the later ones), once each
--   orders_dns          the orders with at least one record line
--   orders_dns_carried  of those, the orders whose decision does not read the
--                       records: with dns_records NULL it is the same
--   orders_dns_read     the others: a designated address is a contact the
--                       records publish, and with NULL the order could not be
--                       decided.  designated_alt has a constructed address
--                       at the base domain in its place, not one designated
--                       already, which decides with NULL.
-- Orders with an empty array (a lookup that found nothing) are in none.
--
-- The orders with records are a fifth of the table, those whose decision
-- reads them about 3 %: a scan of them once would last a few milliseconds,
-- where the backend's CPU time (/proc/self/schedstat, counted at scheduler
-- ticks) is too coarse and a difference of two scans mostly noise.  So the
-- three tables of orders with records hold their orders as many times over
-- (copy 1, 2, ...) as it takes to reach dns_rows rows; every row is a
-- decision made in full, dcv keeps nothing from one call to the next but
-- its copy of the product and date tables.  Each table is in (copy, id)
-- order and frozen, as orders is.

\set ON_ERROR_STOP 1

DROP TABLE IF EXISTS orders_nodns, orders_dns, orders_dns_carried, orders_dns_read;

CREATE TABLE orders_nodns AS SELECT * FROM orders WHERE dns_records IS NULL ORDER BY id;

CREATE TEMP TABLE bench_dns_base AS
SELECT o.*,
	   (dcv_decision(product, domain, designated, whois, order_date, false, NULL)).problem IS NOT NULL
		   AS reads_records,
	   NULL::text[] AS designated_alt
FROM orders AS o
WHERE cardinality(dns_records) > 0;

-- The stand-in for the DNS contact (bench/data.sql puts it first).
UPDATE bench_dns_base AS b
SET designated_alt = array_replace(designated, designated[1], (
		SELECT lp || '@' || dcv_base_domain(b.domain)
		FROM unnest(ARRAY['admin', 'administrator', 'webmaster', 'hostmaster', 'postmaster'])
			 WITH ORDINALITY AS u(lp, k)
		WHERE lp || '@' || dcv_base_domain(b.domain) NOT IN (
			SELECT dcv_normalize_email(e) FROM unnest(b.designated) AS e WHERE e IS NOT NULL)
		ORDER BY k LIMIT 1))
WHERE reads_records;

-- It must decide without the records, and give as many recipients as the
-- DNS contact does with them.
SELECT count(*) AS bad_alt, count(*) > 0 AS any_bad_alt
FROM bench_dns_base
WHERE reads_records
  AND (designated_alt IS NULL
	   OR (dcv_decision(product, domain, designated_alt, whois, order_date, false, NULL)).problem IS NOT NULL
	   OR cardinality(dcv_default_recipient(product, domain, designated, whois, order_date, false, dns_records))
		  <> cardinality(dcv_default_recipient(product, domain, designated_alt, whois, order_date, false, NULL)))
\gset
\if :any_bad_alt
	\echo WARNING: :bad_alt orders whose decision reads the records have no stand-in; left out of orders_dns_read
	UPDATE bench_dns_base SET reads_records = NULL
	WHERE reads_records
	  AND (designated_alt IS NULL
		   OR (dcv_decision(product, domain, designated_alt, whois, order_date, false, NULL)).problem IS NOT NULL
		   OR cardinality(dcv_default_recipient(product, domain, designated, whois, order_date, false, dns_records))
			  <> cardinality(dcv_default_recipient(product, domain, designated_alt, whois, order_date, false, NULL)));
\endif

SELECT greatest(1, ceil(:dns_rows / greatest(count(*), 1)::numeric))::int AS k_dns,
	   greatest(1, ceil(:dns_rows / greatest(count(*) FILTER (WHERE NOT reads_records), 1)::numeric))::int
		   AS k_carried,
	   greatest(1, ceil(:dns_rows / greatest(count(*) FILTER (WHERE reads_records), 1)::numeric))::int AS k_read
FROM bench_dns_base
\gset

CREATE TABLE orders_dns AS
SELECT c AS copy, id, product, domain, designated, whois, dns_records, order_date
FROM bench_dns_base, generate_series(1, :k_dns) AS c
ORDER BY c, id;

CREATE TABLE orders_dns_carried AS
SELECT c AS copy, id, product, domain, designated, whois, dns_records, order_date
FROM bench_dns_base, generate_series(1, :k_carried) AS c
WHERE NOT reads_records
ORDER BY c, id;

CREATE TABLE orders_dns_read AS
SELECT c AS copy, id, product, domain, designated, designated_alt, whois, dns_records, order_date
FROM bench_dns_base, generate_series(1, :k_read) AS c
WHERE reads_records
ORDER BY c, id;

VACUUM (FREEZE, ANALYZE) orders_nodns, orders_dns, orders_dns_carried, orders_dns_read;

-- Counts: the distinct orders and lines, the copies, and the rows of each table.
INSERT INTO bench_info
SELECT k, v::text FROM (VALUES
	('orders_nodns', (SELECT count(*) FROM orders_nodns)),
	('orders_dns_empty', (SELECT count(*) FROM orders WHERE cardinality(dns_records) = 0)),
	('orders_dns_distinct', (SELECT count(*) FROM bench_dns_base)),
	('orders_dns_carried_distinct', (SELECT count(*) FROM bench_dns_base WHERE NOT reads_records)),
	('orders_dns_read_distinct', (SELECT count(*) FROM bench_dns_base WHERE reads_records)),
	('dns_lines_distinct', (SELECT coalesce(sum(cardinality(dns_records)), 0) FROM bench_dns_base)),
	('dns_lines_carried_distinct',
	 (SELECT coalesce(sum(cardinality(dns_records)), 0) FROM bench_dns_base WHERE NOT reads_records)),
	('dns_lines_read_distinct',
	 (SELECT coalesce(sum(cardinality(dns_records)), 0) FROM bench_dns_base WHERE reads_records)),
	('dns_contacts_distinct',
	 (SELECT count(*) FROM bench_dns_base AS o CROSS JOIN LATERAL dcv_dns_contacts(o.domain, o.dns_records) AS c
	  WHERE c.email IS NOT NULL)),
	('dns_copies', :k_dns), ('dns_copies_carried', :k_carried), ('dns_copies_read', :k_read),
	('orders_dns', (SELECT count(*) FROM orders_dns)),
	('orders_dns_carried', (SELECT count(*) FROM orders_dns_carried)),
	('orders_dns_read', (SELECT count(*) FROM orders_dns_read)),
	('dns_lines', (SELECT coalesce(sum(cardinality(dns_records)), 0) FROM orders_dns)),
	('dns_lines_carried', (SELECT coalesce(sum(cardinality(dns_records)), 0) FROM orders_dns_carried)),
	('dns_lines_read', (SELECT coalesce(sum(cardinality(dns_records)), 0) FROM orders_dns_read))
) AS kv(k, v);

DROP TABLE bench_dns_base;
