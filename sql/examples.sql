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

-- The refusals: each bad order on its own, and two of the three resends.
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
	 LATERAL dcv_decision(o.product_code, o.domain, o.approver_emails, o.whois_emails, o.ordered_on) d
WHERE d.recipients IS DISTINCT FROM o.recipients OR d.rule IS DISTINCT FROM o.dcv_rule
   OR o.recipients IS DISTINCT FROM
	  dcv_default_recipient(o.product_code, o.domain, o.approver_emails, o.whois_emails, o.ordered_on);

-- Key decisions: the day before and the day of each change; fullwidth,
-- ideographic full stops, A-label input, trimmed WHOIS; several approvers;
-- WHOIS at another domain; the accepted resend (25005) and the rows the
-- refused resends left as they were (26005, 26008).
SELECT order_id, line_no, ordered_on, domain, dcv_rule, recipients, status
FROM reseller.orders
WHERE order_id IN (17003, 18001, 18002, 18004, 20001, 20002, 22004, 22005, 24001,
				   25003, 25004, 25005, 25007, 26005, 26008)
ORDER BY order_id, line_no;

-- The analyst's queries, on a fixed "today".
\set today 2026-11-26
\set ECHO none
\i examples/analyst.sql
\set ECHO all

DROP SCHEMA reseller CASCADE;
RESET client_min_messages;
