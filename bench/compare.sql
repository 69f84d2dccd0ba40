-- bench/compare.sql: the figures of bench/compare.sh, orders without DNS
-- records (orders_nodns, bench/subsets.sql) with each version's own calls:
-- 1.1 passes dns_records (NULL on every one of these rows) as the 7th
-- argument, 1.0 has 6 parameters.  Added to bench_query after bench/setup.sql.

\set ON_ERROR_STOP 1

DELETE FROM bench_query WHERE figure LIKE 'cmp\_%';
INSERT INTO bench_query VALUES
('cmp_floor', 20, 'floor (the expression of bench/run.sh)', 'order_nodns',
 $q$SELECT sum(length(product) + length(domain) + coalesce(cardinality(designated), 0)
			   + coalesce(cardinality(whois), 0) + coalesce(cardinality(dns_records), 0)
			   + (order_date - DATE '2000-01-01'))
	FROM orders_nodns$q$),
('cmp_dr_11', 21, 'dcv_default_recipient', 'order_nodns',
 $q$SELECT sum(cardinality(dcv_default_recipient(product, domain, designated, whois, order_date,
												  false, dns_records)))
	FROM orders_nodns$q$),
('cmp_dr_10', 21, 'dcv_default_recipient', 'order_nodns',
 $q$SELECT sum(cardinality(dcv_default_recipient(product, domain, designated, whois, order_date,
												  false)))
	FROM orders_nodns$q$),
('cmp_decision_11', 22, 'dcv_decision', 'order_nodns',
 $q$SELECT sum(cardinality((dcv_decision(product, domain, designated, whois, order_date,
										 false, dns_records)).recipients))
	FROM orders_nodns$q$),
('cmp_decision_10', 22, 'dcv_decision', 'order_nodns',
 $q$SELECT sum(cardinality((dcv_decision(product, domain, designated, whois, order_date,
										 false)).recipients))
	FROM orders_nodns$q$),
('cmp_candidates_11', 23, 'dcv_candidates (LATERAL), per order', 'order_nodns',
 $q$SELECT count(*) FROM orders_nodns AS o
	CROSS JOIN LATERAL dcv_candidates(o.domain, o.whois, false, o.dns_records) AS c$q$),
('cmp_candidates_10', 23, 'dcv_candidates (LATERAL), per order', 'order_nodns',
 $q$SELECT count(*) FROM orders_nodns AS o
	CROSS JOIN LATERAL dcv_candidates(o.domain, o.whois, false) AS c$q$);

-- Which build a round measured: 1..99 the current tree before 1.0, 101..199
-- 1.0, 201..299 the current tree again; round 0, 100, 200 are the warm-ups.
DROP TABLE IF EXISTS cmp_phase, cmp_answer;
CREATE TABLE cmp_phase (phase int PRIMARY KEY, name text NOT NULL, version text NOT NULL,
						extversion text, library text);
-- Each version's decision of every order without records, to compare them.
CREATE TABLE cmp_answer (phase int NOT NULL, id bigint NOT NULL, recipients text[], rule text,
						 problem text, PRIMARY KEY (phase, id));
