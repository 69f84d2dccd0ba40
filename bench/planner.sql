-- bench/planner.sql: the plans PostgreSQL chooses for an analyst's queries
-- over dcv, under five sets of COST figures, and what they take.
--
-- psql variables: reps (odd, runs of each timed plan).  Needs the tables
-- listed in plan_table (bench/costs.sh makes them) and the views
-- cost_per_call and cost_ops of bench/costs.sql, run before in the same
-- database.
--
-- The COST sets:
--   1.0         COST 1 on every function, as dcv 1.0 declared them
--   × lower()   each function's measured time in calls of lower(), which
--               PostgreSQL declares at COST 1 like all its built-ins
--   × operator  its measured time in the planner's cpu_operator_cost, as
--               bench/costs.sql measures that on this machine
--   installed   the figures of the installed dcv (dcv--1.0--1.1.sql)
--   installed, JIT off   the same with jit = off: what JIT adds to these plans
-- Planner settings are PostgreSQL's defaults (2 workers per Gather, JIT on),
-- but for the table's parallel_workers (unset) and work_mem (4MB, also the
-- default).  For each table, set and query the planner's choice is timed,
-- and so is the other kind of plan: the serial one (no workers) when it chose
-- a parallel plan, else the plan it makes when parallelism costs nothing
-- (parallel_setup_cost = parallel_tuple_cost = 0).

\set ON_ERROR_STOP 1
\pset pager off
SET client_min_messages = warning;

DROP TABLE IF EXISTS plan_table, plan_query, plan_set, plan_cost, plan_result;

CREATE TABLE plan_table (tab text PRIMARY KEY, ord int NOT NULL);
INSERT INTO plan_table
SELECT c.relname, row_number() OVER (ORDER BY c.reltuples)
FROM pg_class AS c WHERE c.relname IN ('orders_small', 'orders_large');

CREATE TABLE plan_query (query text PRIMARY KEY, ord int NOT NULL, q text NOT NULL);
INSERT INTO plan_query VALUES
-- The count of decisions by rule, the decision in the select list.
('by rule, select list', 1,
 $q$SELECT (dcv_decision(product, domain, designated, whois, order_date, false, dns_records)).rule,
		   count(*)
	FROM %1$I GROUP BY 1$q$),
-- The same with the decision in FROM, as doc/reference.md writes it.
('by rule, LATERAL', 2,
 $q$SELECT d.rule, count(*)
	FROM %1$I AS o,
		 LATERAL dcv_decision(o.product, o.domain, o.designated, o.whois, o.order_date, false,
							  o.dns_records) AS d
	GROUP BY d.rule$q$),
-- A check on recent orders: the date test is written second.
('candidate check, recent', 3,
 $q$SELECT count(*) FROM %1$I
	WHERE dcv_is_candidate(domain, whois, designated[1], false, dns_records)
	  AND order_date >= DATE '2025-06-01'$q$),
-- Recipients of every order, summed.
('recipients, all orders', 4,
 $q$SELECT sum(cardinality(dcv_default_recipient(product, domain, designated, whois, order_date,
												  false, dns_records)))
	FROM %1$I$q$);

CREATE TABLE plan_set (cost_set text PRIMARY KEY, ord int NOT NULL);
INSERT INTO plan_set VALUES ('1.0: COST 1', 1), ('× lower()', 2), ('× operator', 3), ('installed', 4),
	('installed, JIT off', 5);

-- The COST of each function under each set.
CREATE TABLE plan_cost (cost_set text REFERENCES plan_set, fn regprocedure, cost float4,
						PRIMARY KEY (cost_set, fn));
INSERT INTO plan_cost
SELECT s.cost_set, c.fn::regprocedure,
	   CASE s.ord WHEN 1 THEN 1
				  WHEN 2 THEN greatest(1, round((c.wall_us / l.wall_us)::numeric, 1))
				  WHEN 3 THEN greatest(1, round(o.ops::numeric))
				  ELSE p.procost END	-- installed, with JIT or without
FROM plan_set AS s
CROSS JOIN cost_per_call AS c
CROSS JOIN (SELECT wall_us FROM cost_per_call WHERE figure = 'lower') AS l
JOIN cost_ops AS o USING (figure)
JOIN pg_proc AS p ON p.oid = c.fn::regprocedure
WHERE c.fn IS NOT NULL;

CREATE TABLE plan_result (
	tab text, cost_set text, query text,
	workers int,				-- planned workers of the chosen plan, 0 serial
	agg text,					-- strategy of the top aggregate
	est_groups float8,			-- its estimated rows
	jit text,					-- what JIT the plan uses: off, or its options
	filter text,				-- the scan's filter, as EXPLAIN prints it
	total_cost float8,
	chosen_ms float8,			-- median Execution Time of the chosen plan
	jit_ms float8,				-- JIT compilation, one more run with TIMING on (a
								-- parallel plan: leader and workers added up)
	other_workers int,
	other_ms float8,			-- the other kind of plan
	PRIMARY KEY (tab, cost_set, query)
);

CREATE OR REPLACE FUNCTION plan_apply(p_set text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	r record;
BEGIN
	FOR r IN SELECT fn, cost FROM plan_cost WHERE cost_set = p_set LOOP
		EXECUTE format('ALTER FUNCTION %s COST %s', r.fn, r.cost);
	END LOOP;
END
$$;

-- Median Execution Time of p_reps runs of a statement, and its workers planned.
CREATE OR REPLACE FUNCTION plan_time(p_sql text, p_reps int, OUT ms float8, OUT workers int)
LANGUAGE plpgsql AS $$
DECLARE
	v_plan jsonb;
	v_ms float8[] := '{}';
BEGIN
	FOR i IN 1 .. p_reps LOOP
		EXECUTE 'EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) ' || p_sql INTO v_plan;
		v_ms := v_ms || (v_plan -> 0 ->> 'Execution Time')::float8;
		workers := coalesce((jsonb_path_query_first(v_plan, '$.**."Workers Planned"'))::int, 0);
	END LOOP;
	SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) INTO ms FROM unnest(v_ms) AS x;
END
$$;

CREATE OR REPLACE FUNCTION plan_case(p_tab text, p_set text, p_query text, p_reps int) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	v_sql text;
	v_plan jsonb;
	v_plan2 jsonb;
	v_jit_ms float8 := 0;
	v_agg jsonb;
	v_jit jsonb;
	v_workers int;
	c record;
	o record;
BEGIN
	SELECT format(q, p_tab) INTO STRICT v_sql FROM plan_query WHERE query = p_query;
	IF p_set LIKE '%JIT off' THEN
		PERFORM set_config('jit', 'off', true);
	END IF;
	EXECUTE 'EXPLAIN (FORMAT JSON) ' || v_sql INTO v_plan;
	v_workers := coalesce((jsonb_path_query_first(v_plan, '$.**."Workers Planned"'))::int, 0);
	v_agg := jsonb_path_query_first(v_plan, '$.** ? (@."Node Type" == "Aggregate")');
	v_jit := v_plan -> 0 -> 'JIT';
	c := plan_time(v_sql, p_reps);
	IF v_jit IS NOT NULL THEN
		-- EXPLAIN gives JIT's time only with TIMING on: one more run for it.
		EXECUTE 'EXPLAIN (ANALYZE, TIMING ON, FORMAT JSON) ' || v_sql INTO v_plan2;
		v_jit_ms := (v_plan2 -> 0 -> 'JIT' -> 'Timing' ->> 'Total')::float8;
	END IF;
	IF v_workers > 0 THEN
		PERFORM set_config('max_parallel_workers_per_gather', '0', true);
	ELSE
		PERFORM set_config('parallel_setup_cost', '0', true);
		PERFORM set_config('parallel_tuple_cost', '0', true);
	END IF;
	o := plan_time(v_sql, p_reps);
	INSERT INTO plan_result VALUES (
		p_tab, p_set, p_query, v_workers,
		(v_agg ->> 'Partial Mode') || ' ' || (v_agg ->> 'Strategy'),
		(v_agg ->> 'Plan Rows')::float8,
		CASE WHEN v_jit IS NULL THEN 'off'
			 ELSE concat_ws(', ', 'on',
							CASE WHEN (v_jit -> 'Options' ->> 'Optimization')::boolean THEN 'optimized' END,
							CASE WHEN (v_jit -> 'Options' ->> 'Inlining')::boolean THEN 'inlined' END) END,
		jsonb_path_query_first(v_plan, '$.**."Filter"') #>> '{}',
		(v_plan -> 0 -> 'Plan' ->> 'Total Cost')::float8,
		c.ms, v_jit_ms, o.workers, o.ms);
END
$$;

-- One statement a row, each its own transaction: plan_case's settings for
-- the other plan (set_config(..., true)) end with it.
SELECT stmt
FROM (SELECT t.ord AS t_ord, s.ord AS s_ord, 0 AS q_ord, format('SELECT plan_apply(%L)', s.cost_set) AS stmt
	  FROM plan_table AS t CROSS JOIN plan_set AS s
	  UNION ALL
	  SELECT t.ord, s.ord, q.ord, format('SELECT plan_case(%L, %L, %L, %s)', t.tab, s.cost_set, q.query, :reps)
	  FROM plan_table AS t CROSS JOIN plan_set AS s CROSS JOIN plan_query AS q) AS x
ORDER BY t_ord, s_ord, q_ord \gexec
SELECT plan_apply('installed');

\echo
\echo '-- The COST of each function in each set (installed: dcv--1.0--1.1.sql)'
SELECT fn::text AS "function",
	   max(cost) FILTER (WHERE cost_set = '1.0: COST 1') AS "1.0",
	   max(cost) FILTER (WHERE cost_set = '× lower()') AS "× lower()",
	   max(cost) FILTER (WHERE cost_set = '× operator') AS "× operator",
	   max(cost) FILTER (WHERE cost_set = 'installed') AS "installed"
FROM plan_cost GROUP BY fn ORDER BY fn::text;

\echo
\echo '-- The planner''s choice: workers planned (0: serial), the top aggregate, its estimated groups,'
\echo '-- JIT; the median time of the chosen plan and of the other kind (serial, or parallel when'
\echo '-- parallelism costs nothing), and chosen ÷ other (below 1: the choice was the faster one).'
SELECT r.tab || ' (' || to_char(c.reltuples, 'FM9999999999') || ' rows)' AS "table",
	   r.query, r.cost_set AS "COST set", r.workers AS "workers",
	   r.agg AS "aggregate", r.est_groups AS "est. groups", r.jit AS "JIT",
	   to_char(r.chosen_ms, 'FM999990') AS "chosen ms", to_char(r.jit_ms, 'FM99990') AS "of it JIT",
	   r.other_workers AS "other: workers", to_char(r.other_ms, 'FM999990') AS "other ms",
	   to_char(r.chosen_ms / r.other_ms, 'FM990.00') AS "chosen ÷ other"
FROM plan_result AS r
JOIN plan_table AS t USING (tab) JOIN plan_query AS q USING (query) JOIN plan_set AS s USING (cost_set)
JOIN pg_class AS c ON c.relname = r.tab
ORDER BY t.ord, q.ord, s.ord;

\echo
\echo '-- The filter of the candidate check: PostgreSQL tests the cheaper clause first.'
SELECT r.tab AS "table", r.cost_set AS "COST set", r.filter AS "filter"
FROM plan_result AS r JOIN plan_table AS t USING (tab) JOIN plan_set AS s USING (cost_set)
WHERE r.query = 'candidate check, recent'
ORDER BY t.ord, s.ord;
