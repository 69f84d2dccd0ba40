-- bench/compare-report.sql: the table of bench/compare.sh, from bench_result
-- (rounds 1..99: the current tree before 1.0; 101..199: 1.0; 201..299: the
-- current tree again) and cmp_answer; then the DNS figures of the current
-- tree's runs (bench/report-dns.sql).  psql variables: the machine's
-- description and the builds (see bench/compare.sh).

\set ON_ERROR_STOP 1
\pset pager off
\pset footer off
\pset null ''

CREATE TEMP VIEW cmp_runs AS
SELECT r.round / 100 AS phase, p.name, p.version,
	   regexp_replace(r.figure, '^cmp_|_1[01]$', '', 'g') AS fig,
	   1000 * r.ms / n.nrows AS us, 1000 * r.cpu_ms / n.nrows AS cpu,
	   r.wait_ms / nullif(r.cpu_ms + r.wait_ms, 0) AS wait_share
FROM bench_result AS r
JOIN cmp_phase AS p ON p.phase = r.round / 100
CROSS JOIN (SELECT value::numeric AS nrows FROM bench_info WHERE key = 'orders_nodns') AS n
WHERE r.figure LIKE 'cmp\_%' AND r.round % 100 > 0;

-- Medians per phase, and per version (the two phases of the current tree together).
CREATE TEMP VIEW cmp_med AS
SELECT phase::text AS grp, min(name) AS name, min(version) AS version, fig,
	   percentile_cont(0.5) WITHIN GROUP (ORDER BY us) AS us, min(us) AS us_min, max(us) AS us_max,
	   percentile_cont(0.5) WITHIN GROUP (ORDER BY cpu) AS cpu, min(cpu) AS cpu_min, max(cpu) AS cpu_max,
	   percentile_cont(0.5) WITHIN GROUP (ORDER BY wait_share) AS wait_share, count(*) AS runs
FROM cmp_runs GROUP BY phase, fig
UNION ALL
SELECT 'cur', 'both runs of the current tree', min(version), fig,
	   percentile_cont(0.5) WITHIN GROUP (ORDER BY us), min(us), max(us),
	   percentile_cont(0.5) WITHIN GROUP (ORDER BY cpu), min(cpu), max(cpu),
	   percentile_cont(0.5) WITHIN GROUP (ORDER BY wait_share), count(*)
FROM cmp_runs WHERE phase IN (0, 2) GROUP BY fig;

CREATE TEMP VIEW cmp_x AS
SELECT m.*, m.us / f.us AS x_wall, m.cpu / f.cpu AS x_cpu
FROM cmp_med AS m JOIN cmp_med AS f ON f.grp = m.grp AND f.fig = 'floor';

SELECT 'CPU:          ' || :'cpu' || ', ' || :'cores' || ' cores, ' || :'mem' AS l_cpu,
	   'kernel:       ' || :'kernel' AS l_kernel,
	   'load average: ' || :'load_start' || ' (start), ' || :'load_end' || ' (end)' AS l_load,
	   'PostgreSQL:   ' || version() AS l_pg,
	   'builds:       1.0 = commit ' || :'base' || ', current tree = ' || :'build' AS l_builds,
	   'libraries:    ' || :'idn2' || ', ' || :'psl' || ', ' || :'publicsuffix' AS l_libs,
	   'settings:     ' || :'settings' AS l_settings,
	   'orders:       ' || (SELECT value FROM bench_info WHERE key = 'orders') || ' rows (seed ' || :'seed'
		   || '), of which ' || (SELECT value FROM bench_info WHERE key = 'orders_nodns')
		   || ' without DNS records (orders_nodns): the rows measured' AS l_orders,
	   (SELECT value FROM bench_info WHERE key = 'orders_nodns') AS n_nodns
\gset
\echo
\echo '== dcv, orders without DNS records: the current tree (1.1) against 1.0, medians of' :reps 'rounds a run'
\echo
\echo :l_cpu
\echo :l_kernel
\echo :l_load
\echo :l_pg
\echo :l_builds
\echo :l_libs
\echo :l_settings
\echo :l_orders
\echo
\echo '-- Each run: its own session on its build (the extension dropped and created in between),'
\echo '-- a warm-up, then rounds of floor, dcv_default_recipient, dcv_decision, dcv_candidates, floor.'
\echo '-- 1.1 calls with 7 arguments (dns_records NULL), 1.0 with its 6. Time per order on the server.'
SELECT name AS "run", fig AS "figure",
	   to_char(us, 'FM990.000') AS "wall µs/order",
	   to_char(us_min, 'FM990.000') || ' – ' || to_char(us_max, 'FM990.000') AS "wall min – max",
	   to_char(cpu, 'FM990.000') AS "CPU µs/order",
	   to_char(cpu_min, 'FM990.000') || ' – ' || to_char(cpu_max, 'FM990.000') AS "CPU min – max",
	   to_char(100 * wait_share, 'FM990') || ' %' AS "waited",
	   to_char(x_wall, 'FM990.00') AS "× floor, wall",
	   to_char(x_cpu, 'FM990.00') AS "× floor, CPU"
FROM cmp_x
WHERE grp IN ('0', '1', '2')
ORDER BY grp, array_position(ARRAY['floor', 'dr', 'decision', 'candidates'], fig);

\echo
\echo '-- 1.1 ÷ 1.0: each version as a multiple of the floor of its own runs (CPU time), then the ratio'
\echo '-- of those multiples; 1.1 pooled over its runs before and after 1.0, and each run alone.'
WITH t AS (
	SELECT fig,
		   max(x_cpu) FILTER (WHERE grp = '1') AS v10,
		   max(x_cpu) FILTER (WHERE grp = '0') AS v11a,
		   max(x_cpu) FILTER (WHERE grp = '2') AS v11b,
		   max(x_cpu) FILTER (WHERE grp = 'cur') AS v11,
		   max(x_wall) FILTER (WHERE grp = '1') AS w10,
		   max(x_wall) FILTER (WHERE grp = 'cur') AS w11,
		   max(cpu) FILTER (WHERE grp = '1') AS c10,
		   max(cpu) FILTER (WHERE grp = 'cur') AS c11
	FROM cmp_x GROUP BY fig
)
SELECT CASE fig WHEN 'dr' THEN 'dcv_default_recipient' WHEN 'decision' THEN 'dcv_decision'
				WHEN 'candidates' THEN 'dcv_candidates, per order'
				ELSE 'floor (no dcv code: the machine)' END AS "figure",
	   CASE WHEN fig <> 'floor' THEN to_char(v10, 'FM990.00') END AS "1.0 × floor",
	   CASE WHEN fig <> 'floor' THEN to_char(v11, 'FM990.00') || ' (' || to_char(v11a, 'FM990.00') || ', '
									 || to_char(v11b, 'FM990.00') || ')' END AS "1.1 × floor (before, after)",
	   CASE WHEN fig <> 'floor' THEN to_char(v11 / v10, 'FM990.000') END AS "1.1 ÷ 1.0",
	   CASE WHEN fig <> 'floor' THEN to_char(v11a / v10, 'FM990.000') || ', ' || to_char(v11b / v10, 'FM990.000')
		END AS "before, after ÷ 1.0",
	   CASE WHEN fig <> 'floor' THEN to_char(w11 / w10, 'FM990.000') END AS "on wall time",
	   to_char(c11 / c10, 'FM990.000') AS "µs ÷ µs (CPU)"
FROM t
ORDER BY array_position(ARRAY['dr', 'decision', 'candidates', 'floor'], fig);
\echo 'The floor runs no dcv code: its own µs ÷ µs is how far the machine moved between the runs, and'
\echo 'every ratio of multiples above carries it. On a noisy machine read the two columns together.'

\echo
\echo '-- Goal (judged on CPU time, both runs of 1.1 against the run of 1.0)'
WITH g AS (
	SELECT (SELECT x_cpu FROM cmp_x WHERE grp = 'cur' AND fig = 'dr')
		   / (SELECT x_cpu FROM cmp_x WHERE grp = '1' AND fig = 'dr') AS r
)
SELECT 'dcv_default_recipient on orders without records at most 1.05 × its cost in 1.0 (× floor)' AS "goal",
	   to_char(r, 'FM990.000') || ' ×' AS "measured",
	   CASE WHEN r IS NULL THEN 'not measured' WHEN r <= 1.05 THEN 'met' ELSE 'NOT MET' END AS "status"
FROM g;

\echo
\echo '-- The decisions themselves (dcv_decision: recipients, rule, problem) of every order without records'
SELECT (SELECT count(*) FROM cmp_answer WHERE phase = 0) AS n_answers,
	   (SELECT count(*) FROM cmp_answer AS a JOIN cmp_answer AS b ON b.id = a.id AND b.phase = 1
		WHERE a.phase = 0
		  AND (a.recipients, a.rule, a.problem) IS DISTINCT FROM (b.recipients, b.rule, b.problem)) AS n_diff_10,
	   (SELECT count(*) FROM cmp_answer AS a JOIN cmp_answer AS b ON b.id = a.id AND b.phase = 2
		WHERE a.phase = 0
		  AND (a.recipients, a.rule, a.problem) IS DISTINCT FROM (b.recipients, b.rule, b.problem)) AS n_diff_11
\gset
\echo :n_answers 'orders: 1.1 and 1.0 decide' :n_diff_10 'of them differently; the two runs of 1.1 differ on' :n_diff_11 '.'
SELECT :n_diff_10 > 0 AS any_diff \gset
\if :any_diff
WITH d AS MATERIALIZED (
	SELECT a.id, a.recipients AS r11, a.rule AS rule11, b.recipients AS r10, b.rule AS rule10,
		   coalesce(a.problem, b.problem) AS problem
	FROM cmp_answer AS a
	JOIN cmp_answer AS b ON b.id = a.id AND b.phase = 1
	WHERE a.phase = 0 AND (a.recipients, a.rule, a.problem) IS DISTINCT FROM (b.recipients, b.rule, b.problem)
	ORDER BY a.id LIMIT 10
)
SELECT d.id, (SELECT o.domain FROM orders AS o WHERE o.id = d.id) AS domain,
	   d.r11 AS "1.1 recipients", d.rule11 AS "1.1 rule", d.r10 AS "1.0 recipients", d.rule10 AS "1.0 rule",
	   left(d.problem, 60) AS "problem"
FROM d ORDER BY d.id;
\endif

\echo
-- The DNS figures of the current tree's runs, against the floor of those runs.
CREATE TEMP VIEW floor_ref AS SELECT us, cpu FROM cmp_med WHERE grp = 'cur' AND fig = 'floor';
\ir report-dns.sql
