--
-- examples/first-look.sql: the functions on their own, before any table.
--
\pset null '-'

\echo
\echo '== Domains as customers type them: normal form and base domain'
SELECT typed AS "typed", dcv_normalize_domain(typed) AS "normal form",
	   dcv_base_domain(typed) AS "base domain"
FROM (VALUES (1, 'ＷＷＷ．ＥＸＡＭＰＬＥ．ＣＯ．ＪＰ'),
			 (2, 'WWW。EXAMPLE。NE。JP'),
			 (3, '*.例え.jp'),
			 (4, 'www.例え.東京.jp'),
			 (5, 'a.b.c.dev.example.co.jp'),
			 (6, 'www.example.shinjuku.tokyo.jp'),
			 (7, 'Secure.Example.Com.')) AS t(n, typed)
ORDER BY n;

\echo
\echo '== Candidates of 例え.co.jp: WHOIS e-mails (alphabetical), then the constructed ones'
SELECT email, source
FROM dcv_candidates('例え.co.jp',
	ARRAY['Soumu@例え.co.jp', 'REDACTED FOR PRIVACY', '管理者@例え.co.jp', NULL,
		  'dns@registrar.example']);

\echo
\echo '== Who receives it: one OV order on the rules of four dates'
SELECT coalesce(to_char(t.as_of, 'YYYY-MM-DD'), '(no date)') AS as_of, d.rule,
	   array_to_string(d.recipients, E'\n') AS recipients, d.problem
FROM (VALUES (1, '2018-02-01'::date), (2, NULL), (3, '2025-07-15'), (4, '2028-03-15')) AS t(n, as_of),
	 LATERAL dcv_decision('TrueBizID', 'www.例え.co.jp', NULL,
						  ARRAY['soumu@例え.co.jp'], t.as_of) AS d
ORDER BY n;

\echo
\echo '== Contacts published in DNS: what each record found for www.shop.example.jp gives'
SELECT r.record, r.email, r.source, r.problem
FROM dcv_dns_contacts('www.shop.example.jp',
	ARRAY['_validation-contactemail.example.jp. 300 IN TXT "ops@example.jp"',
		  '_validation-contactemail.shop.example.jp. 300 IN CNAME shop._dcv.dns-provider.example.',
		  'shop._dcv.dns-provider.example. 300 IN TXT "shop-team@example.jp"',
		  '_validation-contactemail.www.shop.example.jp. 300 IN TXT " web@example.jp"',
		  'example.jp. 3600 IN CAA 0 issue "ca.example"',
		  'example.jp. 3600 IN CAA 0 contactemail "pki@example.jp"']) AS r;

\echo
\echo '== A DV order whose approver is a TXT contact, on the rules of four dates'
SELECT to_char(t.as_of, 'YYYY-MM-DD') AS as_of, d.rule, d.recipients, d.discouraged, d.problem
FROM (VALUES (1, '2019-01-31'::date), (2, '2019-02-01'), (3, '2026-03-15'), (4, '2028-03-15')) AS t(n, as_of),
	 LATERAL dcv_decision('QuickSSLPremium', 'www.shop.example.jp', ARRAY['ops@example.jp'], NULL, t.as_of,
						  dns_records => ARRAY['_validation-contactemail.example.jp. 300 IN TXT "ops@example.jp"']) AS d
ORDER BY n;
