--
-- Contacts published in DNS (dcv_dns_contacts; dns_records of the candidate
-- and decision functions; the order trigger's DNS column): TXT at
-- _validation-contactemail.<ADN>, CAA contactemail in the relevant set,
-- aliases followed, values exactly as published; SC13 and SC-090 by date.
--
SET client_encoding = 'UTF8';  -- the test files are UTF-8, whatever the database encoding
SET datestyle = ISO;
\set ECHO none
\i sql/include/catch.sql
\set ECHO all

-- What each record gives an order, in the order given; NULL elements left out.
SELECT * FROM dcv_dns_contacts('www.shop.example.co.jp', ARRAY[
  '_validation-contactemail.shop.example.co.jp. 300 IN TXT "Ops@Example.co.jp"',
  '_validation-contactemail.example.co.jp 3600 TXT "dns-admin@example.net"',
  NULL,
  '_validation-contactemail.co.jp. 300 IN TXT "registry@co.jp.example"',
  '_validation-contactemail.deep.www.shop.example.co.jp. IN 300 TXT "deep@example.co.jp"',
  'example.co.jp. 300 IN CAA 0 contactemail "caa@example.co.jp"',
  'example.co.jp. 300 IN CAA 0 issue "ca.example"',
  'co.jp. 300 IN CAA 0 contactemail "registry@co.jp.example"',
  'www.example.co.jp. 300 IN A 192.0.2.1',
  'example.com. 300 IN TXT "not closed',
  'example.com. 300 IN']);

-- Candidates: WHOIS, constructed, TXT contacts, CAA contacts (each
-- alphabetical), subdomain e-mails when asked for; each address once, with
-- the first source that gives it.
SELECT * FROM dcv_candidates('www.example.com',
  ARRAY['z@example.com'], true,
  ARRAY['_validation-contactemail.example.com. 300 IN TXT "b-txt@example.com"',
        '_validation-contactemail.www.example.com. 300 IN TXT "a-txt@example.org"',
        '_validation-contactemail.www.example.com. 300 IN TXT "z@example.com"',
        'example.com. 300 IN CAA 0 contactemail "a-txt@example.org"',
        'www.example.com. 300 IN CAA 128 CONTACTEMAIL "caa@example.com"',
        '_validation-contactemail.example.com. 300 IN TXT "admin@www.example.com"']);
-- Named, and positional with the released arguments only: nothing changes.
SELECT count(*) FROM dcv_candidates('example.com', dns_records => ARRAY['example.com. CAA 0 contactemail "x@example.net"']);
SELECT count(*) FROM dcv_candidates('example.com', NULL, false);
SELECT dcv_is_candidate('example.com', NULL, 'X@Example.NET', false,
                        ARRAY['example.com. CAA 0 contactemail "x@example.net"']) AS caa_contact,
       dcv_is_candidate('example.com', NULL, 'x@example.net') AS without_records;

-- The relevant CAA set of each name: the nearest name up the tree that has
-- CAA records; a set without contactemail gives no contact and ends the climb.
SELECT owner, email, problem FROM dcv_dns_contacts('a.b.example.com', ARRAY[
  'b.example.com. CAA 0 issue "ca.example"',
  'example.com. CAA 0 contactemail "top@example.com"',
  'com. CAA 0 contactemail "tld@example.net"']);
SELECT owner, email, problem FROM dcv_dns_contacts('a.b.example.com', ARRAY[
  'com. CAA 0 contactemail "tld@example.net"']);

-- Aliases within the answer: a DNS provider's name answers for the order's.
SELECT source, owner, email, problem FROM dcv_dns_contacts('shop.example.jp', ARRAY[
  '_validation-contactemail.shop.example.jp. 300 IN CNAME _dcv.dns-provider.example.',
  '_dcv.dns-provider.example. 300 IN TXT "hostmaster@dns-provider.example"',
  'shop.example.jp. 300 IN CNAME shops.dns-provider.example.',
  'shops.dns-provider.example. 300 IN CAA 0 contactemail "caa@dns-provider.example"',
  'shop.example.jp. 300 IN CAA 0 contactemail "shadowed@example.jp"']);
-- A loop answers nothing; neither does a name with two aliases.
SELECT source, owner, email, problem FROM dcv_dns_contacts('example.jp', ARRAY[
  '_validation-contactemail.example.jp. CNAME a.example.net.',
  'a.example.net. CNAME _validation-contactemail.example.jp.',
  'example.jp. CNAME x.example.net.',
  'example.jp. CNAME y.example.net.',
  'x.example.net. CAA 0 contactemail "x@example.net"']);

-- Exactly the address, nothing around it or after it.
SELECT record, email, problem FROM dcv_dns_contacts('example.com', ARRAY[
  '_validation-contactemail.example.com. TXT " ops@example.com"',
  '_validation-contactemail.example.com. TXT "ops@example.com "',
  '_validation-contactemail.example.com. TXT "ops@example.com" "second"',
  '_validation-contactemail.example.com. TXT "mailto:ops@example.com"',
  '_validation-contactemail.example.com. TXT "Ops <ops@example.com>"',
  '_validation-contactemail.example.com. TXT ""',
  '_validation-contactemail.example.com. TXT "admin@localhost"',
  '_validation-contactemail.example.com. TXT "ops\@example.com"',
  '_validation-contactemail.example.com. TXT "ops@example.com\010"',
  'example.com. CAA 0 contactemail "ops@example.com" extra',
  '_validation-contactemail.example.com. TXT bare@example.com',
  '_validation-contactemail.example.com. TXT "ops@\228\190\139\227\129\136.jp"',
  'example.com. CAA \# 29 00 0c 636f6e74616374656d61696c 6f7073406578616d706c652e636f6d',
  'example.com. CAA \# 30 00 0c 636f6e74616374656d61696c 6f7073406578616d706c652e636f6d',
  'example.com. TYPE257 \# 30 80 0c 636f6e74616374656d61696c 6f7073406578616d706c652e636f6d2e']);

-- Names compare by their normal form: a Unicode owner is its A-label; other
-- labels compare ASCII case-insensitively; one final dot is ignored.
SELECT owner, email FROM dcv_dns_contacts('例え.jp', ARRAY[
  '_VALIDATION-CONTACTEMAIL.例え.JP TXT "a@example.jp"',
  '_validation-contactemail.xn--r8jz45g.jp. txt "b@example.jp"',
  '_validation-contactemail.ＸＮ--R8JZ45G.jp TXT "c@example.jp"']);

-- Look-alikes and other names are not the order's.
SELECT owner, email, problem FROM dcv_dns_contacts('example.com', ARRAY[
  '_validation-contactemail.exаmple.com. TXT "cyrillic@example.com"',
  '_validation-contactemail.example.com.evil.example. TXT "suffix@example.com"',
  '_validation-contactemail\.example.com. TXT "escaped-dot@example.com"',
  'validation-contactemail.example.com. TXT "no-underscore@example.com"',
  '_validation-contactemail.example.com. CH TXT "chaos@example.com"']);

-- Decisions: a designated address may be a DNS contact on both lines, from
-- ballot SC13 (2019-02-01) until ballot SC-090; the defaults never pick one.
CREATE TEMP TABLE recs AS SELECT ARRAY[
  '_validation-contactemail.example.com. 300 IN TXT "ops@example.com"',
  'example.com. 300 IN CAA 0 contactemail "sec@example.net"']::text[] AS r;
SELECT d.as_of, x.*
FROM recs, (VALUES (NULL::date), ('2019-01-31'), ('2019-02-01'), ('2025-07-15'),
                   ('2026-03-14'), ('2026-03-15'), ('2028-03-15')) AS d(as_of),
     LATERAL dcv_decision('QuickSSLPremium', 'www.example.com', ARRAY['ops@example.com', 'SEC@example.net'],
                          NULL, d.as_of, false, r) AS x
ORDER BY d.as_of NULLS FIRST;
SELECT pg_temp.catch($$SELECT dcv_default_recipient('QuickSSLPremium', 'www.example.com', ARRAY['ops@example.com'], NULL, '2019-01-31',
                                                    dns_records => ARRAY['_validation-contactemail.example.com. TXT "ops@example.com"'])$$);
SELECT pg_temp.catch($$SELECT dcv_default_recipient('TrueBizID', 'www.example.com', ARRAY['other@example.com'], NULL, NULL,
                                                    dns_records => ARRAY['_validation-contactemail.example.com. TXT "ops@example.com"'])$$);
-- OV/EV without a designated address: WHOIS first, else admin@, whatever DNS says.
SELECT dcv_default_recipient('TrueBizID', 'www.example.com', NULL, ARRAY['z@example.com'], '2024-01-01', false, r),
       dcv_default_recipient('TrueBizID', 'www.example.com', NULL, ARRAY['z@example.com'], '2025-07-15', false, r),
       dcv_default_recipient('TrueBizID', 'www.example.com', NULL, NULL, NULL, false, r)
FROM recs;
SELECT pg_temp.catch($$SELECT dcv_default_recipient('QuickSSLPremium', 'www.example.com', NULL, NULL, NULL, false, (SELECT r FROM recs))$$);
-- Before the notice every WHOIS and constructed e-mail, no DNS contact.
SELECT dcv_default_recipient('SecureSite', 'example.com', NULL, ARRAY['z@example.com'], '2017-06-01', false, r) FROM recs;
-- A record that gives no contact makes its address no candidate.
SELECT pg_temp.catch($$SELECT dcv_default_recipient('QuickSSLPremium', 'example.com', ARRAY['ops@example.com'], NULL, NULL, false,
                                                    ARRAY['_validation-contactemail.example.com. TXT " ops@example.com"'])$$);
-- Arrays of more than one dimension are refused; NULL records are none.
SELECT pg_temp.catch($$SELECT dcv_default_recipient('QuickSSLPremium', 'example.com', ARRAY['admin@example.com'], NULL, NULL, false, ARRAY[['a'], ['b']])$$);
SELECT pg_temp.catch($$SELECT * FROM dcv_dns_contacts('example.com', ARRAY[['a'], ['b']])$$);
SELECT count(*) FROM dcv_dns_contacts('example.com', NULL);
SELECT count(*) FROM dcv_dns_contacts(NULL, ARRAY['x']);
SELECT count(*) FROM dcv_dns_contacts('example.com', ARRAY[NULL, NULL]::text[]);
SELECT pg_temp.catch($$SELECT * FROM dcv_dns_contacts('co.jp', ARRAY['x'])$$);

-- The order trigger: DNS records and the support desk's subdomain approval
-- as the eighth and ninth columns.
CREATE TABLE dns_orders (
  id int PRIMARY KEY, product text, domain text, designated text[], whois text[],
  recipients text[], rule text, as_of date, dns text[], sub_ok boolean
);
CREATE TRIGGER dns_orders_dcv BEFORE INSERT OR UPDATE ON dns_orders FOR EACH ROW
  EXECUTE FUNCTION dcv_recipient_trigger(product, domain, designated, whois, recipients, rule, as_of, dns, sub_ok);
INSERT INTO dns_orders (id, product, domain, designated, as_of, dns) VALUES
  (1, 'QuickSSLPremium', 'www.example.com', ARRAY['ops@example.com'], '2025-09-01',
   ARRAY['_validation-contactemail.example.com. 300 IN TXT "ops@example.com"']);
INSERT INTO dns_orders (id, product, domain, designated, as_of, sub_ok) VALUES
  (2, 'QuickSSLPremium', 'www.example.com', ARRAY['admin@www.example.com'], '2025-09-01', true);
SELECT pg_temp.catch($$INSERT INTO dns_orders (id, product, domain, designated, as_of, sub_ok) VALUES
  (3, 'QuickSSLPremium', 'www.example.com', ARRAY['admin@www.example.com'], '2025-09-01', NULL)$$);
SELECT pg_temp.catch($$INSERT INTO dns_orders (id, product, domain, designated, as_of, dns) VALUES
  (3, 'QuickSSLPremium', 'www.example.com', ARRAY['ops@example.com'], '2018-09-01',
   ARRAY['_validation-contactemail.example.com. 300 IN TXT "ops@example.com"'])$$);
SELECT id, recipients, rule FROM dns_orders ORDER BY id;
-- A newly published contact, then a resend to it: decided again.
UPDATE dns_orders SET dns = dns || '_validation-contactemail.www.example.com. 300 IN TXT "new@example.com"'::text WHERE id = 1;
UPDATE dns_orders SET designated = ARRAY['new@example.com'] WHERE id = 1;
SELECT id, recipients, rule FROM dns_orders WHERE id = 1;
-- The record withdrawn: the designated contact is refused and the row kept.
SELECT pg_temp.catch($$UPDATE dns_orders SET dns = ARRAY['_validation-contactemail.example.com. 300 IN TXT "ops@example.com"'] WHERE id = 1$$);
SELECT pg_temp.catch($$UPDATE dns_orders SET sub_ok = false WHERE id = 2$$);
SELECT id, designated, recipients, dns FROM dns_orders ORDER BY id;
-- Seven-argument definitions keep working beside it.
CREATE TABLE old_orders (product text, domain text, designated text[], whois text[], recipients text[], rule text, as_of date);
CREATE TRIGGER old_orders_dcv BEFORE INSERT OR UPDATE ON old_orders FOR EACH ROW
  EXECUTE FUNCTION dcv_recipient_trigger(product, domain, designated, whois, recipients, rule, as_of);
INSERT INTO old_orders (product, domain, designated) VALUES ('QuickSSLPremium', 'example.com', ARRAY['admin@example.com']) RETURNING recipients, rule;
DROP TABLE dns_orders, old_orders;

-- The dates: SC13 and SC-090's first step, in the order of the timeline.
SELECT change, effective, builtin FROM dcv_timeline;
SELECT pg_temp.catch($$INSERT INTO dcv_rule_date (change, effective) VALUES ('sc13', '2018-01-01')$$);
SELECT pg_temp.catch($$INSERT INTO dcv_rule_date (change, effective) VALUES ('sc090_discouraged', '2028-03-16')$$);
-- A correction of SC13 moves the first day DNS contacts count.
INSERT INTO dcv_rule_date (change, effective) VALUES ('sc13', '2020-01-01');
SELECT dcv_is_candidate('example.com', NULL, 'ops@example.com', false, r) AS no_date,
       (dcv_decision('QuickSSLPremium', 'example.com', ARRAY['ops@example.com'], NULL, '2019-06-01', false, r)).problem AS in_2019
FROM recs;
DELETE FROM dcv_rule_date WHERE NOT builtin;
