--
-- The order trigger dcv_recipient_trigger: recipients written on INSERT,
-- decided again on UPDATE only when a source column changed or the statement
-- writes a column the trigger owns; undecidable rows rejected; misuse refused.
--
SET client_encoding = 'UTF8';  -- the test files are UTF-8, whatever the database encoding
\set ECHO none
\i sql/include/catch.sql
-- catch_ctx(query): like catch(), plus the first line of the error's context.
CREATE FUNCTION pg_temp.catch_ctx(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE s text; m text; d text; c text;
BEGIN
  EXECUTE q;
  RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS s = RETURNED_SQLSTATE, m = MESSAGE_TEXT, d = PG_EXCEPTION_DETAIL,
                          c = PG_EXCEPTION_CONTEXT;
  RETURN s || ' ' || m || coalesce(' | ' || nullif(d, ''), '')
         || ' | CONTEXT: ' || split_part(c, E'\n', 1);
END $$;
\set ECHO all
SET datestyle = ISO;

CREATE TABLE orders (
  id integer PRIMARY KEY,
  product text,
  domain text,
  designated text[],
  whois text[],
  recipients text[],
  rule text,
  as_of date,
  status text NOT NULL DEFAULT 'new'
);
CREATE TRIGGER orders_dcv BEFORE INSERT OR UPDATE ON orders
  FOR EACH ROW EXECUTE FUNCTION
  dcv_recipient_trigger(product, domain, designated, whois, recipients, rule, as_of);

--
-- INSERT: each rule of doc/rules.md, written by the trigger.
--
INSERT INTO orders (id, product, domain, designated, whois, as_of) VALUES
  -- OV/EV rule 2: the WHOIS e-mail that sorts first
  (1, 'TrueBizID', 'www.example.co.jp', NULL, ARRAY['b@example.co.jp', 'A@example.co.jp'], NULL),
  -- OV/EV rule 3: WHOIS not confirmed, or nothing usable in it
  (2, 'SecureSiteProEV', '例え.jp', NULL, NULL, NULL),
  (3, 'securesite', 'EXAMPLE.com.', NULL, ARRAY['REDACTED FOR PRIVACY'], NULL),
  -- designated, on both lines, normalized and deduplicated
  (4, 'QuickSSLPremium', 'example.com', ARRAY['WEBMASTER@example.com', 'webmaster@EXAMPLE.COM'], NULL, NULL),
  (5, 'TrueBizIDEV', '*.shop.example.net', ARRAY['z@registrar.example', NULL, 'admin@example.net'],
      ARRAY['Z@registrar.example'], NULL),
  -- before the notice: every candidate, whatever was designated
  (6, 'QuickSSLPremium', 'example.org', ARRAY['admin@example.org'], ARRAY['z@example.org'], '2018-02-01'),
  -- from SC-080: WHOIS e-mails no longer count
  (7, 'TrueBizID', 'example.org', NULL, ARRAY['z@example.org'], '2025-07-15');
SELECT id, product, domain, designated, recipients, rule, as_of FROM orders ORDER BY id;

-- The trigger's answer is dcv_default_recipient's and dcv_decision's.
SELECT o.id, o.recipients = d.recipients AS same_recipients, o.rule = d.rule AS same_rule,
       o.recipients = dcv_default_recipient(o.product, o.domain, o.designated, o.whois, o.as_of) AS same_as_function
FROM orders AS o,
     LATERAL dcv_decision(o.product, o.domain, o.designated, o.whois, o.as_of) AS d
ORDER BY o.id;

-- Values given for the columns the trigger owns are overwritten.
INSERT INTO orders (id, product, domain, whois, recipients, rule)
VALUES (8, 'TrueBizID', 'example.jp', ARRAY['owner@example.jp'], ARRAY['attacker@evil.example'], 'designated')
RETURNING id, recipients, rule;

--
-- Orders that cannot be decided: the error dcv_default_recipient gives, with
-- context naming the table; nothing is written.
--
INSERT INTO orders (id, product, domain) VALUES (10, 'QuickSSLPremium', 'example.com');
INSERT INTO orders (id, product, domain, designated) VALUES (10, 'QuickSSLPremium', 'example.com', ARRAY['admin@evil.example']);
SELECT pg_temp.catch_ctx($$INSERT INTO orders (id, product, domain) VALUES (10, 'RapidSSL', 'example.com')$$);
SELECT pg_temp.catch_ctx($$INSERT INTO orders (id, product, domain) VALUES (10, 'TrueBizID', 'co.jp')$$);
SELECT pg_temp.catch_ctx($$INSERT INTO orders (id, product, domain) VALUES (10, 'TrueBizID', 'exa mple.com')$$);
SELECT pg_temp.catch_ctx($$INSERT INTO orders (id, product, domain, designated) VALUES (10, 'TrueBizID', 'example.com', ARRAY['REDACTED', 'xyzw@example.com'])$$);
SELECT pg_temp.catch_ctx($$INSERT INTO orders (id, product, domain, as_of) VALUES (10, 'TrueBizID', 'example.com', '2028-03-15')$$);
SELECT pg_temp.catch_ctx($$INSERT INTO orders (id, product, domain, designated) VALUES (10, 'TrueBizID', 'example.com', ARRAY[['admin@example.com']])$$);
-- Subdomain e-mails are refused: the trigger does not take the support route.
SELECT pg_temp.catch_ctx($$INSERT INTO orders (id, product, domain, designated) VALUES (10, 'QuickSSLPremium', 'www.example.com', ARRAY['admin@www.example.com'])$$);
-- The same SQLSTATE, message and detail as the function's.
SELECT pg_temp.catch(format('INSERT INTO orders (id, product, domain, designated, whois, as_of) VALUES (10, %L, %L, %L, %L, %L)',
                            product, domain, designated, whois, as_of))
       = pg_temp.catch(format('SELECT dcv_default_recipient(%L, %L, %L, %L, %L)',
                              product, domain, designated, whois, as_of)) AS same_error
FROM (VALUES
  ('QuickSSLPremium', 'example.com', NULL, NULL, NULL),
  ('QuickSSLPremium', 'example.com', '{admin@evil.example}', NULL, NULL),
  ('QuickSSLPremium', 'example.com', '{z@example.com}', '{z@example.com}', '2025-07-15'),
  ('RapidSSL', 'example.com', NULL, NULL, NULL),
  ('TrueBizID', 'co.jp', NULL, NULL, NULL),
  ('TrueBizID', 'example.com', NULL, NULL, '2028-03-15')
) AS t(product, domain, designated, whois, as_of);
-- NULL product or domain: no decision is possible.
INSERT INTO orders (id, product, domain) VALUES (10, NULL, 'example.com');
SELECT pg_temp.catch_ctx($$INSERT INTO orders (id, product, domain) VALUES (10, 'TrueBizID', NULL)$$);
SELECT count(*) AS orders FROM orders;

-- Several rows, one bad: nothing of the statement is written.
INSERT INTO orders (id, product, domain, designated) VALUES
  (11, 'TrueBizID', 'example.com', NULL),
  (12, 'QuickSSLPremium', 'example.com', ARRAY['admin@example.com']),
  (13, 'QuickSSLPremium', 'example.com', NULL),
  (14, 'TrueBizID', 'example.net', NULL);
INSERT INTO orders (id, product, domain, designated)
SELECT 20 + i, 'QuickSSLPremium', 'example.com', CASE WHEN i < 5 THEN ARRAY['admin@example.com'] END
FROM generate_series(1, 5) AS i;
SELECT count(*) AS orders FROM orders WHERE id >= 10;

-- COPY fires it too; a bad line rejects the whole COPY.
COPY orders (id, product, domain, designated, whois) FROM stdin;
31	TrueBizIDMD	mail.example.com	\N	{z@example.com,a@example.com}
32	QuickSSLPremiumWildcard	*.example.com	{hostmaster@example.com}	\N
\.
COPY orders (id, product, domain, designated, whois) FROM stdin;
33	TrueBizIDMD	example.info	\N	\N
34	QuickSSLPremiumWildcard	*.example.info	\N	\N
35	TrueBizIDMD	example.biz	\N	\N
\.
SELECT id, recipients, rule FROM orders WHERE id > 30 ORDER BY id;

--
-- UPDATE of a source column: decided again.
--
-- A resend to a newly designated address is validated again.
UPDATE orders SET designated = ARRAY['Postmaster@Example.com'] WHERE id = 4
RETURNING id, designated, recipients, rule;
-- A resend to an address that is not a candidate is rejected; the row stays.
UPDATE orders SET designated = ARRAY['postmaster@evil.example'] WHERE id = 4;
SELECT pg_temp.catch_ctx($$UPDATE orders SET designated = ARRAY['not an address'] WHERE id = 4$$);
-- Taking the designation away from a DV order leaves it without recipient.
SELECT pg_temp.catch_ctx($$UPDATE orders SET designated = NULL WHERE id = 4$$);
SELECT id, designated, recipients, rule FROM orders WHERE id = 4;
-- One bad row among several updated: none is changed.
-- (order 5 designated its WHOIS e-mail, which the new WHOIS record lacks)
SELECT pg_temp.catch_ctx($$UPDATE orders SET whois = ARRAY['new@example.com'] WHERE id IN (1, 3, 5)$$);
SELECT id, whois, recipients FROM orders WHERE id IN (1, 3, 5) ORDER BY id;
-- Each source column on its own.
UPDATE orders SET whois = ARRAY['c@example.co.jp', 'B@example.co.jp'] WHERE id = 1 RETURNING id, recipients, rule;
UPDATE orders SET designated = ARRAY['hostmaster@example.co.jp'] WHERE id = 1 RETURNING id, recipients, rule;
UPDATE orders SET domain = 'www.example.co.jp' WHERE id = 3 RETURNING id, recipients, rule;
UPDATE orders SET product = 'QuickSSLPremium' WHERE id = 1 RETURNING id, recipients, rule;
UPDATE orders SET as_of = '2018-02-01' WHERE id = 7 RETURNING id, recipients, rule;
UPDATE orders SET as_of = NULL WHERE id = 7 RETURNING id, recipients, rule;
-- The product line may change the answer, or make it impossible.
SELECT pg_temp.catch_ctx($$UPDATE orders SET product = 'QuickSSLPremium' WHERE id = 7$$);
SELECT pg_temp.catch_ctx($$UPDATE orders SET product = NULL WHERE id = 7$$);
SELECT pg_temp.catch_ctx($$UPDATE orders SET domain = NULL WHERE id = 7$$);
-- An upsert is an UPDATE too.
INSERT INTO orders (id, product, domain, designated) VALUES (12, 'QuickSSLPremium', 'example.com', ARRAY['webmaster@example.com'])
ON CONFLICT (id) DO UPDATE SET designated = excluded.designated
RETURNING id, recipients, rule;
SELECT pg_temp.catch_ctx($$INSERT INTO orders (id, product, domain) VALUES (12, 'QuickSSLPremium', 'example.com')
  ON CONFLICT (id) DO UPDATE SET designated = excluded.designated$$);
SELECT id, recipients FROM orders WHERE id = 12;
-- So is a MERGE.
MERGE INTO orders AS o USING (VALUES (12, ARRAY['hostmaster@example.com'])) AS s(id, designated) ON o.id = s.id
WHEN MATCHED THEN UPDATE SET designated = s.designated;
SELECT pg_temp.catch_ctx($$MERGE INTO orders AS o USING (VALUES (12, ARRAY['hostmaster@evil.example'])) AS s(id, designated)
  ON o.id = s.id WHEN MATCHED THEN UPDATE SET designated = s.designated$$);
SELECT id, designated, recipients FROM orders WHERE id = 12;
-- A product added in a savepoint rolled back is gone for the trigger too.
BEGIN;
SAVEPOINT s;
INSERT INTO dcv_product (code, line, brand, validation) VALUES ('Thawte123', 'ov_ev', 'thawte', 'OV');
INSERT INTO orders (id, product, domain) VALUES (15, 'Thawte123', 'example.com') RETURNING id, recipients, rule;
ROLLBACK TO SAVEPOINT s;
SELECT pg_temp.catch_ctx($$INSERT INTO orders (id, product, domain) VALUES (15, 'Thawte123', 'example.com')$$);
COMMIT;

--
-- UPDATE of other columns: no new decision.  Changes to dcv_product and
-- dcv_rule_date in between would change the answer, and it does not change.
--
INSERT INTO dcv_product (code, line, brand, validation) VALUES ('RapidSSL', 'ov_ev', 'RapidSSL', 'DV');
INSERT INTO orders (id, product, domain, designated, whois, as_of) VALUES
  (40, 'RapidSSL', 'example.com', NULL, ARRAY['z@example.com'], NULL),
  (41, 'TrueBizID', 'example.com', NULL, ARRAY['z@example.com'], '2025-07-20');
SELECT id, recipients, rule FROM orders WHERE id IN (40, 41) ORDER BY id;
-- RapidSSL moves to the DV line (order 40 would have no recipient); SC-080
-- is moved to 2026 (order 41 would get the WHOIS e-mail).
UPDATE dcv_product SET line = 'dv' WHERE code = 'RapidSSL';
INSERT INTO dcv_rule_date (change, effective, description) VALUES ('sc080', '2026-01-01', 'moved (test)');
SELECT o.id, d.recipients, d.rule, d.problem
FROM orders AS o, LATERAL dcv_decision(o.product, o.domain, o.designated, o.whois, o.as_of) AS d
WHERE o.id IN (40, 41) ORDER BY o.id;
UPDATE orders SET status = 'sent' WHERE id IN (40, 41);
SELECT id, recipients, rule, status FROM orders WHERE id IN (40, 41) ORDER BY id;
MERGE INTO orders AS o USING (VALUES (40), (41)) AS s(id) ON o.id = s.id
WHEN MATCHED THEN UPDATE SET status = 'merged';
SELECT id, recipients, rule, status FROM orders WHERE id IN (40, 41) ORDER BY id;
-- Even an order whose product is gone can change its status.
DELETE FROM dcv_product WHERE code = 'RapidSSL';
UPDATE orders SET status = 'done' WHERE id = 40 RETURNING id, recipients, rule, status;
-- ... but not its sources.
SELECT pg_temp.catch_ctx($$UPDATE orders SET whois = NULL WHERE id = 40$$);
-- Writing a source column, even with the value it has, decides again.
UPDATE orders SET as_of = as_of WHERE id = 41 RETURNING id, recipients, rule;

--
-- A direct write to the recipients or the rule column: overwritten by the
-- rules' answer (decided again, with the tables as they are now).
--
DELETE FROM dcv_rule_date WHERE NOT builtin;
UPDATE orders SET rule = 'designated' WHERE id = 41 RETURNING id, recipients, rule;
INSERT INTO dcv_rule_date (change, effective, description) VALUES ('sc080', '2026-01-01', 'moved (test)');
UPDATE orders SET recipients = ARRAY['attacker@evil.example'] WHERE id = 41 RETURNING id, recipients, rule;
DELETE FROM dcv_rule_date WHERE NOT builtin;
UPDATE orders SET recipients = NULL, rule = NULL WHERE id = 1 RETURNING id, recipients, rule;
UPDATE orders SET recipients = recipients WHERE id = 8 RETURNING id, recipients, rule;
-- ... and rejected when the order can no longer be decided (RapidSSL is gone).
SELECT pg_temp.catch_ctx($$UPDATE orders SET recipients = '{}' WHERE id = 40$$);
SELECT id, recipients, rule FROM orders WHERE id = 40;

-- A source column changed by an earlier BEFORE trigger counts as changed.
CREATE FUNCTION pg_temp.resend_to_admin() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status = 'resend' THEN
    NEW.designated := ARRAY['admin@' || dcv_base_domain(NEW.domain)];
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER orders_a_resend BEFORE UPDATE ON orders
  FOR EACH ROW EXECUTE FUNCTION pg_temp.resend_to_admin();
UPDATE orders SET status = 'resend' WHERE id = 3 RETURNING id, designated, recipients, rule;
DROP TRIGGER orders_a_resend ON orders;

SELECT id, product, domain, designated, recipients, rule, as_of, status FROM orders ORDER BY id;

-- On a partitioned table: each partition's rows, the partition named.
CREATE TABLE orders_p (id integer, product text, domain text, designated text[], whois text[],
                       recipients text[]) PARTITION BY RANGE (id);
CREATE TABLE orders_p1 PARTITION OF orders_p FOR VALUES FROM (0) TO (100);
CREATE TABLE orders_p2 PARTITION OF orders_p FOR VALUES FROM (100) TO (200);
CREATE TRIGGER orders_p_dcv BEFORE INSERT OR UPDATE ON orders_p
  FOR EACH ROW EXECUTE FUNCTION dcv_recipient_trigger(product, domain, designated, whois, recipients);
INSERT INTO orders_p VALUES (1, 'TrueBizID', 'example.com', NULL, NULL, NULL),
                            (101, 'TrueBizID', 'example.net', NULL, ARRAY['b@example.net'], NULL);
SELECT pg_temp.catch_ctx($$UPDATE orders_p SET product = 'QuickSSLPremium' WHERE id = 101$$);
SELECT tableoid::regclass AS partition, id, recipients FROM orders_p ORDER BY id;

-- An order table of an ordinary role: the trigger, and the classification
-- it reads, need no privilege beyond the order table; the classification is
-- not the role's to change.
CREATE ROLE regress_dcv_clerk;
GRANT CREATE ON SCHEMA public TO regress_dcv_clerk;
-- (a change to dcv_product: the cache is read again, by the clerk)
INSERT INTO dcv_product (code, line, brand, validation) VALUES ('RapidSSL', 'dv', 'RapidSSL', 'DV');
SET ROLE regress_dcv_clerk;
CREATE TABLE clerk_orders (product text, domain text, designated text[], whois text[], recipients text[]);
CREATE TRIGGER clerk_orders_dcv BEFORE INSERT OR UPDATE ON clerk_orders
  FOR EACH ROW EXECUTE FUNCTION dcv_recipient_trigger(product, domain, designated, whois, recipients);
SELECT pg_temp.catch_ctx($$INSERT INTO clerk_orders VALUES ('RapidSSL', 'example.com', ARRAY['admin@example.com'], NULL, NULL)$$);
SELECT * FROM clerk_orders;
SELECT code, line FROM dcv_product WHERE NOT builtin;
SELECT pg_temp.catch($$INSERT INTO dcv_product (code, line, brand, validation) VALUES ('Thawte123', 'dv', 'thawte', 'DV')$$);
SELECT pg_temp.catch($$DELETE FROM dcv_product WHERE code = 'RapidSSL'$$);
RESET ROLE;
DROP TABLE clerk_orders;
REVOKE CREATE ON SCHEMA public FROM regress_dcv_clerk;
DROP ROLE regress_dcv_clerk;
DELETE FROM dcv_product WHERE code = 'RapidSSL';

--
-- Five and six arguments: no rule column, no as_of column (the notice's rules).
--
CREATE TABLE orders5 (
  product varchar(40),
  domain varchar(253),
  designated text[],
  whois text[],
  recipients text[],
  note text
);
CREATE TRIGGER orders5_dcv BEFORE INSERT OR UPDATE ON orders5
  FOR EACH ROW EXECUTE FUNCTION dcv_recipient_trigger('product', 'domain', 'designated', 'whois', 'recipients');
INSERT INTO orders5 (product, domain, whois) VALUES ('TrueBizID', 'example.com', ARRAY['z@example.com', 'y@example.com']);
INSERT INTO orders5 (product, domain, designated) VALUES ('QuickSSLPremium', 'example.com', ARRAY['admin@example.com']);
SELECT pg_temp.catch_ctx($$INSERT INTO orders5 (product, domain) VALUES ('QuickSSLPremium', 'example.com')$$);
UPDATE orders5 SET whois = ARRAY['x@example.com'] WHERE product = 'TrueBizID';
UPDATE orders5 SET note = 'checked', recipients = NULL WHERE product = 'QuickSSLPremium';
SELECT * FROM orders5 ORDER BY product;

CREATE TABLE orders6 (
  "Product Code" varchar,
  "Domain" varchar,
  designated text[],
  whois text[],
  recipients text[],
  rule text,
  as_of date
);
CREATE TRIGGER orders6_dcv BEFORE INSERT OR UPDATE ON orders6
  FOR EACH ROW EXECUTE FUNCTION
  dcv_recipient_trigger("Product Code", "Domain", designated, whois, recipients, rule);
-- as_of is not one of its columns: the notice's rules, whatever the date.
INSERT INTO orders6 VALUES ('TrueBizIDEV', 'example.com', NULL, ARRAY['z@example.com'], NULL, NULL, '2017-01-01');
INSERT INTO orders6 VALUES ('TrueBizIDEV', 'example.com', NULL, NULL, NULL, NULL, '2030-01-01');
SELECT * FROM orders6 ORDER BY whois NULLS LAST;
SELECT pg_temp.catch_ctx($$INSERT INTO orders6 VALUES ('TrueBizIDEV', NULL, NULL, NULL, NULL, NULL, NULL)$$);

--
-- Misuse, each with its SQLSTATE.  It shows when a row is written.
--
CREATE TABLE misuse (
  id integer,
  product text, domain text, designated text[], whois text[], recipients text[], rule text, as_of date,
  n integer, t text, vc varchar, va varchar[], ts timestamp
);
CREATE FUNCTION pg_temp.misuse(args text, timing text DEFAULT 'BEFORE INSERT OR UPDATE',
                               level text DEFAULT 'ROW') RETURNS text LANGUAGE plpgsql AS $$
DECLARE r text;
BEGIN
  EXECUTE format('CREATE TRIGGER misuse_dcv %s ON misuse FOR EACH %s EXECUTE FUNCTION dcv_recipient_trigger(%s)',
                 timing, level, args);
  r := pg_temp.catch($q$INSERT INTO misuse (id, product, domain, designated) VALUES (1, 'QuickSSLPremium', 'example.com', '{admin@example.com}')$q$);
  EXECUTE 'DROP TRIGGER misuse_dcv ON misuse';
  RETURN r;
END $$;
-- The columns are right: the row is written.
SELECT pg_temp.misuse('product, domain, designated, whois, recipients, rule, as_of');
SELECT id, recipients, rule FROM misuse;
DELETE FROM misuse;
-- Statement-level, AFTER, fired for DELETE.
SELECT pg_temp.misuse('product, domain, designated, whois, recipients', 'BEFORE INSERT', 'STATEMENT');
SELECT pg_temp.misuse('product, domain, designated, whois, recipients', 'AFTER INSERT');
CREATE TRIGGER misuse_dcv BEFORE DELETE ON misuse
  FOR EACH ROW EXECUTE FUNCTION dcv_recipient_trigger(product, domain, designated, whois, recipients);
INSERT INTO misuse (id) VALUES (1);
SELECT pg_temp.catch($$DELETE FROM misuse$$);
DROP TRIGGER misuse_dcv ON misuse;
DELETE FROM misuse;
-- Defined so that some INSERT or UPDATE would not fire it: INSERT only, a
-- column list, a WHEN condition.
SELECT pg_temp.misuse('product, domain, designated, whois, recipients', 'BEFORE INSERT');
SELECT pg_temp.misuse('product, domain, designated, whois, recipients', 'BEFORE INSERT OR UPDATE OF product, domain, designated, whois');
SELECT pg_temp.misuse('product, domain, designated, whois, recipients', 'BEFORE INSERT OR UPDATE', 'ROW WHEN (NEW.id IS NOT NULL)');
-- Argument count.
SELECT pg_temp.misuse('');
SELECT pg_temp.misuse('product, domain, designated, whois');
SELECT pg_temp.misuse('product, domain, designated, whois, recipients, rule, as_of, id');
SELECT pg_temp.misuse('product, domain, designated, whois, recipients, rule, as_of, whois, n');
SELECT pg_temp.misuse('product, domain, designated, whois, recipients, rule, as_of, va, id, n');
-- Unknown and system columns.
SELECT pg_temp.misuse('product, domain, designated, whois, recipient');
SELECT pg_temp.misuse('Product, domain, designated, whois, recipients');
SELECT pg_temp.misuse('product, domain, designated, whois, recipients, rule, asof');
SELECT pg_temp.misuse('product, domain, designated, whois, ctid');
SELECT pg_temp.misuse('product, tableoid, designated, whois, recipients');
-- A column of the wrong type, for each role.
SELECT pg_temp.misuse('n, domain, designated, whois, recipients');
SELECT pg_temp.misuse('product, n, designated, whois, recipients');
SELECT pg_temp.misuse('product, domain, t, whois, recipients');
SELECT pg_temp.misuse('product, domain, designated, va, recipients');
SELECT pg_temp.misuse('product, domain, designated, whois, t');
SELECT pg_temp.misuse('product, domain, designated, whois, va');
SELECT pg_temp.misuse('product, domain, designated, whois, recipients, vc');
SELECT pg_temp.misuse('product, domain, designated, whois, recipients, rule, ts');
-- A column the trigger writes cannot also be one it reads: that would
-- overwrite the order's own data.
SELECT pg_temp.misuse('product, domain, designated, whois, designated');
SELECT pg_temp.misuse('product, domain, designated, whois, recipients, product');
SELECT count(*) AS written FROM misuse;
-- Called as a function.
SELECT pg_temp.catch($$SELECT dcv_recipient_trigger()$$);

DROP TABLE orders, orders_p, orders5, orders6, misuse;
SELECT count(*) AS user_products FROM dcv_product WHERE NOT builtin;
SELECT count(*) AS user_dates FROM dcv_rule_date WHERE NOT builtin;
