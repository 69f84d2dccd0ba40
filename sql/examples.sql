--
-- The example order database of examples/: the schema with the recipient
-- trigger, ten years of orders loaded through it with exactly the expected
-- refusals, key decisions, and the analyst's queries on a fixed "today".
--
SET client_encoding = 'UTF8';  -- the test and example files are UTF-8, whatever the database encoding
SET datestyle = ISO;
-- schema.sql says CREATE EXTENSION IF NOT EXISTS and DROP SCHEMA IF EXISTS.
SET client_min_messages = warning;
\set ECHO none
\i examples/first-look.sql
\i examples/schema.sql
\i examples/orders.sql
\set ECHO all

-- Every submitted order either landed whole or was refused whole.
SELECT state, count(DISTINCT order_id) AS orders, count(*) AS domains
FROM reseller.order_intake GROUP BY state ORDER BY state COLLATE "C";
SELECT count(*) AS "lines of refused orders written"
FROM reseller.orders o JOIN reseller.order_errors e USING (order_id)
WHERE e.action = 'order';

-- The refusals: each bad order on its own, and two of the four resends.
SELECT order_id, line_no, action, sqlstate, context
FROM reseller.order_errors ORDER BY order_id, line_no;

-- Domains per product line and rule.
SELECT p.line, o.dcv_rule, count(*) AS domains, count(DISTINCT o.order_id) AS orders
FROM reseller.orders o JOIN dcv_product p ON lower(p.code) = lower(o.product_code)
GROUP BY p.line, o.dcv_rule ORDER BY p.line COLLATE "C", o.dcv_rule COLLATE "C";

-- Every built-in product has orders; every product code of the orders is known.
SELECT count(*) AS "products without orders" FROM dcv_product p
WHERE p.builtin AND NOT EXISTS (SELECT FROM reseller.orders o WHERE lower(o.product_code) = lower(p.code));
SELECT count(DISTINCT lower(product_code)) AS "products ordered" FROM reseller.orders;

-- What the trigger stored is what the functions say for the order date.
SELECT count(*) AS "rows where the trigger and the functions differ"
FROM reseller.orders o,
	 LATERAL dcv_decision(o.product_code, o.domain, o.approver_emails, o.whois_emails, o.ordered_on,
						  o.subdomains_approved, o.dns_records) d
WHERE d.recipients IS DISTINCT FROM o.recipients OR d.rule IS DISTINCT FROM o.dcv_rule
   OR o.recipients IS DISTINCT FROM
	  dcv_default_recipient(o.product_code, o.domain, o.approver_emails, o.whois_emails, o.ordered_on,
							o.subdomains_approved, o.dns_records);

-- Key decisions: the day before and the day of each change; fullwidth,
-- ideographic full stops, A-label input, trimmed WHOIS; several approvers;
-- WHOIS at another domain; the accepted resend (25005) and the rows the
-- refused resends left as they were (26009, 26014).
SELECT order_id, line_no, ordered_on, domain, dcv_rule, recipients, status
FROM reseller.orders
WHERE order_id IN (17003, 18001, 18002, 18004, 20001, 20002, 22004, 22005, 24001,
				   25003, 25004, 25005, 25007, 26009, 26014)
ORDER BY order_id, line_no;

-- The orders with DNS records or the support desk's approval: a TXT contact
-- at the base domain, a CAA contact, WHOIS and DNS giving the same address
-- after SC-080, the OV default that ignores DNS contacts (25013 line 1), an
-- alias to the DNS provider, \DDD escapes of an IDN, the generic CAA form,
-- the day before and the day of the SC-090 first step, a contact at another
-- domain, a subdomain e-mail approved, and the resend after a new lookup.
SELECT o.order_id, o.line_no, o.ordered_on, o.domain, o.subdomains_approved AS sub,
	   o.dcv_rule, o.recipients, d.discouraged, o.status
FROM reseller.orders o,
	 LATERAL dcv_decision(o.product_code, o.domain, o.approver_emails, o.whois_emails, o.ordered_on,
						  o.subdomains_approved, o.dns_records) d
WHERE o.dns_records IS NOT NULL OR o.subdomains_approved
ORDER BY o.order_id, o.line_no;

-- Without its DNS records, or with them but before SC13, a DNS contact is
-- no candidate: which orders with DNS records rest on one.
SELECT o.order_id, o.line_no, o.dcv_rule,
	   n.problem IS NOT NULL AS "refused without the records",
	   b.problem IS NOT NULL AS "refused on 2019-01-31"
FROM reseller.orders o
CROSS JOIN LATERAL dcv_decision(o.product_code, o.domain, o.approver_emails, o.whois_emails,
								o.ordered_on, o.subdomains_approved, NULL) n
CROSS JOIN LATERAL dcv_decision(o.product_code, o.domain, o.approver_emails, o.whois_emails,
								'2019-01-31', o.subdomains_approved, o.dns_records) b
WHERE o.dns_records IS NOT NULL OR o.subdomains_approved
ORDER BY o.order_id, o.line_no;

-- What each record of the alias order gives, row by row.
SELECT r.email, r.source, r.owner, r.record, r.problem
FROM reseller.orders o,
	 LATERAL dcv_dns_contacts(o.domain, o.dns_records) WITH ORDINALITY AS r(email, source, owner, record, problem, n)
WHERE o.order_id = 26002
ORDER BY r.n;

-- The trigger reads the two new columns on UPDATE: a new lookup that no
-- longer finds the contact, the approval withdrawn, an order date before
-- SC13: each refused, and the row stays as it was.
UPDATE reseller.orders SET dns_records = '{}' WHERE order_id = 26002;
UPDATE reseller.orders SET subdomains_approved = false WHERE order_id = 26012;
UPDATE reseller.orders SET ordered_on = '2019-01-31' WHERE order_id = 25010;
SELECT order_id, ordered_on, subdomains_approved, cardinality(dns_records) AS records, recipients
FROM reseller.orders WHERE order_id IN (25010, 26002, 26012) ORDER BY order_id;

-- The analyst's queries, on a fixed "today".
\set today 2026-11-26
\set ECHO none
\i examples/analyst.sql
\set ECHO all

DROP SCHEMA reseller CASCADE;
RESET client_min_messages;
