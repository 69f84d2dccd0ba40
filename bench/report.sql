-- bench/report.sql: the table of figures, from bench_result and bench_mem.
-- psql variables: the machine's description (see bench/inside.sh).

\set ON_ERROR_STOP 1
\pset pager off
\pset footer off
\pset null ''

-- Per figure: medians of wall time and of CPU time (each its own median),
-- the spread of wall time, the median share of time spent waiting for a CPU.
CREATE TEMP VIEW med AS
SELECT figure, q.ord, q.label, q.per,
	   percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS ms,
	   min(ms) AS ms_min, max(ms) AS ms_max,
	   percentile_cont(0.5) WITHIN GROUP (ORDER BY cpu_ms) AS cpu_ms,
	   percentile_cont(0.5) WITHIN GROUP (ORDER BY wait_ms / nullif(cpu_ms + wait_ms, 0)) AS wait_share,
	   count(*) AS runs,
	   min(workers_launched) AS wl_min, max(workers_launched) AS wl_max
FROM bench_result JOIN bench_query AS q USING (figure)
WHERE round > 0
GROUP BY figure, q.ord, q.label, q.per;

CREATE TEMP VIEW us AS
SELECT m.figure, m.ord, m.label, m.per, m.runs, m.wl_min, m.wl_max, m.wait_share,
	   1000 * m.ms / n.nrows AS us, 1000 * m.ms_min / n.nrows AS us_min,
	   1000 * m.ms_max / n.nrows AS us_max, 1000 * m.cpu_ms / n.nrows AS cpu
FROM med AS m,
	 LATERAL (SELECT i.value::bigint AS nrows FROM bench_per AS p JOIN bench_info AS i ON i.key = p.info_key
			  WHERE p.per = m.per) AS n;

CREATE TEMP VIEW fig AS
SELECT f.*
FROM (SELECT max(us) FILTER (WHERE figure = 'floor') AS floor,
			 max(cpu) FILTER (WHERE figure = 'floor') AS floor_cpu,
			 max(us) FILTER (WHERE figure = 'default_recipient') AS dr,
			 max(cpu) FILTER (WHERE figure = 'default_recipient') AS dr_cpu,
			 max(us) FILTER (WHERE figure = 'plpgsql') AS pl,
			 max(cpu) FILTER (WHERE figure = 'plpgsql') AS pl_cpu,
			 max(us) FILTER (WHERE figure = 'insert_plain') AS ins_plain,
			 max(cpu) FILTER (WHERE figure = 'insert_plain') AS ins_plain_cpu,
			 max(us) FILTER (WHERE figure = 'insert_trigger') AS ins_trigger,
			 max(cpu) FILTER (WHERE figure = 'insert_trigger') AS ins_trigger_cpu
	  FROM us) AS f;

CREATE TEMP VIEW mem AS
SELECT m.step, m.ord, m.calls, m.vmrss_kb, m.rssanon_kb,
	   m.vmrss_kb - lag(m.vmrss_kb) OVER (ORDER BY m.ord) AS d_vmrss,
	   m.rssanon_kb - lag(m.rssanon_kb) OVER (ORDER BY m.ord) AS d_anon,
	   -- the highest RssAnon during the run, above where the run started
	   p.peak_anon_kb - lag(m.rssanon_kb) OVER (ORDER BY m.ord) AS peak_over_start
FROM bench_mem AS m LEFT JOIN bench_mem_peak AS p USING (step);

SELECT 'CPU:          ' || :'cpu' || ', ' || :'cores' || ' cores, ' || :'mem' AS l_cpu,
	   'kernel:       ' || :'kernel' AS l_kernel,
	   'load average: ' || :'load_start' || ' (start), ' || :'load_end' || ' (end)' AS l_load,
	   'PostgreSQL:   ' || version() AS l_pg,
	   'dcv:          ' || :'build' AS l_dcv,
	   'libraries:    ' || :'idn2' || ', ' || :'psl' || ', ' || :'publicsuffix' AS l_libs,
	   'database:     UTF8, collation '
		   || (SELECT datcollate FROM pg_database WHERE datname = current_database()) AS l_db,
	   'settings:     ' || :'settings' AS l_settings,
	   'orders:       ' || (SELECT value FROM bench_info WHERE key = 'orders') || ' rows, '
		   || (SELECT value FROM bench_info WHERE key = 'table_size') || ', seed ' || :'seed'
		   || ', undecidable rows removed: '
		   || (SELECT value FROM bench_info WHERE key = 'undecidable_removed') AS l_orders,
	   (SELECT value FROM bench_info WHERE key = 'orders') AS norders,
	   (SELECT max(calls) FROM bench_mem) AS memcalls
\gset
\echo
\echo '== dcv benchmark:' :norders 'orders, medians of' :reps 'rounds (the floor runs twice a round), one session'
\echo
\echo :l_cpu
\echo :l_kernel
\echo :l_load
\echo :l_pg
\echo :l_dcv
\echo :l_libs
\echo :l_db
\echo :l_settings
\echo :l_orders
\echo
\echo '-- The mix (rows of the orders table)'
SELECT what AS "orders", n AS "rows",
	   round(100.0 * n / (SELECT value::bigint FROM bench_info WHERE key = 'orders'), 1) AS "%"
FROM bench_mix;

\echo
\echo '-- Scans, one core (max_parallel_workers_per_gather = 0): time per row on the server.'
\echo '-- wall: EXPLAIN ANALYZE Execution Time; CPU: the backend on a CPU (/proc/self/schedstat);'
\echo '-- waited: share of the statement the backend was runnable but had no CPU (other load).'
SELECT label || CASE per WHEN 'candidate' THEN ', per candidate row' ELSE '' END AS "figure",
	   to_char(us, 'FM990.000') AS "wall µs/row",
	   to_char(us_min, 'FM990.000') || ' – ' || to_char(us_max, 'FM990.000') AS "wall min – max",
	   to_char(cpu, 'FM990.000') AS "CPU µs/row",
	   to_char(100 * wait_share, 'FM990') || ' %' AS "waited",
	   to_char(us / (SELECT floor FROM fig), 'FM9990.00') AS "× floor, wall",
	   to_char(cpu / (SELECT floor_cpu FROM fig), 'FM9990.00') AS "× floor, CPU",
	   CASE WHEN figure IN ('default_recipient', 'decision')
			THEN to_char((SELECT pl FROM fig) / us, 'FM9990.00') || ' / '
				 || to_char((SELECT pl_cpu FROM fig) / cpu, 'FM9990.00') END AS "PL/pgSQL ÷ it, wall / CPU"
FROM us
WHERE figure IN ('floor', 'default_recipient', 'decision', 'candidates', 'plpgsql')
ORDER BY ord;

SELECT (SELECT value FROM bench_info WHERE key = 'candidates') AS ncand,
	   to_char((SELECT value::numeric FROM bench_info WHERE key = 'candidates')
			   / (SELECT value::numeric FROM bench_info WHERE key = 'orders'), 'FM990.00') AS cand_per_order,
	   (SELECT value FROM bench_info WHERE key = 'plpgsql_differs') AS pl_differs,
	   '(' || to_char(100.0 * (SELECT value::numeric FROM bench_info WHERE key = 'plpgsql_differs')
			   / (SELECT value::numeric FROM bench_info WHERE key = 'orders'), 'FM990.0') || ' %),' AS pl_differs_pct,
	   (SELECT value FROM bench_info WHERE key = 'plpgsql_null') AS pl_null
\gset
\echo 'dcv_candidates gave' :ncand 'candidate rows,' :cand_per_order 'per order.'
\echo 'The PL/pgSQL version answers differently from dcv_default_recipient on' :pl_differs 'orders' :pl_differs_pct
\echo 'and gives no answer (where it would raise) on' :pl_null 'of them.'

\echo
\echo '-- INSERT ... SELECT of the same' :insert_rows 'orders into an empty table with a primary key'
SELECT label AS "figure",
	   to_char(us, 'FM990.000') AS "wall µs/row",
	   to_char(us_min, 'FM990.000') || ' – ' || to_char(us_max, 'FM990.000') AS "wall min – max",
	   to_char(cpu, 'FM990.000') AS "CPU µs/row",
	   to_char(100 * wait_share, 'FM990') || ' %' AS "waited",
	   to_char(us / (SELECT ins_plain FROM fig), 'FM990.00') AS "× no trigger, wall",
	   to_char(cpu / (SELECT ins_plain_cpu FROM fig), 'FM990.00') AS "× no trigger, CPU"
FROM us WHERE figure IN ('insert_plain', 'insert_trigger') ORDER BY ord;

\echo
\echo '-- Parallel query: the dcv_default_recipient scan, leader plus workers (wall time)'
SELECT label AS "figure",
	   to_char(us, 'FM990.000') AS "wall µs/row",
	   to_char(us_min, 'FM990.000') || ' – ' || to_char(us_max, 'FM990.000') AS "wall min – max",
	   to_char((SELECT dr FROM fig) / us, 'FM990.00') AS "speed-up",
	   CASE WHEN figure = 'default_recipient' THEN '0'
			WHEN wl_min = wl_max THEN wl_min::text ELSE wl_min || '–' || wl_max END AS "workers launched"
FROM us WHERE figure IN ('default_recipient', 'parallel_1', 'parallel_2') ORDER BY ord;

\echo
-- The floor the DNS figures are set against, then their section.
CREATE TEMP VIEW floor_ref AS SELECT floor AS us, floor_cpu AS cpu FROM fig;
\ir report-dns.sql
\echo 'Orders without records against 1.0 (the 1.0 build installed for the purpose): bench/compare.sh.'

\echo
\echo '-- Resident memory of the measuring backend (/proc/<pid>/status), each function run twice.'
\echo '-- Growth in the 2nd run is memory kept per call; growth in the 1st run only is a cache or'
\echo '-- the allocator keeping a high-water mark (compare the built-in control). The last column is'
\echo '-- sampled every 0.1 s from outside: memory taken during a long statement and given back at its end.'
SELECT step AS "after",
	   calls AS "calls",
	   to_char(vmrss_kb / 1024.0, 'FM99990.0') AS "VmRSS MB",
	   CASE WHEN ord > 0 THEN to_char(d_vmrss, 'FMS999990') END AS "Δ VmRSS kB",
	   to_char(rssanon_kb / 1024.0, 'FM99990.0') AS "RssAnon MB",
	   CASE WHEN ord > 0 THEN to_char(d_anon, 'FMS999990') END AS "Δ RssAnon kB",
	   CASE WHEN ord > 0 THEN to_char(peak_over_start, 'FMS999990') END AS "peak during run, RssAnon kB above start"
FROM mem ORDER BY ord;

\echo
\echo '-- Performance goals (this mix, one core): ratios of CPU time where it was measured, wall time beside'
WITH g AS (
	SELECT 1 AS n, 'dcv_default_recipient at most 3 × the floor' AS goal,
		   dr / floor AS wall, dr_cpu / floor_cpu AS cpu, 3.0 AS lim, true AS at_most, '×' AS unit
	FROM fig
	UNION ALL
	SELECT 2, 'PL/pgSQL at least 8 × dcv_default_recipient', pl / dr, pl_cpu / dr_cpu, 8.0, false, '×'
	FROM fig
	UNION ALL
	SELECT 3, 'trigger INSERT at most 1.5 × plain INSERT', ins_trigger / ins_plain,
		   ins_trigger_cpu / ins_plain_cpu, 1.5, true, '×'
	FROM fig
	UNION ALL
	SELECT 4, 'VmRSS grows < 1 MB over ' || max(calls) || ' calls, 2nd run (worst dcv function)',
		   NULL, max(d_vmrss) / 1024.0, 1.0, true, 'MB'
	FROM mem WHERE step LIKE 'dcv%2nd'
	UNION ALL
	SELECT 5, 'the same, 1st run (worst dcv function; one-time growth included)',
		   NULL, max(d_vmrss) / 1024.0, 1.0, true, 'MB'
	FROM mem WHERE step LIKE 'dcv%1st'
	UNION ALL
	SELECT 6, 'RssAnon during a run stays < 1 MB above its start (worst dcv function)',
		   NULL, max(peak_over_start) / 1024.0, 1.0, true, 'MB'
	FROM mem WHERE step LIKE 'dcv%'
)
SELECT goal AS "goal",
	   coalesce(to_char(coalesce(cpu, wall), 'FM99990.00') || ' ' || unit, '') AS "measured",
	   CASE WHEN cpu IS NOT NULL AND wall IS NOT NULL
			THEN to_char(wall, 'FM99990.00') || ' ' || unit ELSE '' END AS "on wall time",
	   CASE WHEN coalesce(cpu, wall) IS NULL THEN 'not measured'
			WHEN n >= 4 THEN CASE WHEN cpu < lim THEN 'met' ELSE 'NOT MET' END
			WHEN at_most THEN CASE WHEN coalesce(cpu, wall) <= lim THEN 'met' ELSE 'NOT MET' END
			ELSE CASE WHEN coalesce(cpu, wall) >= lim THEN 'met' ELSE 'NOT MET' END
	   END AS "status"
FROM g ORDER BY n;
