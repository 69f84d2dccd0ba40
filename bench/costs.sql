-- bench/costs.sql: what one call of each SQL-callable C function of dcv
-- costs, in µs, in calls of lower() and in the planner's cpu_operator_cost,
-- the unit of the COST figures of dcv--1.0--1.1.sql.
--
-- psql variables: calls (rows of the sample, distinct orders), reps (odd).
-- Needs the orders table of bench/data.sql and bench_time's helpers from
-- bench/harness.sql (bench_schedstat).
--
-- Each figure is one scan of the sample under EXPLAIN (ANALYZE, TIMING OFF),
-- and the time of a call is the figure's Execution Time less that of the
-- same scan calling nothing (count(*)), divided by the calls.  Wall time: the
-- kernel counts CPU time in ticks of a few milliseconds, as long as the
-- empty scan takes; the CPU time is printed beside it, and where the two
-- part the machine was busy.  A set-returning function is costed per call,
-- all its rows: CREATE FUNCTION's page says its COST is per row returned,
-- but PostgreSQL 15 charges it once per call of a function in FROM (the
-- scan of a call starts at COST × cpu_operator_cost whatever ROWS says;
-- sql/planner.sql shows it), so a per-row figure would undercharge the call
-- by its rows.
-- A round takes every figure once, the empty scan first and last; the
-- report gives medians.  The functions are PARALLEL SAFE, so each scan runs
-- with max_parallel_workers_per_gather = 0: one backend, whose CPU time is
-- the figure.

\set ON_ERROR_STOP 1
\pset pager off
SET client_min_messages = warning;
SET max_parallel_workers_per_gather = 0;
SET jit = off;

DROP VIEW IF EXISTS cost_ops, cost_unit, cost_per_call, cost_med;
DROP TABLE IF EXISTS cost_sample, cost_sample_dns, cost_query, cost_result;

-- Distinct orders, each with one well-formed address to test: the first
-- designated one, else the first usable WHOIS e-mail, else admin@ the base
-- domain.
CREATE TABLE cost_sample AS
SELECT id, product, domain, designated, whois, dns_records, order_date,
	   coalesce((SELECT a FROM unnest(designated || whois) WITH ORDINALITY AS u(a, i)
				 WHERE dcv_email_problem(a) IS NULL ORDER BY i LIMIT 1),
				'admin@' || dcv_base_domain(domain)) AS email
FROM orders ORDER BY id LIMIT :calls;
CREATE TABLE cost_sample_dns AS
SELECT * FROM orders WHERE dns_records IS NOT NULL ORDER BY id LIMIT :calls;
VACUUM (FREEZE, ANALYZE) cost_sample, cost_sample_dns;

CREATE TABLE cost_query (
	figure text PRIMARY KEY,
	ord int NOT NULL,
	fn text,					-- the function (regprocedure text), NULL for controls
	base text NOT NULL,			-- the empty scan it is set against
	srf boolean NOT NULL,		-- set-returning: rows a call returns are reported
	q text NOT NULL
);
INSERT INTO cost_query VALUES
('scan', 0, NULL, 'scan', false, 'SELECT count(*) FROM cost_sample'),
('scan_dns', 0, NULL, 'scan_dns', false, 'SELECT count(*) FROM cost_sample_dns'),
('series', 0, NULL, 'series', false, 'SELECT count(g) FROM generate_series(1, 200000) AS g'),
-- The planner's unit is taken from a scan of the whole table, long enough to time well.
('scan_all', 0, NULL, 'scan_all', false, 'SELECT count(*) FROM orders'),
('lower', 1, NULL, 'scan', false, 'SELECT count(lower(domain)) FROM cost_sample'),
('normalize_domain', 2, 'dcv_normalize_domain(text)', 'scan', false,
 'SELECT count(dcv_normalize_domain(domain)) FROM cost_sample'),
('base_domain', 3, 'dcv_base_domain(text)', 'scan', false,
 'SELECT count(dcv_base_domain(domain)) FROM cost_sample'),
('normalize_email', 4, 'dcv_normalize_email(text)', 'scan', false,
 'SELECT count(dcv_normalize_email(email)) FROM cost_sample'),
('email_problem', 5, 'dcv_email_problem(text)', 'scan', false,
 'SELECT count(dcv_email_problem(email)) FROM cost_sample'),
('is_candidate', 6, 'dcv_is_candidate(text,text[],text,boolean,text[])', 'scan', false,
 'SELECT count(*) FILTER (WHERE dcv_is_candidate(domain, whois, email, false, dns_records)) FROM cost_sample'),
('candidates', 7, 'dcv_candidates(text,text[],boolean,text[])', 'scan', true,
 'SELECT count(*) FROM cost_sample AS o CROSS JOIN LATERAL dcv_candidates(o.domain, o.whois, false, o.dns_records)'),
('default_recipient', 8, 'dcv_default_recipient(text,text,text[],text[],date,boolean,text[])', 'scan', false,
 'SELECT count(dcv_default_recipient(product, domain, designated, whois, order_date, false, dns_records)) FROM cost_sample'),
('decision', 9, 'dcv_decision(text,text,text[],text[],date,boolean,text[])', 'scan', false,
 'SELECT count(dcv_decision(product, domain, designated, whois, order_date, false, dns_records)) FROM cost_sample'),
('dns_contacts', 10, 'dcv_dns_contacts(text,text[])', 'scan_dns', true,
 'SELECT count(*) FROM cost_sample_dns AS o CROSS JOIN LATERAL dcv_dns_contacts(o.domain, o.dns_records)'),
('psl_info', 11, 'dcv_psl_info()', 'series', false,
 'SELECT count((dcv_psl_info()).rules) FROM generate_series(1, 200000) AS g');

CREATE TABLE cost_result (
	figure text NOT NULL REFERENCES cost_query,
	round int NOT NULL,
	ms float8 NOT NULL,
	cpu_ms float8,
	calls bigint NOT NULL,		-- calls made (rows scanned)
	rows_out bigint NOT NULL	-- rows the set-returning function returned
);

CREATE OR REPLACE FUNCTION cost_time(p_figure text, p_round int) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	v_q text;
	v_plan jsonb;
	v_s0 float8[];
	v_s1 float8[];
BEGIN
	SELECT q INTO STRICT v_q FROM cost_query WHERE figure = p_figure;
	v_s0 := bench_schedstat();
	EXECUTE 'EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) ' || v_q INTO v_plan;
	v_s1 := bench_schedstat();
	INSERT INTO cost_result
	SELECT p_figure, p_round, (v_plan -> 0 ->> 'Execution Time')::float8,
		   (v_s1[1] - v_s0[1]) / 1e6,
		   -- the rows of the scan below (the outer side of a LATERAL join)
		   coalesce((jsonb_path_query_first(v_plan, '$.**."Plans"[0]."Plans"[0]."Actual Rows"'))::bigint,
					(jsonb_path_query_first(v_plan, '$.**."Plans"[0]."Actual Rows"'))::bigint),
		   (jsonb_path_query_first(v_plan, '$.**."Plans"[0]."Actual Rows"'))::bigint;
END
$$;

-- Warm-up: the library, the product cache, every page read.
SELECT cost_time(figure, 0) FROM cost_query ORDER BY ord, figure;

SELECT format($r$
SELECT cost_time(figure, %1$s) FROM cost_query WHERE ord = 0 ORDER BY figure;
SELECT cost_time(figure, %1$s) FROM cost_query WHERE ord > 0 ORDER BY ord;
SELECT cost_time(figure, %1$s) FROM cost_query WHERE ord = 0 ORDER BY figure DESC;
$r$, r) FROM generate_series(1, :reps) AS r \gexec

-- Medians; the empty scans are counted per round (both of its runs).
CREATE VIEW cost_med AS
SELECT figure, percentile_cont(0.5) WITHIN GROUP (ORDER BY cpu_ms) AS cpu_ms,
	   percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS ms,
	   max(calls) AS calls, max(rows_out) AS rows_out
FROM cost_result WHERE round > 0 GROUP BY figure;

CREATE VIEW cost_per_call AS
SELECT q.figure, q.ord, q.fn, q.srf,
	   -- µs a call, CPU and wall
	   1000 * (f.cpu_ms - b.cpu_ms) / b.calls AS cpu_us,
	   1000 * (f.ms - b.ms) / b.calls AS wall_us,
	   f.rows_out::float8 / b.calls AS rows_per_call
FROM cost_query AS q JOIN cost_med AS f USING (figure) JOIN cost_med AS b ON b.figure = q.base
WHERE q.ord > 0;

-- The planner's unit.  For an empty scan (count(*) over a sequential scan,
-- here of the whole table) PostgreSQL charges cpu_tuple_cost +
-- cpu_operator_cost of CPU a row (0.0125 with the defaults), besides
-- seq_page_cost a page, which stands for reading it from a disk: here every
-- page is in shared buffers and the scan's whole time is put on its CPU
-- charge (were the page charge counted too, every figure would come out
-- about 3 times larger).  The scan's time a row, so divided, is what one
-- cpu_operator_cost is in time on this machine; the COST a function should
-- have is its time in those.  (lower() is one built-in among many that
-- PostgreSQL declares at COST 1 whatever they take.)  A set-returning
-- function's call, as measured, includes what the planner charges apart for
-- its rows: cpu_tuple_cost for each row of the function scan and of the join
-- above it, and cpu_operator_cost for the count; that is taken off its figure.
CREATE VIEW cost_unit AS
SELECT 1000 * m.ms / m.calls
	   * current_setting('cpu_operator_cost')::float8
	   / (current_setting('cpu_tuple_cost')::float8 + current_setting('cpu_operator_cost')::float8)
	   AS op_us,
	   (2 * current_setting('cpu_tuple_cost')::float8 + current_setting('cpu_operator_cost')::float8)
	   / current_setting('cpu_operator_cost')::float8 AS srf_row_ops
FROM cost_med AS m WHERE m.figure = 'scan_all';

-- A function's figure in cpu_operator_cost.
CREATE VIEW cost_ops AS
SELECT c.figure, c.wall_us / u.op_us - CASE WHEN c.srf THEN u.srf_row_ops * c.rows_per_call ELSE 0 END AS ops
FROM cost_per_call AS c CROSS JOIN cost_unit AS u;

SELECT to_char(1000 * op_us, 'FM99990.0') AS op_ns,
	   to_char(1000 * op_us / current_setting('cpu_operator_cost')::float8, 'FM9999990') AS unit_ns,
	   (SELECT calls FROM cost_med WHERE figure = 'scan') AS calls,
	   (SELECT calls FROM cost_med WHERE figure = 'scan_all') AS all_rows,
	   '(' || srf_row_ops || ' operators a row).' AS srf_ops
FROM cost_unit \gset
\echo
\echo '-- One call (a set-returning function: all its rows), time less the empty scan of the'
\echo '-- same' :calls 'orders, in µs, in calls of lower(domain), and in the planner''s cpu_operator_cost;'
\echo '-- one cpu_operator_cost measured' :op_ns 'ns here (one unit of plan cost' :unit_ns 'ns), from count(*) over' :all_rows 'orders.'
\echo '-- A set-returning function: all its rows, less the planner''s own charge for them' :srf_ops
\echo '-- COST: the figure in force; "agrees": within a factor of 2 of the measured operator figure.'
SELECT c.figure AS "function",
	   to_char(c.wall_us, 'FM990.000') AS "µs",
	   to_char(c.cpu_us, 'FM990.000') AS "CPU µs",
	   to_char(c.wall_us / l.wall_us, 'FM99990.0') AS "× lower()",
	   to_char(o.ops, 'FM99990') AS "× operator",
	   p.procost AS "COST",
	   CASE WHEN c.fn IS NULL THEN ''
			WHEN p.procost BETWEEN o.ops / 2 AND o.ops * 2 THEN 'agrees'
			ELSE 'DIFFERS' END AS "COST check",
	   CASE WHEN c.srf THEN to_char(c.rows_per_call, 'FM990.00') || ' (ROWS ' || p.prorows || ')' END
		   AS "rows a call"
FROM cost_per_call AS c
CROSS JOIN (SELECT wall_us FROM cost_per_call WHERE figure = 'lower') AS l
JOIN cost_ops AS o USING (figure)
LEFT JOIN pg_proc AS p ON p.oid = c.fn::regprocedure
ORDER BY c.ord;
