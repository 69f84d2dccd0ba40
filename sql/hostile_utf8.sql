--
-- Hostile input with characters that EUC_JP cannot hold: zero-width, bidi
-- and other invisible characters, look-alike letters outside JIS (Cyrillic
-- dze, Armenian oh, Latin alpha, dotless i, Cherokee, small capitals),
-- mathematical and circled letters, emoji, tag characters.  UTS#46 drops the
-- characters it ignores and maps compatibility forms, and its output is the
-- normal form (doc/rules.md): such an address is the same address; everything
-- else is an error or another domain.  Runs in UTF8 databases only.
--
SET client_encoding = 'UTF8';  -- the test files are UTF-8, whatever the database encoding
SELECT getdatabaseencoding() <> 'UTF8' AS skip_test \gset
\if :skip_test
\quit
\endif
\set ECHO none
\i sql/include/catch.sql
\set ECHO all

CREATE TEMP TABLE hostile_email_utf8 (id int PRIMARY KEY, input text);
INSERT INTO hostile_email_utf8 VALUES
  -- ignored by UTS#46 in the domain part: the same address
  (201, E'admin@exa\u200Bmple.com'),        -- zero-width space
  (202, E'admin@exa\u00ADmple.com'),        -- soft hyphen
  (203, E'admin@exa\u2060mple.com'),        -- word joiner
  (204, E'admin@exa\uFEFFmple.com'),        -- zero-width no-break space (BOM)
  (205, E'admin@exa\u034Fmple.com'),        -- combining grapheme joiner
  (206, E'admin@exa\uFE0Fmple.com'),        -- variation selector 16
  (207, E'admin@exa\U000E0100mple.com'),    -- variation selector 17
  (208, E'admin@example.com\u200B'),
  -- but never in the local part (ASCII only)
  (209, E'\u200Badmin@example.com'),
  (210, E'admin\u200B@example.com'),
  (211, E'ad\u00ADmin@example.com'),
  -- joiners: refused by the CONTEXTJ rules
  (212, E'admin@exa\u200Cmple.com'),
  (213, E'admin@exa\u200Dmple.com'),
  -- bidi controls: disallowed
  (214, E'admin@exa\u202Emple.com'),        -- right-to-left override
  (215, E'admin@exa\u202Dmple.com'),        -- left-to-right override
  (216, E'admin@exa\u202Bmple.com'),        -- right-to-left embedding
  (217, E'admin@exa\u202Cmple.com'),        -- pop directional formatting
  (218, E'admin@exa\u200Emple.com'),        -- left-to-right mark
  (219, E'admin@exa\u200Fmple.com'),        -- right-to-left mark
  (220, E'admin@exa\u061Cmple.com'),        -- Arabic letter mark
  (221, E'admin@exa\u2067mple.com'),        -- right-to-left isolate
  (222, E'admin@example.com\u2069'),        -- pop directional isolate
  (223, E'\u202Emoc.elpmaxe@nimda'),        -- shows as admin@example.com
  (224, E'\u202Elive@evil.example'),
  (225, E'admin@\u05D0example.com'),        -- Hebrew next to Latin in one label: bidi rule
  (226, E'admin@\u05D0\u05D1.example.com'), -- a Hebrew label of its own: another domain
  -- Unicode White_Space around the address: trimmed like ASCII space
  (227, E'admin@example.com\u00A0'),        -- no-break space
  (228, E'\u00A0admin@example.com'),
  (229, E'admin@example.com\u2000'),        -- en quad
  (230, E'admin@example.com\u2028'),        -- line separator
  (231, E'admin@example.com\u0085'),        -- next line
  -- other invisible or space-like characters, which are not White_Space
  (232, E'admin@exa\u180Emple.com'),        -- Mongolian vowel separator
  (233, E'admin@exa\u3164mple.com'),        -- Hangul filler
  (234, E'admin@exa\U000E0041mple.com'),    -- tag character
  -- look-alike dots, slashes and at signs
  (235, E'admin@example\u2024com'),         -- one dot leader
  (236, E'admin@example\uFE52com'),         -- small full stop
  (237, E'admin@evil.example\u2044example.com'),   -- fraction slash
  (238, E'admin@evil.example\u2215example.com'),   -- division slash
  (239, E'admin\uFE6Bexample.com'),         -- small commercial at: not "@"
  (240, E'admin@example.com\uFE6Bevil.example'),
  -- compatibility forms that UTS#46 maps to ASCII: the same address
  (241, E'admin@\U0001D41E\U0001D431\U0001D41A\U0001D426\U0001D429\U0001D425\U0001D41E.com'),  -- mathematical bold
  (242, E'admin@\u24D4\u24E7\u24D0\u24DC\u24DF\u24DB\u24D4.com'),  -- circled letters
  (243, E'admin@\u1D49xample.com'),         -- modifier letter small e
  (244, E'admin@\u212Aexample.com'),        -- Kelvin sign: maps to "k", another name
  -- look-alike letters: valid names of other domains
  (245, E'admin@\u0455hop.example'),        -- Cyrillic dze
  (246, E'admin@\u0456nfo.example'),        -- Cyrillic Byelorussian-Ukrainian i
  (247, E'admin@\u0501omain.example'),      -- Cyrillic komi de
  (248, E'admin@ex\u0251mple.com'),         -- Latin alpha
  (249, E'admin@\u0585xample.com'),         -- Armenian oh
  (250, E'admin@examp\u0131e.com'),         -- dotless i
  (251, E'admin@\u13AAxample.com'),         -- Cherokee A
  (252, E'admin@\u1D07xample.com'),         -- Latin letter small capital E
  (253, E'admin@e\u0301xample.com'),        -- combining acute: NFC é
  (254, E'adm\u0131n@example.com'),         -- dotless i in the local part
  (255, E'admin@exampl\u212E.com'),         -- estimated symbol: disallowed
  -- emoji
  (256, E'admin@\U0001F600.example'),
  (257, E'\U0001F600@example.com');

SELECT id, to_json(input) AS input, dcv_email_problem(input) AS problem,
       CASE WHEN dcv_email_problem(input) IS NULL THEN dcv_normalize_email(input) END AS normal_form
FROM hostile_email_utf8 ORDER BY id;

-- Designated for example.com: accepted only when the normal form is a
-- candidate, and then the recipient is the normal form.
SELECT h.id, to_json(h.input) AS input, d.recipients
FROM hostile_email_utf8 h, dcv_decision('QuickSSLPremium', 'example.com', ARRAY[h.input]) AS d
WHERE d.problem IS NULL
ORDER BY h.id;

SELECT p.code, count(*) AS cases,
       count(*) FILTER (WHERE d.problem IS NULL) AS accepted,
       bool_and(d.problem IS NOT NULL OR
                (d.recipients = ARRAY[dcv_normalize_email(h.input)] AND
                 d.recipients <@ ARRAY(SELECT email FROM dcv_candidates('example.com')))) AS accepted_only_candidates,
       bool_and(d.problem IS NULL OR d.problem ~ '^designated address ".*" is (not usable|not a DCV candidate for "example\.com")$') AS problems_say_why
FROM (VALUES ('QuickSSLPremium'), ('TrueBizID')) AS p(code),
     hostile_email_utf8 h,
     LATERAL dcv_decision(p.code, 'example.com', ARRAY[h.input]) AS d
GROUP BY p.code ORDER BY p.code COLLATE "C";

SELECT CASE WHEN r = 'no error' THEN 'accepted' ELSE left(r, 5) END AS sqlstate, count(*)
FROM (SELECT pg_temp.catch(format('SELECT dcv_default_recipient(%L, %L, ARRAY[%L])',
                                  'QuickSSLPremium', 'example.com', input)) AS r
      FROM hostile_email_utf8) AS t
GROUP BY 1 ORDER BY 1 COLLATE "C";

-- As WHOIS e-mails: each usable one once, in normal form; nothing else.
SELECT c.email, c.source,
       (SELECT string_agg(h.id::text, ',' ORDER BY h.id) FROM hostile_email_utf8 h
        WHERE dcv_email_problem(h.input) IS NULL AND dcv_normalize_email(h.input) = c.email) AS from_cases
FROM dcv_candidates('example.com', ARRAY(SELECT input FROM hostile_email_utf8 ORDER BY id)) AS c;

SELECT count(*) FILTER (WHERE dcv_is_candidate('example.com', ARRAY[input], 'live@evil.example')) AS evil_is_candidate,
       count(*) FILTER (WHERE EXISTS (SELECT FROM dcv_candidates('example.com', ARRAY[input]) c
                                      WHERE c.email LIKE '%evil%')) AS evil_in_candidates
FROM hostile_email_utf8;

--
-- Applied domains: the normal form and the base domain, or the error.
--
SELECT id, to_json(input) AS input,
       pg_temp.try(format($$SELECT dcv_normalize_domain(%1$L) || ' -> base ' || dcv_base_domain(%1$L)$$, input)) AS result
FROM (VALUES
  (301, E'exa\u200Bmple.com'),
  (302, E'\u200B.example.com'),             -- a label of nothing but an ignored character
  (303, E'*\u200B.example.com'),
  (304, E'exa\u200Dmple.com'),
  (305, E'exa\u202Emple.com'),
  (306, E'\u202Emoc.elpmaxe'),
  (307, E'example.com\u00A0'),
  (308, E'example\uFE52com'),
  (309, E'\U0001D41E\U0001D431\U0001D41A\U0001D426\U0001D429\U0001D425\U0001D41E.com'),
  (310, E'\u24D4\u24E7\u24D0\u24DC\u24DF\u24DB\u24D4.\u24D2\u24DE\u24DC'),
  (311, E'\u0455hop.example.co.jp'),
  (312, E'examp\u0131e.com'),
  (313, E'\u05D0\u05D1.example.com'),
  (314, E'\u05D0example.com'),
  (315, E'\U0001F600.example.com'),
  (316, E'exa\U000E0041mple.com'),
  (317, E'\u2488com')                       -- digit one full stop
) AS t(id, input)
ORDER BY id;

-- Product codes are matched on ASCII letters only.
SELECT to_json(code) AS code,
       pg_temp.try(format('SELECT dcv_default_recipient(%L, %L)', code, 'example.com')) AS result
FROM (VALUES
  (E'TrueB\u0131zID'),                      -- dotless i
  (E'TRUEB\u0130ZID'),                      -- capital I with dot
  (E'\u200BTrueBizID'),
  (E'TrueBizID\u200B'),
  (E'Quic\u212ASSLPremium')                 -- Kelvin sign
) AS t(code);
