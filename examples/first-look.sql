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
