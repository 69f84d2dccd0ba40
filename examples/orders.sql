--
-- examples/orders.sql: ten years of certificate orders of a reseller, loaded
-- through the DCV recipient trigger (run examples/schema.sql first).
--
-- The order id is the year and a number (18004: the fourth order of 2018).
-- Each order comes with the WHOIS e-mails the order system fetched for its
-- domain: NULL when the lookup failed, '{}' when the record lists none, and
-- often entries that are no address at all (redacted, a web-form note).
-- The orders of the second list, from late 2025, also come with the DNS
-- records it found (contacts published in DNS).
-- The rules applied are those in force on the order date:
--   before 2018-02-02   every WHOIS and constructed e-mail receives it;
--   from 2018-02-02     the notice: approver e-mails; on the OV/EV line
--                       otherwise the first WHOIS e-mail, else admin@;
--   from 2019-02-01     an approver e-mail may also be a contact published
--                       in DNS (CA/Browser Forum ballot SC13);
--   from 2025-07-15     the same, but WHOIS e-mails are no longer
--                       candidates (ballot SC-080);
--   from 2026-03-15     the same, but every e-mail method is discouraged
--                       (ballot SC-090, first step).
-- Twelve orders are wrong and must be refused (marked REFUSED below), as are
-- two of the four resends at the end.
--
-- Domains are reserved or example names (example.co.jp, 例え.jp, .test,
-- .example, .テスト); the addresses are made up.
--

INSERT INTO reseller.order_intake
	(order_id, line_no, ordered_on, product_code, domain, approver_emails, whois_emails)
VALUES
-- Before the notice of 2018-02-02: everybody in the candidate list receives it.
-- Corporate site, WHOIS lists a person and the hostmaster.
(16001, 1, '2016-04-12', 'SecureSite', 'www.example.co.jp', NULL,
	ARRAY['Taro.Yamada@example.co.jp', 'hostmaster@example.co.jp']),
-- Japanese IDN domain, EV.
(16002, 1, '2016-07-01', 'SecureSiteProEV', '例え.jp', NULL,
	ARRAY['info@例え.jp']),
-- DV with an approver address: before the notice it did not narrow anything.
(16003, 1, '2016-09-20', 'QuickSSLPremium', 'www.sakura-shop.example',
	ARRAY['webmaster@sakura-shop.example'],
	ARRAY['a3f9c2e1d7@privacy-proxy.example']),
-- EV multi-domain, two names of one association.
(17001, 1, '2017-03-15', 'TrueBizIDEVMD', 'www.example.or.jp', NULL,
	ARRAY['jimukyoku@example.or.jp']),
(17001, 2, '2017-03-15', 'TrueBizIDEVMD', 'members.example.or.jp', NULL,
	ARRAY['jimukyoku@example.or.jp']),
-- WHOIS lookup failed: the five constructed addresses.
(17002, 1, '2017-06-30', 'SecureSitePro', 'mail.example.ne.jp', NULL, NULL),
-- DV wildcard without an approver address, WHOIS lists none.
(17003, 1, '2017-11-08', 'QuickSSLPremiumWildcard', '*.kobe-coffee.test', NULL, '{}'),
-- The day before and the day of the notice, same domain and WHOIS.
(18001, 1, '2018-02-01', 'TrueBizID', 'www.example.com', NULL,
	ARRAY['Domain.Admin@EXAMPLE.COM', 'dns-admin@example.com']),

-- From 2018-02-02: the notice.
(18002, 1, '2018-02-02', 'TrueBizID', 'www.example.com', NULL,
	ARRAY['Domain.Admin@EXAMPLE.COM', 'dns-admin@example.com']),
-- DV: the approver address, in any case.
(18003, 1, '2018-03-05', 'QuickSSLPremium', 'example.jp', ARRAY['Admin@Example.JP'],
	ARRAY['hostmaster@example.jp']),
-- Typed in fullwidth letters by the customer.
(18004, 1, '2018-04-18', 'SecureSite', 'ＷＷＷ．ＥＸＡＭＰＬＥ．ＣＯ．ＪＰ', NULL,
	ARRAY['Taro.Yamada@example.co.jp', 'hostmaster@example.co.jp']),
-- REFUSED: DV order without an approver address.
(18005, 1, '2018-05-14', 'QuickSSLPremium', 'www.example.com', NULL,
	ARRAY['Domain.Admin@EXAMPLE.COM', 'dns-admin@example.com']),
-- Redacted gTLD WHOIS (after GDPR): nothing usable, admin@.
(18006, 1, '2018-06-11', 'TrueBizIDWildcard', '*.example.net', NULL,
	ARRAY['REDACTED FOR PRIVACY',
		  'Please query the RDDS service of the Registrar of Record identified in this output for information on how to contact the Registrant, Admin, or Tech contact of the queried domain name.']),
-- DV multi-domain, an approver address per name, two on the blog.
(18007, 1, '2018-07-23', 'QuickSSLPremiumMD', 'example.org', ARRAY['webmaster@example.org'],
	ARRAY['registrant@example.org']),
(18007, 2, '2018-07-23', 'QuickSSLPremiumMD', 'www.example.org', ARRAY['webmaster@example.org'],
	ARRAY['registrant@example.org']),
(18007, 3, '2018-07-23', 'QuickSSLPremiumMD', 'blog.example.org',
	ARRAY['admin@example.org', 'Webmaster@Example.org'],
	ARRAY['registrant@example.org']),
-- EV for a Japanese company name, approver from WHOIS.
(18008, 1, '2018-09-03', 'SecureSiteEV', '例え.co.jp', ARRAY['soumu@例え.co.jp'],
	ARRAY['soumu@例え.co.jp']),
-- Multi-domain wildcard: two wildcards and the bare name.
(18009, 1, '2018-10-15', 'TrueBizIDMDWC', '*.example.co.jp', NULL,
	ARRAY['Taro.Yamada@example.co.jp', 'hostmaster@example.co.jp']),
(18009, 2, '2018-10-15', 'TrueBizIDMDWC', '*.shop.example.co.jp', NULL,
	ARRAY['Taro.Yamada@example.co.jp', 'hostmaster@example.co.jp']),
(18009, 3, '2018-10-15', 'TrueBizIDMDWC', 'example.co.jp', NULL,
	ARRAY['Taro.Yamada@example.co.jp', 'hostmaster@example.co.jp']),
-- Geographic name under 東京.jp, WHOIS lookup failed.
(18010, 1, '2018-12-03', 'TrueBizIDEV', 'www.例え.東京.jp', NULL, NULL),
-- Deep subdomain; the approver address is at the base domain.
(19001, 1, '2019-01-21', 'QuickSSLPremium', 'a.b.c.dev.example.co.jp',
	ARRAY['hostmaster@example.co.jp'],
	ARRAY['Taro.Yamada@example.co.jp', 'hostmaster@example.co.jp']),
-- University, three names; the portal has its own approver.
(19002, 1, '2019-02-14', 'TrueBizIDMD', 'example.ac.jp', NULL,
	ARRAY['nic-admin@example.ac.jp']),
(19002, 2, '2019-02-14', 'TrueBizIDMD', 'www.lib.example.ac.jp', NULL,
	ARRAY['nic-admin@example.ac.jp']),
(19002, 3, '2019-02-14', 'TrueBizIDMD', 'portal.example.ac.jp', ARRAY['postmaster@example.ac.jp'],
	ARRAY['nic-admin@example.ac.jp']),
-- DV wildcard on an IDN, approver from WHOIS.
(19003, 1, '2019-04-01', 'QuickSSLPremiumWildcard', '*.例え.jp', ARRAY['info@例え.jp'],
	ARRAY['info@例え.jp']),
-- Mixed case and a trailing dot; WHOIS half redacted.
(19004, 1, '2019-05-20', 'SecureSitePro', 'Secure.Example.Com.', NULL,
	ARRAY['dns-admin@example.com', 'REDACTED FOR PRIVACY']),
-- Geographic name under tokyo.jp, WHOIS lists no address.
(19005, 1, '2019-07-08', 'TrueBizID', 'www.example.tokyo.jp', NULL, '{}'),
-- REFUSED: approver address neither in WHOIS nor constructed.
(19006, 1, '2019-08-26', 'QuickSSLPremium', 'example.jp', ARRAY['ssl-admin@example.jp'],
	ARRAY['hostmaster@example.jp']),
-- Japanese subdomain of an IDN.
(19007, 1, '2019-09-30', 'QuickSSLPremium', 'お知らせ.例え.jp', ARRAY['webmaster@例え.jp'],
	ARRAY['info@例え.jp']),
-- EV multi-domain; WHOIS sorted by normal form: hostmaster before noc.
(19008, 1, '2019-11-11', 'TrueBizIDEVMD', 'www.example.ne.jp', NULL,
	ARRAY['NOC@Example.ne.jp', 'hostmaster@example.ne.jp']),
(19008, 2, '2019-11-11', 'TrueBizIDEVMD', 'mail.example.ne.jp', NULL,
	ARRAY['NOC@Example.ne.jp', 'hostmaster@example.ne.jp']),
-- Several approver addresses, a repeat in another case and a NULL.
(20001, 1, '2020-01-27', 'SecureSite', 'example.jp',
	ARRAY['Admin@example.jp', 'admin@EXAMPLE.jp', NULL, 'webmaster@example.jp'],
	ARRAY['hostmaster@example.jp']),
-- The WHOIS contact is at the dentist's provider.
(20002, 1, '2020-03-16', 'QuickSSLPremium', 'www.yamada-dental.example',
	ARRAY['yamada.hanako@mail.example.ne.jp'],
	ARRAY['Yamada.Hanako@mail.example.ne.jp', 'REDACTED FOR PRIVACY']),
-- WHOIS points to a web form: nothing usable, admin@.
(20003, 1, '2020-06-01', 'TrueBizIDWildcard', '*.hanabi-travel.example', NULL,
	ARRAY['Select Request Email Form at https://registrar.example/contact-domain-owner',
		  'https://registrar.example/whois?domain=hanabi-travel.example']),
-- DV multi-domain, three names of a coffee shop.
(20004, 1, '2020-08-24', 'QuickSSLPremiumMD', 'kobe-coffee.test', ARRAY['admin@kobe-coffee.test'], '{}'),
(20004, 2, '2020-08-24', 'QuickSSLPremiumMD', 'www.kobe-coffee.test', ARRAY['admin@kobe-coffee.test'], '{}'),
(20004, 3, '2020-08-24', 'QuickSSLPremiumMD', 'shop.kobe-coffee.test',
	ARRAY['admin@kobe-coffee.test', 'postmaster@kobe-coffee.test'], '{}'),
(20005, 1, '2020-10-05', 'SecureSiteProEV', 'www.example.or.jp', NULL,
	ARRAY['jimukyoku@example.or.jp']),
-- REFUSED: look-alike approver domain (a Cyrillic "а" in exаmple).
(20006, 1, '2020-11-16', 'SecureSite', 'www.example.co.jp', ARRAY['admin@exаmple.co.jp'],
	ARRAY['Taro.Yamada@example.co.jp', 'hostmaster@example.co.jp']),
-- IDN test TLD .テスト; a WHOIS entry with a Japanese local part is skipped.
(21001, 1, '2021-01-18', 'TrueBizIDEV', '例え.テスト', NULL,
	ARRAY['kanri@例え.テスト', '管理者@例え.テスト']),
(21002, 1, '2021-03-22', 'QuickSSLPremium', 'shop.example', ARRAY['postmaster@shop.example'], NULL),
-- REFUSED: a wildcard on a public suffix.
(21003, 1, '2021-04-12', 'TrueBizIDWildcard', '*.co.jp', NULL, NULL),
-- Multi-domain wildcard; the API name has its own approver.
(21004, 1, '2021-06-07', 'TrueBizIDMDWC', '*.example.com', NULL,
	ARRAY['REDACTED FOR PRIVACY', 'dns-admin@example.com']),
(21004, 2, '2021-06-07', 'TrueBizIDMDWC', '*.api.example.com', ARRAY['administrator@example.com'],
	ARRAY['REDACTED FOR PRIVACY', 'dns-admin@example.com']),
(21005, 1, '2021-09-13', 'SecureSitePro', 'portal.example.ac.jp', NULL, NULL),
-- Fullwidth wildcard name.
(21006, 1, '2021-11-29', 'QuickSSLPremiumWildcard', '*.ｓｈｏｐ．ｅｘａｍｐｌｅ．ｊｐ',
	ARRAY['hostmaster@example.jp'], ARRAY['hostmaster@example.jp']),
-- Three base domains in one order, each with its own WHOIS.
(22001, 1, '2022-02-08', 'TrueBizIDMD', 'example.com', NULL,
	ARRAY['REDACTED FOR PRIVACY', 'dns-admin@example.com']),
(22001, 2, '2022-02-08', 'TrueBizIDMD', 'www.example.net', NULL,
	ARRAY['REDACTED FOR PRIVACY']),
(22001, 3, '2022-02-08', 'TrueBizIDMD', 'www.example.org', NULL,
	ARRAY['registrant@example.org']),
-- Two approver addresses, one of them from WHOIS.
(22002, 1, '2022-04-25', 'SecureSiteEV', 'www.例え.co.jp',
	ARRAY['Soumu@例え.co.jp', 'webmaster@例え.co.jp'], ARRAY['soumu@例え.co.jp']),
-- REFUSED: a product outside the notice.
(22003, 1, '2022-06-20', 'RapidSSL', 'www.example.net', NULL, ARRAY['REDACTED FOR PRIVACY']),
-- Ideographic full stops, uppercase.
(22004, 1, '2022-07-11', 'QuickSSLPremium', 'WWW。EXAMPLE。NE。JP', ARRAY['hostmaster@example.ne.jp'],
	ARRAY['NOC@Example.ne.jp', 'hostmaster@example.ne.jp']),
-- WHOIS output with surrounding blanks and an empty entry.
(22005, 1, '2022-09-26', 'TrueBizID', 'www.midori-clinic.test', NULL,
	ARRAY['  Clinic.Office@Midori-Clinic.test  ', '']),
(22006, 1, '2022-12-05', 'QuickSSLPremiumMD', 'example.tokyo.jp', ARRAY['admin@example.tokyo.jp'], '{}'),
(22006, 2, '2022-12-05', 'QuickSSLPremiumMD', 'www.example.tokyo.jp', ARRAY['admin@example.tokyo.jp'], '{}'),
(22006, 3, '2022-12-05', 'QuickSSLPremiumMD', 'reserve.example.tokyo.jp', ARRAY['admin@example.tokyo.jp'], '{}'),
-- City-level geographic name (shinjuku.tokyo.jp is a public suffix).
(23001, 1, '2023-02-20', 'TrueBizIDEVMD', 'www.example.shinjuku.tokyo.jp', NULL, NULL),
(23001, 2, '2023-02-20', 'TrueBizIDEVMD', 'example.shinjuku.tokyo.jp', NULL, NULL),
-- REFUSED: approver typed with a fullwidth "＠".
(23002, 1, '2023-03-27', 'QuickSSLPremium', '例え.jp', ARRAY['ｗｅｂｍａｓｔｅｒ＠例え.jp'],
	ARRAY['info@例え.jp']),
-- OV with the WHOIS person as approver.
(23003, 1, '2023-05-15', 'SecureSite', 'intranet.example.co.jp', ARRAY['Taro.Yamada@example.co.jp'],
	ARRAY['Taro.Yamada@example.co.jp', 'hostmaster@example.co.jp']),
(23004, 1, '2023-08-07', 'QuickSSLPremiumWildcard', '*.例え.東京.jp', ARRAY['admin@例え.東京.jp'], NULL),
(23005, 1, '2023-10-30', 'TrueBizIDWildcard', '*.sakura-shop.example', NULL,
	ARRAY['REDACTED FOR PRIVACY']),
-- REFUSED: a typo leaves an empty label.
(23006, 1, '2023-12-11', 'SecureSitePro', 'www.example..com', NULL,
	ARRAY['REDACTED FOR PRIVACY', 'dns-admin@example.com']),
-- The IDN typed as its A-label.
(24001, 1, '2024-01-15', 'SecureSiteProEV', 'xn--r8jz45g.jp', NULL, ARRAY['info@xn--r8jz45g.jp']),
(24002, 1, '2024-03-11', 'QuickSSLPremium', 'www.hanabi-travel.example',
	ARRAY['webmaster@hanabi-travel.example'], ARRAY['REDACTED FOR PRIVACY']),
(24003, 1, '2024-06-03', 'TrueBizIDMD', 'www.example.jp', NULL, ARRAY['hostmaster@example.jp']),
(24003, 2, '2024-06-03', 'TrueBizIDMD', 'mail.example.jp', NULL, ARRAY['hostmaster@example.jp']),
(24003, 3, '2024-06-03', 'TrueBizIDMD', 'お知らせ.example.jp', NULL, ARRAY['hostmaster@example.jp']),
(24004, 1, '2024-08-19', 'QuickSSLPremiumMD', '例え.テスト', ARRAY['kanri@例え.テスト'],
	ARRAY['kanri@例え.テスト', '管理者@例え.テスト']),
(24004, 2, '2024-08-19', 'QuickSSLPremiumMD', 'www.例え.テスト', ARRAY['kanri@例え.テスト'],
	ARRAY['kanri@例え.テスト', '管理者@例え.テスト']),
-- REFUSED (line 2): admin@ the blog's own name is a subdomain e-mail, which
-- only the CA's support desk can arrange; the whole order stays out.
(24005, 1, '2024-09-09', 'QuickSSLPremiumMD', 'www.sakura-shop.example',
	ARRAY['webmaster@sakura-shop.example'], ARRAY['REDACTED FOR PRIVACY']),
(24005, 2, '2024-09-09', 'QuickSSLPremiumMD', 'blog.sakura-shop.example',
	ARRAY['admin@blog.sakura-shop.example'], ARRAY['REDACTED FOR PRIVACY']),
(24006, 1, '2024-11-25', 'SecureSite', 'www.example.net', NULL,
	ARRAY['REDACTED FOR PRIVACY',
		  'Please query the RDDS service of the Registrar of Record identified in this output for information on how to contact the Registrant, Admin, or Tech contact of the queried domain name.']),
(25001, 1, '2025-02-10', 'TrueBizIDEV', 'www.example.co.jp', NULL,
	ARRAY['Taro.Yamada@example.co.jp', 'hostmaster@example.co.jp']),
-- The product code as a client library sends it, in lowercase.
(25002, 1, '2025-04-21', 'quicksslpremium', 'shop.kobe-coffee.test', ARRAY['Admin@Kobe-Coffee.test'], '{}'),
-- The day before SC-080 and the day of it, same domain and WHOIS.
(25003, 1, '2025-07-14', 'TrueBizID', 'www.example.com', NULL,
	ARRAY['Domain.Admin@EXAMPLE.COM', 'dns-admin@example.com']),

-- From 2025-07-15: WHOIS e-mails are no longer candidates (ballot SC-080).
(25004, 1, '2025-07-15', 'TrueBizID', 'www.example.com', NULL,
	ARRAY['Domain.Admin@EXAMPLE.COM', 'dns-admin@example.com']),
-- Resent to admin@ below.
(25005, 1, '2025-08-04', 'QuickSSLPremium', 'example.jp', ARRAY['webmaster@example.jp'],
	ARRAY['hostmaster@example.jp']),
-- REFUSED: the approver is a WHOIS e-mail, no longer allowed.
(25006, 1, '2025-08-18', 'QuickSSLPremium', 'www.example.co.jp', ARRAY['Taro.Yamada@example.co.jp'],
	ARRAY['Taro.Yamada@example.co.jp', 'hostmaster@example.co.jp']),
-- hostmaster@ is in WHOIS and constructed: still a candidate as constructed.
(25007, 1, '2025-09-16', 'TrueBizIDMDWC', '*.example.ne.jp', NULL,
	ARRAY['NOC@Example.ne.jp', 'hostmaster@example.ne.jp']),
(25007, 2, '2025-09-16', 'TrueBizIDMDWC', '*.cdn.example.ne.jp', ARRAY['hostmaster@example.ne.jp'],
	ARRAY['NOC@Example.ne.jp', 'hostmaster@example.ne.jp']),
(25008, 1, '2025-10-20', 'SecureSitePro', 'www.例え.東京.jp', NULL, ARRAY['info@例え.東京.jp']),
(25009, 1, '2025-12-01', 'QuickSSLPremiumWildcard', '*.example.tokyo.jp', ARRAY['admin@example.tokyo.jp'], '{}'),
-- 25010 to 25013, and seven orders of 2026, come with DNS records: in the
-- second list below.
(26001, 1, '2026-01-19', 'TrueBizIDEVMD', 'example.or.jp', NULL, ARRAY['jimukyoku@example.or.jp']),
(26001, 2, '2026-01-19', 'TrueBizIDEVMD', 'www.example.or.jp', NULL, ARRAY['jimukyoku@example.or.jp']),
-- REFUSED (line 2): tokyo.jp itself is a public suffix.
(26004, 1, '2026-02-16', 'TrueBizIDMD', 'www.example.tokyo.jp', NULL, '{}'),
(26004, 2, '2026-02-16', 'TrueBizIDMD', 'tokyo.jp', NULL, '{}'),
(26005, 1, '2026-03-09', 'SecureSiteEV', 'www.example.ac.jp', ARRAY['postmaster@example.ac.jp'],
	ARRAY['nic-admin@example.ac.jp']),

-- From 2026-03-15 every e-mail method is discouraged (ballot SC-090, first
-- step): the decisions stay the same, and are now marked as discouraged.
-- REFUSED: the storefront sent an approver list holding only a NULL.
(26008, 1, '2026-04-13', 'QuickSSLPremiumWildcard', '*.example.jp', ARRAY[NULL]::text[],
	ARRAY['hostmaster@example.jp']),
-- A refused resend of line 2 below.
(26009, 1, '2026-05-25', 'QuickSSLPremiumMD', 'www.yamada-dental.example',
	ARRAY['admin@yamada-dental.example'], ARRAY['REDACTED FOR PRIVACY']),
(26009, 2, '2026-05-25', 'QuickSSLPremiumMD', 'yoyaku.yamada-dental.example',
	ARRAY['admin@yamada-dental.example'], ARRAY['REDACTED FOR PRIVACY']),
(26011, 1, '2026-07-06', 'TrueBizIDWildcard', '*.例え.co.jp', NULL, ARRAY['soumu@例え.co.jp']),
(26013, 1, '2026-09-14', 'TrueBizIDMD', 'www.midori-clinic.test', NULL,
	ARRAY['Clinic.Office@Midori-Clinic.test']),
(26013, 2, '2026-09-14', 'TrueBizIDMD', 'yoyaku.midori-clinic.test', NULL,
	ARRAY['Clinic.Office@Midori-Clinic.test']),
-- A refused resend below.
(26014, 1, '2026-11-02', 'QuickSSLPremium', 'WWW.Example.Org', ARRAY['webmaster@example.org'],
	ARRAY['registrant@example.org']),
(26016, 1, '2026-11-20', 'SecureSiteProEV', 'www.example.jp', ARRAY['Administrator@Example.JP'],
	ARRAY['hostmaster@example.jp']);

-- Orders with the DNS records the order system found, from late 2025 on:
-- with WHOIS e-mails gone (SC-080), customers publish a contact in DNS, a
-- TXT record at _validation-contactemail.<domain> (BR 3.2.2.4.14) or a CAA
-- contactemail property (BR 3.2.2.4.13), and choose it as the approver.
-- Each element is one answer line as dig prints it; what is not a usable
-- contact (a padded address, a "mailto:", an RRSIG of dig +dnssec) is
-- skipped, never an error.  The notice's defaults (first WHOIS e-mail,
-- admin@) never pick a DNS contact.  One order is refused, and one order
-- has the CA's support desk's approval for subdomain e-mails.
INSERT INTO reseller.order_intake
	(order_id, line_no, ordered_on, product_code, domain, approver_emails, whois_emails,
	 dns_records, subdomains_approved)
VALUES
-- A TXT contact at the base domain covers www.
(25010, 1, '2025-12-08', 'QuickSSLPremium', 'www.sakura-shop.example', ARRAY['ssl@sakura-shop.example'],
	ARRAY['REDACTED FOR PRIVACY'],
	ARRAY['_validation-contactemail.sakura-shop.example. 3600 IN TXT "ssl@sakura-shop.example"',
		  'sakura-shop.example. 3600 IN CAA 0 issue "ca.example"'],
	false),
-- A CAA contact: www has no CAA records, so those of example.co.jp count
-- (the iodef and issue properties are no contacts).
(25011, 1, '2025-12-10', 'SecureSite', 'www.example.co.jp', ARRAY['pki@example.co.jp'],
	ARRAY['Taro.Yamada@example.co.jp', 'hostmaster@example.co.jp'],
	ARRAY['example.co.jp. 3600 IN CAA 0 issue "ca.example"',
		  'example.co.jp. 3600 IN CAA 0 iodef "mailto:security@example.co.jp"',
		  'example.co.jp. 3600 IN CAA 0 contactemail "pki@example.co.jp"'],
	false),
-- REFUSED: the TXT record was typed with a space before the address; the
-- BR allow no padding, so it publishes no contact.
(25012, 1, '2025-12-15', 'QuickSSLPremium', 'mail.example.jp', ARRAY['ops@example.jp'],
	ARRAY['hostmaster@example.jp'],
	ARRAY['_validation-contactemail.example.jp. 300 IN TXT " ops@example.jp"'],
	false),
-- noc@ is in WHOIS and published in DNS: since SC-080 a candidate as a TXT
-- contact only.  Line 1 has no approver: admin@, not the DNS contact.
(25013, 1, '2025-12-22', 'TrueBizIDMD', 'www.example.ne.jp', NULL,
	ARRAY['NOC@Example.ne.jp', 'hostmaster@example.ne.jp'],
	ARRAY['_validation-contactemail.example.ne.jp. 300 IN TXT "noc@example.ne.jp"',
		  '_validation-contactemail.example.ne.jp. 300 IN RRSIG TXT 13 4 300 20260105000000 20251222000000 21807 example.ne.jp. kVn1kq8GmWbWvZ5tLDw7vA=='],
	false),
(25013, 2, '2025-12-22', 'TrueBizIDMD', 'mail.example.ne.jp', ARRAY['noc@example.ne.jp'],
	ARRAY['NOC@Example.ne.jp', 'hostmaster@example.ne.jp'],
	ARRAY['_validation-contactemail.example.ne.jp. 300 IN TXT "noc@example.ne.jp"',
		  '_validation-contactemail.example.ne.jp. 300 IN RRSIG TXT 13 4 300 20260105000000 20251222000000 21807 example.ne.jp. kVn1kq8GmWbWvZ5tLDw7vA=='],
	false),
-- The DNS provider publishes the contact: shop's name is an alias (CNAME)
-- of a record in the provider's zone.  The padded record at example.jp is
-- still there, and still no contact.
(26002, 1, '2026-01-26', 'QuickSSLPremium', 'shop.example.jp', ARRAY['ops@example.jp'],
	ARRAY['hostmaster@example.jp'],
	ARRAY['_validation-contactemail.shop.example.jp. 300 IN CNAME example-jp._dcv.dns-provider.example.',
		  'example-jp._dcv.dns-provider.example. 300 IN TXT "ops@example.jp"',
		  '_validation-contactemail.example.jp. 300 IN TXT " ops@example.jp"'],
	false),
-- A Japanese IDN in a TXT contact: dig prints its UTF-8 bytes as \DDD.
(26003, 1, '2026-02-09', 'SecureSiteEV', 'www.例え.co.jp', ARRAY['jouhou@例え.co.jp'],
	ARRAY['soumu@例え.co.jp'],
	ARRAY['_validation-contactemail.xn--r8jz45g.co.jp. 3600 IN TXT "jouhou@\228\190\139\227\129\136.co.jp"'],
	false),
-- The day before and the day of the SC-090 first step, same order; the
-- order system's older resolver prints CAA in the generic form of RFC 3597.
(26006, 1, '2026-03-14', 'QuickSSLPremiumWildcard', '*.kobe-coffee.test', ARRAY['owner@kobe-coffee.test'],
	'{}',
	ARRAY['kobe-coffee.test. 3600 IN CAA \# 36 000C636F6E74616374656D61696C6F776E6572406B6F62652D636F666665652E74657374'],
	false),
(26007, 1, '2026-03-15', 'QuickSSLPremiumWildcard', '*.kobe-coffee.test', ARRAY['owner@kobe-coffee.test'],
	'{}',
	ARRAY['kobe-coffee.test. 3600 IN CAA \# 36 000C636F6E74616374656D61696C6F776E6572406B6F62652D636F666665652E74657374'],
	false),
-- The reservation name of 26009, now with the dentist's mailbox at her
-- provider published as the contact (a contact may be at any domain).
(26010, 1, '2026-06-22', 'QuickSSLPremium', 'yoyaku.yamada-dental.example',
	ARRAY['Yamada.Hanako@mail.example.ne.jp'], ARRAY['REDACTED FOR PRIVACY'],
	ARRAY['_validation-contactemail.yamada-dental.example. 3600 IN TXT "yamada.hanako@mail.example.ne.jp"'],
	false),
-- admin@ the blog's own name, refused in 24005, this time with the support
-- desk's approval of subdomain e-mails: the blog's contractor reads it.  The
-- blog's own TXT record has a "mailto:" and gives no contact.
(26012, 1, '2026-08-03', 'QuickSSLPremium', 'blog.sakura-shop.example',
	ARRAY['admin@blog.sakura-shop.example'], ARRAY['REDACTED FOR PRIVACY'],
	ARRAY['_validation-contactemail.blog.sakura-shop.example. 3600 IN TXT "mailto:blog@sakura-shop.example"',
		  '_validation-contactemail.sakura-shop.example. 3600 IN TXT "ssl@sakura-shop.example"',
		  'sakura-shop.example. 3600 IN CAA 0 issue "ca.example"'],
	true),
-- Resent below, after a new contact is published.
(26015, 1, '2026-11-09', 'QuickSSLPremium', 'www.hanabi-travel.example',
	ARRAY['webmaster@hanabi-travel.example'], ARRAY['REDACTED FOR PRIVACY'],
	ARRAY['hanabi-travel.example. 3600 IN CAA 0 issue "ca.example"'],
	false);

-- Move the new orders into reseller.orders; the trigger decides.
SELECT * FROM reseller.accept_orders();

-- Resends: the customer asks for the DCV e-mail to go to another address.
-- Accepted: admin@ is a constructed address of example.jp.
CALL reseller.resend_dcv(25005, 1, ARRAY['admin@example.jp']);
-- Refused: admin@ the reservation name itself is a subdomain e-mail.
CALL reseller.resend_dcv(26009, 2, ARRAY['admin@yoyaku.yamada-dental.example']);
-- Refused: the registrant's address is a WHOIS e-mail, gone since SC-080.
CALL reseller.resend_dcv(26014, 1, ARRAY['registrant@example.org']);
-- Accepted: the travel agency's webmaster has left, and it publishes a new
-- contact in DNS.  The order system looks the records up again (the trigger
-- decides again: webmaster@ is still a candidate), then the DCV e-mail is
-- resent to the new contact.
UPDATE reseller.orders
SET dns_records = ARRAY['_validation-contactemail.hanabi-travel.example. 3600 IN TXT "it@hanabi-travel.example"',
						'hanabi-travel.example. 3600 IN CAA 0 issue "ca.example"']
WHERE order_id = 26015 AND line_no = 1;
CALL reseller.resend_dcv(26015, 1, ARRAY['it@hanabi-travel.example']);

-- Certificates issued and orders cancelled: status changes, which do not
-- decide the recipients again.
UPDATE reseller.orders SET status = 'issued' WHERE ordered_on < '2026-11-01';
UPDATE reseller.orders SET status = 'cancelled' WHERE order_id IN (19007, 24002);
