--
-- Hostile input: control characters, look-alike domains, an address hidden in
-- a quoted string, a comment, a route or a display name, "@" twice,
-- backslashes, very long strings, huge, two-dimensional and NULL-laden
-- arrays, empty strings, odd product codes.  Each case ends in a clear error
-- (its SQLSTATE is shown) or a documented skip, and no hostile address becomes
-- a candidate or a recipient unless its normal form is one.
--
-- Every character here exists in EUC_JP (ASCII, fullwidth forms, basic
-- Cyrillic and Greek, Japanese); zero-width and bidi characters are in
-- hostile_utf8.sql, invalid UTF-8 in hostile_sql_ascii.sql.
--
SET client_encoding = 'UTF8';  -- the test files are UTF-8, whatever the database encoding
\set ECHO none
\i sql/include/catch.sql
-- timed(query): try(query), then whether the call took less than 5 seconds
-- (a very generous bound: such calls take well under a second).
CREATE FUNCTION pg_temp.timed(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE t0 timestamptz := clock_timestamp(); r text;
BEGIN
  r := pg_temp.try(q);
  RETURN r || CASE WHEN clock_timestamp() - t0 < interval '5 s'
                   THEN ' (under 5 s)' ELSE ' (TOO SLOW)' END;
END $$;
\set ECHO all

--
-- 1. Hostile e-mail addresses: why each is unusable, or its normal form.
--
CREATE TEMP TABLE hostile_email (id int PRIMARY KEY, input text);
INSERT INTO hostile_email VALUES
  -- control characters
  (1, E'admin@example.com\x01'),
  (2, E'\x01admin@example.com'),
  (3, E'adm\x7Fin@example.com'),
  (4, E'admin@exa\x1Bmple.com'),
  (5, E'admin@example.com\r\nBcc: evil@evil.example'),   -- header injection
  (6, E'admin@example.com\nevil@evil.example'),
  (7, E'evil@evil.example\x0Badmin@example.com'),
  (8, E'\tADMIN@EXAMPLE.COM\r\n'),                        -- surrounding white space: trimmed
  (9, E'\x0Cadmin@example.com\x0B'),                      -- form feed, vertical tab: trimmed
  (10, E'admin\x08@example.com'),                         -- backspace
  (11, 'admin @example.com'),
  (12, 'admin@ example.com'),
  -- quoted strings
  (13, '"admin@example.com"'),
  (14, '"admin@example.com"@evil.example'),
  (15, 'evil"admin@example.com"'),
  (16, '"evil"@example.com'),
  (17, '"admin"@example.com'),
  (18, '"evil@evil.example"'),
  -- comments
  (19, 'admin(evil@evil.example)@example.com'),
  (20, 'admin@example.com(comment)'),
  (21, '(admin@example.com)evil@evil.example'),
  (22, 'admin@(comment)example.com'),
  (23, 'evil@evil.example (admin@example.com)'),
  -- display names and angle brackets
  (24, 'Admin <admin@example.com>'),
  (25, '<admin@example.com>'),
  (26, 'admin@example.com <evil@evil.example>'),
  (27, '"admin@example.com" <evil@evil.example>'),
  (28, 'Evil <evil@evil.example>'),
  -- routes: % and ! (relays read them as hops), source routes @a:b@c
  (29, 'evil%evil.example@example.com'),
  (30, 'admin%example.com@evil.example'),
  (31, 'evil.example!evil@example.com'),
  (32, 'example.com!admin'),
  (33, '@evil.example:admin@example.com'),
  (34, '@a.example,@b.example:evil@evil.example'),
  (35, 'admin@evil.example:example.com'),
  -- "@" twice, or missing parts
  (36, 'admin@example.com@evil.example'),
  (37, 'admin@@example.com'),
  (38, 'admin@evil.example@example.com'),
  (39, '@example.com'),
  (40, 'admin@'),
  (41, '@'),
  (42, ''),
  (43, '   '),
  -- backslash escapes (standard_conforming_strings: one backslash each)
  (44, 'admin\@example.com'),
  (45, 'adm\in@example.com'),
  (46, 'admin@example\.com'),
  (47, 'admin@example.com\'),
  (48, '\"admin\"@example.com'),
  -- lists and URLs
  (49, 'admin@example.com,evil@evil.example'),
  (50, 'admin@example.com;evil@evil.example'),
  (51, 'admin@example.com evil@evil.example'),
  (52, 'mailto:admin@example.com'),
  (53, 'admin@example.com?cc=evil@evil.example'),
  (54, 'admin@example.com:25'),
  -- domain parts that are not host names
  (55, 'admin@[192.0.2.1]'),
  (56, 'admin@[IPv6:2001:db8::1]'),
  (57, 'admin@192.0.2.1'),
  (58, 'admin@*.example.com'),
  (59, 'admin@localhost'),
  (60, 'admin@-example.com'),
  (61, 'admin@exa_mple.com'),
  (62, 'admin@ex--ample.com'),
  (63, 'admin@xn--.com'),
  (64, 'admin@xn--xample-voa.com'),         -- A-label of "Éxample": not a valid U-label
  (65, 'admin@example.com..'),
  (66, 'admin@example.com.'),               -- one trailing dot: dropped
  -- look-alikes: Cyrillic а, е, р, х, Greek ε (other domains, valid ones)
  (67, 'admin@exаmple.com'),
  (68, 'admin@ехаmрlе.com'),
  (69, 'admin@εxample.com'),
  (70, 'admin@xn--exmple-4nf.com'),         -- the A-label of 67
  (71, 'аdmin@example.com'),                -- Cyrillic а in the local part
  -- fullwidth forms and ideographic full stops
  (72, 'admin@ｅｘａｍｐｌｅ．ｃｏｍ'),         -- maps to example.com: the same address
  (73, 'ａｄｍｉｎ@example.com'),
  (74, 'admin＠example.com'),               -- a fullwidth at sign is not "@"
  (75, 'admin@example.com＠evil.example'),
  (76, 'evil＠evil.example@example.com'),
  (77, 'admin@example。com'),
  (78, 'admin@example｡com'),
  (79, 'admin　@example.com'),              -- ideographic space
  (80, 'admin@example.com　'),              -- U+3000 is White_Space too: trimmed
  -- lengths
  (81, repeat('a', 65) || '@example.com'),
  (82, 'admin@' || repeat('a', 64) || '.com'),
  (83, 'admin@example.com' || repeat(' ', 2000)),   -- over 1024 bytes before trimming
  (84, repeat('admin@example.com', 61680)),          -- 1 MB
  -- usable, but not candidates for example.com
  (85, '*@example.com'),
  (86, 'admin+evil@example.com'),
  (87, 'admin@www.example.com'),
  (88, 'admin@example.com.evil.example'),
  (89, 'ADMIN@EXAMPLE.COM'),
  (90, 'admin@例え.jp');

SELECT id, to_json(left(input, 60)) AS input, dcv_email_problem(input) AS problem,
       CASE WHEN dcv_email_problem(input) IS NULL THEN dcv_normalize_email(input) END AS normal_form
FROM hostile_email ORDER BY id;

-- dcv_normalize_email raises ZD003 for every unusable one, and
-- dcv_email_problem agrees with it on every input.
SELECT count(*) AS inputs,
       count(*) FILTER (WHERE dcv_email_problem(input) IS NULL) AS usable,
       count(*) FILTER (WHERE left(pg_temp.catch(format('SELECT dcv_normalize_email(%L)', input)), 5) = 'ZD003') AS zd003,
       bool_and((dcv_email_problem(input) IS NULL) =
                (pg_temp.catch(format('SELECT dcv_normalize_email(%L)', input)) = 'no error')) AS agree
FROM hostile_email;

--
-- 2. Each of them designated for example.com, without WHOIS.  Accepted only
-- when the normal form is one of the constructed addresses; the recipient is
-- then that normal form, never the input.
--
SELECT h.id, to_json(h.input) AS input, d.recipients
FROM hostile_email h, dcv_decision('QuickSSLPremium', 'example.com', ARRAY[h.input]) AS d
WHERE d.problem IS NULL
ORDER BY h.id;

SELECT p.code, count(*) AS cases,
       count(*) FILTER (WHERE d.problem IS NULL) AS accepted,
       bool_and(d.problem IS NOT NULL OR
                (d.recipients = ARRAY[dcv_normalize_email(h.input)] AND
                 d.recipients <@ ARRAY(SELECT email FROM dcv_candidates('example.com')))) AS accepted_only_candidates,
       bool_and(d.problem IS NULL OR d.problem ~ '^designated address ".*" is (not usable|not a DCV candidate for "example\.com")$') AS problems_say_why
FROM (VALUES ('QuickSSLPremium'), ('TrueBizID')) AS p(code),
     hostile_email h,
     LATERAL dcv_decision(p.code, 'example.com', ARRAY[h.input]) AS d
GROUP BY p.code ORDER BY p.code COLLATE "C";

-- The same through dcv_default_recipient: the SQLSTATEs raised.
SELECT CASE WHEN r = 'no error' THEN 'accepted' ELSE left(r, 5) END AS sqlstate, count(*)
FROM (SELECT pg_temp.catch(format('SELECT dcv_default_recipient(%L, %L, ARRAY[%L])',
                                  'QuickSSLPremium', 'example.com', input)) AS r
      FROM hostile_email) AS t
GROUP BY 1 ORDER BY 1 COLLATE "C";

-- dcv_is_candidate says the same.
SELECT count(*) FILTER (WHERE dcv_is_candidate('example.com', NULL, input)) AS is_candidate,
       bool_and(dcv_is_candidate('example.com', NULL, input) =
                ((dcv_decision('QuickSSLPremium', 'example.com', ARRAY[input])).problem IS NULL)) AS agree
FROM hostile_email;

--
-- 3. All of them as the WHOIS e-mails of example.com: the usable ones become
-- candidates (a WHOIS e-mail may be at any domain), each once, in normal form;
-- nothing hidden inside an unusable entry (evil@evil.example) leaks out.
--
SELECT c.email, c.source,
       (SELECT string_agg(h.id::text, ',' ORDER BY h.id) FROM hostile_email h
        WHERE dcv_email_problem(h.input) IS NULL AND dcv_normalize_email(h.input) = c.email) AS from_cases
FROM dcv_candidates('example.com', ARRAY(SELECT input FROM hostile_email ORDER BY id)) AS c;

SELECT count(*) FILTER (WHERE dcv_is_candidate('example.com', ARRAY[input], 'evil@evil.example')) AS evil_is_candidate,
       count(*) FILTER (WHERE EXISTS (SELECT FROM dcv_candidates('example.com', ARRAY[input]) c
                                      WHERE c.email LIKE 'evil%' OR c.email LIKE '%@evil.example')) AS evil_in_candidates,
       count(*) FILTER (WHERE (dcv_decision('QuickSSLPremium', 'example.com', ARRAY['evil@evil.example'], ARRAY[input])).problem IS NULL) AS evil_designated_ok
FROM hostile_email;

-- OV/EV without a designated address: the first usable WHOIS e-mail in byte
-- order ("*" sorts before letters).
SELECT * FROM dcv_decision('TrueBizID', 'example.com', NULL, ARRAY(SELECT input FROM hostile_email ORDER BY id));
-- Only the unusable ones: admin@ the base domain.
SELECT * FROM dcv_decision('TrueBizID', 'example.com', NULL,
                           ARRAY(SELECT input FROM hostile_email WHERE dcv_email_problem(input) IS NOT NULL ORDER BY id));

--
-- 4. Hostile applied domains: the normal form and the base domain (where the
-- constructed addresses go: admin@ the base domain and so on), or the error.
--
SELECT id, to_json(left(input, 60)) AS input,
       pg_temp.try(format($$SELECT dcv_normalize_domain(%1$L) || ' -> base ' || dcv_base_domain(%1$L)$$, input)) AS result
FROM (VALUES
  (101, E'example.com\x01'),
  (102, E'\x01example.com'),
  (103, E'exa\x7Fmple.com'),
  (104, E'example.com\n'),
  (105, E' example.com'),
  (106, 'ex ample.com'),
  (107, ''),
  (108, '.'),
  (109, 'example..com'),
  (110, 'example.com..'),
  (111, 'evil.example/example.com'),
  (112, 'example.com@evil.example'),
  (113, 'admin@example.com'),
  (114, 'https://example.com'),
  (115, 'example.com:443'),
  (116, 'example.com\evil.example'),
  (117, '"example.com"'),
  (118, 'example.com (evil.example)'),
  (119, 'example%2ecom'),
  (120, '192.0.2.1'),
  (121, '[2001:db8::1]'),
  (122, '*.*.example.com'),
  (123, '**.example.com'),
  (124, 'www.*.example.com'),
  (125, '*.com'),
  (126, '*.co.jp'),
  (127, '＊．ｅｘａｍｐｌｅ．ｃｏｍ'),        -- fullwidth "*.": a wildcard, as UTS#46 maps it
  (128, 'ＥＸＡＭＰＬＥ．ＣＯＭ'),
  (129, 'example。com'),
  (130, 'example｡com'),
  (131, 'example.com　'),
  (132, 'exаmple.com'),                      -- Cyrillic а
  (133, 'ехаmрlе.com'),                      -- Cyrillic е, х, а, р
  (134, 'εxample.com'),                      -- Greek ε
  (135, 'example.сом'),                      -- Cyrillic с, о, м: another top-level domain
  (136, 'xn--xample-voa.com'),
  (137, 'xn--example-.com'),
  (138, 'ex--ample.com'),
  (139, repeat('a', 64) || '.com'),
  (140, repeat('a.', 126) || 'com'),         -- 255 octets
  (141, repeat('a', 1048576)),               -- 1 MB
  (142, 'example.com.evil.example'),
  (143, 'www.example.com')
) AS t(id, input)
ORDER BY id;

--
-- 5. Product codes: matched exactly, ASCII letters case-insensitively;
-- anything else is an unknown product (ZD006).
--
SELECT to_json(left(code, 40)) AS code,
       pg_temp.try(format('SELECT dcv_default_recipient(%L, %L)', code, 'example.com')) AS result
FROM (VALUES
  ('TRUEBIZID'),
  ('truebizid'),
  (E'TrueBizID\x01'),
  ('TrueBizID '),
  (' TrueBizID'),
  (E'TrueBizID\n'),
  ('ＴｒｕｅＢｉｚＩＤ'),
  ('TrueBiz%'),
  ('TrueBizI_'),
  ('TrueBizID''; DROP TABLE dcv_product; --'),
  (''),
  (repeat('TrueBizID', 116509))             -- 1 MB
) AS t(code);
SELECT count(*) AS products_intact FROM dcv_product;

--
-- 6. Arrays: more than one dimension (2202E; dcv_decision reports it),
-- NULL elements (skipped), empty strings (unusable), odd lower bounds.
--
SELECT pg_temp.catch($$SELECT * FROM dcv_candidates('example.com', ARRAY[['a@example.com', 'b@example.com'], ['c@example.com', 'd@example.com']])$$);
SELECT pg_temp.catch($$SELECT dcv_is_candidate('example.com', ARRAY[['a@example.com']], 'a@example.com')$$);
SELECT pg_temp.catch($$SELECT dcv_default_recipient('QuickSSLPremium', 'example.com', ARRAY[['admin@example.com']])$$);
SELECT pg_temp.catch($$SELECT dcv_default_recipient('TrueBizID', 'example.com', NULL, ARRAY[[['a@example.com']]])$$);
SELECT * FROM dcv_decision('QuickSSLPremium', 'example.com', ARRAY[['admin@example.com'], ['webmaster@example.com']]);
SELECT * FROM dcv_decision('TrueBizID', 'example.com', NULL, ARRAY[['a@example.com', NULL]]);
-- a 2-D WHOIS array is refused even where WHOIS is not used (a designated address given)
SELECT * FROM dcv_decision('TrueBizID', 'example.com', ARRAY['admin@example.com'], ARRAY[['a@example.com']]);
-- NULL elements
SELECT * FROM dcv_candidates('example.com', ARRAY[NULL, 'Zed@Example.com', NULL]);
SELECT * FROM dcv_decision('QuickSSLPremium', 'example.com', ARRAY[NULL, NULL]::text[], ARRAY[NULL]::text[]);
SELECT * FROM dcv_decision('TrueBizID', 'example.com', ARRAY[NULL, NULL]::text[], ARRAY[NULL, 'b@example.com', NULL]);
SELECT * FROM dcv_decision('QuickSSLPremium', 'example.com', ARRAY[NULL, 'WEBMASTER@example.com', NULL, 'admin@example.com', NULL]);
SELECT dcv_is_candidate('example.com', ARRAY[NULL]::text[], NULL);
-- empty strings: skipped among WHOIS e-mails, unusable as a designated address
SELECT * FROM dcv_decision('TrueBizID', 'example.com', NULL, ARRAY['', ' ', E'\t', '']);
SELECT * FROM dcv_decision('TrueBizID', 'example.com', ARRAY['']);
SELECT * FROM dcv_decision('TrueBizID', 'example.com', ARRAY['', 'admin@example.com']);
SELECT * FROM dcv_decision('TrueBizID', 'example.com', ARRAY['admin@example.com', '']);
SELECT pg_temp.catch($$SELECT dcv_default_recipient('QuickSSLPremium', 'example.com', ARRAY['', 'admin@example.com'])$$);
SELECT * FROM dcv_decision('', '');
SELECT * FROM dcv_decision('TrueBizID', '');
SELECT pg_temp.catch($$SELECT * FROM dcv_candidates('')$$);
-- the element at fault is named, whatever its position or the lower bound
SELECT * FROM dcv_decision('QuickSSLPremium', 'example.com', '[0:2]={admin@example.com,bad1,admin@example.com}');
SELECT * FROM dcv_decision('QuickSSLPremium', 'example.com', '[-5:-4]={NULL,evil@evil.example}');
SELECT * FROM dcv_decision('QuickSSLPremium', 'example.com', ARRAY['hostmaster@example.com', 'evil@evil.examp', 'admin@example.com']);
SELECT * FROM dcv_decision('QuickSSLPremium', 'example.com', ARRAY['hostmaster@example.com', 'evil@evil.exampl', 'admin@example.com']);

--
-- 7. Strings of 1 MB everywhere: refused or skipped at once, the message
-- showing at most 100 characters of the value.
--
SELECT pg_temp.catch(format('SELECT dcv_normalize_domain(%L)', repeat('a', 1048576)));
SELECT pg_temp.catch(format('SELECT dcv_base_domain(%L)', repeat('a.', 524288)));
SELECT pg_temp.catch(format('SELECT dcv_normalize_email(%L)', repeat('a', 1048576) || '@example.com'));
SELECT dcv_email_problem('admin@' || repeat('a', 1048576) || '.com');
SELECT dcv_is_candidate('example.com', NULL, repeat(' ', 1048576) || 'admin@example.com');
SELECT * FROM dcv_candidates('example.com', ARRAY[repeat('z', 1048576) || '@example.com', 'z@example.com']);
SELECT pg_temp.catch(format('SELECT dcv_default_recipient(%L, %L, ARRAY[%L])', 'QuickSSLPremium', 'example.com', repeat('x', 1048576)));
SELECT pg_temp.catch(format('SELECT dcv_default_recipient(%L, %L)', 'TrueBizID', repeat('www.', 262144) || 'example.com'));
SELECT (dcv_decision('TrueBizID', 'example.com', ARRAY[repeat('admin@example.com', 61680)])).problem;

--
-- 8. Arrays of 100 000 elements: each call completes, in well under a second
-- (no quadratic work); "(under 5 s)" checks a very generous bound.
--
CREATE TEMP TABLE big AS
SELECT array_agg(format('owner%s@whois%s.example', i, i % 100) ORDER BY i) AS whois_good,
       array_agg(CASE i % 8
                   WHEN 0 THEN NULL
                   WHEN 1 THEN ''
                   WHEN 2 THEN 'REDACTED FOR PRIVACY'
                   WHEN 3 THEN format('"admin@example.com"@x%s.example', i)
                   WHEN 4 THEN format('evil%s%%evil.example@example.com', i)
                   WHEN 5 THEN format('Evil <evil%s@evil.example>', i)
                   WHEN 6 THEN format('@evil.example:evil%s@evil.example', i)
                   ELSE format(E'evil%s@evil.example\r\nadmin@example.com', i)
                 END ORDER BY i) AS whois_junk,
       array_agg(CASE WHEN i % 2 = 0 THEN format(' %s@EXAMPLE.com ', (ARRAY['Admin', 'Webmaster'])[i % 4 / 2 + 1]) END ORDER BY i) AS designated_same,
       array_agg(format(E'\tOwner%s@WHOIS.ｅｘａｍｐｌｅ ', i % 10) ORDER BY i) AS whois_repeated
FROM generate_series(1, 100000) AS i;
SELECT cardinality(whois_good), cardinality(whois_junk), cardinality(designated_same), cardinality(whois_repeated) FROM big;

SELECT pg_temp.timed($$SELECT count(*) || ' candidates, ' || count(*) FILTER (WHERE source = 'whois') || ' from WHOIS'
                       FROM big, dcv_candidates('example.com', whois_good)$$);
SELECT pg_temp.timed($$SELECT string_agg(email, ' ') FROM big, dcv_candidates('example.com', whois_junk)$$);
SELECT pg_temp.timed($$SELECT string_agg(email, ' ') FROM big, dcv_candidates('example.com', whois_repeated)$$);
SELECT pg_temp.timed($$SELECT dcv_is_candidate('example.com', whois_good, 'OWNER99999@whois99.example') FROM big$$);
SELECT pg_temp.timed($$SELECT dcv_is_candidate('example.com', whois_junk, 'evil99997@evil.example') FROM big$$);
SELECT pg_temp.timed($$SELECT dcv_default_recipient('TrueBizID', 'example.com', NULL, whois_good) FROM big$$);
SELECT pg_temp.timed($$SELECT dcv_default_recipient('TrueBizID', 'example.com', NULL, whois_junk) FROM big$$);
SELECT pg_temp.timed($$SELECT dcv_default_recipient('QuickSSLPremium', 'example.com', designated_same, whois_junk) FROM big$$);
SELECT pg_temp.timed($$SELECT d[1] || ' ... ' || d[100000] || ', ' || cardinality(d)
                       FROM big, dcv_default_recipient('QuickSSLPremium', 'example.com', whois_good, whois_good) AS d$$);
SELECT pg_temp.timed($$SELECT dcv_default_recipient('QuickSSLPremium', 'example.com', whois_good[1:99999] || 'evil@evil.example'::text, whois_good) FROM big$$);
SELECT pg_temp.timed($$SELECT dcv_default_recipient('QuickSSLPremium', 'example.com', whois_good, whois_junk) FROM big$$);
SELECT pg_temp.timed($$SELECT dcv_default_recipient('TrueBizID', 'example.com', whois_junk, whois_good) FROM big$$);
SELECT pg_temp.timed($$SELECT problem FROM big, dcv_decision('QuickSSLPremium', 'example.com', array_fill(NULL::text, ARRAY[99999]) || 'evil@evil.example'::text, whois_good)$$);
SELECT pg_temp.timed($$SELECT cardinality(dcv_default_recipient('TrueBizID', 'example.com', whois_junk, whois_good, '2018-02-01')) FROM big$$);
SELECT pg_temp.timed($$SELECT dcv_default_recipient('TrueBizID', 'example.com', NULL, whois_good, '2025-07-15') FROM big$$);
