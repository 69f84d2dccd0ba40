-- bench/harness.sql: what the benchmark measures, and how.
--
-- Every figure is one query in bench_query.  bench_time() runs it under
-- EXPLAIN (ANALYZE, TIMING OFF) and keeps the server's "Execution Time": no
-- planning, no client, no transfer of rows (each query returns one row
-- anyway).  TIMING OFF keeps the per-row instrumentation to a counter.
--
-- It also keeps the backend's own CPU time over the statement, from
-- /proc/self/schedstat (nanoseconds on a CPU, then nanoseconds spent
-- runnable but waiting for one).  On a machine that other work shares, wall
-- time grows with that work and CPU time much less: the report gives both,
-- and the share of the statement the backend spent waiting for a CPU.  For
-- a parallel plan the CPU time is the leader's only; the report uses wall
-- time there.

\set ON_ERROR_STOP 1

DROP TABLE IF EXISTS bench_query, bench_per, bench_result, bench_mem, bench_mem_peak, bench_info;

CREATE TABLE bench_query (
	figure text PRIMARY KEY,
	ord int NOT NULL,
	label text NOT NULL,		-- as printed
	per text NOT NULL,			-- what a "row" is: order, candidate, insert, or one of
								-- the DNS subsets (bench_per, below)
	q text NOT NULL
);

INSERT INTO bench_query VALUES
('floor', 1, 'floor: length(domain) + cardinality(whois) ...', 'order',
 $q$SELECT sum(length(product) + length(domain) + coalesce(cardinality(designated), 0)
			   + coalesce(cardinality(whois), 0) + coalesce(cardinality(dns_records), 0)
			   + (order_date - DATE '2000-01-01'))
	FROM orders$q$),
('default_recipient', 2, 'dcv_default_recipient', 'order',
 $q$SELECT sum(cardinality(dcv_default_recipient(product, domain, designated, whois, order_date,
												  false, dns_records)))
	FROM orders$q$),
('decision', 3, 'dcv_decision', 'order',
 $q$SELECT sum(cardinality((dcv_decision(product, domain, designated, whois, order_date,
										 false, dns_records)).recipients))
	FROM orders$q$),
('candidates', 4, 'dcv_candidates (LATERAL)', 'candidate',
 $q$SELECT count(*) FROM orders AS o
	CROSS JOIN LATERAL dcv_candidates(o.domain, o.whois, false, o.dns_records) AS c$q$),
('plpgsql', 5, 'PL/pgSQL rules (bench/plpgsql_rules.sql)', 'order',
 $q$SELECT sum(cardinality(bench_plpgsql_recipient(product, domain, designated, whois, order_date)))
	FROM orders$q$),
('insert_plain', 6, 'INSERT, no trigger', 'insert',
 $q$INSERT INTO bench_ins_plain (id, product, domain, designated, whois, dns_records, order_date)
	SELECT id, product, domain, designated, whois, dns_records, order_date FROM orders_ins$q$),
('insert_trigger', 7, 'INSERT, dcv_recipient_trigger', 'insert',
 $q$INSERT INTO bench_ins_trigger (id, product, domain, designated, whois, dns_records, order_date)
	SELECT id, product, domain, designated, whois, dns_records, order_date FROM orders_ins$q$),
('parallel_1', 8, 'dcv_default_recipient, parallel, 1 worker', 'order',
 $q$SELECT sum(cardinality(dcv_default_recipient(product, domain, designated, whois, order_date,
												  false, dns_records)))
	FROM orders$q$),
('parallel_2', 9, 'dcv_default_recipient, parallel, 2 workers', 'order',
 $q$SELECT sum(cardinality(dcv_default_recipient(product, domain, designated, whois, order_date,
												  false, dns_records)))
	FROM orders$q$),
-- DNS-published contacts (bench/setup.sql makes the subsets).  Orders without
-- records, with the 7-argument call and dns_records NULL: what bench/compare.sh
-- sets against 1.0.
('dns_none', 10, 'dcv_default_recipient, orders without records', 'order_nodns',
 $q$SELECT sum(cardinality(dcv_default_recipient(product, domain, designated, whois, order_date,
												  false, dns_records)))
	FROM orders_nodns$q$),
-- Orders with records that their decision does not read (no designated
-- address, or only constructed and WHOIS ones): with them, and with NULL.
('dns_carried', 11, 'dcv_default_recipient, records the decision does not read', 'order_dns_carried',
 $q$SELECT sum(cardinality(dcv_default_recipient(product, domain, designated, whois, order_date,
												  false, dns_records)))
	FROM orders_dns_carried$q$),
('dns_carried_null', 12, '  the same orders, dns_records NULL', 'order_dns_carried',
 $q$SELECT sum(cardinality(dcv_default_recipient(product, domain, designated, whois, order_date,
												  false, NULL)))
	FROM orders_dns_carried$q$),
-- Orders whose designated address is a contact the records publish: with
-- NULL they would raise (not a candidate), so the comparison is the same
-- orders with admin@<base domain> designated in its place and NULL.
('dns_read', 13, 'dcv_default_recipient, designated address a DNS contact', 'order_dns_read',
 $q$SELECT sum(cardinality(dcv_default_recipient(product, domain, designated, whois, order_date,
												  false, dns_records)))
	FROM orders_dns_read$q$),
('dns_read_alt', 14, '  the same orders, admin@<base> designated, dns_records NULL', 'order_dns_read',
 $q$SELECT sum(cardinality(dcv_default_recipient(product, domain, designated_alt, whois, order_date,
												  false, NULL)))
	FROM orders_dns_read$q$),
('dns_contacts', 15, 'dcv_dns_contacts (LATERAL), per record line', 'dns_line',
 $q$SELECT count(*) FROM orders_dns AS o
	CROSS JOIN LATERAL dcv_dns_contacts(o.domain, o.dns_records) AS c$q$);

-- What a row of each kind of figure is, and the bench_info key of its count.
CREATE TABLE bench_per (per text PRIMARY KEY, info_key text NOT NULL);
INSERT INTO bench_per VALUES
	('order', 'orders'), ('candidate', 'candidates'), ('insert', 'insert_rows'),
	('order_nodns', 'orders_nodns'), ('order_dns_carried', 'orders_dns_carried'),
	('order_dns_read', 'orders_dns_read'), ('dns_line', 'dns_lines');

CREATE TABLE bench_result (
	figure text NOT NULL REFERENCES bench_query,
	round int NOT NULL,
	ms float8 NOT NULL,			-- wall, EXPLAIN's Execution Time
	cpu_ms float8,				-- this backend on a CPU (NULL where unknown)
	wait_ms float8,				-- this backend runnable, waiting for a CPU
	workers_planned int,
	workers_launched int,
	at timestamptz NOT NULL DEFAULT clock_timestamp()
);

-- Resident memory of the backend, read by psql from /proc/<pid>/status.
CREATE TABLE bench_mem (
	step text NOT NULL,			-- as printed; also the marker in rss-samples.txt
	ord int NOT NULL,
	calls bigint NOT NULL,		-- calls made before this reading
	vmrss_kb bigint NOT NULL,
	rssanon_kb bigint NOT NULL
);

-- Highest RssAnon sampled (every 0.1 s, from outside) during each step.
CREATE TABLE bench_mem_peak (step text PRIMARY KEY, peak_anon_kb bigint NOT NULL);

-- Counts and facts that the report prints.
CREATE TABLE bench_info (key text PRIMARY KEY, value text);

-- The backend's schedstat: {ns on a CPU, ns waiting for one}, or NULLs.
CREATE FUNCTION bench_schedstat() RETURNS float8[]
LANGUAGE sql AS $$
	SELECT ARRAY[split_part(s, ' ', 1)::float8, split_part(s, ' ', 2)::float8]
	FROM (SELECT pg_read_file('/proc/self/schedstat', 0, 256, true) AS s) AS x
$$;

CREATE FUNCTION bench_time(p_figure text, p_round int) RETURNS float8
LANGUAGE plpgsql AS $$
DECLARE
	v_q text;
	v_plan jsonb;
	v_ms float8;
	v_s0 float8[];
	v_s1 float8[];
BEGIN
	SELECT q INTO STRICT v_q FROM bench_query WHERE figure = p_figure;
	v_s0 := bench_schedstat();
	EXECUTE 'EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) ' || v_q INTO v_plan;
	v_s1 := bench_schedstat();
	v_ms := (v_plan -> 0 ->> 'Execution Time')::float8;
	INSERT INTO bench_result (figure, round, ms, cpu_ms, wait_ms, workers_planned, workers_launched)
	VALUES (p_figure, p_round, v_ms,
			(v_s1[1] - v_s0[1]) / 1e6, (v_s1[2] - v_s0[2]) / 1e6,
			(jsonb_path_query_first(v_plan, '$.**."Workers Planned"'))::int,
			(jsonb_path_query_first(v_plan, '$.**."Workers Launched"'))::int);
	RETURN v_ms;
END
$$;

-- p_calls calls of a function over the orders (dcv_dns_contacts: over the
-- orders with records), in as many scans as it takes.
CREATE FUNCTION bench_calls(p_what text, p_calls bigint) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
	v_rows bigint := CASE WHEN p_what = 'dcv_dns_contacts' THEN (SELECT count(*) FROM orders_dns)
						  ELSE (SELECT count(*) FROM orders) END;
	v_left bigint := p_calls;
	v_n bigint;
	v_sink bigint;
	v_q text := CASE p_what
		WHEN 'dcv_default_recipient' THEN
			'SELECT sum(cardinality(dcv_default_recipient(product, domain, designated, whois, order_date,
														  false, dns_records)))
			 FROM (SELECT * FROM orders LIMIT %s) AS o'
		WHEN 'dcv_decision' THEN
			'SELECT count((dcv_decision(product, domain, designated, whois, order_date,
										false, dns_records)).rule)
			 FROM (SELECT * FROM orders LIMIT %s) AS o'
		WHEN 'dcv_candidates' THEN
			'SELECT count(*) FROM (SELECT * FROM orders LIMIT %s) AS o
			 CROSS JOIN LATERAL dcv_candidates(o.domain, o.whois, false, o.dns_records) AS c'
		WHEN 'dcv_dns_contacts' THEN
			'SELECT count(*) FROM (SELECT * FROM orders_dns LIMIT %s) AS o
			 CROSS JOIN LATERAL dcv_dns_contacts(o.domain, o.dns_records) AS c'
		-- Control: a built-in set-returning function that, like dcv_candidates,
		-- returns its rows in a tuplestore (materialize mode), in the same shape.
		WHEN 'string_to_table' THEN
			'SELECT count(*) FROM (SELECT * FROM orders LIMIT %s) AS o
			 CROSS JOIN LATERAL string_to_table(o.domain, ''.'') AS c'
	END;
BEGIN
	WHILE v_left > 0 LOOP
		v_n := least(v_left, v_rows);
		EXECUTE format(v_q, v_n) INTO v_sink;
		v_left := v_left - v_n;
	END LOOP;
	RETURN p_calls;
END
$$;
