--
-- Hostile input, the next classes of attack (doc/rules.md is the authority
-- for every answer here): look-alike and compatibility forms that UTS#46
-- maps onto another name, or that look like a name and are another one;
-- A-labels that hide what their U-label form would be refused for; dots
-- that are not dots and dots that are; addresses that try to leave the
-- domain; product codes one Unicode case fold away from a real one; arrays
-- of odd shapes and the order in which errors are reported; byte order
-- against case and width; the timeline at its infinite ends; and the order
-- trigger under column types, rules, inheritance, ON CONFLICT, COPY, MERGE,
-- partitions and definitions that drift after CREATE TRIGGER.
--
-- Sections 1 to 11 run in the test database, whatever its encoding: every
-- character in them exists in EUC_JP.  Section 12 holds the characters
-- EUC_JP cannot hold (Kelvin sign, long s, ligatures, soft hyphen, no-break
-- space, C1 controls, ...) and runs in a UTF8 database of its own, so the
-- output is the same in every run.
--
SET client_encoding = 'UTF8';  -- the test files are UTF-8, whatever the database encoding
\set ECHO none
\i sql/include/catch.sql
\set ECHO all
SET datestyle = ISO;

--
-- 1. Addresses designated for an applied domain.  Each is accepted only when
-- its normal form is a candidate of that domain, and then the recipient is
-- the normal form; a look-alike that UTS#46 maps onto the domain is the
-- domain (doc/rules.md, "Terms": the UTS#46 result is authoritative), one
-- that it does not map there is another domain.
--
CREATE TEMP TABLE att_email (id int PRIMARY KEY, domain text NOT NULL, input text);
INSERT INTO att_email VALUES
  -- compatibility forms that UTS#46 maps onto the applied domain: the same address
  (1001, 'ångstrom.example', 'admin@Ångstrom.example'),       -- U+212B ANGSTROM SIGN maps to å
  (1002, 'ångstrom.example', 'admin@Ångstrom.example'),        -- U+00C5 folds to å
  (1003, 'ångstrom.example', 'admin@xn--ngstrom-dxa.example'), -- its A-label
  (1004, 'ångstrom.example', 'admin@angstrom.example'),        -- plain a: another domain
  (1005, 'hotm.example', 'admin@ho™.example'),                 -- U+2122 TRADE MARK SIGN maps to "tm"
  (1006, 'tel.example', 'admin@℡.example'),                    -- U+2121 TELEPHONE SIGN maps to "tel"
  (1007, 'no.example', 'ADMIN@№.EXAMPLE'),                     -- U+2116 NUMERO SIGN maps to "no"
  (1008, '1.example', 'admin@①.example'),                      -- circled digit one
  (1009, 'ii.example', 'admin@ⅰⅰ.example'),                    -- small roman numeral one, twice
  (1010, 'mm.example', 'admin@㎜.example'),                    -- square mm
  (1011, 'example.co.jp', 'admin@㈱example.co.jp'),            -- parenthesized ideograph: "(" is refused
  -- Turkish, Greek and German case: folded by UTS#46, never by locale rules
  (1012, 'wiki.example', 'admin@WIKI.example'),
  (1013, 'wiki.example', 'admin@WİKI.example'),                -- U+0130 maps to i + U+0307: another domain
  (1014, 'wiki.example', 'admin@wıki.example'),                -- dotless ı: another domain
  (1015, 'σας.example', 'admin@σας.example'),
  (1016, 'σας.example', 'admin@ΣΑΣ.example'),                  -- Σ maps to σ, never to final ς
  (1017, 'σας.example', 'admin@xn--mxa8ab.example'),           -- the A-label of σας
  (1018, 'straße.example', 'admin@straße.example'),
  (1019, 'straße.example', 'admin@STRASSE.example'),           -- non-transitional: ß is not "ss"
  (1020, 'strasse.example', 'admin@straße.example'),
  -- Japanese compatibility forms
  (1021, '例え.jp', 'admin@例え。ｊｐ'),
  (1022, '例え.jp', 'ADMIN@XN--R8JZ45G.JP'),
  (1023, '例え.jp', 'admin@ｘｎ－－ｒ８ｊｚ４５ｇ．ｊｐ'),      -- a fullwidth A-label maps to the A-label
  (1024, 'ガイド.jp', 'admin@ｶﾞｲﾄﾞ.jp'),                       -- halfwidth katakana and voiced sound marks
  (1025, 'ガイド.jp', 'admin@カイト.jp'),                      -- without the marks: another domain
  (1026, '上.jp', 'admin@㊤.jp'),                              -- circled ideograph maps to 上
  (1027, '平成.jp', 'admin@㍻.jp'),                            -- square era name maps to 平成
  (1028, 'キロ.jp', 'admin@㌔.jp'),                            -- square kiro maps to キロ
  (1029, '例え.jp', 'admin@例え・jp'),                         -- katakana middle dot is not a dot: one label
  (1030, 'ア・イ.jp', 'admin@ｱ･ｲ.jp'),                         -- halfwidth middle dot maps to ・
  -- look-alike letters of other scripts: another domain
  (1031, 'example.com', 'admin@example.cοm'),                  -- Greek omicron
  (1032, 'example.com', 'admin@ехample.com'),                  -- Cyrillic е and х
  (1033, 'example.com', 'admin@exampIe.com'),                  -- capital I for l: folds to "exampie"
  -- A-labels that hide what the U-label form would be refused or mapped for
  (1034, 'example.com', 'admin@xn--example-.com'),             -- Punycode of plain "example"
  (1035, 'example.com', 'admin@XN--.com'),                     -- "xn--" and nothing
  (1036, 'bücher.example', 'admin@xn--Bcher-kva.example'),     -- mixed case A-label: lowercased first
  (1037, 'bücher.example', 'admin@XN--BCHER-KVA.EXAMPLE'),
  (1038, 'über.example', 'admin@xn--ber-ska.example'),         -- decodes to "Über": a capital in a U-label
  (1039, 'example.com', 'admin@xn--example-nka.com'),          -- hides a soft hyphen
  (1040, 'example.com', 'admin@xn--example-0z6c.com'),         -- hides a zero-width space
  (1041, 'example.com', 'admin@xn--xample-hy68a.com'),         -- hides a fullwidth e
  (1042, '例.jp', 'admin@xn--jp-q13aw71l'),                    -- hides an ideographic full stop ("例。jp")
  (1043, 'ab.example', 'admin@xn--ab-miv.example'),            -- hides U+2260 between a and b
  (1044, 'xn--r8jz45g.jp', 'admin@xn--r8jz45g.jp.'),           -- one trailing dot: dropped
  -- dots: the full stops UTS#46 maps are dots, the others are not
  (1045, 'example.com', 'admin@example.com。'),                -- one trailing ideographic full stop
  (1046, 'example.com', 'admin@example.com．．'),              -- two: an empty label
  (1047, 'example.com', 'admin@．example.com'),
  (1048, 'example.com', 'admin@example。。com'),
  (1049, 'example.com', 'admin@example.com。evil.example'),    -- becomes example.com.evil.example
  (1050, 'example.com', 'admin@example.com.evil.example.'),
  -- trying to leave the domain part or to hide a second address
  (1051, 'example.com', 'admin@evil.example#@example.com'),
  (1052, 'example.com', 'admin#@example.com'),                 -- "#" is atext: usable, not a candidate
  (1053, 'example.com', 'admin@example.com#'),
  (1054, 'example.com', 'admin@example.com/@evil.example'),
  (1055, 'example.com', 'admin\@evil.example'),
  (1056, 'example.com', 'admin@evil.example\@example.com'),
  (1057, 'example.com', '"@"@example.com'),
  (1058, 'example.com', 'admin@[IPv6:::1]'),
  (1059, 'example.com', 'admin@[example.com]'),
  (1060, 'example.com', 'admin@［example.com］'),              -- fullwidth brackets map to [ and ]
  (1061, 'example.com', 'admin@１２７．０．０．１'),            -- an IPv4 address in fullwidth digits
  (1062, 'example.com', 'admin@ex％ample.com'),                -- fullwidth % maps to "%"
  (1063, 'example.com', 'admin％evil.example@example.com'),    -- fullwidth % in the local part
  (1064, 'example.com', 'admin！evil@example.com'),
  (1065, 'example.com', '－oQ/tmp@example.com'),               -- fullwidth hyphen-minus
  (1066, 'example.com', 'admin@－example.com'),                -- maps to a leading "-"
  (1067, 'example.com', 'admin@ex－ample.com'),                -- maps to ex-ample.com: another domain
  (1068, '例え.jp', '管理者@例え.jp'),                         -- Japanese in the local part
  -- local parts that look like something else
  (1069, 'example.com', '=?utf-8?q?admin?=@example.com'),      -- an RFC 2047 encoded-word is not "admin"
  (1070, 'example.com', '|/bin/sh@example.com'),               -- atext: usable, not a candidate
  (1071, 'example.com', 'admin/../postmaster@example.com'),
  (1072, 'example.com', 'admin+postmaster@example.com'),
  (1073, 'example.com', 'PostMaster@EXAMPLE.com'),
  (1074, 'example.com', 'hostmaster.@example.com'),
  (1075, 'example.com', 'web.master@example.com'),
  (1076, 'example.com', 'root@example.com'),
  (1077, 'example.com', 'admin-@example.com'),
  -- where the constructed addresses are: the base domain, not a suffix of it
  (1078, 'www.example.co.jp', 'admin@co.jp'),
  (1079, 'www.example.co.jp', 'admin@jp'),
  (1080, 'shop.example.com', 'admin@hop.example.com'),         -- a suffix, not at a label boundary
  (1081, 'shop.example.com', 'admin@shop.example.com'),        -- a subdomain e-mail: not by default
  (1082, 'example.com.evil.example', 'admin@example.com'),
  (1083, 'example.com.evil.example', 'admin@evil.example'),    -- the base domain of that name
  (1084, 'evil.github.io', 'admin@github.io'),                 -- PRIVATE section ignored
  (1085, 'www.city.kawasaki.jp', 'admin@city.kawasaki.jp'),    -- exception rule
  (1086, 'a.b.kawasaki.jp', 'admin@b.kawasaki.jp'),            -- wildcard rule: b.kawasaki.jp is a suffix
  (1087, 'a.b.kawasaki.jp', 'admin@a.b.kawasaki.jp'),
  (1088, '*.example.com', 'admin@*.example.com'),
  (1089, '*.example.com', 'Admin@Example.com'),
  (1090, 'example.com', 'admin@127.0.0.0x1'),                  -- last label not all digits: a host name
  -- lengths at the limits (bytes of the UTF-8 form, before trimming)
  (1091, 'example.com', repeat(' ', 1007) || 'admin@example.com'),   -- 1024 bytes
  (1092, 'example.com', repeat(' ', 1008) || 'admin@example.com'),   -- 1025 bytes
  (1093, 'example.com', repeat('　', 335) || 'admin@example.com'),   -- 1022 bytes in UTF-8
  (1094, 'example.com', repeat('　', 336) || 'admin@example.com'),   -- 1025 in UTF-8, 689 in EUC_JP
  (1095, repeat('例', 57) || '.jp', 'admin@' || repeat('例', 57) || '.jp'),  -- a 63-octet A-label
  (1096, repeat('例', 57) || '.jp', 'admin@' || repeat('例', 58) || '.jp');  -- a 64-octet one

SELECT id, to_json(left(input, 40)) AS input, to_json(left(domain, 20)) AS domain,
       dcv_email_problem(input) AS problem,
       CASE WHEN dcv_email_problem(input) IS NULL THEN dcv_normalize_email(input) END AS normal_form
FROM att_email ORDER BY id;

-- Designated on the DV line: the recipients, or the SQLSTATE and why.
SELECT h.id, coalesce(d.recipients::text,
                      left(pg_temp.try(format('SELECT dcv_default_recipient(%L, %L, ARRAY[%L])',
                                              'QuickSSLPremium', h.domain, h.input)), 5) || ' ' || d.problem) AS decision
FROM att_email h, dcv_decision('QuickSSLPremium', h.domain, ARRAY[h.input]) AS d
ORDER BY h.id;
-- The detail of a refused subdomain e-mail and of a look-alike.
SELECT id, pg_temp.try(format('SELECT dcv_default_recipient(%L, %L, ARRAY[%L])', 'TrueBizID', domain, input)) AS error
FROM att_email WHERE id IN (1013, 1081) ORDER BY id;

-- On both lines: accepted only as the normal form, and only when a
-- candidate; every refusal names the address and says why.
SELECT p.code, count(*) AS cases,
       count(*) FILTER (WHERE d.problem IS NULL) AS accepted,
       bool_and(d.problem IS NOT NULL OR
                (d.recipients = ARRAY[dcv_normalize_email(h.input)] AND
                 d.recipients <@ ARRAY(SELECT email FROM dcv_candidates(h.domain)))) AS accepted_only_candidates,
       bool_and(d.problem IS NULL OR
                d.problem = format('designated address "%s" is not usable', h.input) OR
                d.problem = format('designated address "%s" is not a DCV candidate for "%s"', h.input, h.domain)
                OR (length(h.input) > 100 AND d.problem LIKE 'designated address "%..." is not usable')) AS problems_say_why
FROM (VALUES ('QuickSSLPremium'), ('TrueBizID')) AS p(code),
     att_email h,
     LATERAL dcv_decision(p.code, h.domain, ARRAY[h.input]) AS d
GROUP BY p.code ORDER BY p.code COLLATE "C";

-- The SQLSTATE says which: ZD003 for an unusable address, ZD004 for a
-- usable one that is not a candidate; dcv_is_candidate says the same.
SELECT bool_and(pg_temp.state(format('SELECT dcv_default_recipient(%L, %L, ARRAY[%L])', 'QuickSSLPremium', domain, input))
                = CASE WHEN dcv_email_problem(input) IS NOT NULL THEN 'ZD003'
                       WHEN dcv_is_candidate(domain, NULL, input) THEN 'ok'
                       ELSE 'ZD004' END) AS sqlstates_agree,
       bool_and(dcv_is_candidate(domain, NULL, input) =
                ((dcv_decision('TrueBizID', domain, ARRAY[input])).problem IS NULL)) AS is_candidate_agrees
FROM att_email;

-- All of them as the WHOIS e-mails of example.com: the WHOIS candidates are
-- exactly the distinct normal forms of the usable ones, in byte order, and
-- rule 2 picks the first of them.
SELECT count(*) FILTER (WHERE c.source = 'whois') AS whois_candidates,
       ARRAY(SELECT c2.email FROM dcv_candidates('example.com', ARRAY(SELECT input FROM att_email ORDER BY id)) AS c2
             WHERE c2.source = 'whois')
       = ARRAY(SELECT DISTINCT dcv_normalize_email(input) COLLATE "C" FROM att_email
               WHERE dcv_email_problem(input) IS NULL ORDER BY 1) AS exactly_the_usable_ones
FROM dcv_candidates('example.com', ARRAY(SELECT input FROM att_email ORDER BY id)) AS c;
SELECT d.recipients, d.rule,
       d.recipients[1] = (SELECT min(dcv_normalize_email(input) COLLATE "C") FROM att_email
                          WHERE dcv_email_problem(input) IS NULL) AS first_in_byte_order
FROM dcv_decision('TrueBizID', 'example.com', NULL, ARRAY(SELECT input FROM att_email ORDER BY id)) AS d;

--
-- 2. Applied domains: the normal form and the base domain, or the error.
--
CREATE TEMP TABLE att_domain (id int PRIMARY KEY, input text);
INSERT INTO att_domain VALUES
  -- trailing, leading and doubled full stops of every kind
  (2001, 'example.com。'),                   -- one trailing dot, after mapping: dropped
  (2002, 'example.com｡'),
  (2003, 'example.com．'),
  (2004, 'example.com．。'),                 -- two: an empty label
  (2005, '。example.com'),
  (2006, '*.example.com。'),
  (2007, '＊．example.com．'),
  (2008, '*。example.com'),                  -- the wildcard label ends at a mapped full stop
  (2009, 'ex＊ample.com'),                   -- "*" only as the whole first label
  (2010, '*．'),
  (2011, '*..example.com'),
  -- Punycode tricks
  (2012, 'xn--'),
  (2013, 'XN--.example'),
  (2014, 'Xn--R8jz45G.jP'),                  -- mixed case A-label: lowercased
  (2015, 'ｘｎ－－ｒ８ｊｚ４５ｇ．ｊｐ'),     -- fullwidth A-label
  (2016, 'xn--example-.com'),                -- decodes to plain ASCII
  (2017, 'xn--Bcher-kva.example'),
  (2018, 'xn--bcher-2pa.example'),           -- decodes to "bÜcher": a capital in a U-label
  (2019, 'xn--wca.example'),                 -- "Ü"
  (2020, 'xn--tda.example'),                 -- "ü"
  (2021, 'xn--7wa.example'),                 -- "Σ"
  (2022, 'xn--3xa.example'),                 -- "ς": valid, and not "σ"
  (2023, 'xn--4xa.example'),                 -- "σ"
  (2024, 'xn--stanbul-ifb.example'),         -- "İstanbul"
  (2025, 'xn--istanbul-o0e.example'),        -- "i" + U+0307 + "stanbul", what İstanbul maps to
  (2026, 'xn--ngstrom-tv8c.example'),        -- with U+212B ANGSTROM SIGN
  (2027, 'xn--72g.example'),                 -- U+212B alone
  (2028, 'xn--e-xbb.example'),               -- e + U+0301: not NFC
  (2029, 'xn--1ug.example'),                 -- a zero-width joiner alone
  (2030, 'xn--ph7c.example'),                -- a fullwidth A
  (2031, 'xn----lb7a.jp'),                   -- "-例": a leading hyphen in the U-label
  (2032, 'xn----kb7a.jp'),                   -- "例-"
  (2033, 'xn--ab---3u6f.jp'),                -- "ab--例"
  (2034, 'xn--9hbc.example'),                -- Arabic-Indic digits: the Bidi rule
  (2035, '1example.xn--5dbqzzl'),            -- a Hebrew A-label brings the Bidi rule to the ASCII label
  (2036, 'a1.xn--5dbqzzl'),
  (2037, 'xn--xn--tda-.example'),
  (2038, 'xn-tda.example'),                  -- not the prefix
  (2039, 'xn---tda.example'),
  (2040, 'xn--fsq' || repeat('a', 56) || '.jp'),  -- 63 octets
  (2041, 'xn--fsq' || repeat('a', 57) || '.jp'),  -- 64 octets
  (2042, repeat('例', 57) || '.jp'),              -- its A-label is 63 octets
  (2043, repeat('例', 58) || '.jp'),              -- 64 octets
  (2044, repeat(repeat('例', 57) || '.', 3) || 'jp'),  -- 194 octets as A-labels
  (2045, repeat(repeat('例', 57) || '.', 4) || 'jp'),  -- 258 octets as A-labels, 690 bytes typed
  (2046, 'b' || repeat('abcdefghi.', 24) || 'abcdefghi.jp.'),  -- 253 octets and one trailing dot
  (2047, 'bb' || repeat('abcdefghi.', 24) || 'abcdefghi.jp.'), -- 254
  (2048, 'ab--例え.jp'),
  -- Japanese compatibility forms
  (2049, 'ｶﾞｲﾄﾞ.jp'),
  (2050, 'ガイド.jp'),
  (2051, 'ｳﾞ.jp'),                           -- halfwidth u and voiced mark: ヴ
  (2052, 'ｱ･ｲ.jp'),
  (2053, '・.jp'),                           -- CONTEXTO rules are not applied
  (2054, '㊤.jp'),
  (2055, '㍻.jp'),
  (2056, '㌔.jp'),
  (2057, '①②.jp'),
  (2058, '㈱.jp'),
  (2059, 'ﾞ.jp'),                            -- a voiced mark alone: a leading combining mark
  -- other compatibility and case forms
  (2060, 'ho™.example'),
  (2061, '№.example'),
  (2062, 'ⅰⅰ.example'),
  (2063, 'Ångstrom.example'),
  (2064, 'WİKI.example'),
  (2065, 'ΣΑΣ.example'),
  (2066, 'σας.example'),
  (2067, 'straße.example'),
  -- digits, hyphens and things that read as addresses
  (2068, '127.0.0.0x1'),                     -- last label not all digits
  (2069, 'example.１２３'),
  (2070, '１２７．０．０．１'),
  (2071, '0x7f.0.0.1'),
  (2072, 'example.0'),
  (2073, 'example・com'),                    -- one label: a top-level name of its own
  (2074, 'ex－ample.com'),
  (2075, 'ex－－ample.com'),
  (2076, '－example.com'),
  (2077, 'ex‐ample.com'),                    -- U+2010 HYPHEN
  (2078, 'ex―ample.com'),                    -- U+2015 HORIZONTAL BAR
  (2079, 'example.сом'),
  (2080, 'exa≠mple.com'),
  (2081, 'example.123.'),                    -- the trailing dot goes first: the last label is "123"
  (2082, 'example.１２３．'),
  (2083, 'example.0x'),                      -- not all digits
  (2084, '*.1.2'),
  -- the input limit counts the UTF-8 form: 342 fullwidth letters are 1026
  -- bytes in UTF-8 (684 in EUC_JP)
  (2085, repeat('ａ', 342)),
  -- Public Suffix List rules seen through mapping
  (2086, 'a.www.ck'),                        -- an exception under a wildcard rule
  (2087, 'foo.ck'),
  (2088, 'ＣＩＴＹ．ＫＡＷＡＳＡＫＩ．ＪＰ'),
  (2089, '東京.jp'),                         -- a public suffix written in kanji
  (2090, 'a.b.東京.jp'),
  (2091, 'www.例え.日本');

SELECT id, to_json(left(input, 40)) AS input,
       pg_temp.try(format($$SELECT dcv_normalize_domain(%1$L) || ' -> base ' || dcv_base_domain(%1$L)$$, input)) AS result
FROM att_domain ORDER BY id;

-- What is accepted is a fixed point, lowercase ASCII within the lengths,
-- with the same base domain, and its constructed addresses are at that base
-- domain; what is refused is ZD001 or ZD002.
SELECT count(*) FILTER (WHERE ok) AS accepted, count(*) FILTER (WHERE NOT ok) AS refused,
       bool_and(NOT ok OR (dcv_normalize_domain(n) = n AND dcv_base_domain(n) = dcv_base_domain(input)
                           AND n ~ '^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+$' AND length(n) <= 255
                           AND NOT EXISTS (SELECT FROM regexp_split_to_table(n, '\.') AS l WHERE length(l) > 63))) AS fixed_points,
       bool_and(NOT ok OR ARRAY(SELECT email FROM dcv_candidates(input))
                          = ARRAY(SELECT lp || '@' || dcv_base_domain(input)
                                  FROM unnest(ARRAY['admin', 'administrator', 'hostmaster', 'postmaster', 'webmaster']) AS lp)) AS constructed_at_base,
       bool_and(ok OR pg_temp.state(format('SELECT dcv_base_domain(%L)', input)) IN ('ZD001', 'ZD002')) AS refusals_are_zd001_or_zd002
FROM (SELECT input, pg_temp.state(format('SELECT dcv_base_domain(%L)', input)) = 'ok' AS ok,
             CASE WHEN pg_temp.state(format('SELECT dcv_base_domain(%L)', input)) = 'ok' THEN dcv_normalize_domain(input) END AS n
      FROM att_domain) AS t;

--
-- 3. Product codes: ASCII letters match case-insensitively, nothing else is
-- folded (doc/rules.md, "Product codes"): no Turkish or Unicode case
-- mapping, no width folding, no trimming.
--
SELECT to_json(code) AS code,
       pg_temp.try(format('SELECT dcv_default_recipient(%L, %L)', code, 'example.com')) AS result
FROM (VALUES
  ('TrueBızID'),                             -- dotless ı
  ('TRUEBİZID'),                             -- capital İ with dot
  ('truebizıd'),
  ('SeсureSite'),                            -- Cyrillic с
  ('SecureSiteΕV'),                          -- Greek Ε
  ('SecureSiteEＶ'),                         -- fullwidth V
  ('SECURESITEPROEV'),
  ('securesitepro'),
  ('SecureSite　'),                          -- ideographic space, not trimmed
  (E'\tSecureSite'),
  ('QuickSSLPremiumWC'),                     -- not a code of the notice
  ('TrueBizIDWCMD'),
  ('TRUEBIZIDMDWC')
) AS t(code);

-- Rows of one's own: a code that differs from a built-in one in ASCII case
-- only cannot be added; one that differs by a non-ASCII letter or a space is
-- another code, and changes nothing for the built-in one.
SELECT pg_temp.try($$INSERT INTO dcv_product (code, line, brand, validation) VALUES ('truebizid', 'dv', 'x', 'DV') RETURNING code$$) AS same_code_lowercase,
       pg_temp.try($$INSERT INTO dcv_product (code, line, brand, validation) VALUES ('SECURESITEEV', 'dv', 'x', 'DV') RETURNING code$$) AS same_code_uppercase,
       pg_temp.try($$INSERT INTO dcv_product (code, line, brand, validation) VALUES ('', 'dv', 'x', 'DV') RETURNING code$$) AS empty_code;
SELECT pg_temp.try($$INSERT INTO dcv_product (code, line, brand, validation) VALUES ('RapidSSL', 'DV', 'x', 'DV') RETURNING code$$) AS line_in_capitals,
       pg_temp.try($$INSERT INTO dcv_product (code, line, brand, validation, builtin) VALUES ('RapidSSL', 'dv', 'x', 'DV', true) RETURNING code$$) AS claims_builtin;
INSERT INTO dcv_product (code, line, brand, validation) VALUES
  ('TrueBızID', 'dv', 'Look-alike', 'DV'),
  ('TrueBizID ', 'dv', 'Look-alike', 'DV'),
  (repeat('X', 63), 'dv', 'Long', 'DV'),
  (repeat('X', 64), 'ov_ev', 'Long', 'OV'),
  (repeat('X', 200), 'dv', 'Long', 'DV');
SELECT pg_temp.try($$UPDATE dcv_product SET code = 'trueBIZid' WHERE code = 'TrueBızID' RETURNING code$$) AS renamed_onto_builtin;
-- An upsert or a MERGE that lands on a built-in row changes it: refused.
SELECT label, pg_temp.try(stmt) AS result
FROM (VALUES
  ('ON CONFLICT (code)', $$INSERT INTO dcv_product (code, line, brand, validation) VALUES ('TrueBizID', 'dv', 'x', 'DV')
                           ON CONFLICT (code) DO UPDATE SET line = EXCLUDED.line RETURNING line$$),
  ('ON CONFLICT on the case-insensitive index', $$INSERT INTO dcv_product (code, line, brand, validation) VALUES ('truebizid', 'dv', 'x', 'DV')
                           ON CONFLICT (lower(code COLLATE "C")) DO UPDATE SET line = EXCLUDED.line RETURNING line$$),
  ('MERGE', $$MERGE INTO dcv_product AS p USING (VALUES ('SECURESITE')) AS v(code) ON lower(p.code COLLATE "C") = lower(v.code COLLATE "C")
              WHEN MATCHED THEN UPDATE SET line = 'dv'$$),
  ('a user row made built-in', $$UPDATE dcv_product SET builtin = true WHERE code = 'TrueBizID ' RETURNING code$$)
) AS t(label, stmt);
INSERT INTO dcv_rule_date (change, effective) VALUES ('sc090', '2029-01-01');
SELECT pg_temp.try($$UPDATE dcv_rule_date SET builtin = true WHERE NOT builtin RETURNING change$$) AS date_made_builtin;
DELETE FROM dcv_rule_date WHERE NOT builtin;
SELECT code, line FROM dcv_product WHERE code IN ('TrueBizID', 'SecureSite') ORDER BY code COLLATE "C";
SELECT to_json(left(code, 20)) AS code, length(code), d.line, coalesce(d.rule, d.problem) AS rule_or_problem
FROM (VALUES ('TrueBızID'), ('TRUEBıZID'), ('TrueBizID '), ('TrueBizID'), ('TRUEBIZID'),
             (repeat('X', 63)), (repeat('x', 64)), (repeat('X', 65)), (repeat('x', 200)),
             (repeat('X', 63) || 'Y'), (repeat('X', 62)), (repeat('X', 63))) AS t(code),
     LATERAL dcv_decision(code, 'example.com', NULL, ARRAY['z@example.com']) AS d;
DELETE FROM dcv_product WHERE NOT builtin;
SELECT count(*) AS products, count(*) FILTER (WHERE builtin) AS builtin FROM dcv_product;

--
-- 4. Arrays of odd shapes, and which check decides when several fail
-- (doc/rules.md, "Errors": product, arrays' shape, domain, date,
-- designated addresses in the order given, DV without designation).
--
SELECT id, coalesce(d.recipients::text || ' ' || d.rule, d.problem) AS decision,
       array_lower(d.recipients, 1) AS lower_bound,
       pg_temp.state(format('SELECT dcv_default_recipient(%L, %L, %L, %L, %L, %L)',
                            product, domain, designated, whois, as_of, subdomains)) AS sqlstate
FROM (VALUES
  -- lower bounds other than 1: the result starts at 1
  (4001, 'QuickSSLPremium', 'example.com', '[5:6]={ADMIN@example.com,webmaster@example.com}'::text[], NULL::text[], NULL::date, false),
  (4002, 'QuickSSLPremium', 'example.com', '[2147483645:2147483646]={admin@example.com,evil@evil.example}', NULL, NULL, false),
  (4003, 'QuickSSLPremium', 'example.com', '[-2147483648:-2147483647]={NULL,Postmaster@example.com}', NULL, NULL, false),
  (4004, 'TrueBizID', 'example.com', NULL, '[0:2]={b@example.com,NULL,a@example.com}', NULL, false),
  -- empty arrays, and arrays that only look two-dimensional
  (4005, 'QuickSSLPremium', 'example.com', '{}', '{z@example.com}', NULL, false),
  (4006, 'QuickSSLPremium', 'example.com', ARRAY[ARRAY[]::text[], ARRAY[]::text[]], '{z@example.com}', NULL, false),  -- PostgreSQL makes it '{}'
  (4007, 'TrueBizID', 'example.com', '{}', '{}', NULL, false),                           -- WHOIS lists none
  (4008, 'TrueBizID', 'example.com', '{NULL,NULL}', '{NULL}', NULL, false),
  -- two dimensions: 2202E, before the domain, the date and the addresses
  (4009, 'QuickSSLPremium', 'example.com', '[1:1][1:1]={{admin@example.com}}', NULL, NULL, false),
  (4010, 'QuickSSLPremium', 'example.com', ARRAY[[NULL, NULL]]::text[], NULL, NULL, false),
  (4011, 'TrueBizID', 'example.com', NULL, '{{a@example.com}}', '2017-01-01', false),   -- before the notice too
  (4012, 'TrueBizID', 'co.jp', '{{admin@example.com}}', NULL, NULL, false),
  (4013, 'TrueBizID', 'exa mple.com', NULL, '{{a@example.com},{b@example.com}}', '2030-01-01', false),
  (4014, 'RapidSSL', 'example.com', '{{admin@example.com}}', NULL, NULL, false),         -- the product first
  -- the domain before the date, the date before the addresses
  (4015, 'TrueBizID', 'exa mple.com', '{evil@evil.example}', NULL, '2030-01-01', false),
  (4016, 'TrueBizID', 'co.jp', '{evil@evil.example}', NULL, '2030-01-01', false),
  (4017, 'TrueBizID', 'example.com', '{"not an address"}', NULL, '2030-01-01', false),
  -- the first address that fails, in the order given
  (4018, 'TrueBizID', 'example.com', '{admin@example.com,evil@evil.example,"not an address"}', NULL, NULL, false),
  (4019, 'TrueBizID', 'example.com', '{admin@example.com,"not an address",evil@evil.example}', NULL, NULL, false),
  -- before the notice designated addresses are neither used nor checked
  (4020, 'QuickSSLPremium', 'example.com', '{"not an address",evil@evil.example}', '{z@example.com}', '2018-02-01', false),
  (4021, 'TrueBizID', 'www.example.com', '{admin@www.example.com}', NULL, '2018-02-01', true),  -- nor subdomain e-mails added
  -- duplicates by normal form, in every disguise: the first position kept
  (4022, 'QuickSSLPremium', 'example.com', ARRAY['Webmaster@Example.com', 'admin@ｅｘａｍｐｌｅ．ｃｏｍ', 'WEBMASTER@EXAMPLE.COM.',
                                                 NULL, 'admin@example.com。', E'\tadmin@EXAMPLE.com '], NULL, NULL, false),
  -- an element at the length limit, and one byte over it
  (4023, 'QuickSSLPremium', 'example.com', ARRAY[repeat(' ', 1007) || 'admin@example.com'], NULL, NULL, false),
  (4024, 'QuickSSLPremium', 'example.com', ARRAY[repeat(' ', 1008) || 'admin@example.com'], NULL, NULL, false),
  -- subdomains NULL is false
  (4025, 'QuickSSLPremium', 'www.example.com', '{admin@www.example.com}', NULL, NULL, NULL),
  -- from SC-080: a WHOIS e-mail that is also a constructed one stays a
  -- candidate, one that is not is no longer one
  (4026, 'QuickSSLPremium', 'example.com', '{admin@example.com}', '{admin@example.com}', '2025-07-15', false),
  (4027, 'QuickSSLPremium', 'example.com', '{z@example.com}', '{z@example.com}', '2025-07-15', false),
  (4028, 'QuickSSLPremium', 'www.example.com', '{admin@www.example.com}', '{z@example.com}', '2025-07-15', true),
  -- subdomain e-mails compare normal forms too, and stop at the applied domain
  (4029, 'QuickSSLPremium', 'ＷＷＷ．例え。jp', '{admin@www.xn--r8jz45g.jp}', NULL, NULL, true),
  (4030, 'QuickSSLPremium', 'www.例え.jp', '{admin@ｗｗｗ．例え．ｊｐ}', NULL, NULL, false),
  (4031, 'QuickSSLPremium', '*.www.例え.jp', '{admin@x.www.例え.jp}', NULL, NULL, true),
  (4032, 'QuickSSLPremium', '*.www.例え.jp', '{Hostmaster@WWW.例え.jp}', NULL, NULL, true),
  -- before the notice: a constructed address found in WHOIS is listed once,
  -- where WHOIS puts it; the DV line needs no designation then; from SC-090
  -- the date decides before the missing designation
  (4033, 'TrueBizID', 'example.com', NULL, '{Webmaster@Example.com,b@x.example}', '2018-02-01', false),
  (4034, 'QuickSSLPremium', 'example.com', NULL, NULL, '2018-02-01', false),
  (4035, 'QuickSSLPremium', 'example.com', NULL, NULL, '2028-03-15', false),
  -- a product's wildcard flag never changes a decision
  (4036, 'QuickSSLPremium', '*.example.com', '{admin@example.com}', NULL, NULL, false),
  (4037, 'QuickSSLPremiumWildcard', 'www.example.com', '{admin@example.com}', NULL, NULL, false)
) AS o(id, product, domain, designated, whois, as_of, subdomains),
     LATERAL dcv_decision(o.product, o.domain, o.designated, o.whois, o.as_of, o.subdomains) AS d
ORDER BY id;
SELECT pg_temp.try($$SELECT dcv_default_recipient('QuickSSLPremium', 'example.com', '{z@example.com}', '{z@example.com}', '2025-07-15')$$) AS sc080_detail;

--
-- 5. ABC order is the byte order of normal forms (doc/rules.md, "Order"):
-- not of the input, not of a collation, not case-insensitive.
--
SELECT id, whois, d.recipients AS rule_2,
       ARRAY(SELECT email FROM dcv_candidates('example.com', whois) WHERE source = 'whois') AS whois_candidates
FROM (VALUES
  (5001, ARRAY['A@example.com', '_@example.com']),      -- "_" is 0x5F: after "A", before "a"
  (5002, ARRAY['A@example.com', '`@example.com']),      -- "`" is 0x60
  (5003, ARRAY['{@example.com', 'Z@example.com']),      -- "{" is 0x7B, after "z"
  (5004, ARRAY['a@c.example', 'a@ｂ.example']),          -- fullwidth b: compared as "b"
  (5005, ARRAY['a@xn--r8jz45g.jp', 'a@例え.jp', 'A@B.JP']),
  (5006, ARRAY['a.b@x.example', 'a-b@x.example', 'a@x.example', 'a1@x.example', 'a+b@x.example']),
  (5007, ARRAY['#@example.com', '*@example.com', '~@example.com']),
  (5008, ARRAY[' Z@example.com', 'z@EXAMPLE.com', 'z@example.com.'])
) AS t(id, whois),
     LATERAL dcv_decision('TrueBizID', 'example.com', NULL, t.whois) AS d
ORDER BY id;

--
-- 6. The timeline at its ends (doc/rules.md, "The timeline": a step holds
-- from its date, inclusive; the order of the steps is not data).
--
\set decide 'SELECT as_of, coalesce(d.recipients::text || '' '' || d.rule, d.problem) AS decision FROM unnest(ARRAY[''-infinity'', ''4713-01-01 BC'', ''2018-02-01'', ''2018-02-02'', ''2025-07-15'', ''2028-03-15'', ''5874897-12-31'', ''infinity'', NULL]::date[]) WITH ORDINALITY AS a(as_of, n), LATERAL dcv_decision(''TrueBizID'', ''example.com'', NULL, ARRAY[''z@example.com''], a.as_of) AS d ORDER BY n'
-- The built-in dates: -infinity is before the notice, infinity after SC-090.
:decide;
SELECT pg_temp.try($$SELECT dcv_default_recipient('TrueBizID', 'example.com', NULL, NULL, 'infinity')$$) AS on_infinity;
-- SC-090 postponed for ever: on the last finite date SC-080 holds; on
-- infinity itself SC-090 holds, since its step holds from its date.
INSERT INTO dcv_rule_date (change, effective, description) VALUES ('sc090', 'infinity', 'never (test)');
:decide;
-- SC-080 postponed for ever as well (and SC-090's first step, which follows
-- it): the notice's rules to the last finite day.
INSERT INTO dcv_rule_date (change, effective) VALUES ('sc080', 'infinity'), ('sc090_discouraged', 'infinity');
:decide;
-- The notice too (and SC13 after it): every finite day is before it.
INSERT INTO dcv_rule_date (change, effective) VALUES ('notice_2018', 'infinity'), ('sc13', 'infinity');
:decide;
SELECT change, effective, builtin FROM dcv_timeline ORDER BY change;
DELETE FROM dcv_rule_date WHERE NOT builtin;
-- The notice from the beginning of time: no day is before it.
INSERT INTO dcv_rule_date (change, effective) VALUES ('notice_2018', '-infinity');
:decide;
DELETE FROM dcv_rule_date WHERE NOT builtin;

-- Rows that do not name a change exactly, or claim to be built-in, or
-- override twice, or break the order, are refused by the statement.
SELECT change, pg_temp.try(format('INSERT INTO dcv_rule_date (change, effective, builtin) VALUES (%L, %L, %L) RETURNING change',
                                  change, effective, builtin)) AS result
FROM (VALUES ('SC080', '2026-01-01'::date, false),   -- the names are lowercase
             ('sc080 ', '2026-01-01', false),
             ('Sc090', '2029-01-01', false),
             ('ｓｃ０８０', '2026-01-01', false),
             ('sc080', '2026-01-01', true),
             ('sc080', '-infinity', false),            -- before the notice
             ('notice_2018', 'infinity', false),       -- after SC-080 and SC-090
             ('sc090', '2025-07-14', false)) AS t(change, effective, builtin);
SELECT pg_temp.try($$INSERT INTO dcv_rule_date (change, effective) VALUES ('sc080', '2026-01-01'), ('sc080', '2027-01-01') RETURNING change$$) AS twice;
SELECT pg_temp.try($$TRUNCATE dcv_rule_date$$) AS truncate;
-- A DELETE that brings back a built-in date may break the order too.
INSERT INTO dcv_rule_date (change, effective)
VALUES ('notice_2018', '2030-01-01'), ('sc13', '2030-06-01'), ('sc080', '2031-01-01'),
       ('sc090_discouraged', '2031-06-01'), ('sc090', '2032-01-01');
SELECT pg_temp.try($$DELETE FROM dcv_rule_date WHERE change = 'sc080' AND NOT builtin RETURNING change$$) AS delete_sc080;
SELECT pg_temp.try($$UPDATE dcv_rule_date SET change = 'sc090' WHERE change = 'sc080' AND NOT builtin RETURNING change$$) AS rename_to_existing;
DELETE FROM dcv_rule_date WHERE NOT builtin;
-- Equal dates: the later step applies from that day, the earlier on no day.
INSERT INTO dcv_rule_date (change, effective) VALUES ('sc090_discouraged', '2025-07-15'), ('sc090', '2025-07-15');
:decide;
DELETE FROM dcv_rule_date WHERE NOT builtin;

-- One statement, one snapshot: a date or a product written by the same
-- statement is not seen by its decisions, exactly as a join in it does not
-- see it; the next statement of the transaction sees both.
BEGIN;
WITH ins AS (INSERT INTO dcv_rule_date (change, effective) VALUES ('sc080', '2026-01-01') RETURNING effective)
SELECT ins.effective AS written, (SELECT effective FROM dcv_timeline WHERE change = 'sc080') AS joined,
       dcv_default_recipient('TrueBizID', 'example.com', NULL, ARRAY['z@example.com'], '2025-08-01') AS decided
FROM ins;
SELECT (SELECT effective FROM dcv_timeline WHERE change = 'sc080') AS joined,
       dcv_default_recipient('TrueBizID', 'example.com', NULL, ARRAY['z@example.com'], '2025-08-01') AS decided;
WITH ins AS (INSERT INTO dcv_product (code, line, brand, validation) VALUES ('RapidSSL', 'ov_ev', 'RapidSSL', 'DV') RETURNING code)
SELECT ins.code, (SELECT count(*) FROM dcv_product WHERE code = 'RapidSSL') AS joined,
       (dcv_decision('RapidSSL', 'example.com')).problem AS decided
FROM ins;
SELECT (SELECT count(*) FROM dcv_product WHERE code = 'RapidSSL') AS joined,
       (dcv_decision('RapidSSL', 'example.com')).recipients AS decided;
ROLLBACK;
SELECT (dcv_decision('RapidSSL', 'example.com')).problem AS after_rollback;

--
-- 7. The order trigger (doc/rules.md, "What the order trigger promises").
--
CREATE TABLE att_orders (
  id int PRIMARY KEY, product text, domain text, designated text[], whois text[],
  recipients text[] DEFAULT ARRAY['evil@evil.example'], rule text DEFAULT 'designated', as_of date,
  status text,
  first_recipient text GENERATED ALWAYS AS (recipients[1]) STORED   -- computed from what dcv wrote
);
CREATE TRIGGER att_orders_dcv BEFORE INSERT OR UPDATE ON att_orders FOR EACH ROW
  EXECUTE FUNCTION dcv_recipient_trigger(product, domain, designated, whois, recipients, rule, as_of);
-- The defaults of the written columns are overwritten, and a generated
-- column computed from them sees what dcv wrote.
INSERT INTO att_orders (id, product, domain, whois) VALUES (1, 'TrueBizID', 'example.com', ARRAY['z@example.com'])
RETURNING id, recipients, rule, first_recipient;
INSERT INTO att_orders (id, product, domain, designated) VALUES (2, 'QuickSSLPremium', 'example.com', ARRAY['Webmaster@Example.com'])
RETURNING id, recipients, rule, first_recipient;
-- Statements that write the recipients or the rule themselves, in every
-- form UPDATE has: decided again, so the rules' answer is what is stored.
UPDATE att_orders SET recipients = DEFAULT WHERE id = 1 RETURNING id, recipients, rule;
UPDATE att_orders SET rule = DEFAULT WHERE id = 1 RETURNING id, recipients, rule;
UPDATE att_orders SET recipients[1] = 'evil@evil.example' WHERE id = 1 RETURNING id, recipients, rule;
UPDATE att_orders SET recipients[2] = 'evil@evil.example' WHERE id = 1 RETURNING id, recipients, rule;
UPDATE att_orders SET recipients = recipients || 'evil@evil.example'::text WHERE id = 2 RETURNING id, recipients, rule;
UPDATE att_orders SET (recipients, rule) = (SELECT ARRAY['evil@evil.example'], 'designated') WHERE id = 1 RETURNING id, recipients, rule;
UPDATE att_orders AS o SET recipients = v.r FROM (VALUES (1, ARRAY['evil@evil.example']), (2, ARRAY['evil@evil.example'])) AS v(id, r)
WHERE o.id = v.id RETURNING o.id, o.recipients, o.rule;
-- Element assignments to a source column: decided again, and checked.
SELECT pg_temp.try($$UPDATE att_orders SET designated[1] = 'evil@evil.example' WHERE id = 2 RETURNING recipients::text$$) AS designated_1_evil;
UPDATE att_orders SET designated[3] = 'ADMIN@example.com' WHERE id = 1 RETURNING id, designated, recipients, rule;
-- INSERT ... ON CONFLICT DO UPDATE: EXCLUDED holds what the trigger decided
-- for the proposed row; written onto the existing row, it is decided again
-- for that row's sources.
INSERT INTO att_orders (id, product, domain, whois) VALUES (3, 'TrueBizID', 'example.org', ARRAY['z@example.org']);
INSERT INTO att_orders (id, product, domain, designated) VALUES (3, 'QuickSSLPremium', 'example.org', ARRAY['admin@example.org'])
ON CONFLICT (id) DO UPDATE SET recipients = EXCLUDED.recipients, rule = EXCLUDED.rule
RETURNING id, product, recipients, rule;
INSERT INTO att_orders (id, product, domain, designated) VALUES (3, 'QuickSSLPremium', 'example.org', ARRAY['admin@example.org'])
ON CONFLICT (id) DO UPDATE SET product = EXCLUDED.product, designated = EXCLUDED.designated
RETURNING id, product, recipients, rule;
INSERT INTO att_orders (id, product, domain, designated, recipients) VALUES (3, 'QuickSSLPremium', 'example.org', ARRAY['admin@example.org'], ARRAY['evil@evil.example'])
ON CONFLICT (id) DO NOTHING;
-- MERGE: the inserted row's recipients are overwritten, the updated row's
-- decided again.
MERGE INTO att_orders AS o
USING (VALUES (3, ARRAY['evil@evil.example']), (4, ARRAY['evil@evil.example'])) AS s(id, r) ON o.id = s.id
WHEN MATCHED THEN UPDATE SET recipients = s.r, rule = 'designated'
WHEN NOT MATCHED THEN INSERT (id, product, domain, whois, recipients, rule) VALUES (s.id, 'TrueBizIDEV', 'example.net', ARRAY['Owner@Example.net'], s.r, 'designated');
SELECT id, recipients, rule FROM att_orders WHERE id IN (3, 4) ORDER BY id;
-- COPY with the recipients given: overwritten; a row that cannot be
-- decided rejects the whole COPY.
COPY att_orders (id, product, domain, designated, whois, recipients, rule) FROM stdin;
5	SecureSite	example.info	\N	{b@example.info,A@example.info}	{evil@evil.example}	designated
6	QuickSSLPremiumMD	example.info	{hostmaster@example.info}	\N	{evil@evil.example,hostmaster@example.info}	admin_fallback
\.
SELECT pg_temp.state($$COPY att_orders (id, product, domain, recipients) FROM PROGRAM 'printf "7\tQuickSSLPremium\texample.info\t{evil@evil.example}\n"'$$) AS copy_undecidable;
SELECT id, recipients, rule FROM att_orders WHERE id >= 5 ORDER BY id;
-- INSERT ... SELECT from a table of evil rows.
CREATE TEMP TABLE att_evil AS
SELECT 10 + i AS id, 'TrueBizID'::text AS product, 'example.biz'::text AS domain,
       ARRAY['evil@evil.example'] AS recipients, 'whois_first'::text AS rule
FROM generate_series(1, 3) AS i;
INSERT INTO att_orders (id, product, domain, recipients, rule) SELECT * FROM att_evil RETURNING id, recipients, rule;

-- Rewrite rules: an INSTEAD rule on a view that writes the order table with
-- recipients of its own, and a rule that turns an INSERT into an UPDATE of
-- the recipients.  The trigger fires for what reaches the table.
CREATE VIEW att_orders_entry AS SELECT id, product, domain, designated, whois FROM att_orders;
CREATE RULE att_orders_entry_ins AS ON INSERT TO att_orders_entry DO INSTEAD
  INSERT INTO att_orders (id, product, domain, designated, whois, recipients, rule)
  VALUES (NEW.id, NEW.product, NEW.domain, NEW.designated, NEW.whois, ARRAY['evil@evil.example'], 'designated');
INSERT INTO att_orders_entry (id, product, domain) VALUES (20, 'SecureSiteEV', 'example.travel');
CREATE RULE att_orders_reinsert AS ON INSERT TO att_orders
  WHERE EXISTS (SELECT FROM att_orders AS x WHERE x.id = NEW.id) DO INSTEAD
  UPDATE att_orders SET recipients = ARRAY['evil@evil.example'], rule = 'designated' WHERE id = NEW.id;
INSERT INTO att_orders (id, product, domain) VALUES (20, 'SecureSiteEV', 'example.travel');
DROP RULE att_orders_reinsert ON att_orders;
SELECT id, recipients, rule FROM att_orders WHERE id = 20;
-- A view WITH CHECK OPTION that admits only evil recipients admits nothing:
-- the option checks what the trigger wrote.
CREATE VIEW att_orders_evil AS SELECT * FROM att_orders WHERE recipients @> ARRAY['evil@evil.example'] WITH CHECK OPTION;
SELECT pg_temp.state($$INSERT INTO att_orders_evil (id, product, domain, recipients) VALUES (21, 'TrueBizID', 'example.com', ARRAY['evil@evil.example'])$$) AS check_option;

-- Every row of the table holds what the decision functions say.
SELECT count(*) AS orders,
       bool_and(o.recipients = d.recipients AND o.rule = d.rule
                AND o.recipients = dcv_default_recipient(o.product, o.domain, o.designated, o.whois, o.as_of)) AS all_agree,
       count(*) FILTER (WHERE 'evil@evil.example' = ANY (o.recipients)) AS evil
FROM att_orders AS o, LATERAL dcv_decision(o.product, o.domain, o.designated, o.whois, o.as_of) AS d;

--
-- 8. Definitions under which the promise could not hold, and definitions
-- that drift after CREATE TRIGGER: refused when a row is written.
--
CREATE DOMAIN att_text AS text;
CREATE DOMAIN att_text_array AS text[];
CREATE FUNCTION pg_temp.definition(cols text, args text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE r text;
BEGIN
  EXECUTE format('CREATE TABLE att_def (%s)', cols);
  EXECUTE format('CREATE TRIGGER att_def_dcv BEFORE INSERT OR UPDATE ON att_def FOR EACH ROW EXECUTE FUNCTION dcv_recipient_trigger(%s)', args);
  r := pg_temp.try($q$INSERT INTO att_def (product, domain) VALUES ('TrueBizID', 'example.com') RETURNING recipients::text$q$);
  DROP TABLE att_def;
  RETURN r;
END $$;
SELECT id, pg_temp.definition(cols, 'product, domain, designated, whois, recipients') AS result
FROM (VALUES
  (8001, 'product att_text, domain text, designated text[], whois text[], recipients text[]'),          -- a domain over text
  (8002, 'product text, domain att_text, designated text[], whois text[], recipients text[]'),
  (8003, 'product text, domain text, designated text[], whois text[], recipients att_text_array'),      -- a domain over text[]
  (8004, 'product text, domain text, designated varchar[], whois text[], recipients text[]'),
  (8005, 'product char(12), domain text, designated text[], whois text[], recipients text[]'),
  (8006, 'product name, domain text, designated text[], whois text[], recipients text[]'),
  (8008, 'product varchar(40), domain varchar(253) COLLATE "C", designated text[], whois text[], recipients text[]')
) AS t(id, cols)
ORDER BY id;
-- varchar(n): what is stored is what is decided on.  An explicit cast
-- truncates before the trigger runs (an unknown product and a foreign
-- domain become a known product and the designated address's domain);
-- without one, the value is refused before the trigger runs.
CREATE TABLE att_short (product varchar(15), domain varchar(11), designated text[], whois text[], recipients text[]);
CREATE TRIGGER att_short_dcv BEFORE INSERT OR UPDATE ON att_short FOR EACH ROW
  EXECUTE FUNCTION dcv_recipient_trigger(product, domain, designated, whois, recipients);
SELECT pg_temp.state($$INSERT INTO att_short VALUES ('TrueBizID', 'example.com.evil.example')$$) AS without_cast;
INSERT INTO att_short VALUES ('QuickSSLPremiumX'::varchar(15), 'example.com.evil.example'::varchar(11), ARRAY['admin@example.com'])
RETURNING *;
DROP TABLE att_short;
-- Drift: a column renamed, retyped, or replaced by a generated one after
-- the trigger was created.
CREATE TABLE att_drift (id int, product text, domain text, designated text[], whois text[], recipients text[], rule text, status text);
CREATE TRIGGER att_drift_dcv BEFORE INSERT OR UPDATE ON att_drift FOR EACH ROW
  EXECUTE FUNCTION dcv_recipient_trigger(product, domain, designated, whois, recipients, rule);
INSERT INTO att_drift (id, product, domain, whois) VALUES (1, 'TrueBizID', 'example.com', ARRAY['z@example.com']);
ALTER TABLE att_drift RENAME COLUMN whois TO whois_emails;
SELECT pg_temp.try($$UPDATE att_drift SET status = 'renamed'$$) AS renamed;
ALTER TABLE att_drift RENAME COLUMN whois_emails TO whois;
ALTER TABLE att_drift ALTER COLUMN recipients TYPE varchar[];
SELECT pg_temp.try($$UPDATE att_drift SET status = 'retyped'$$) AS retyped;
ALTER TABLE att_drift ALTER COLUMN recipients TYPE text[];
ALTER TABLE att_drift DROP COLUMN rule;
ALTER TABLE att_drift ADD COLUMN rule text GENERATED ALWAYS AS ('designated') STORED;
SELECT pg_temp.try($$UPDATE att_drift SET status = 'generated'$$) AS generated;
ALTER TABLE att_drift DROP COLUMN rule;
ALTER TABLE att_drift ADD COLUMN rule text;
-- Defined for DELETE as well: INSERT and UPDATE decide; a DELETE fires it,
-- and it refuses to run for one.
DROP TRIGGER att_drift_dcv ON att_drift;
CREATE TRIGGER att_drift_dcv BEFORE INSERT OR UPDATE OR DELETE ON att_drift FOR EACH ROW
  EXECUTE FUNCTION dcv_recipient_trigger(product, domain, designated, whois, recipients, rule);
UPDATE att_drift SET status = 'with delete', whois = ARRAY['y@example.com', 'z@example.com'] RETURNING id, recipients, rule;
SELECT pg_temp.try($$DELETE FROM att_drift$$) AS delete;
DROP TRIGGER att_drift_dcv ON att_drift;
CREATE TRIGGER att_drift_dcv BEFORE INSERT OR UPDATE ON att_drift FOR EACH ROW
  EXECUTE FUNCTION dcv_recipient_trigger(product, domain, designated, whois, recipients, rule);
-- Other BEFORE ROW triggers fire in the byte order of their names: an
-- uppercase name sorts before a lowercase one and fires before dcv's,
-- harmlessly (dcv decides after it); a name that sorts after dcv's, in any
-- mode and with any column list, is refused, even another dcv trigger.
CREATE FUNCTION pg_temp.tamper() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN NEW.recipients := ARRAY['evil@evil.example']; NEW.rule := 'designated'; RETURN NEW; END $$;
CREATE TRIGGER "Z_tamper" BEFORE INSERT OR UPDATE ON att_drift FOR EACH ROW EXECUTE FUNCTION pg_temp.tamper();
UPDATE att_drift SET status = 'Z fires first' RETURNING id, recipients, rule;
CREATE FUNCTION pg_temp.later(name text, timing text, fn text, mode text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE r text;
BEGIN
  EXECUTE format('CREATE TRIGGER %I %s ON att_drift FOR EACH ROW EXECUTE FUNCTION %s', name, timing, fn);
  IF mode IS NOT NULL THEN
    EXECUTE format('ALTER TABLE att_drift %s TRIGGER %I', mode, name);
  END IF;
  r := pg_temp.try(format('UPDATE att_drift SET status = %L RETURNING recipients::text || '' '' || rule', name));
  EXECUTE format('DROP TRIGGER %I ON att_drift', name);
  RETURN r;
END $$;
SELECT id, to_json(name) AS name, pg_temp.later(name, timing, fn, mode) AS result
FROM (VALUES
  (8101, 'é_tamper', 'BEFORE INSERT OR UPDATE', 'pg_temp.tamper()', NULL),       -- a non-ASCII name sorts after
  (8102, 'att_drift_dcv ', 'BEFORE INSERT OR UPDATE', 'pg_temp.tamper()', NULL),   -- dcv's name and a space
  (8103, 'att_drift_dcv2', 'BEFORE INSERT OR UPDATE', 'dcv_recipient_trigger(product, domain, designated, whois, recipients)', NULL),
  (8104, 'zz_replica', 'BEFORE INSERT OR UPDATE', 'pg_temp.tamper()', 'ENABLE REPLICA'),
  (8105, 'zz_always', 'BEFORE INSERT OR UPDATE', 'pg_temp.tamper()', 'ENABLE ALWAYS'),
  (8106, 'zz_status', 'BEFORE UPDATE OF status', 'pg_temp.tamper()', NULL),
  (8107, 'zz_disabled', 'BEFORE INSERT OR UPDATE', 'pg_temp.tamper()', 'DISABLE'),  -- does not fire
  (8108, 'att_drift_dc', 'BEFORE INSERT OR UPDATE', 'pg_temp.tamper()', NULL),      -- a prefix sorts first
  (8109, 'ATT_DRIFT_DCV_LATER', 'BEFORE INSERT OR UPDATE', 'pg_temp.tamper()', NULL) -- capitals sort first
) AS t(id, name, timing, fn, mode)
ORDER BY id;
SELECT tgname FROM pg_trigger WHERE tgrelid = 'att_drift'::regclass ORDER BY tgname COLLATE "C";
SELECT id, status, recipients, rule FROM att_drift;
DROP TABLE att_drift;

--
-- 9. Tables the trigger is not on, and rows it never saw.  The promise is
-- about the rows the trigger accepted; these were not (doc/rules.md, "What
-- the order trigger promises": rows written while it is disabled are
-- outside it).  Shown so that what happens is known.
--
-- An inheritance child has no trigger of the parent's: its rows are stored
-- as given, and an UPDATE through the parent does not decide them.
CREATE TABLE att_child () INHERITS (att_orders);
INSERT INTO att_child (id, product, domain, recipients, rule) VALUES (30, 'TrueBizID', 'example.com', ARRAY['evil@evil.example'], 'designated');
UPDATE att_orders SET whois = ARRAY['owner@example.com'] WHERE id = 30;
SELECT tableoid::regclass AS stored_in, id, whois, recipients, rule FROM att_orders WHERE id = 30;
-- With a trigger of its own the child is decided like the parent's rows
-- when a source column is written (an UPDATE of another column leaves the
-- row as it was stored, like the rows stored before CREATE TRIGGER below).
CREATE TRIGGER att_child_dcv BEFORE INSERT OR UPDATE ON att_child FOR EACH ROW
  EXECUTE FUNCTION dcv_recipient_trigger(product, domain, designated, whois, recipients, rule, as_of);
UPDATE att_orders SET status = 'seen' WHERE id = 30 RETURNING id, recipients, rule;
UPDATE att_orders SET whois = whois WHERE id = 30 RETURNING id, recipients, rule;
DROP TABLE att_child;
-- Rows stored before CREATE TRIGGER: an UPDATE of another column does not
-- decide them again (only a change of a source column or a write of a
-- written column does); writing the recipients column does.
CREATE TABLE att_legacy (id int, product text, domain text, designated text[], whois text[], recipients text[], status text);
INSERT INTO att_legacy VALUES (1, 'TrueBizID', 'example.com', NULL, NULL, ARRAY['evil@evil.example'], 'old');
CREATE TRIGGER att_legacy_dcv BEFORE INSERT OR UPDATE ON att_legacy FOR EACH ROW
  EXECUTE FUNCTION dcv_recipient_trigger(product, domain, designated, whois, recipients);
UPDATE att_legacy SET status = 'touched' RETURNING id, status, recipients;
UPDATE att_legacy SET recipients = recipients RETURNING id, status, recipients;
DROP TABLE att_legacy;
-- Partitions: a partition of another column order, attached later, gets a
-- clone of the trigger, which finds its columns by name; a row moved to it
-- by an UPDATE is decided on the way in.  Rows it held before ATTACH were
-- not decided.
CREATE TABLE att_part (id int, product text, domain text, designated text[], whois text[],
                       recipients text[], rule text) PARTITION BY RANGE (id);
CREATE TABLE att_part_1 PARTITION OF att_part FOR VALUES FROM (0) TO (100);
CREATE TRIGGER att_part_dcv BEFORE INSERT OR UPDATE ON att_part FOR EACH ROW
  EXECUTE FUNCTION dcv_recipient_trigger(product, domain, designated, whois, recipients, rule);
CREATE TABLE att_part_2 (rule text, recipients text[], dropped int, whois text[], designated text[], domain text, product text, id int);
ALTER TABLE att_part_2 DROP COLUMN dropped;
INSERT INTO att_part_2 (id, product, domain, recipients, rule) VALUES (150, 'TrueBizID', 'example.com', ARRAY['evil@evil.example'], 'designated');
ALTER TABLE att_part ATTACH PARTITION att_part_2 FOR VALUES FROM (100) TO (200);
INSERT INTO att_part (id, product, domain, whois, recipients) VALUES
  (1, 'TrueBizID', 'example.com', ARRAY['z@example.com'], ARRAY['evil@evil.example']),
  (101, 'TrueBizID', 'example.net', ARRAY['z@example.net'], ARRAY['evil@evil.example']);
UPDATE att_part SET id = 102, recipients = ARRAY['evil@evil.example'] WHERE id = 1;
SELECT pg_temp.try($$UPDATE att_part SET id = 103, designated = ARRAY['evil@evil.example'] WHERE id = 101$$) AS moved_with_evil_designation;
SELECT tableoid::regclass AS partition, id, recipients, rule FROM att_part ORDER BY id;
-- The statement's column list is mapped onto the partition's columns: after
-- a product moves to the DV line, writing the recipients or the rule with
-- the value they have decides the row again, through UPDATE, ON CONFLICT and
-- MERGE; writing another column does not.
CREATE UNIQUE INDEX ON att_part (id);
INSERT INTO dcv_product (code, line, brand, validation) VALUES ('RapidSSL', 'ov_ev', 'RapidSSL', 'DV');
INSERT INTO att_part (id, product, domain) VALUES (110, 'RapidSSL', 'example.com');
UPDATE dcv_product SET line = 'dv' WHERE code = 'RapidSSL';
SELECT label, pg_temp.try(stmt) AS result
FROM (VALUES
  ('UPDATE SET recipients = recipients', $$UPDATE att_part SET recipients = recipients WHERE id = 110 RETURNING rule$$),
  ('UPDATE SET rule = rule', $$UPDATE att_part SET rule = rule WHERE id = 110 RETURNING rule$$),
  ('ON CONFLICT SET recipients = EXCLUDED.recipients',
   $$INSERT INTO att_part (id, product, domain, designated) VALUES (110, 'RapidSSL', 'example.com', '{admin@example.com}')
     ON CONFLICT (id) DO UPDATE SET recipients = EXCLUDED.recipients RETURNING rule$$),
  ('ON CONFLICT SET rule = att_part.rule',
   $$INSERT INTO att_part (id, product, domain, designated) VALUES (110, 'RapidSSL', 'example.com', '{admin@example.com}')
     ON CONFLICT (id) DO UPDATE SET rule = att_part.rule RETURNING rule$$),
  ('MERGE SET recipients = att_part.recipients',
   $$MERGE INTO att_part USING (VALUES (110)) AS v(id) ON att_part.id = v.id
     WHEN MATCHED THEN UPDATE SET recipients = att_part.recipients$$),
  ('UPDATE SET id = id', $$UPDATE att_part SET id = id WHERE id = 110 RETURNING rule$$)
) AS t(label, stmt);
DELETE FROM dcv_product WHERE NOT builtin;
DROP TABLE att_part;
-- session_replication_role = replica (a logical replication subscriber
-- applies rows this way): ordinary triggers do not fire, so rows are stored
-- as given, outside the promise; ENABLE ALWAYS makes dcv's fire there too.
CREATE TABLE att_replica (id int, product text, domain text, designated text[], whois text[], recipients text[]);
CREATE TRIGGER att_replica_dcv BEFORE INSERT OR UPDATE ON att_replica FOR EACH ROW
  EXECUTE FUNCTION dcv_recipient_trigger(product, domain, designated, whois, recipients);
SET session_replication_role = replica;
INSERT INTO att_replica VALUES (1, 'TrueBizID', 'example.com', NULL, NULL, ARRAY['evil@evil.example']) RETURNING id, recipients;
ALTER TABLE att_replica ENABLE ALWAYS TRIGGER att_replica_dcv;
INSERT INTO att_replica VALUES (2, 'TrueBizID', 'example.com', NULL, NULL, ARRAY['evil@evil.example']) RETURNING id, recipients;
RESET session_replication_role;
DROP TABLE att_replica;

--
-- 10. What a decision depends on (doc/rules.md, "Inside the server"): not
-- objects named like dcv's tables, not row-level security on them, not a
-- plan made before the tables changed.
--
\set probe 'SELECT (dcv_decision(''RapidSSL'', ''example.com'')).problem AS rapidssl, dcv_default_recipient(''TrueBizID'', ''example.com'', NULL, ARRAY[''z@example.com''], ''2024-01-01'') AS on_2024'
:probe;
-- Temporary tables that shadow dcv's tables for unqualified names.
CREATE TEMP TABLE dcv_product (code text, line text, builtin boolean);
INSERT INTO dcv_product VALUES ('RapidSSL', 'ov_ev', false);
CREATE TEMP TABLE dcv_rule_date (change text, effective date, builtin boolean);
INSERT INTO dcv_rule_date VALUES ('sc090', '2000-01-01', false);
:probe;
DROP TABLE pg_temp.dcv_product, pg_temp.dcv_rule_date;
-- Row-level security that hides rows of dcv's tables from a role: the role
-- sees fewer rows, its decisions are everyone's.
CREATE ROLE regress_dcv_rls;
INSERT INTO dcv_rule_date (change, effective, description) VALUES ('sc080', '2026-01-01', 'moved (test)');
ALTER TABLE dcv_product ENABLE ROW LEVEL SECURITY;
ALTER TABLE dcv_rule_date ENABLE ROW LEVEL SECURITY;
CREATE POLICY att_hide ON dcv_product FOR SELECT TO regress_dcv_rls USING (code <> 'TrueBizID');
CREATE POLICY att_hide ON dcv_rule_date FOR SELECT TO regress_dcv_rls USING (builtin);
SET ROLE regress_dcv_rls;
SELECT count(*) FILTER (WHERE code = 'TrueBizID') AS truebizid_rows, (SELECT count(*) FROM dcv_rule_date WHERE NOT builtin) AS user_dates
FROM dcv_product;
SELECT dcv_default_recipient('TrueBizID', 'example.com', NULL, ARRAY['z@example.com'], '2025-08-01') AS as_the_role;
RESET ROLE;
SELECT dcv_default_recipient('TrueBizID', 'example.com', NULL, ARRAY['z@example.com'], '2025-08-01') AS as_the_owner;
DROP POLICY att_hide ON dcv_product;
DROP POLICY att_hide ON dcv_rule_date;
ALTER TABLE dcv_product DISABLE ROW LEVEL SECURITY;
ALTER TABLE dcv_rule_date DISABLE ROW LEVEL SECURITY;
DROP ROLE regress_dcv_rls;
DELETE FROM dcv_rule_date WHERE NOT builtin;
-- A prepared statement with a generic plan, and an inlined SQL function,
-- decide with the tables as each execution's snapshot sees them.
SET plan_cache_mode = force_generic_plan;
PREPARE att_probe(date) AS SELECT dcv_default_recipient('TrueBizID', 'example.com', NULL, ARRAY['z@example.com'], $1);
CREATE FUNCTION pg_temp.att_wrapped(d date) RETURNS text[] LANGUAGE sql STABLE
  AS $$ SELECT dcv_default_recipient('TrueBizID', 'example.com', NULL, ARRAY['z@example.com'], d) $$;
EXECUTE att_probe('2025-08-01');
SELECT pg_temp.att_wrapped('2025-08-01');
INSERT INTO dcv_rule_date (change, effective, description) VALUES ('sc080', '2026-01-01', 'moved (test)');
EXECUTE att_probe('2025-08-01');
SELECT pg_temp.att_wrapped('2025-08-01');
DELETE FROM dcv_rule_date WHERE NOT builtin;
EXECUTE att_probe('2025-08-01');
DEALLOCATE att_probe;
RESET plan_cache_mode;

--
-- 11. Orders that combine the attacks above, decided three ways:
-- dcv_decision, dcv_default_recipient and the trigger give the same answer
-- (the same recipients and rule, or the same SQLSTATE, message and detail),
-- and nobody outside the candidates is ever a recipient.
--
CREATE TEMP TABLE att_case (id int PRIMARY KEY, product text, domain text, designated text[], whois text[], as_of date);
INSERT INTO att_case VALUES
  (9001, 'TRUEBIZID', 'ＷＷＷ．Ｅｘａｍｐｌｅ。co.jp。', NULL, ARRAY['Owner@Example.CO.JP', 'REDACTED FOR PRIVACY'], NULL),
  (9002, 'truebizıd', 'example.co.jp', NULL, NULL, NULL),
  (9003, 'QuickSSLPremiumWildcard', '＊．ｅｘａｍｐｌｅ．ｃｏｍ', ARRAY['Admin@ＥＸＡＭＰＬＥ.com'], NULL, NULL),
  (9004, 'QuickSSLPremiumWildcard', '*.shop.example.com', ARRAY['admin@shop.example.com'], NULL, NULL),
  (9005, 'QuickSSLPremium', 'ｶﾞｲﾄﾞ.jp', ARRAY['webmaster@ガイド.jp', 'WEBMASTER@XN--ECKP2G.JP'], NULL, NULL),
  (9006, 'QuickSSLPremium', 'ガイド.jp', ARRAY['webmaster@カイト.jp'], NULL, NULL),
  (9007, 'SecureSite', 'wiki.example', NULL, ARRAY['admin@WİKI.example', 'b@wiki.example'], NULL),
  (9008, 'SecureSite', 'wiki.example', ARRAY['admin@WİKI.example'], ARRAY['admin@WİKI.example'], NULL),
  (9009, 'SecureSitePro', 'σας.example', ARRAY['hostmaster@ΣΑΣ.example'], NULL, NULL),
  (9010, 'SecureSitePro', 'straße.example', ARRAY['postmaster@STRASSE.example'], NULL, NULL),
  (9011, 'SecureSiteEV', 'example.com.evil.example', NULL, NULL, NULL),
  (9012, 'SecureSiteEV', 'example.com。evil.example', ARRAY['admin@example.com'], NULL, NULL),
  (9013, 'TrueBizIDMD', 'evil.github.io', NULL, ARRAY['{}'], NULL),
  (9014, 'TrueBizIDMD', 'github.io', NULL, NULL, NULL),
  (9015, 'TrueBizIDMDWC', 'xn--example-.com', NULL, NULL, NULL),
  (9016, 'TrueBizIDMDWC', 'Xn--R8jz45G.jP', ARRAY['ADMIN@例え。ｊｐ'], NULL, NULL),
  (9017, 'TrueBizIDEV', '127.0.0.0x1', NULL, NULL, NULL),
  (9018, 'TrueBizIDEV', '１２７．０．０．１', NULL, NULL, NULL),
  (9019, 'TrueBizIDEVMD', 'example.com', NULL, '[3:5]={NULL,"_@example.com",A@example.com}', NULL),
  (9020, 'TrueBizIDEVMD', 'example.com', '{}', '{}', NULL),
  (9021, 'QuickSSLPremiumMD', 'example.com', '[0:1]={NULL,NULL}', ARRAY['admin@example.com'], NULL),
  (9022, 'QuickSSLPremiumMD', 'example.com', '{{admin@example.com}}', NULL, NULL),
  (9023, 'QuickSSLPremiumMD', 'example.com', ARRAY['=?utf-8?q?admin?=@example.com'], ARRAY['=?utf-8?q?admin?=@example.com'], NULL),
  (9024, 'QuickSSLPremiumMD', 'example.com', ARRAY['=?utf-8?q?admin?=@example.com'], ARRAY['=?utf-8?q?admin?=@example.com'], '2025-07-15'),
  (9025, 'TrueBizIDWildcard', '*.example.com', ARRAY['admin@*.example.com'], NULL, NULL),
  (9026, 'TrueBizIDWildcard', '*.example.com', ARRAY['evil@evil.example'], ARRAY['evil@evil.example'], '-infinity'),
  (9027, 'TrueBizIDWildcard', '*.example.com', NULL, ARRAY['evil@evil.example'], 'infinity'),
  (9028, 'TrueBizID', 'example.com', ARRAY[repeat('　', 336) || 'admin@example.com'], NULL, NULL),
  (9029, 'TrueBizID', 'example.com', ARRAY[repeat('　', 335) || 'admin@example.com'], NULL, NULL),
  (9030, 'TrueBizID', repeat('例', 57) || '.jp', NULL, ARRAY['a@' || repeat('例', 58) || '.jp', 'b@' || repeat('例', 57) || '.jp'], NULL),
  (9031, 'TrueBizID', 'a.b.kawasaki.jp', ARRAY['admin@b.kawasaki.jp'], NULL, NULL),
  (9032, 'TrueBizID', 'www.city.kawasaki.jp', NULL, NULL, '2025-07-15'),
  (9033, 'TrueBizID', 'example・com', NULL, NULL, NULL),
  (9034, 'TrueBizID', 'ho™.example', ARRAY['admin@hotm.example'], NULL, NULL),
  (9035, 'TrueBizID', '㊤.jp', NULL, ARRAY['管理者@上.jp', 'kanri@㊤.jp'], NULL),
  (9036, 'SecureSiteProEV', 'example.com', ARRAY['admin@example.com', 'admin@example.com．．'], NULL, NULL),
  (9037, 'SecureSiteProEV', 'example.com', ARRAY['admin＠example.com'], ARRAY['admin＠example.com'], NULL),
  (9038, 'SecureSiteProEV', 'exa≠mple.com', NULL, NULL, NULL),
  (9039, 'SecureSiteProEV', 'xn--ab-miv.example', NULL, NULL, '2017-01-01'),
  (9040, 'SecureSiteProEV', 'ab.example', NULL, ARRAY['admin@xn--ab-miv.example', 'z@ab.example'], '2017-01-01');

CREATE TABLE att_orders3 (id int PRIMARY KEY, product text, domain text, designated text[], whois text[],
                          recipients text[], rule text, as_of date);
CREATE TRIGGER att_orders3_dcv BEFORE INSERT OR UPDATE ON att_orders3 FOR EACH ROW
  EXECUTE FUNCTION dcv_recipient_trigger(product, domain, designated, whois, recipients, rule, as_of);
CREATE TEMP TABLE att_result AS
SELECT c.*, d.recipients, d.rule, d.line, d.problem,
       pg_temp.try(format('SELECT dcv_default_recipient(%L, %L, %L, %L, %L)::text',
                          c.product, c.domain, c.designated, c.whois, c.as_of)) AS by_function,
       pg_temp.try(format('INSERT INTO att_orders3 VALUES (%s, %L, %L, %L, %L, ''{evil@evil.example}'', ''designated'', %L) RETURNING recipients::text || '' '' || rule',
                          c.id, c.product, c.domain, c.designated, c.whois, c.as_of)) AS by_trigger
FROM att_case AS c, LATERAL dcv_decision(c.product, c.domain, c.designated, c.whois, c.as_of) AS d;

SELECT id, coalesce(recipients::text || ' ' || rule, left(by_function, 5) || ' ' || problem) AS decision
FROM att_result ORDER BY id;

SELECT count(*) AS cases, count(*) FILTER (WHERE problem IS NULL) AS decided,
       bool_and(CASE WHEN problem IS NULL THEN by_function = recipients::text
                     ELSE left(substr(by_function, 7), length(problem)) = problem
                          AND (length(by_function) = 6 + length(problem)
                               OR substr(by_function, 7 + length(problem), 3) = ' | ') END) AS function_agrees,
       bool_and(CASE WHEN problem IS NULL THEN by_trigger = recipients::text || ' ' || rule
                     ELSE by_trigger = by_function END) AS trigger_agrees,
       bool_and(problem IS NULL OR left(by_function, 5) IN ('ZD001', 'ZD002', 'ZD003', 'ZD004', 'ZD005', 'ZD006', 'ZD007', '2202E')) AS documented_sqlstates,
       -- (2202E names the array and the rule broken in its message)
       bool_and(problem IS NULL OR left(by_function, 5) = '2202E' OR by_function ~ ' \| [A-Z"].*\.$') AS every_error_has_a_detail
FROM att_result;

-- No recipient outside the candidates: the notice's candidates (without
-- subdomain e-mails), without the WHOIS ones from SC-080 on, and before the
-- notice exactly all of them.
SELECT bool_and(CASE r.rule
                  WHEN 'all_candidates' THEN r.recipients = ARRAY(SELECT email FROM dcv_candidates(r.domain, r.whois))
                  ELSE r.recipients <@ ARRAY(SELECT email FROM dcv_candidates(r.domain,
                                                CASE WHEN r.as_of >= (SELECT effective FROM dcv_timeline WHERE change = 'sc080')
                                                     THEN NULL ELSE r.whois END))
                END) AS no_recipient_outside_candidates,
       -- evil@evil.example is a recipient only where WHOIS lists it and every candidate receives it
       bool_and(NOT 'evil@evil.example' = ANY (r.recipients) OR (r.rule = 'all_candidates' AND 'evil@evil.example' = ANY (r.whois))) AS evil_only_as_whois,
       (SELECT count(*) FROM att_orders3) AS stored,
       (SELECT bool_and(o.recipients = r2.recipients AND o.rule = r2.rule)
        FROM att_orders3 AS o JOIN att_result AS r2 USING (id)) AS stored_as_decided
FROM att_result AS r WHERE r.problem IS NULL;
DROP VIEW att_orders_entry, att_orders_evil;
DROP TABLE att_orders, att_orders3;
DROP DOMAIN att_text, att_text_array;

--
-- 12. Characters EUC_JP cannot hold, in a UTF8 database of its own (the
-- same output whatever the encoding of the test database).
--
SELECT current_database() AS main_db, current_database() || '_utf8' AS utf8_db \gset
SET client_min_messages = warning;
DROP DATABASE IF EXISTS :"utf8_db";
RESET client_min_messages;
CREATE DATABASE :"utf8_db" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C';
\c :"utf8_db"
SET client_encoding = 'UTF8';
CREATE EXTENSION dcv;
\set ECHO none
\i sql/include/catch.sql
\set ECHO all
SELECT getdatabaseencoding();

CREATE TEMP TABLE att_email_utf8 (id int PRIMARY KEY, domain text NOT NULL, input text);
INSERT INTO att_email_utf8 VALUES
  -- compatibility characters UTS#46 maps to ASCII letters: the same address
  (10001, 'book.example', E'admin@boo\u212A.example'),          -- KELVIN SIGN maps to k
  (10002, 'shop.example', E'admin@\u017Fhop.example'),          -- LATIN SMALL LETTER LONG S maps to s
  (10003, 'office.example', E'admin@of\uFB01ce.example'),       -- LATIN SMALL LIGATURE FI
  (10004, 'flow.example', E'admin@\uFB02ow.example'),           -- LATIN SMALL LIGATURE FL
  (10005, 'example2.com', E'admin@example\u00B2.com'),          -- SUPERSCRIPT TWO
  (10006, 'ωmega.example', E'admin@\u2126mega.example'),        -- OHM SIGN maps to ω
  (10007, 'strasse.example', E'admin@stra\u1E9Ee.example'),     -- CAPITAL SHARP S maps to "ss" (Unicode 14)
  (10008, 'straße.example', E'admin@stra\u1E9Ee.example'),
  -- ignored by UTS#46 in the domain part: the same address
  (10009, 'example.com', E'admin@ex\u00ADample.com'),           -- SOFT HYPHEN
  (10010, 'example.com', E'admin@example.com\u00AD'),
  (10011, 'example.com', E'admin@exa\u2064mple.com'),           -- INVISIBLE PLUS
  (10012, 'example.com', E'admin@exa\uFE00mple.com'),           -- VARIATION SELECTOR-1
  (10013, 'example.com', E'admin@example.com\uFEFF'),           -- a trailing byte order mark
  (10014, 'example.com', E'admin@example.com.\u200B'),          -- what remains is one trailing dot
  (10015, 'example.com', E'admin@example.com\u200B.'),
  (10016, 'example.com', E'admin@example.com.\u200B.'),         -- two trailing dots
  (10017, 'example.com', E'admin@example.com\u200Bevil.example'),   -- the labels join: another domain
  -- disallowed in Unicode 14 (default ignorables that UTS#46 14.0 does not ignore)
  (10018, 'example.com', E'admin@exa\u2062mple.com'),           -- INVISIBLE TIMES
  (10019, 'example.com', E'admin@exa\u115Fmple.com'),           -- HANGUL CHOSEONG FILLER
  (10020, 'example.com', E'admin@exa\uFFA0mple.com'),           -- HALFWIDTH HANGUL FILLER
  (10021, 'example.com', E'admin@exa\u17B4mple.com'),           -- KHMER VOWEL INHERENT AQ
  (10022, 'example.com', E'admin@exa\U000E0001mple.com'),       -- LANGUAGE TAG
  (10023, 'example.com', E'admin@exa\U0001D173mple.com'),       -- MUSICAL SYMBOL BEGIN BEAM
  (10024, 'example.com', E'admin@example.com\u180E'),           -- MONGOLIAN VOWEL SEPARATOR, not White_Space
  -- spaces and controls inside: never trimmed, never a separator
  (10025, 'example.com', E'admin@exa\u00A0mple.com'),           -- NO-BREAK SPACE maps to a space
  (10026, 'example.com', E'admin\u00A0@example.com'),
  (10027, 'example.com', E'admin@example.com\u0085evil.example'),   -- NEXT LINE inside
  (10028, 'example.com', E'admin@example.com\u2028evil@evil.example'),
  (10029, 'example.com', E'admin@exa\u0090mple.com'),           -- a C1 control
  (10030, 'example.com', E'\u0090admin@example.com'),           -- not White_Space: not trimmed
  (10031, 'example.com', E'\u2029admin@example.com\u2029'),     -- PARAGRAPH SEPARATOR is: trimmed
  (10032, 'example.com', E'\uFEFFadmin@example.com'),           -- a leading byte order mark: in the local part
  (10033, 'example.com', E'admin\u00AD@example.com'),
  (10034, 'example.com', E'a\u0308dmin@example.com'),           -- a combining mark in the local part
  -- hyphens, minus signs, fractions and U+2260 in another form
  (10035, 'ex-ample.com', E'admin@ex\u2011ample.com'),          -- NON-BREAKING HYPHEN
  (10036, 'ex-ample.com', E'admin@ex\u2212ample.com'),          -- MINUS SIGN
  (10037, 'example.com', E'admin@\u00BD.example'),              -- VULGAR FRACTION ONE HALF: 1, fraction slash, 2
  (10038, 'ab.example', E'admin@a\uFF1D\u0338b.example'),       -- fullwidth "=" and COMBINING LONG SOLIDUS OVERLAY
  -- look-alikes: another domain
  (10039, 'ëxample.com', E'admin@e\u0308xample.com'),           -- e and a combining diaeresis: NFC ë
  (10040, 'istanbul.example', E'admin@\u0131\u0307stanbul.example'),   -- dotless i and a combining dot
  (10041, 'example.com', E'admin@example.co\u1D0D'),            -- LATIN LETTER SMALL CAPITAL M
  (10042, 'google.com', E'admin@\u0261oogle.com'),              -- LATIN SMALL LETTER SCRIPT G
  (10043, 'apple.com', E'admin@\u0430\u0440\u0440\u04CF\u0435.com'),  -- Cyrillic а р р ӏ е
  -- letters new in Unicode 13 and 14: valid in UTS#46 14.0, unassigned in the
  -- IDNA2008 tables of libidn2 2.3.3 (Unicode 12), so refused as libidn2 refuses them
  (10044, 'example.com', E'admin@\u0870.example'),          -- ARABIC LETTER ALEF WITH ATTACHED FATHA (14.0)
  (10045, 'example.com', E'admin@\U0002B735.example');  -- CJK UNIFIED IDEOGRAPH-2B735 (14.0)

SELECT id, to_json(input) AS input, domain, dcv_email_problem(input) AS problem,
       CASE WHEN dcv_email_problem(input) IS NULL THEN dcv_normalize_email(input) END AS normal_form
FROM att_email_utf8 ORDER BY id;
SELECT h.id, coalesce(d.recipients::text,
                      left(pg_temp.try(format('SELECT dcv_default_recipient(%L, %L, ARRAY[%L])',
                                              'QuickSSLPremium', h.domain, h.input)), 5) || ' ' || d.problem) AS decision
FROM att_email_utf8 h, dcv_decision('QuickSSLPremium', h.domain, ARRAY[h.input]) AS d
ORDER BY h.id;
SELECT count(*) AS cases, count(*) FILTER (WHERE d.problem IS NULL) AS accepted,
       bool_and(d.problem IS NOT NULL OR
                (d.recipients = ARRAY[dcv_normalize_email(h.input)] AND
                 d.recipients <@ ARRAY(SELECT email FROM dcv_candidates(h.domain)))) AS accepted_only_candidates,
       bool_and(d.problem IS NULL OR
                d.problem = format('designated address "%s" is not usable', h.input) OR
                d.problem = format('designated address "%s" is not a DCV candidate for "%s"', h.input, h.domain)) AS problems_say_why
FROM att_email_utf8 h, LATERAL dcv_decision('TrueBizID', h.domain, ARRAY[h.input]) AS d;

-- Applied domains.
SELECT id, to_json(input) AS input,
       pg_temp.try(format($$SELECT dcv_normalize_domain(%1$L) || ' -> base ' || dcv_base_domain(%1$L)$$, input)) AS result
FROM (VALUES
  (10101, E'boo\u212A.example'),
  (10102, E'*.\u212Aelvin.example'),
  (10103, E'\u017Fhop.example.co.jp'),
  (10104, E'of\uFB01ce.example'),
  (10105, E'*\u00AD.example.com'),             -- the first label is "*" once the soft hyphen is dropped
  (10106, E'\u00AD*.example.com'),
  (10107, E'example.com.\u200B'),
  (10108, E'\u200B'),
  (10109, E'a\uFF1D\u0338b.com'),
  (10110, E'stra\u1E9Ee.example'),
  (10111, E'example.\u0661\u0662\u0663'),      -- Arabic-Indic digits: not ASCII digits, but the Bidi rule
  (10112, E'\u0661\u0662\u0663.example'),
  (10113, E'example.com\u00A0'),               -- no trimming of applied domains
  (10114, E'ex\u2011ample.com'),
  -- U+226E and U+226F in every form, like U+2260 (doc/rules.md, "Which UTS#46")
  (10115, E'a\u226Eb.com'),
  (10116, E'a\uFF1C\u0338b.com'),             -- fullwidth "<" and U+0338
  (10117, 'xn--ab-tjv.com'),
  (10118, E'a\u226Fb.com'),
  (10119, E'a>\u0338b.com'),
  (10120, 'XN--AB-WJV.COM')
) AS t(id, input)
ORDER BY id;

-- Product codes: no Unicode case folding, no trimming of Unicode spaces or
-- invisible characters.  A row of one's own with such a code is another
-- product, and leaves the built-in one alone.
SELECT to_json(code) AS code,
       pg_temp.try(format('SELECT dcv_default_recipient(%L, %L)', code, 'example.com')) AS result
FROM (VALUES
  (E'\u017FecureSite'),                        -- long s: Unicode case folding would make it "securesite"
  (E'Quic\u212ASSLPremium'),
  (E'SecureSite\u00A0'),
  (E'\uFEFFSecureSite'),
  (E'Secure\u00ADSite'),
  (E'SecureSite\u200D'),
  (E'TrueBizID\U000E0041')                     -- a tag character
) AS t(code);
INSERT INTO dcv_product (code, line, brand, validation) VALUES (E'\u017FecureSite', 'dv', 'Look-alike', 'DV');
SELECT to_json(code) AS code, d.line, coalesce(d.rule, d.problem) AS rule_or_problem
FROM (VALUES (E'\u017FecureSite'), (E'\u017FECURESITE'), ('SecureSite'), ('SECURESITE')) AS t(code),
     LATERAL dcv_decision(code, 'example.com') AS d;

\c :"main_db"
SET client_encoding = 'UTF8';
DROP DATABASE :"utf8_db";
