--
-- Hostile DNS records (doc/rules.md, "DNS-published contacts", "Later
-- changes", "What the order trigger promises"): ways to make an address a
-- DNS-published contact, candidate or designated recipient, that the rules
-- do not allow.  Each case states the right answer.
--
-- The file holds ASCII and characters EUC_JP has; any other character is
-- written inside a record as a \DDD escape (dcv decodes it to the octet, so
-- UTF-8 octets stand for the character).  The parts that need a database of
-- another encoding make one of their own.
--
SET client_encoding = 'UTF8';  -- the test files are UTF-8, whatever the database encoding
\set ECHO none
\i sql/include/catch.sql
\set ECHO all
SET datestyle = ISO;

--
-- 1. Owner names that look like _validation-contactemail.<ADN> and are
-- another name.  Only the first four rows are at an ADN of www.example.com
-- (case, one final dot, \DDD of ASCII letters, a plain escaped letter).
--
SELECT record, email FROM dcv_dns_contacts('www.example.com', ARRAY[
  '_VALIDATION-CONTACTEMAIL.WWW.EXAMPLE.COM. TXT "case@example.net"',
  '_validation-contactemail.example.com. TXT "dot@example.net"',
  '\095validation-contactemail.\069xample.com TXT "ddd@example.net"',
  '_validation-contactemail.\example.com TXT "plain-escape@example.net"',
  -- escaped dots are octets of a label, never a label boundary
  '_validation-contactemail\.example.com TXT "escaped-dot@example.net"',
  '_validation-contactemail\046example.com TXT "ddd-dot@example.net"',
  '_validation-contactemail.example\.com TXT "escaped-dot-2@example.net"',
  '_validation-contactemail.example.com\. TXT "escaped-final-dot@example.net"',
  '_validation-contactemail.example.com.. TXT "two-final-dots@example.net"',
  -- full stops UTS#46 maps to "." inside a label: one label, not two
  '_validation-contactemail.example\227\128\130com TXT "ideographic@example.net"',
  '_validation-contactemail.example\239\188\142com TXT "fullwidth@example.net"',
  '_validation-contactemail.example\239\189\161com TXT "halfwidth@example.net"',
  '_validation-contactemail.www.example.com\227\128\130 TXT "final-ideographic@example.net"',
  -- the prefix label in look-alike forms: not a host-name label, compared as octets
  '_validation\226\128\144contactemail.example.com TXT "unicode-hyphen@example.net"',
  '\239\188\191validation-contactemail.example.com TXT "fullwidth-low-line@example.net"',
  '_\239\189\150alidation-contactemail.example.com TXT "fullwidth-v@example.net"',
  '_validation-contactemai\226\132\147.example.com TXT "script-l@example.net"',
  '_validation-contactemail\226\128\139.example.com TXT "zero-width@example.net"',
  -- NUL and other octets in labels
  '_validation-contactemail\000.example.com TXT "nul@example.net"',
  '_validation-contactemail.example.com\000 TXT "nul-2@example.net"',
  '_validation-contactemail.exam\000ple.com TXT "nul-3@example.net"',
  -- Cyrillic a: another domain (Unicode and its A-label)
  '_validation-contactemail.ex\208\176mple.com TXT "cyrillic@example.net"',
  '_validation-contactemail.xn--exmple-4nf.com TXT "cyrillic-alabel@example.net"',
  -- a bogus A-label is compared as it is, never decoded onto the name
  '_validation-contactemail.xn--example-.com TXT "bogus-alabel@example.net"',
  -- above the base domain, below the applied domain, beside it
  '_validation-contactemail.com TXT "tld@example.net"',
  '_validation-contactemail.a.www.example.com TXT "below@example.net"',
  '_validation-contactemail.wwww.example.com TXT "beside@example.net"',
  '_validation-contactemail._validation-contactemail.example.com TXT "twice@example.net"',
  'validation-contactemail.example.com TXT "no-underscore@example.net"',
  '_validation-contactemail-.example.com TXT "hyphen@example.net"',
  '_validation-contactemail.*.example.com TXT "wildcard-owner@example.net"',
  'www.example.com TXT "no-prefix@example.net"',
  -- the right name, but CAA: a TXT contact is a TXT record
  '_validation-contactemail.example.com CAA 0 contactemail "caa-at-txt-name@example.net"']);

-- A label over 63 octets, a name over 255 octets: not names at all.
SELECT email, problem FROM dcv_dns_contacts('example.com', ARRAY[
  '_validation-contactemail.' || repeat('a', 64) || '.example.com TXT "long-label@example.net"',
  repeat('a.', 120) || '_validation-contactemail.example.com TXT "long-name@example.net"']);

-- Unicode owners equal their A-label form (doc/rules.md), and so have its
-- length: an owner whose A-label form is longer than 255 octets is no
-- name, whether it is written in A-labels or in Unicode.  The order's name
-- below is 242 octets, so _validation-contactemail.<it> (267) cannot exist.
SELECT repeat('例え.', 19) || '例え.jp' AS long_idn \gset
SELECT length(dcv_normalize_domain(:'long_idn')) AS adn_octets;
SELECT email IS NULL AS refused FROM dcv_dns_contacts(:'long_idn', ARRAY[
  '_validation-contactemail.' || :'long_idn' || ' TXT "unicode-form@example.net"',
  '_validation-contactemail.' || dcv_normalize_domain(:'long_idn') || ' TXT "alabel-form@example.net"']);
SELECT pg_temp.state(format($$SELECT dcv_default_recipient('QuickSSLPremium', %L, ARRAY['unicode-form@example.net'],
                                                          NULL, NULL, false, ARRAY[%L])$$,
                            :'long_idn', '_validation-contactemail.' || :'long_idn' || ' TXT "unicode-form@example.net"')) AS designation;
-- The same through an alias: a CNAME target of 266 octets in A-label form
-- (24 + 242), given in Unicode.
SELECT bool_and(email IS NULL) AS refused, count(*) AS records FROM dcv_dns_contacts('example.com', ARRAY[
  '_validation-contactemail.example.com CNAME contacts-published-here.' || :'long_idn',
  'contacts-published-here.' || :'long_idn' || ' TXT "long-target@example.net"']);
-- 63 labels of U+337F (3 octets, A-label of 17): 253 octets as given, 1133
-- characters as A-labels.  The owner is refused or kept whole, never cut
-- or overwritten (and nothing is written past its buffer).
SELECT bool_and(owner IS NULL OR owner = repeat('xn--6oqv20b1zgzxr.', 63) || 'a') AS owner_whole_or_refused,
       bool_and(email IS NULL) AS no_contact
FROM dcv_dns_contacts('example.com', ARRAY[
  repeat('\227\141\191.', 63) || 'a TXT "a@example.net"',
  repeat('\227\141\191.', 63) || 'a CAA 0 contactemail "b@example.net"',
  repeat('\227\141\191.', 63) || 'a CNAME example.com']);
SELECT count(*) AS rows, count(email) AS contacts FROM dcv_dns_contacts('example.com', ARRAY[
  '_validation-contactemail.example.com CNAME ' || repeat('\227\141\191.', 63) || 'a',
  'x.example CNAME ' || repeat('\227\141\191.', 63) || 'a',
  'x.example CNAME \# 255 ' || repeat('03e38dbf', 63) || '016100']);

--
-- 2. Values: exactly one character-string whose whole content is the
-- address, no padding, no structure.
--
SELECT record, email, problem FROM dcv_dns_contacts('example.com', ARRAY[
  '_validation-contactemail.example.com TXT "ops@example.com"',
  '_validation-contactemail.example.com TXT ops@example.com',
  '_validation-contactemail.example.com TXT "ops\064example.com"',
  '_validation-contactemail.example.com TXT "Ops@Example.COM"',
  '_validation-contactemail.example.com TXT "ops@example.com" ""',
  '_validation-contactemail.example.com TXT "" "ops@example.com"',
  '_validation-contactemail.example.com TXT "ops@" "example.com"',
  '_validation-contactemail.example.com TXT "ops@example.com\009"',
  '_validation-contactemail.example.com TXT "\032ops@example.com"',
  '_validation-contactemail.example.com TXT "ops@example.com\194\160"',
  '_validation-contactemail.example.com TXT "\227\128\128ops@example.com"',
  '_validation-contactemail.example.com TXT "ops@example.com\226\128\168"',
  '_validation-contactemail.example.com TXT "ops@example.com\000"',
  '_validation-contactemail.example.com TXT "ops@example.com."',
  '_validation-contactemail.example.com TXT "ops@example.com\227\128\130"',
  '_validation-contactemail.example.com TXT "ops@example.com\239\188\142"',
  '_validation-contactemail.example.com TXT "ops@example.com\239\189\161"',
  '_validation-contactemail.example.com TXT "mailto:ops@example.com"',
  '_validation-contactemail.example.com TXT "<ops@example.com>"',
  '_validation-contactemail.example.com TXT "Ops <ops@example.com>"',
  '_validation-contactemail.example.com TXT "ops@example.com (ops)"',
  '_validation-contactemail.example.com TXT "\"ops\"@example.com"',
  '_validation-contactemail.example.com TXT "ops@example.com,b@example.com"',
  '_validation-contactemail.example.com TXT "ops@example.com; b@example.com"',
  '_validation-contactemail.example.com TXT "email=ops@example.com"',
  '_validation-contactemail.example.com TXT "ops@example.com?subject=x"',
  '_validation-contactemail.example.com TXT "ops%evil.example@example.com"',
  '_validation-contactemail.example.com TXT "evil.example!ops@example.com"',
  '_validation-contactemail.example.com TXT "-oQ/tmp/x@example.com"',
  '_validation-contactemail.example.com TXT "ops@[192.0.2.1]"',
  '_validation-contactemail.example.com TXT "ops@localhost"',
  '_validation-contactemail.example.com TXT "ops@*.example.com"',
  '_validation-contactemail.example.com TXT "ops\239\188\160example.com"',
  '_validation-contactemail.example.com TXT "\239\189\143ps@example.com"']);

-- Untrimmed, the domain part still has its normal form: code points UTS#46
-- ignores are dropped, then one final dot (doc/rules.md, "Normal form of an
-- e-mail address"), so these are the address itself; two final dots are not.
SELECT record, email FROM dcv_dns_contacts('example.com', ARRAY[
  '_validation-contactemail.example.com TXT "ops@example.com.\194\173"',
  '_validation-contactemail.example.com TXT "ops@exa\226\128\139mple.com"',
  '_validation-contactemail.example.com TXT "ops@example.com\227\128\130\194\173"',
  '_validation-contactemail.example.com TXT "ops@example.com..\194\173"',
  '_validation-contactemail.example.com TXT "ops@example.com.\194\173."',
  'example.com CAA 0 contactemail "caa@example.com.\194\173"']);

--
-- 3. The relevant CAA set (RFC 8659 section 3): per ADN, the nearest name
-- up the tree with any CAA record; only that set counts.
--
SELECT owner, email, problem FROM dcv_dns_contacts('www.shop.example.co.jp', ARRAY[
  'www.shop.example.co.jp CAA 0 issue "ca.example"',
  'shop.example.co.jp CAA 0 contactemail "shop@example.net"',
  'example.co.jp CAA 0 iodef "mailto:sec@example.co.jp"',
  'co.jp CAA 0 contactemail "registry@example.net"',
  'jp CAA 0 contactemail "tld@example.net"',
  'other.example.co.jp CAA 0 contactemail "sibling@example.net"',
  'x.www.shop.example.co.jp CAA 0 contactemail "below@example.net"',
  '_validation-contactemail.example.co.jp CAA 0 contactemail "prefixed@example.net"']);
-- A set is non-empty when the name has any CAA record, whether or not dcv
-- can read it: a record at example.co.jp that does not parse still ends the
-- climb, so co.jp's contactemail (the registry's) is no contact of
-- example.co.jp.
SELECT record, email FROM dcv_dns_contacts('example.co.jp', ARRAY[
  'example.co.jp. CAA 0 issue-critical "ca.example"',
  'co.jp. CAA 0 contactemail "registry@example.net"']) WHERE record LIKE 'co.jp%';
SELECT record, email FROM dcv_dns_contacts('example.co.jp', ARRAY[
  'example.co.jp. CAA 0 issue "ca.example" "second"',
  'co.jp. CAA 0 contactemail "registry@example.net"']) WHERE record LIKE 'co.jp%';
SELECT record, email FROM dcv_dns_contacts('example.co.jp', ARRAY[
  'example.co.jp. TYPE257 \# 3 00 00 00',
  'co.jp. CAA 0 contactemail "registry@example.net"']) WHERE record LIKE 'co.jp%';
SELECT pg_temp.state($$SELECT dcv_default_recipient('QuickSSLPremium', 'example.co.jp', ARRAY['registry@example.net'], NULL, NULL, false,
                                                   ARRAY['example.co.jp. CAA 0 issue_x "ca.example"',
                                                         'co.jp. CAA 0 contactemail "registry@example.net"'])$$) AS designation;
-- A CAA record of another class is not at the name in class IN.
SELECT record, email FROM dcv_dns_contacts('example.co.jp', ARRAY[
  'example.co.jp. CH CAA 0 issue "ca.example"',
  'co.jp. CAA 0 contactemail "registry@example.net"']);
-- The climb stops at the TLD; the root's records never count.
SELECT record, email FROM dcv_dns_contacts('example.co.jp', ARRAY[
  '. CAA 0 contactemail "root@example.net"']);
-- The tag is a word: no prefix, suffix or look-alike of contactemail.
SELECT record, email FROM dcv_dns_contacts('example.com', ARRAY[
  'example.com CAA 0 contactemails "a@example.net"',
  'example.com CAA 0 xcontactemail "b@example.net"',
  'example.com CAA 0 "contactemail" "c@example.net"',
  'example.com CAA 0 contact\101mail "d@example.net"',
  'example.com CAA 0 contactemail\000 "e@example.net"',
  'example.com CAA 0 contactemai\226\132\147 "f@example.net"',
  'example.com CAA 0 CONTACTEMAIL "g@example.net"',
  'example.com CAA 0 contactemail ""',
  'example.com CAA 0 contactemail "h@example.net" "i@example.net"',
  'example.com CAA 0 contactemail "mailto:j@example.net"',
  'example.com CAA 256 contactemail "k@example.net"',
  'example.com CAA -1 contactemail "l@example.net"',
  'example.com CAA \# 15 000c636f6e74616374656d61696c',
  'example.com CAA \# 16 0000636f6e74616374656d61696c6d',
  'example.com CAA \# 29 00 0d 636f6e74616374656d61696c 6f7073406578616d706c652e636f6d',
  'example.com CAA \# 30 00 0c 636f6e74616374656d61696c 6f7073406578616d706c652e636f6d00']);

--
-- 4. Aliases: records at T answer for N only through "N CNAME T", chains of
-- at most 8 links, no loops, one CNAME a name.
--
-- A CNAME at the ADN does not move _validation-contactemail.<ADN> (an alias
-- is for its exact name); a DNAME is not read.
SELECT record, email FROM dcv_dns_contacts('www.example.com', ARRAY[
  'www.example.com CNAME cdn.example.net',
  '_validation-contactemail.cdn.example.net TXT "cdn@example.net"',
  'example.com DNAME example.net',
  '_validation-contactemail.example.net TXT "dname@example.net"']);
-- A CNAME whose owner is not a name of the order moves nothing; an alias
-- pointing at the order's name from elsewhere neither.
SELECT record, email FROM dcv_dns_contacts('example.com', ARRAY[
  '_validation-contactemail.example.org CNAME evil.example',
  'evil.example TXT "evil@evil.example"',
  'evil.example CNAME _validation-contactemail.example.com']);
-- Nine links are too many; a loop through the middle answers nothing; two
-- CNAMEs answer nothing, even with the same target.
SELECT count(email) AS contacts FROM dcv_dns_contacts('example.com', ARRAY[
  '_validation-contactemail.example.com CNAME a1.example.net',
  'a1.example.net CNAME a2.example.net', 'a2.example.net CNAME a3.example.net',
  'a3.example.net CNAME a4.example.net', 'a4.example.net CNAME a5.example.net',
  'a5.example.net CNAME a6.example.net', 'a6.example.net CNAME a7.example.net',
  'a7.example.net CNAME a8.example.net', 'a8.example.net CNAME a9.example.net',
  'a9.example.net TXT "nine@example.net"', 'a8.example.net TXT "eight@example.net"']);
SELECT count(email) AS contacts FROM dcv_dns_contacts('example.com', ARRAY[
  '_validation-contactemail.example.com CNAME b.example.net',
  'b.example.net CNAME c.example.net', 'c.example.net CNAME b.example.net',
  'b.example.net TXT "b@example.net"', 'c.example.net TXT "c@example.net"',
  'example.com CNAME example.com', 'example.com CAA 0 contactemail "self@example.net"']);
SELECT count(email) AS contacts FROM dcv_dns_contacts('example.com', ARRAY[
  '_validation-contactemail.example.com CNAME t.example.net',
  '_validation-contactemail.example.com CNAME T.EXAMPLE.NET.',
  't.example.net TXT "t@example.net"']);
-- CNAME and other data at one name: the alias answers, the other records
-- there do not; through the alias, only records of the type looked up.
SELECT record, email FROM dcv_dns_contacts('example.com', ARRAY[
  '_validation-contactemail.example.com CNAME t.example.net',
  '_validation-contactemail.example.com TXT "shadowed@example.com"',
  't.example.net CAA 0 contactemail "wrong-type@example.net"',
  'example.com CNAME u.example.net',
  'example.com CAA 0 contactemail "shadowed-caa@example.com"',
  'u.example.net TXT "wrong-type-2@example.net"']);
-- After an alias, the CAA climb goes on from the alias's parent, not from
-- the target's.
SELECT record, email FROM dcv_dns_contacts('www.example.com', ARRAY[
  'www.example.com CNAME cdn.provider.example',
  'provider.example CAA 0 contactemail "provider@example.net"']);
-- Targets with escapes are other names; generic targets must be exact.
SELECT record, email, problem FROM dcv_dns_contacts('example.com', ARRAY[
  '_validation-contactemail.example.com CNAME t\.example.net',
  't.example.net TXT "t@example.net"',
  'example.com CNAME \# 15 0174076578616d706c65036e657400',
  'example.com CNAME \# 16 0174076578616d706c65036e65740000',
  'example.com CNAME \# 4 c00c0000',
  'example.com CNAME a b']);

--
-- 5. Types, classes and TTLs.
--
SELECT record, email FROM dcv_dns_contacts('example.com', ARRAY[
  '_validation-contactemail.example.com TYPE16 "type16@example.net"',
  '_validation-contactemail.example.com CLASS1 TXT "class1@example.net"',
  '_validation-contactemail.example.com CLASS3 TXT "chaos@example.net"',
  '_validation-contactemail.example.com CLASS255 TXT "any@example.net"',
  '_validation-contactemail.example.com HS TXT "hesiod@example.net"',
  '_validation-contactemail.example.com NONE TXT "none@example.net"',
  '_validation-contactemail.example.com TYPE99 "spf@example.net"',
  '_validation-contactemail.example.com SPF "spf2@example.net"',
  '_validation-contactemail.example.com IN IN TXT "two-classes@example.net"',
  '_validation-contactemail.example.com 300 IN IN TXT "class-as-type@example.net"',
  '_validation-contactemail.example.com 300 300 TXT "two-ttls@example.net"',
  '_validation-contactemail.example.com 2147483648 TXT "ttl-over@example.net"',
  '_validation-contactemail.example.com 1h TXT "ttl-unit@example.net"',
  '_validation-contactemail.example.com TXT TXT "type-twice@example.net"',
  '_validation-contactemail.example.com TYPE65536 "type-over@example.net"',
  '_validation-contactemail.example.com "TXT" "quoted-type@example.net"',
  '"_validation-contactemail.example.com" TXT "quoted-owner@example.net"',
  '@ TXT "origin@example.net"']);

--
-- 6. RFC 3597 generic RDATA.
--
SELECT record, email FROM dcv_dns_contacts('example.com', ARRAY[
  '_validation-contactemail.example.com TXT \# 16 0f6f7073406578616d706c652e636f6d',
  '_validation-contactemail.example.com TXT \# 17 0f6f7073406578616d706c652e636f6d00',
  '_validation-contactemail.example.com TXT \# 17 000f6f7073406578616d706c652e636f6d',
  '_validation-contactemail.example.com TXT \# 1 00',
  '_validation-contactemail.example.com TXT \# 0',
  '_validation-contactemail.example.com TXT \# 15 0f6f7073406578616d706c652e636f6d',
  '_validation-contactemail.example.com TXT \# 16 106f7073406578616d706c652e636f6d',
  '_validation-contactemail.example.com TXT \# 16 0f6f7073406578616d706c652e636f6d0',
  '_validation-contactemail.example.com TXT \# 16 "0f6f7073406578616d706c652e636f6d"',
  '_validation-contactemail.example.com TXT \# 16 0x0f6f7073406578616d706c652e636f',
  '_validation-contactemail.example.com TXT \# -16 0f6f7073406578616d706c652e636f6d',
  '_validation-contactemail.example.com TXT \# 65536 00',
  '_validation-contactemail.example.com TXT \#16 0f6f7073406578616d706c652e636f6d',
  '_validation-contactemail.example.com TYPE16 \# 16 0f4f7073404558414d504c452e434f4d']);

--
-- 7. Comments, parentheses and line ends: one element is one record.
--
SELECT record, email FROM dcv_dns_contacts('example.com', ARRAY[
  '_validation-contactemail.example.com TXT ( "paren@example.net" )',
  '_validation-contactemail.example.com TXT ( "a@example.net"' || chr(10) || '"b@example.net" )',
  '_validation-contactemail.example.com TXT "c@example.net" ; "d@example.net"',
  '_validation-contactemail.example.com TXT ; "e@example.net"',
  '_validation-contactemail.example.com TXT "f@example.net"' || chr(10) || '_validation-contactemail.example.com TXT "g@example.net"',
  '_validation-contactemail.example.com TXT "h@example.net"' || chr(13) || '_validation-contactemail.example.com TXT "i@example.net"',
  '_validation-contactemail.example.com TXT ( "j@example.net" ;' || chr(10) || ') "k@example.net"',
  '_validation-contactemail.example.com TXT "l@example.net" )',
  '_validation-contactemail.example.com TXT ( "m@example.net"',
  '_validation-contactemail.example.com TXT "n@example.net"x',
  '_validation-contactemail.example.com TXT o@example.net"x"',
  '_validation-contactemail.example.com TXT "p@example.net\"',
  '_validation-contactemail.example.com TXT "q@exam' || chr(10) || 'ple.net"']);
-- A comment ends at the end of its line, a CR as much as an LF: what
-- follows a CR is a second line, and the element is refused, whatever the
-- first line publishes (as with an LF).
SELECT record, email FROM dcv_dns_contacts('example.com', ARRAY[
  '_validation-contactemail.example.com TXT "r@example.net" ; c' || chr(10) || 'evil.example TXT "s@example.net"',
  '_validation-contactemail.example.com TXT "t@example.net" ; c' || chr(13) || 'evil.example TXT "u@example.net"',
  '_validation-contactemail.example.com TXT "v@example.net" ; c' || chr(13) || chr(10)]);

--
-- 8. Decisions and candidates.
--
CREATE TEMP TABLE dns_recs AS SELECT ARRAY[
  '_validation-contactemail.example.com TXT "txt@example.net"',
  'example.com CAA 0 contactemail "caa@example.net"',
  '_validation-contactemail.example.com TXT "admin@www.example.com"',
  'evil.example TXT "evil@evil.example"',
  '_validation-contactemail.evil.example TXT "evil2@evil.example"']::text[] AS r;
-- The defaults never pick a DNS contact; a designation of one holds from
-- SC13 (2019-02-01) to the day before SC-090 (2028-03-14), discouraged
-- from 2026-03-15; no designation of an outside record holds ever.
SELECT d.as_of, p.product, x.recipients, x.rule, x.discouraged, x.problem IS NOT NULL AS refused
FROM dns_recs,
     (VALUES (NULL::date), ('2018-02-01'), ('2018-02-02'), ('2019-01-31'), ('2019-02-01'),
             ('2025-07-14'), ('2025-07-15'), ('2026-03-14'), ('2026-03-15'), ('2028-03-14'),
             ('2028-03-15'), ('infinity'), ('-infinity')) AS d(as_of),
     (VALUES ('QuickSSLPremium'), ('TrueBizID')) AS p(product),
     LATERAL dcv_decision(p.product, 'www.example.com', NULL, ARRAY['whois@example.com'], d.as_of, false, r) AS x
ORDER BY p.product, d.as_of NULLS FIRST;
SELECT d.as_of, x.recipients, x.rule, x.discouraged, x.problem
FROM dns_recs,
     (VALUES (NULL::date), ('2019-01-31'), ('2019-02-01'), ('2028-03-14'), ('2028-03-15')) AS d(as_of),
     LATERAL dcv_decision('QuickSSLPremium', 'www.example.com',
                          ARRAY['TXT@Example.NET', 'caa@example.net', 'admin@www.example.com'],
                          NULL, d.as_of, false, r) AS x
ORDER BY d.as_of NULLS FIRST;
SELECT e.email, pg_temp.catch(format($$SELECT dcv_default_recipient('TrueBizID', 'www.example.com', ARRAY[%L], NULL, NULL, false, %L)$$,
                                     e.email, r)) AS outcome
FROM dns_recs, (VALUES ('evil@evil.example'), ('evil2@evil.example')) AS e(email);
-- dcv_is_candidate and dcv_candidates agree with the decisions.
SELECT e.email, dcv_is_candidate('www.example.com', NULL, e.email, false, r) AS candidate
FROM dns_recs, (VALUES ('txt@example.net'), ('caa@example.net'), ('admin@www.example.com'),
                       ('evil@evil.example'), ('evil2@evil.example'), (' TXT@example.net ')) AS e(email);
SELECT c.* FROM dns_recs, dcv_candidates('www.example.com', ARRAY['caa@example.net'], true, r) AS c;
-- Corrected dates: SC13 later, then the designation waits for it; the
-- order of the changes holds.
INSERT INTO dcv_rule_date (change, effective) VALUES ('sc13', '2024-01-01');
SELECT (dcv_decision('QuickSSLPremium', 'example.com', ARRAY['txt@example.net'], NULL, '2023-12-31', false, r)).problem IS NOT NULL AS refused_before,
       (dcv_decision('QuickSSLPremium', 'example.com', ARRAY['txt@example.net'], NULL, '2024-01-01', false, r)).recipients AS on_the_day
FROM dns_recs;
SELECT pg_temp.catch($$UPDATE dcv_rule_date SET effective = '2025-07-16' WHERE change = 'sc13' AND NOT builtin$$);
SELECT pg_temp.catch($$UPDATE dcv_rule_date SET change = 'sc090' WHERE change = 'sc13' AND NOT builtin$$);
SELECT pg_temp.catch($$INSERT INTO dcv_rule_date (change, effective) VALUES ('notice_2018', '2024-01-02')$$);
SELECT pg_temp.catch($$INSERT INTO dcv_rule_date (change, effective) VALUES ('sc090_discouraged', '2028-03-16')$$);
SELECT pg_temp.catch($$INSERT INTO dcv_rule_date (change, effective) VALUES ('sc090', '2026-03-14')$$);
SELECT pg_temp.catch($$INSERT INTO dcv_rule_date (change, effective, builtin) VALUES ('sc090_discouraged', '2027-01-01', true)$$);
SELECT pg_temp.catch($$UPDATE dcv_rule_date SET effective = '2000-01-01' WHERE change = 'sc13' AND builtin$$);
DELETE FROM dcv_rule_date WHERE NOT builtin;
SELECT change, effective, builtin FROM dcv_timeline;

--
-- 9. The order trigger: the row holds what dcv_default_recipient returns for
-- its stored columns, whichever of them changed, however it is written.
--
CREATE TABLE dns_orders (
  id int PRIMARY KEY, product text, domain text, designated text[], whois text[],
  recipients text[], rule text, as_of date, dns text[], sub_ok boolean
);
CREATE TRIGGER dns_orders_dcv BEFORE INSERT OR UPDATE ON dns_orders FOR EACH ROW
  EXECUTE FUNCTION dcv_recipient_trigger(product, domain, designated, whois, recipients, rule, as_of, dns, sub_ok);
INSERT INTO dns_orders (id, product, domain, designated, dns, sub_ok) VALUES
  (1, 'QuickSSLPremium', 'www.example.com', ARRAY['txt@example.net'], (SELECT r FROM dns_recs), false),
  (2, 'QuickSSLPremium', 'www.example.com', ARRAY['admin@www.example.com'], NULL, true);
-- Only the DNS column, only the subdomain column: decided again.
SELECT pg_temp.catch($$UPDATE dns_orders SET dns = ARRAY['evil.example TXT "txt@example.net"'] WHERE id = 1$$);
SELECT pg_temp.catch($$UPDATE dns_orders SET dns = NULL WHERE id = 1$$);
SELECT pg_temp.catch($$UPDATE dns_orders SET sub_ok = false WHERE id = 2$$);
SELECT pg_temp.catch($$UPDATE dns_orders SET sub_ok = NULL WHERE id = 2$$);
-- The same through ON CONFLICT DO UPDATE, MERGE and COPY.
SELECT pg_temp.catch($$INSERT INTO dns_orders (id, product, domain, designated) VALUES (1, 'QuickSSLPremium', 'www.example.com', ARRAY['admin@example.com'])
                       ON CONFLICT (id) DO UPDATE SET dns = ARRAY['evil.example TXT "txt@example.net"']$$);
SELECT pg_temp.catch($$INSERT INTO dns_orders (id, product, domain, designated, sub_ok) VALUES (2, 'QuickSSLPremium', 'www.example.com', ARRAY['admin@www.example.com'], true)
                       ON CONFLICT (id) DO UPDATE SET sub_ok = false$$);
SELECT pg_temp.catch($$MERGE INTO dns_orders AS o USING (VALUES (1)) AS v(id) ON o.id = v.id
                       WHEN MATCHED THEN UPDATE SET dns = ARRAY['_validation-contactemail.evil.example TXT "txt@example.net"']$$);
COPY dns_orders FROM STDIN;
3	QuickSSLPremium	example.com	{evil@evil.example}	\N	{evil@evil.example}	designated	\N	{"evil.example TXT \\"evil@evil.example\\""}	f
\.
COPY dns_orders FROM STDIN;
3	QuickSSLPremium	example.com	{caa@example.net}	\N	{evil@evil.example}	whois_first	2019-01-31	{"example.com CAA 0 contactemail \\"caa@example.net\\""}	f
\.
COPY dns_orders FROM STDIN;
3	QuickSSLPremium	example.com	{caa@example.net}	\N	{evil@evil.example}	whois_first	2019-02-01	{"example.com CAA 0 contactemail \\"caa@example.net\\""}	f
\.
-- A change of a written column only: decided again, the same answer.
UPDATE dns_orders SET recipients = ARRAY['evil@evil.example'], rule = 'all_candidates' WHERE id = 3;
SELECT id, designated, recipients, rule, sub_ok FROM dns_orders ORDER BY id;
SELECT bool_and(o.recipients = dcv_default_recipient(o.product, o.domain, o.designated, o.whois, o.as_of, o.sub_ok, o.dns))
       AS stored_as_decided FROM dns_orders AS o;
-- A later BEFORE trigger that writes the DNS column is refused; a generated
-- DNS or subdomain column is refused.
CREATE FUNCTION pg_temp.evil_dns() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN NEW.dns := ARRAY['_validation-contactemail.example.com TXT "evil@evil.example"']; RETURN NEW; END $$;
CREATE TRIGGER dns_orders_later BEFORE UPDATE ON dns_orders FOR EACH ROW EXECUTE FUNCTION pg_temp.evil_dns();
SELECT pg_temp.catch($$UPDATE dns_orders SET designated = ARRAY['evil@evil.example'] WHERE id = 1$$);
DROP TRIGGER dns_orders_later ON dns_orders;
CREATE TABLE dns_gen (product text, domain text, designated text[], whois text[], recipients text[], rule text, as_of date,
                      raw text, dns text[] GENERATED ALWAYS AS (ARRAY[raw]) STORED, dns_in text[],
                      sub_ok boolean GENERATED ALWAYS AS (raw IS NOT NULL) STORED);
CREATE TRIGGER dns_gen_dcv BEFORE INSERT OR UPDATE ON dns_gen FOR EACH ROW
  EXECUTE FUNCTION dcv_recipient_trigger(product, domain, designated, whois, recipients, rule, as_of, dns);
SELECT pg_temp.catch($$INSERT INTO dns_gen (product, domain, designated, raw)
                       VALUES ('QuickSSLPremium', 'example.com', ARRAY['evil@evil.example'], '_validation-contactemail.example.com TXT "evil@evil.example"')$$);
DROP TRIGGER dns_gen_dcv ON dns_gen;
CREATE TRIGGER dns_gen_dcv BEFORE INSERT OR UPDATE ON dns_gen FOR EACH ROW
  EXECUTE FUNCTION dcv_recipient_trigger(product, domain, designated, whois, recipients, rule, as_of, dns_in, sub_ok);
SELECT pg_temp.catch($$INSERT INTO dns_gen (product, domain, designated, raw)
                       VALUES ('QuickSSLPremium', 'www.example.com', ARRAY['admin@www.example.com'], 'x')$$);
-- The DNS column must be text[]; a varchar[] is refused, not read.
CREATE TABLE dns_vc (product text, domain text, designated text[], whois text[], recipients text[], rule text, as_of date, dns varchar[]);
CREATE TRIGGER dns_vc_dcv BEFORE INSERT OR UPDATE ON dns_vc FOR EACH ROW
  EXECUTE FUNCTION dcv_recipient_trigger(product, domain, designated, whois, recipients, rule, as_of, dns);
SELECT pg_temp.state($$INSERT INTO dns_vc (product, domain, designated) VALUES ('QuickSSLPremium', 'example.com', ARRAY['admin@example.com'])$$) AS varchar_dns;
-- Partitions with their columns in another order; a row moved between them.
CREATE TABLE dns_parts (k int, product text, domain text, designated text[], whois text[], recipients text[],
                        rule text, as_of date, dns text[], sub_ok boolean) PARTITION BY LIST (k);
CREATE TABLE dns_parts_1 PARTITION OF dns_parts FOR VALUES IN (1);
CREATE TABLE dns_parts_2 (sub_ok boolean, dns text[], as_of date, rule text, recipients text[], whois text[],
                          designated text[], domain text, product text, k int);
ALTER TABLE dns_parts ATTACH PARTITION dns_parts_2 FOR VALUES IN (2);
CREATE TRIGGER dns_parts_dcv BEFORE INSERT OR UPDATE ON dns_parts FOR EACH ROW
  EXECUTE FUNCTION dcv_recipient_trigger(product, domain, designated, whois, recipients, rule, as_of, dns, sub_ok);
INSERT INTO dns_parts (k, product, domain, designated, dns)
  VALUES (1, 'QuickSSLPremium', 'example.com', ARRAY['caa@example.net'], (SELECT r FROM dns_recs));
SELECT pg_temp.catch($$UPDATE dns_parts SET k = 2, dns = NULL$$);
UPDATE dns_parts SET k = 2;
SELECT tableoid::regclass, recipients, rule FROM dns_parts;
DROP TABLE dns_orders, dns_gen, dns_vc, dns_parts;

--
-- 10. Huge arrays: NULL elements cost nothing; many records at one name
-- take time in proportion, and the statement can be cancelled.
--
SELECT count(*) FROM dcv_dns_contacts('example.com', array_fill(NULL::text, ARRAY[5000000]));
SELECT count(*) FROM dcv_candidates('example.com', NULL, false,
                                    array_fill('evil.example TXT "evil@evil.example"'::text, ARRAY[200000]));
-- 60000 records at one name that is no name of the order: a second or
-- two, well inside the 20 seconds allowed.
SET statement_timeout = '20s';
SELECT count(*) AS rows, count(email) AS contacts
FROM dcv_dns_contacts('example.com', array_fill('evil.example TXT "evil@evil.example"'::text, ARRAY[60000]));
RESET statement_timeout;

--
-- 11. An EUC_JP database of its own (the same output whatever the encoding
-- of the test database).  Two different characters of the user-defined
-- area (0xF5A1, 0xF5A2; Unicode has neither) are two different labels: an
-- alias to one is not answered by records at the other.
--
SELECT current_database() AS main_db, current_database() || '_dns_euc_jp' AS euc_db \gset
SET client_min_messages = warning;
DROP DATABASE IF EXISTS :"euc_db";
RESET client_min_messages;
CREATE DATABASE :"euc_db" TEMPLATE template0 ENCODING 'EUC_JP' LC_COLLATE 'C' LC_CTYPE 'C';
\c :"euc_db"
SET client_encoding = 'UTF8';
\set ECHO none
\i sql/include/catch.sql
\set ECHO all
CREATE EXTENSION dcv;
SELECT getdatabaseencoding();
-- (built with convert_from and never sent to the client, whose encoding cannot hold them)
CREATE TEMP TABLE udc AS SELECT convert_from('\xf5a1'::bytea, 'EUC_JP') AS u1, convert_from('\xf5a2'::bytea, 'EUC_JP') AS u2;
SELECT c.source, c.email FROM udc, dcv_dns_contacts('example.com', ARRAY[
  '_validation-contactemail.example.com CNAME ' || u1 || '.example.net',
  u2 || '.example.net TXT "other-name@example.net"',
  '_validation-contactemail.' || u1 || '.example.com TXT "udc-owner@example.net"']) AS c;
SELECT c.source, c.email FROM udc, dcv_dns_contacts('example.com', ARRAY[
  'example.com CNAME ' || u1 || '.example.net',
  u2 || '.example.net CAA 0 contactemail "other-name@example.net"']) AS c;
SELECT pg_temp.state(format($$SELECT dcv_default_recipient('QuickSSLPremium', 'example.com', ARRAY['other-name@example.net'], NULL, NULL, false, %L)$$,
                            ARRAY['_validation-contactemail.example.com CNAME ' || u1 || '.example.net',
                                  u2 || '.example.net TXT "other-name@example.net"'])) AS designation
FROM udc;
-- The look-alike owners of section 1, typed in EUC_JP.
SELECT record, email FROM dcv_dns_contacts('www.例え.jp', ARRAY[
  '_validation-contactemail.例え.jp TXT "a@example.net"',
  '_validation-contactemail.ｗｗｗ．例え.jp TXT "b@example.net"',
  '_validation-contactemail.www.例え。jp TXT "c@example.net"',
  '_validation-contactemail.例え｡jp TXT "d@example.net"',
  '＿validation-contactemail.例え.jp TXT "e@example.net"',
  '_validation-contactemail.例え.jp TXT "f＠example.net"',
  '_validation-contactemail.例え.jp TXT "g@example.net　"',
  '_validation-contactemail.例え.jp TXT "h@例え。jp"',
  '_validation-contactemail.ＷＷＷ.例え.jp TXT "i@example.net"']);
-- A value with a character Unicode lacks is no address (the record itself
-- is not shown: the client's encoding cannot hold it).
SELECT c.email, c.problem FROM udc, dcv_dns_contacts('www.例え.jp', ARRAY[
  '_validation-contactemail.例え.jp TXT "' || u1 || '@example.net"',
  '_validation-contactemail.例え.jp TXT "j@example.net' || u1 || '"',
  '_validation-contactemail.例え.jp TXT "k@' || u1 || '.example.net"']) AS c;
\c :"main_db"
SET client_encoding = 'UTF8';
DROP DATABASE :"euc_db";

--
-- 12. A SQL_ASCII database: octets that are not UTF-8 are no host name.
--
SELECT current_database() || '_dns_sql_ascii' AS ascii_db \gset
SET client_min_messages = warning;
DROP DATABASE IF EXISTS :"ascii_db";
RESET client_min_messages;
CREATE DATABASE :"ascii_db" TEMPLATE template0 ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C';
\c :"ascii_db"
SET client_encoding = 'SQL_ASCII';
CREATE EXTENSION dcv;
SELECT owner, email FROM dcv_dns_contacts('example.com', ARRAY[
  E'_validation-contactemail.\xff.example.com TXT "a@example.net"',
  E'_validation-contactemail.exampl\xe9.com TXT "b@example.net"',
  E'_validation-contactemail.example.com TXT "c@example.net\xff"',
  E'_validation-contactemail.example.com TXT "d@exampl\xe9.net"',
  E'_validation-contactemail.example.com CNAME \xff.example.net',
  E'\xfe.example.net TXT "e@example.net"']);
\c :"main_db"
SET client_encoding = 'UTF8';
DROP DATABASE :"ascii_db";

--
-- 13. The update from 1.0, in a database of its own: the four functions
-- keep their OIDs, grants and the views over them; a user's function in
-- the way stops the update (and leaves 1.0 as it was); someone who is not
-- superuser cannot update it nor move its dates.
--
SELECT current_database() || '_dns_update' AS upd_db \gset
SET client_min_messages = warning;
DROP DATABASE IF EXISTS :"upd_db";
DROP ROLE IF EXISTS regress_dcv_dns_user;
RESET client_min_messages;
CREATE DATABASE :"upd_db" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C';
CREATE ROLE regress_dcv_dns_user;
\c :"upd_db"
SET client_encoding = 'UTF8';
SET datestyle = ISO;
\set ECHO none
\i sql/include/catch.sql
\set ECHO all
CREATE EXTENSION dcv VERSION '1.0';
CREATE TEMP TABLE old_oids AS
  SELECT proname, oid FROM pg_proc
  WHERE proname IN ('dcv_candidates', 'dcv_is_candidate', 'dcv_default_recipient', 'dcv_decision');
CREATE VIEW old_calls AS
  SELECT dcv_default_recipient('TrueBizID', 'example.com') AS r,
         (dcv_decision('TrueBizID', 'example.com', NULL, ARRAY['w@example.com'])).*,
         (SELECT count(*) FROM dcv_candidates('example.com', NULL, true)) AS n,
         dcv_is_candidate('example.com', NULL, 'admin@example.com') AS c;
REVOKE EXECUTE ON FUNCTION dcv_decision(text, text, text[], text[], date, boolean) FROM PUBLIC;
-- A function of the user's with a signature the update gives one of dcv's.
CREATE FUNCTION dcv_candidates(domain text, whois_emails text[], subdomains boolean, dns_records text[])
  RETURNS int LANGUAGE sql AS 'SELECT 42';
SELECT pg_temp.state($$ALTER EXTENSION dcv UPDATE TO '1.1'$$) <> 'ok' AS update_refused;
SELECT extversion FROM pg_extension WHERE extname = 'dcv';
SELECT dcv_candidates('example.com', NULL, false, NULL) AS users_function;
DROP FUNCTION dcv_candidates(text, text[], boolean, text[]);
-- A user's function named like the script's helpers, another signature.
CREATE FUNCTION dcv_candidates_new(text) RETURNS int LANGUAGE sql AS 'SELECT 7';
-- Not superuser: no update, no dates.
SET ROLE regress_dcv_dns_user;
SELECT pg_temp.state($$ALTER EXTENSION dcv UPDATE TO '1.1'$$) AS update_as_user;
SELECT pg_temp.state($$INSERT INTO dcv_rule_date (change, effective) VALUES ('sc080', '2030-01-01')$$) AS dates_as_user;
-- Not superuser, with CREATE on dcv's schema: a function of its own where
-- the update puts dcv_dns_contacts stops the update; it never becomes dcv's.
RESET ROLE;
GRANT CREATE ON SCHEMA public TO regress_dcv_dns_user;
SET ROLE regress_dcv_dns_user;
CREATE FUNCTION dcv_dns_contacts(domain text, dns_records text[])
  RETURNS TABLE (email text, source text, owner text, record text, problem text)
  LANGUAGE sql AS $$SELECT 'evil@evil.example', 'dns_txt', NULL, NULL, NULL$$;
RESET ROLE;
SELECT pg_temp.state($$ALTER EXTENSION dcv UPDATE TO '1.1'$$) AS update_with_users_function;
SELECT extversion FROM pg_extension WHERE extname = 'dcv';
SELECT count(*) AS dcv_members_owned_by_user FROM pg_depend AS d JOIN pg_proc AS p ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid
WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e' AND p.proowner = 'regress_dcv_dns_user'::regrole;
DROP FUNCTION dcv_dns_contacts(text, text[]);
REVOKE CREATE ON SCHEMA public FROM regress_dcv_dns_user;
-- Temporary objects named like dcv's, in the session that updates: the
-- update writes dcv's own table, view and type all the same.
CREATE TEMP TABLE dcv_rule_date (change text, effective date, builtin boolean, description text);
CREATE TEMP VIEW dcv_timeline AS SELECT * FROM pg_temp.dcv_rule_date;
CREATE TYPE pg_temp.dcv_decision_result AS (x int);
ALTER EXTENSION dcv UPDATE TO '1.1';
SELECT extversion FROM pg_extension WHERE extname = 'dcv';
SELECT (SELECT count(*) FROM pg_temp.dcv_rule_date) AS temp_rows,
       (SELECT count(*) FROM public.dcv_rule_date WHERE change IN ('sc13', 'sc090_discouraged')) AS new_builtin_rows,
       (SELECT count(*) FROM pg_attribute WHERE attrelid = 'public.dcv_decision_result'::regclass AND attname = 'discouraged') AS discouraged_attribute;
DROP TABLE pg_temp.dcv_rule_date CASCADE;
DROP TYPE pg_temp.dcv_decision_result;
SELECT o.proname, p.oid = o.oid AS same_oid, p.pronargs, p.proargnames[p.pronargs] AS last_arg
FROM old_oids AS o JOIN pg_proc AS p ON p.proname = o.proname AND p.pronamespace = 'public'::regnamespace
ORDER BY o.proname;
SELECT has_function_privilege('regress_dcv_dns_user', 'dcv_decision(text, text, text[], text[], date, boolean, text[])', 'EXECUTE') AS user_may_decide,
       has_function_privilege('regress_dcv_dns_user', 'dcv_cache_invalidate()', 'EXECUTE') AS user_may_invalidate;
SELECT * FROM old_calls;
SELECT dcv_candidates_new('x') AS users_helper;
SELECT change, effective, builtin FROM public.dcv_timeline;
SELECT (dcv_decision('QuickSSLPremium', 'example.com', ARRAY['txt@example.net'], NULL, '2019-02-01', false,
                     ARRAY['_validation-contactemail.example.com TXT "txt@example.net"'])).*;
SET ROLE regress_dcv_dns_user;
SELECT pg_temp.state($$CREATE TEMP TABLE t (x int); CREATE TRIGGER t_inv AFTER INSERT ON t FOR EACH STATEMENT EXECUTE FUNCTION dcv_cache_invalidate()$$) AS invalidate_trigger_as_user;
RESET ROLE;
\c :"main_db"
SET client_encoding = 'UTF8';
DROP DATABASE :"upd_db";
DROP ROLE regress_dcv_dns_user;
