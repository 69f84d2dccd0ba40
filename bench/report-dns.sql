-- bench/report-dns.sql: the section of DNS-published contacts, included by
-- bench/report.sql and bench/compare-report.sql.  Reads bench_result (the
-- figures dns_*, every round above 0 that has them), bench_info (the counts of
-- bench/subsets.sql), and the view floor_ref (us, cpu: the floor per order,
-- wall and CPU) that the including report defines.

CREATE TEMP VIEW dns_us AS
SELECT r.figure, q.ord, q.label,
	   1000 * percentile_cont(0.5) WITHIN GROUP (ORDER BY r.ms) / n.nrows AS us,
	   1000 * min(r.ms) / n.nrows AS us_min, 1000 * max(r.ms) / n.nrows AS us_max,
	   1000 * percentile_cont(0.5) WITHIN GROUP (ORDER BY r.cpu_ms) / n.nrows AS cpu,
	   percentile_cont(0.5) WITHIN GROUP (ORDER BY r.wait_ms / nullif(r.cpu_ms + r.wait_ms, 0)) AS wait_share
FROM bench_result AS r
JOIN bench_query AS q USING (figure)
JOIN bench_per AS p USING (per)
CROSS JOIN LATERAL (SELECT value::numeric AS nrows FROM bench_info WHERE key = p.info_key) AS n
WHERE r.round > 0 AND r.figure LIKE 'dns\_%'
GROUP BY r.figure, q.ord, q.label, n.nrows;

\echo '-- DNS-published contacts (dns_records, 1.1), one core: time per row of each subset of the orders'
SELECT (SELECT value FROM bench_info WHERE key = 'orders_nodns') AS n_nodns,
	   (SELECT value FROM bench_info WHERE key = 'orders_dns_empty') AS n_empty,
	   (SELECT value FROM bench_info WHERE key = 'orders_dns_distinct') AS n_dns,
	   (SELECT value FROM bench_info WHERE key = 'dns_lines_distinct') AS n_lines,
	   to_char((SELECT value::numeric FROM bench_info WHERE key = 'dns_lines_distinct')
			   / nullif((SELECT value::numeric FROM bench_info WHERE key = 'orders_dns_distinct'), 0),
			   'FM990.00') AS lines_per_order,
	   (SELECT value FROM bench_info WHERE key = 'orders_dns_carried_distinct') AS n_carried,
	   (SELECT value FROM bench_info WHERE key = 'dns_lines_carried_distinct') AS n_lines_carried,
	   (SELECT value FROM bench_info WHERE key = 'orders_dns_read_distinct') AS n_read,
	   (SELECT value FROM bench_info WHERE key = 'dns_lines_read_distinct') AS n_lines_read,
	   (SELECT value FROM bench_info WHERE key = 'dns_contacts_distinct') AS n_contacts,
	   (SELECT value FROM bench_info WHERE key = 'dns_copies') AS k_dns,
	   (SELECT value FROM bench_info WHERE key = 'dns_copies_carried') AS k_carried,
	   (SELECT value FROM bench_info WHERE key = 'dns_copies_read') AS k_read
\gset
\echo '-- ' :n_nodns 'orders without records (NULL),' :n_empty 'with an empty array,' :n_dns 'with' :n_lines 'record lines (' :lines_per_order 'an order):'
\echo '-- ' :n_carried 'orders (' :n_lines_carried 'lines) whose decision does not read them,' :n_read '(' :n_lines_read 'lines) whose designated'
\echo '--  address is a DNS contact; the lines give' :n_contacts 'contacts. The scans of orders with records run over'
\echo '--  copies of them (orders with records' :k_dns 'times, those not read' :k_carried 'times, those read' :k_read 'times): one scan'
\echo '--  of a few thousand rows is too short for the CPU clock; the rows are counted with their copies.'
SELECT label AS "figure",
	   to_char(us, 'FM990.000') AS "wall µs/row",
	   to_char(us_min, 'FM990.000') || ' – ' || to_char(us_max, 'FM990.000') AS "wall min – max",
	   to_char(cpu, 'FM990.000') AS "CPU µs/row",
	   to_char(100 * wait_share, 'FM990') || ' %' AS "waited",
	   to_char(us / (SELECT us FROM floor_ref), 'FM9990.00') AS "× floor, wall",
	   to_char(cpu / (SELECT cpu FROM floor_ref), 'FM9990.00') AS "× floor, CPU"
FROM dns_us
ORDER BY ord;

\echo
\echo '-- Cost of a record line: per round, the scan with the records less the same orders without them'
\echo '-- (decisions that read the records: less the same orders with admin@<base> designated instead),'
\echo '-- divided by the record lines; the median over the rounds, and its spread.'
CREATE TEMP VIEW dns_line AS
WITH r AS (
	SELECT round,
		   max(ms) FILTER (WHERE figure = 'dns_carried') - max(ms) FILTER (WHERE figure = 'dns_carried_null') AS c_ms,
		   max(cpu_ms) FILTER (WHERE figure = 'dns_carried') - max(cpu_ms) FILTER (WHERE figure = 'dns_carried_null') AS c_cpu,
		   max(ms) FILTER (WHERE figure = 'dns_read') - max(ms) FILTER (WHERE figure = 'dns_read_alt') AS r_ms,
		   max(cpu_ms) FILTER (WHERE figure = 'dns_read') - max(cpu_ms) FILTER (WHERE figure = 'dns_read_alt') AS r_cpu,
		   max(ms) FILTER (WHERE figure = 'dns_contacts') AS k_ms,
		   max(cpu_ms) FILTER (WHERE figure = 'dns_contacts') AS k_cpu
	FROM bench_result WHERE round > 0 GROUP BY round
), n AS (
	-- lines scanned (copies counted), and distinct lines (the weights of the mix)
	SELECT (SELECT nullif(value::numeric, 0) FROM bench_info WHERE key = 'dns_lines_carried') AS lc,
		   (SELECT nullif(value::numeric, 0) FROM bench_info WHERE key = 'dns_lines_read') AS lr,
		   (SELECT nullif(value::numeric, 0) FROM bench_info WHERE key = 'dns_lines') AS l,
		   (SELECT value::numeric FROM bench_info WHERE key = 'dns_lines_carried_distinct') AS wc,
		   (SELECT value::numeric FROM bench_info WHERE key = 'dns_lines_read_distinct') AS wr
), per AS (
	SELECT 1 AS ord, 'dcv_default_recipient, records the decision does not read' AS what,
		   1000 * c_ms / lc AS us, 1000 * c_cpu / lc AS cpu FROM r, n
	UNION ALL
	SELECT 2, 'dcv_default_recipient, records read (a DNS contact designated)',
		   1000 * r_ms / lr, 1000 * r_cpu / lr FROM r, n
	UNION ALL
	SELECT 3, 'dcv_default_recipient, all orders with records (the two, by their lines)',
		   1000 * (wc * c_ms / lc + wr * r_ms / lr) / nullif(wc + wr, 0),
		   1000 * (wc * c_cpu / lc + wr * r_cpu / lr) / nullif(wc + wr, 0) FROM r, n
	UNION ALL
	SELECT 4, 'dcv_dns_contacts, per record line', 1000 * k_ms / l, 1000 * k_cpu / l FROM r, n
)
SELECT ord, what,
	   percentile_cont(0.5) WITHIN GROUP (ORDER BY us) AS us, min(us) AS us_min, max(us) AS us_max,
	   percentile_cont(0.5) WITHIN GROUP (ORDER BY cpu) AS cpu, min(cpu) AS cpu_min, max(cpu) AS cpu_max
FROM per GROUP BY ord, what;

SELECT what AS "per record line",
	   to_char(us, 'FM990.000') AS "wall µs",
	   to_char(cpu, 'FM990.000') AS "CPU µs",
	   to_char(cpu_min, 'FM990.000') || ' – ' || to_char(cpu_max, 'FM990.000') AS "CPU min – max",
	   to_char(cpu / (SELECT cpu FROM floor_ref), 'FM9990.00') AS "× floor (one order), CPU"
FROM dns_line ORDER BY ord;
