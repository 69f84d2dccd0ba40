--
-- examples/analyst.sql: questions an analyst asks of the order tables of
-- examples/schema.sql, in plain SQL over the dcv functions.
--
-- "Today" is the psql variable today, current_date unless set before:
--   psql -v today=2026-01-01 -f examples/analyst.sql
--
\if :{?today}
\else
SELECT to_char(current_date, 'YYYY-MM-DD') AS today \gset
\endif
\pset null '-'

\echo
\echo '== Orders received, accepted and refused'
SELECT state, count(DISTINCT order_id) AS orders, count(*) AS domains
FROM reseller.order_intake
GROUP BY state
ORDER BY state COLLATE "C";

\echo
\echo '== What the rules refused, and why (orders at intake, resends later)'
SELECT order_id AS "order", line_no AS line, action, sqlstate,
	   message || coalesce(E'\n' || detail, '') || coalesce(E'\n' || hint, '') AS error
FROM reseller.order_errors
ORDER BY order_id, line_no;

\echo
\echo '== Decisions per product line and rule, by the rules in force on the order date'
WITH t AS (
	SELECT max(effective) FILTER (WHERE change = 'notice_2018') AS notice,
		   max(effective) FILTER (WHERE change = 'sc080') AS sc080
	FROM dcv_timeline
)
SELECT CASE WHEN o.ordered_on < t.notice THEN 'before ' || to_char(t.notice, 'YYYY-MM-DD')
			WHEN o.ordered_on < t.sc080 THEN 'notice, from ' || to_char(t.notice, 'YYYY-MM-DD')
			ELSE 'SC-080, from ' || to_char(t.sc080, 'YYYY-MM-DD') END AS rules_in_force,
	   p.line, o.dcv_rule AS rule,
	   count(DISTINCT o.order_id) AS orders, count(*) AS domains,
	   sum(cardinality(o.recipients)) AS "e-mails"
FROM reseller.orders o
JOIN dcv_product p ON lower(p.code) = lower(o.product_code)
CROSS JOIN t
GROUP BY 1, 2, 3, t.notice, t.sc080
ORDER BY min(o.ordered_on) >= t.notice, min(o.ordered_on) >= t.sc080,
		 p.line COLLATE "C", o.dcv_rule COLLATE "C";

\echo
\echo '== Domains per product and rule'
SELECT p.code AS product, p.line, p.validation AS val,
	   count(*) FILTER (WHERE o.dcv_rule = 'designated') AS designated,
	   count(*) FILTER (WHERE o.dcv_rule = 'whois_first') AS whois_first,
	   count(*) FILTER (WHERE o.dcv_rule = 'admin_fallback') AS admin_fallback,
	   count(*) FILTER (WHERE o.dcv_rule = 'all_candidates') AS all_candidates,
	   count(o.order_id) AS domains
FROM dcv_product p
LEFT JOIN reseller.orders o ON lower(p.code) = lower(o.product_code)
GROUP BY p.code, p.line, p.validation
ORDER BY p.line COLLATE "C", p.validation COLLATE "C", p.code COLLATE "C";

\echo
\echo '== Every decision (recipients: the first two, and how many more)'
SELECT order_id AS "order", line_no AS line, ordered_on, product_code AS product,
	   domain AS "domain as typed", dcv_rule AS rule,
	   array_to_string(recipients[1:2], ', ') ||
	   CASE WHEN cardinality(recipients) > 2
			THEN format(' (+%s)', cardinality(recipients) - 2) ELSE '' END AS recipients,
	   status
FROM reseller.orders
ORDER BY order_id, line_no;

\echo
\echo '== Stored decisions that the rules in force on' :today 'would change'
\echo '   (orders from 2018-02-02 on; "refused": the approver address is no longer a candidate)'
SELECT o.order_id AS "order", o.line_no AS line, o.domain,
	   o.dcv_rule || ': ' || array_to_string(o.recipients, ', ') AS "decided then",
	   coalesce(d.rule || ': ' || array_to_string(d.recipients, ', '),
				'refused: ' || d.problem) AS "today"
FROM reseller.orders o,
	 LATERAL dcv_decision(o.product_code, o.domain, o.approver_emails, o.whois_emails,
						  :'today'::date, o.subdomains_approved, o.dns_records) d
WHERE o.dcv_rule <> 'all_candidates'
  AND (d.problem IS NOT NULL OR d.recipients IS DISTINCT FROM o.recipients)
ORDER BY o.order_id, o.line_no;

\echo
\echo '== Before and after the change of 2018-02-02, orders of the year around it'
\echo '   (before: the rules of 2018-02-01; after: the notice, dcv_decision without a date)'
SELECT o.order_id AS "order", o.line_no AS line, p.line AS "product line",
	   o.domain, o.approver_emails AS approver,
	   array_to_string(dcv_default_recipient(o.product_code, o.domain, o.approver_emails,
											 o.whois_emails, '2018-02-01', o.subdomains_approved,
											 o.dns_records), E'\n') AS before,
	   coalesce(array_to_string(d.recipients, E'\n') || E'\n(' || d.rule || ')',
				'refused: ' || d.problem) AS after
FROM reseller.orders o
JOIN dcv_product p ON lower(p.code) = lower(o.product_code)
CROSS JOIN LATERAL dcv_decision(o.product_code, o.domain, o.approver_emails, o.whois_emails,
								NULL, o.subdomains_approved, o.dns_records) d
WHERE o.ordered_on BETWEEN '2017-07-01' AND '2018-06-30'
ORDER BY o.order_id, o.line_no;

\echo
\echo '== WHOIS as fetched, per domain, and the rules it led to'
SELECT whois, count(*) AS domains,
	   count(*) FILTER (WHERE rule = 'whois_first') AS whois_first,
	   count(*) FILTER (WHERE rule = 'admin_fallback') AS admin_fallback,
	   count(*) FILTER (WHERE rule = 'designated') AS designated,
	   count(*) FILTER (WHERE rule = 'all_candidates') AS all_candidates
FROM (
	SELECT CASE WHEN o.whois_emails IS NULL THEN 1
				WHEN cardinality(o.whois_emails) = 0 THEN 2
				WHEN NOT EXISTS (SELECT FROM unnest(o.whois_emails) w
								 WHERE dcv_email_problem(w) IS NULL) THEN 3
				ELSE 4 END AS k,
		   o.dcv_rule AS rule
	FROM reseller.orders o
) s
CROSS JOIN LATERAL (VALUES (CASE k WHEN 1 THEN 'lookup failed (NULL)'
								   WHEN 2 THEN 'no address listed'
								   WHEN 3 THEN 'nothing usable'
								   ELSE 'a usable address' END)) AS v(whois)
GROUP BY k, whois
ORDER BY k;

\echo
\echo '== WHOIS entries skipped, and why'
SELECT CASE WHEN w.entry = '' THEN '(empty string)'
			WHEN length(w.entry) > 40 THEN left(w.entry, 37) || '...' ELSE w.entry END AS entry,
	   dcv_email_problem(w.entry) AS why,
	   count(*) AS domains, min(o.order_id) AS "first order"
FROM reseller.orders o, unnest(o.whois_emails) AS w(entry)
WHERE dcv_email_problem(w.entry) IS NOT NULL
GROUP BY w.entry
ORDER BY min(o.order_id), w.entry COLLATE "C";

\echo
\echo '== Candidates of order 22001 (three base domains), and who receives'
SELECT o.line_no AS line, o.domain, c.n, c.email, c.source,
	   CASE WHEN c.email = ANY (o.recipients) THEN 'receives' ELSE '' END AS decided
FROM reseller.orders o
CROSS JOIN LATERAL dcv_candidates(o.domain, o.whois_emails, o.subdomains_approved, o.dns_records)
	WITH ORDINALITY AS c(email, source, n)
WHERE o.order_id = 22001
ORDER BY o.line_no, c.n;

\echo
\echo '== Orders with DNS records: the candidates on the order date, by source, and who receives'
\echo '   (dcv_candidates; WHOIS e-mails left out from SC-080 on, DNS contacts before SC13)'
WITH t AS (
	SELECT max(effective) FILTER (WHERE change = 'sc13') AS sc13,
		   max(effective) FILTER (WHERE change = 'sc080') AS sc080
	FROM dcv_timeline
)
SELECT o.order_id AS "order", o.line_no AS line, o.domain,
	   count(*) FILTER (WHERE c.source = 'whois') AS whois,
	   count(*) FILTER (WHERE c.source = 'constructed') AS constructed,
	   count(*) FILTER (WHERE c.source = 'dns_txt') AS dns_txt,
	   count(*) FILTER (WHERE c.source = 'caa') AS caa,
	   count(*) FILTER (WHERE c.source = 'subdomain') AS subdomain,
	   string_agg(c.email, ', ' ORDER BY c.n) FILTER (WHERE c.source IN ('dns_txt', 'caa'))
		   AS "published in DNS",
	   string_agg(c.email || ' (' || c.source || ')', ', ' ORDER BY c.n)
		   FILTER (WHERE c.email = ANY (o.recipients)) AS "receives"
FROM reseller.orders o
CROSS JOIN t
CROSS JOIN LATERAL dcv_candidates(o.domain,
		CASE WHEN o.ordered_on < t.sc080 THEN o.whois_emails END, o.subdomains_approved,
		CASE WHEN o.ordered_on >= t.sc13 THEN o.dns_records END)
	WITH ORDINALITY AS c(email, source, n)
WHERE o.dns_records IS NOT NULL
GROUP BY o.order_id, o.line_no, o.domain
ORDER BY o.order_id, o.line_no;

\echo
\echo '== DNS records that gave an order no contact, and why (dcv_dns_contacts)'
\echo '   (the records of the orders as stored, and of the refused orders as submitted)'
SELECT CASE WHEN length(r.record) > 100 THEN left(r.record, 97) || '...' ELSE r.record END AS record,
	   r.problem AS why, count(*) AS domains,
	   count(*) FILTER (WHERE o.refused) AS "of refused orders", min(o.order_id) AS "first order"
FROM (SELECT order_id, domain, dns_records, false AS refused FROM reseller.orders
	  UNION ALL
	  SELECT order_id, domain, dns_records, true FROM reseller.order_intake
	  WHERE state = 'rejected') AS o
CROSS JOIN LATERAL dcv_dns_contacts(o.domain, o.dns_records) AS r
WHERE r.problem IS NOT NULL
GROUP BY r.record, r.problem
ORDER BY min(o.order_id), r.record COLLATE "C";

SELECT to_char(effective, 'YYYY-MM-DD') AS discouraged_from FROM dcv_timeline
WHERE change = 'sc090_discouraged' \gset
SELECT to_char(effective, 'YYYY-MM-DD') AS no_email_from FROM dcv_timeline
WHERE change = 'sc090' \gset
\echo
\echo '== Orders resting on a discouraged e-mail method, by month (decided on or after' :discouraged_from')'
\echo '   (to move to another DCV method before' :no_email_from', when e-mail is no longer one;'
\echo '   domains by the source of their recipients: constructed, DNS TXT, CAA, subdomain)'
SELECT coalesce(to_char(s.month, 'YYYY-MM'), 'total') AS month,
	   count(DISTINCT s.order_id) AS orders, count(*) AS domains,
	   count(*) FILTER (WHERE s.status = 'dcv_sent') AS "DCV pending",
	   count(*) FILTER (WHERE 'constructed' = ANY (s.sources)) AS constructed,
	   count(*) FILTER (WHERE 'dns_txt' = ANY (s.sources)) AS dns_txt,
	   count(*) FILTER (WHERE 'caa' = ANY (s.sources)) AS caa,
	   count(*) FILTER (WHERE 'subdomain' = ANY (s.sources)) AS subdomain,
	   sum(cardinality(s.recipients)) AS "e-mails"
FROM (
	-- WHOIS e-mails are no candidates on these dates (SC-080 comes first),
	-- so the candidates without them give each recipient its source.
	SELECT date_trunc('month', o.ordered_on)::date AS month, o.order_id, o.status, d.recipients,
		   ARRAY(SELECT c.source
				 FROM dcv_candidates(o.domain, NULL, o.subdomains_approved, o.dns_records) c
				 WHERE c.email = ANY (d.recipients)) AS sources
	FROM reseller.orders o
	CROSS JOIN LATERAL dcv_decision(o.product_code, o.domain, o.approver_emails, o.whois_emails,
									o.ordered_on, o.subdomains_approved, o.dns_records) d
	WHERE d.discouraged
) s
GROUP BY ROLLUP (s.month)
ORDER BY s.month NULLS LAST;
