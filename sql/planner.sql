-- What dcv tells the planner its functions cost, and what the planner does
-- with it.  The figures come from bench/costs.sh (doc/reference.md, "What
-- the planner is told"): COST in cpu_operator_cost a call (a set-returning
-- function: a whole call, all its rows), ROWS the rows a call returns.

-- Every function of dcv the planner can cost has a measured COST: C
-- functions default to 1, the cost of an addition.  Trigger functions are
-- never costed (they keep 1); a new function without a COST shows here.
SELECT p.proname AS function, pg_catalog.pg_get_function_identity_arguments(p.oid) AS arguments,
       p.procost AS cost, CASE WHEN p.proretset THEN p.prorows END AS rows
FROM pg_catalog.pg_proc AS p
JOIN pg_catalog.pg_depend AS d
  ON d.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND d.objid = p.oid AND d.deptype = 'e'
JOIN pg_catalog.pg_extension AS e ON e.oid = d.refobjid AND e.extname = 'dcv'
WHERE p.prorettype <> 'pg_catalog.trigger'::pg_catalog.regtype
ORDER BY p.procost, p.proname;

SELECT p.proname AS trigger_function, p.procost AS cost
FROM pg_catalog.pg_proc AS p
JOIN pg_catalog.pg_depend AS d
  ON d.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND d.objid = p.oid AND d.deptype = 'e'
JOIN pg_catalog.pg_extension AS e ON e.oid = d.refobjid AND e.extname = 'dcv'
WHERE p.prorettype = 'pg_catalog.trigger'::pg_catalog.regtype
ORDER BY p.proname;

-- The planner tests the cheaper clause of a filter first, whatever order the
-- query writes them in: the date before the candidate check, the base
-- domain before the candidate check.  (A temporary table is never scanned in
-- parallel, so the plan is the same in every test mode.)
CREATE TEMP TABLE plan_orders (domain text, whois text[], email text, order_date date);
EXPLAIN (COSTS OFF)
SELECT * FROM plan_orders
WHERE dcv_is_candidate(domain, whois, email) AND order_date >= DATE '2025-06-01';
EXPLAIN (COSTS OFF)
SELECT * FROM plan_orders
WHERE dcv_is_candidate(domain, whois, email) AND dcv_base_domain(domain) = 'example.co.jp';
-- With 1.0's COST 1 the candidate check would stay first, as written: the
-- same query once more with that COST, undone at once.
BEGIN;
ALTER FUNCTION dcv_is_candidate(text, text[], text, boolean, text[]) COST 1;
EXPLAIN (COSTS OFF)
SELECT * FROM plan_orders
WHERE dcv_is_candidate(domain, whois, email) AND order_date >= DATE '2025-06-01';
ROLLBACK;

-- A set-returning function's COST is charged once a call, whatever its
-- ROWS (CREATE FUNCTION's page says per row returned; the planner does
-- not multiply): the scan of one call starts at COST cpu_operator_cost, so
-- dcv's figures for these two are the time of a whole call.  (EXPLAIN rounds
-- costs to hundredths: to the nearest 10 operators here.)
CREATE FUNCTION pg_temp.plan_of(q text) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE v jsonb;
BEGIN
  EXECUTE 'EXPLAIN (FORMAT JSON) ' || q INTO v;
  RETURN v -> 0 -> 'Plan';
END $$;
SELECT f AS function, plan ->> 'Node Type' AS node, (plan ->> 'Plan Rows')::int AS rows,
       pg_catalog.round((plan ->> 'Startup Cost')::numeric
                        / pg_catalog.current_setting('cpu_operator_cost')::numeric, -1) AS startup_in_operators
FROM (VALUES ('dcv_candidates', pg_temp.plan_of('SELECT * FROM dcv_candidates(''www.example.co.jp'')')),
             ('dcv_dns_contacts', pg_temp.plan_of(
                 'SELECT * FROM dcv_dns_contacts(''example.jp'', ARRAY[''_validation-contactemail.example.jp. 300 IN TXT "a@example.jp"''])')))
     AS x(f, plan);

-- What no COST changes: how many groups a GROUP BY over a decision has.
-- The planner estimates them from the distinct values of the columns the
-- call reads; statistics on the expression (CREATE STATISTICS) tell it.
-- (Fixed dates: a decision without one follows the date of the day.)
CREATE TEMP TABLE plan_rules AS
SELECT (ARRAY['QuickSSLPremium', 'TrueBizID', 'SecureSite', 'TrueBizIDEV'])[1 + i % 4] AS product,
       'www.b' || i || '.co.jp' AS domain,
       CASE WHEN i % 4 = 0 THEN ARRAY['admin@b' || i || '.co.jp'] END AS designated,
       CASE WHEN i % 3 > 0 THEN ARRAY['owner@b' || i || '.co.jp'] END AS whois,
       (ARRAY['2016-06-01', '2017-06-01', '2020-01-01', '2026-01-01'])[1 + i / 4 % 4]::date AS as_of
FROM pg_catalog.generate_series(1, 1000) AS i;
ANALYZE plan_rules;
SELECT count(DISTINCT (dcv_decision(product, domain, designated, whois, as_of)).rule) AS rules
FROM plan_rules;
SELECT (pg_temp.plan_of('SELECT (dcv_decision(product, domain, designated, whois, as_of)).rule, count(*)
                         FROM plan_rules GROUP BY 1') ->> 'Plan Rows')::int AS estimated_groups;
CREATE STATISTICS plan_rules_rule ON ((dcv_decision(product, domain, designated, whois, as_of)).rule)
FROM plan_rules;
ANALYZE plan_rules;
SELECT (pg_temp.plan_of('SELECT (dcv_decision(product, domain, designated, whois, as_of)).rule, count(*)
                         FROM plan_rules GROUP BY 1') ->> 'Plan Rows')::int AS estimated_groups;
