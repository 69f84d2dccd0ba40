-- bench/data.sql: the benchmark's order table, seeded and reproducible.
--
-- psql variables: rows (how many orders), seed (a float in [-1, 1] for
-- setseed).  Every random number is drawn once, in a serial scan, into the
-- column r of bench_gen; everything after that is a pure function of r, so
-- the same rows and seed give the same table on every machine.
--
-- One row per domain of an order (a multi-domain order has several rows), as
-- an order system keeps them:
--   product     an SSL-API product code, as typed (a few in another case)
--   domain      the applied domain as the customer typed it
--   designated  approver addresses chosen on the order, or NULL
--   whois       the WHOIS e-mails fetched for the base domain, or NULL when
--               the lookup failed
--   dns_records the DNS records the order system found for the order's
--               names (bench/data.sql, "DNS records" below), one line an
--               element as dig prints it, or NULL when it looked none up
--   order_date  the day of the order, passed as as_of
--
-- Every row is decidable: the designated addresses are always candidates on
-- the order's date (constructed addresses, or a usable WHOIS address while
-- WHOIS e-mails are candidates), every DV row has one, and no date reaches
-- 2028-03-15.  A designated address may be a contact the order's DNS records
-- publish (from the date of ballot SC13, 2019-02-01).  bench/run.sh checks
-- all this with dcv_decision before measuring.

\set ON_ERROR_STOP 1

DROP TABLE IF EXISTS orders, bench_gen, bench_vocab, bench_stage, bench_gen_dns, bench_dns;

CREATE FUNCTION pg_temp.pick(a text[], r float8) RETURNS text
LANGUAGE sql IMMUTABLE AS $$ SELECT a[1 + floor(r * cardinality(a))::int] $$;

-- A second number in [0, 1) from the same draw, for independent small choices.
CREATE FUNCTION pg_temp.frac(r float8, k int) RETURNS float8
LANGUAGE sql IMMUTABLE AS $$ SELECT (r * k) - floor(r * k) $$;

-- Fullwidth form of an ASCII name (what a Japanese input method gives).
CREATE FUNCTION pg_temp.fullwidth(s text, ideographic_stop boolean) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
	SELECT translate(s,
		'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-*.',
		'ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ０１２３４５６７８９－＊'
		|| CASE WHEN ideographic_stop THEN '。' ELSE '．' END)
$$;

-- Weighted lists, expanded so that a uniform pick follows the weights.
CREATE TEMP TABLE bench_weighted (list text, item text, weight int);
INSERT INTO bench_weighted VALUES
	-- The 13 built-in codes; the DV line (QuickSSL) is a third of the rows.
	('product', 'QuickSSLPremium', 20), ('product', 'QuickSSLPremiumWildcard', 7),
	('product', 'QuickSSLPremiumMD', 6), ('product', 'TrueBizID', 12),
	('product', 'TrueBizIDWildcard', 4), ('product', 'TrueBizIDMD', 5),
	('product', 'TrueBizIDMDWC', 2), ('product', 'TrueBizIDEV', 4),
	('product', 'TrueBizIDEVMD', 2), ('product', 'SecureSite', 14),
	('product', 'SecureSitePro', 10), ('product', 'SecureSiteEV', 8),
	('product', 'SecureSiteProEV', 6),
	-- Public suffixes (ICANN section) under ASCII names.
	('suffix', 'co.jp', 24), ('suffix', 'jp', 18), ('suffix', 'com', 18),
	('suffix', 'ne.jp', 4), ('suffix', 'or.jp', 3), ('suffix', 'ac.jp', 2),
	('suffix', 'tokyo.jp', 3), ('suffix', 'osaka.jp', 2), ('suffix', 'kyoto.jp', 1),
	('suffix', 'shibuya.tokyo.jp', 1), ('suffix', 'chiyoda.tokyo.jp', 1),
	('suffix', 'chuo.osaka.jp', 1), ('suffix', 'net', 5), ('suffix', 'org', 3),
	('suffix', 'tokyo', 3), ('suffix', 'co.uk', 1), ('suffix', 'com.au', 1),
	('suffix', 'de', 1), ('suffix', 'info', 1), ('suffix', 'biz', 1),
	-- Public suffixes under Japanese names, as typed.
	('idn_suffix', 'jp', 55), ('idn_suffix', 'com', 15), ('idn_suffix', '東京.jp', 10),
	('idn_suffix', '大阪.jp', 5), ('idn_suffix', '京都.jp', 5), ('idn_suffix', 'みんな', 5),
	('idn_suffix', 'コム', 5),
	-- Local parts of designated addresses (the five constructed ones).
	('local', 'admin', 50), ('local', 'administrator', 15), ('local', 'webmaster', 15),
	('local', 'hostmaster', 10), ('local', 'postmaster', 10);

CREATE TABLE bench_vocab AS
SELECT
	(SELECT array_agg(item ORDER BY item, g) FROM bench_weighted, generate_series(1, weight) g
	 WHERE list = 'product') AS products,
	(SELECT array_agg(item ORDER BY item, g) FROM bench_weighted, generate_series(1, weight) g
	 WHERE list = 'suffix') AS suffixes,
	(SELECT array_agg(item ORDER BY item, g) FROM bench_weighted, generate_series(1, weight) g
	 WHERE list = 'idn_suffix') AS idn_suffixes,
	(SELECT array_agg(item ORDER BY item, g) FROM bench_weighted, generate_series(1, weight) g
	 WHERE list = 'local') AS locals,
	ARRAY['sakura', 'midori', 'hikari', 'yamato', 'fuji', 'tanaka', 'suzuki', 'sato',
		  'takahashi', 'watanabe', 'ito', 'nakamura', 'kobayashi', 'kato', 'yoshida',
		  'yamada', 'sasaki', 'matsumoto', 'inoue', 'kimura', 'hayashi', 'shimizu',
		  'yamazaki', 'mori', 'ikeda', 'hashimoto', 'ishikawa', 'ogawa', 'okada', 'maeda',
		  'fujita', 'goto', 'hasegawa', 'murakami', 'kondo', 'saito', 'sakamoto', 'aoki',
		  'nishimura', 'fukuda', 'miura', 'fujiwara', 'matsuda', 'nakagawa', 'asahi',
		  'kaze', 'umi', 'sora', 'tsubasa', 'nihon', 'tokai', 'kansai', 'hokuriku',
		  'kyushu', 'shikoku', 'tohoku', 'chubu', 'kinki', 'example', 'global'] AS words1,
	ARRAY['shoji', 'kogyo', 'denki', 'seiyaku', 'bank', 'shop', 'travel', 'hotel',
		  'clinic', 'dental', 'school', 'univ', 'tech', 'soft', 'net', 'media', 'design',
		  'foods', 'farm', 'kensetsu', 'fudosan', 'unyu', 'hoken', 'shoken', 'motors',
		  'cafe', 'ramen', 'sushi', 'books', 'music', 'group', 'holdings', 'systems',
		  'labs', 'works', 'service', 'trading', 'logistics'] AS words2,
	-- (No prefecture name: 東京.jp, 大阪.jp and the like are public suffixes.)
	ARRAY['例え', '日本語', 'さくら', '寿司', 'ラーメン', '富士山', '銀座', '渋谷', '新宿',
		  'みどり', 'ひかり', 'やまと', '山田', '田中', '鈴木', '佐藤', '高橋', '渡辺', '中村',
		  '小林', '加藤', '吉田', '浅草', '秋葉原', '横浜', '名古屋', '神戸', '仙台',
		  'お茶', '花屋', '本屋', 'パン屋', 'そば', 'うどん', '温泉', '旅館'] AS ja1,
	ARRAY['商事', '工業', '電気', '銀行', '病院', '学校', '不動産', '旅行', 'ホテル', 'ショップ',
		  'カフェ', 'デザイン', 'ソフト', '建設', '運輸', '保険', '証券', '自動車', '書店', '音楽',
		  '株式会社', '物産', '製作所', '食品', '農園', '歯科', 'クリニック', '通販'] AS ja2,
	ARRAY['shop', 'mail', 'secure', 'api', 'portal', 'm', 'login', 'store', 'members',
		  'admin', 'dev', 'stg', 'cdn', 'img', 'blog', 'support', 'ec', 'recruit', 'ir'] AS subs,
	ARRAY['v2', 'internal', 'corp', 'app', 'web', 'east', 'west', 'jp', 'prod', 'backend',
		  'edge1', 'edge2', 'tokyo', 'osaka'] AS subs2,
	ARRAY['admin', 'info', 'domain', 'tech', 'dns', 'hostmaster', 'soumu', 'support',
		  'webmaster', 'net-admin', 'system', 'jimukyoku'] AS roles,
	ARRAY['tanaka', 'y.suzuki', 'k-sato', 'takahashi.h', 'watanabe', 'ito_k', 'nakamura',
		  'kobayashi.t', 'm.kato', 'yoshida-a', 'yamada.taro', 'sasaki'] AS persons,
	ARRAY['hostmaster@dns-service.ne.jp', 'whois@registrar-jp.com', 'domain@net-registry.co.jp',
		  'support@hosting-provider.com', 'dns-admin@isp-example.ne.jp',
		  'Domain.Admin@Registrar-JP.COM', 'noc@datacenter.or.jp'] AS registrars,
	ARRAY['https://www.whois-privacy.example/contact',
		  'Please query the RDDS service of the Registrar of Record identified in this output for information on how to contact the Registrant, Admin, or Tech contact of the queried domain name.',
		  '', 'Select Request Email Form at https://domains.registrar-jp.com/whois',
		  'abuse at registrar-jp dot com', 'hostmaster@', '(not disclosed)'] AS junk;

-- The draws: 24 numbers per row.
SELECT setseed(:seed);
CREATE UNLOGGED TABLE bench_gen AS
SELECT i, ARRAY[random(), random(), random(), random(), random(), random(), random(), random(),
				random(), random(), random(), random(), random(), random(), random(), random(),
				random(), random(), random(), random(), random(), random(), random(), random()] AS r
FROM generate_series(1, :rows) AS i
ORDER BY i;

-- The orders without their DNS records first.
CREATE UNLOGGED TABLE bench_stage (
	id bigint PRIMARY KEY,
	product text NOT NULL,
	domain text NOT NULL,
	designated text[],
	whois text[],
	order_date date NOT NULL
);

INSERT INTO bench_stage (id, product, domain, designated, whois, order_date)
SELECT g.i, o.product_in, d.domain_in, des.designated, w.whois, o.order_date
FROM bench_gen g
CROSS JOIN bench_vocab v
-- The order: product (a few typed in another case), its line, the date.
CROSS JOIN LATERAL (
	SELECT code,
		   CASE WHEN r[2] < 0.05 THEN lower(code) WHEN r[2] < 0.07 THEN upper(code) ELSE code END
			   AS product_in,
		   code LIKE 'QuickSSL%' AS dv,
		   code LIKE '%Wildcard' OR (code = 'TrueBizIDMDWC' AND pg_temp.frac(r[2], 17) < 0.5)
			   AS wildcard,
		   CASE WHEN r[3] < 0.20	-- before the notice
				THEN DATE '2015-01-01' + floor(r[4] * (DATE '2018-02-01' - DATE '2015-01-01' + 1))::int
				WHEN r[3] < 0.85	-- the notice's rules
				THEN DATE '2018-02-02' + floor(r[4] * (DATE '2025-07-14' - DATE '2018-02-02' + 1))::int
				ELSE				-- after ballot SC-080, before SC-090
				DATE '2025-07-15' + floor(r[4] * (DATE '2028-03-14' - DATE '2025-07-15' + 1))::int
		   END AS order_date
	FROM (SELECT pg_temp.pick(v.products, g.r[1]) AS code) c, (SELECT g.r) rr
) o
-- The registered name: one label plus its public suffix, ASCII or Japanese.
CROSS JOIN LATERAL (
	SELECT r[5] < 0.10 AS idn,
		   CASE WHEN r[5] < 0.10 THEN
				CASE WHEN r[11] < 0.5 THEN pg_temp.pick(v.ja1, r[9]) || pg_temp.pick(v.ja2, r[10])
					 WHEN r[11] < 0.8 THEN pg_temp.pick(v.ja1, r[9])
					 ELSE pg_temp.pick(v.ja1, r[9]) || floor(pg_temp.frac(r[11], 991) * 100)::int
				END || '.' || pg_temp.pick(v.idn_suffixes, r[8])
		   ELSE
				CASE WHEN r[11] < 0.4 THEN pg_temp.pick(v.words1, r[9]) || '-' || pg_temp.pick(v.words2, r[10])
					 WHEN r[11] < 0.7 THEN pg_temp.pick(v.words1, r[9]) || pg_temp.pick(v.words2, r[10])
					 WHEN r[11] < 0.9 THEN pg_temp.pick(v.words1, r[9]) || floor(pg_temp.frac(r[11], 991) * 10000)::int
					 ELSE pg_temp.pick(v.words2, r[10]) || '-' || pg_temp.pick(v.words1, r[9])
				END || '.' || pg_temp.pick(v.suffixes, r[8])
		   END AS base_typed
	FROM (SELECT g.r) rr
) b
CROSS JOIN LATERAL (
	SELECT CASE WHEN b.idn THEN dcv_normalize_domain(b.base_typed) ELSE b.base_typed END AS base
) ba
-- The applied domain as typed: wildcard, subdomains, case, fullwidth, A-labels.
CROSS JOIN LATERAL (
	SELECT CASE WHEN r[15] < 0.01 THEN t || '.' ELSE t END AS domain_in
	FROM (SELECT g.r) rr,
	LATERAL (
		SELECT CASE
				   WHEN r[12] < 0.35 AND NOT o.wildcard THEN ''
				   WHEN r[12] < 0.60 AND o.wildcard THEN ''
				   WHEN r[12] < 0.75 AND NOT o.wildcard THEN 'www.'
				   WHEN r[12] < 0.87 THEN pg_temp.pick(v.subs, r[13]) || '.'
				   WHEN r[12] < 0.97 THEN pg_temp.pick(v.subs, r[13]) || '.' || pg_temp.pick(v.subs2, r[14]) || '.'
				   ELSE pg_temp.pick(v.subs, r[13]) || '.' || pg_temp.pick(v.subs2, r[14]) || '.'
						|| pg_temp.pick(v.subs2, pg_temp.frac(r[14], 31)) || '.'
						|| pg_temp.pick(v.subs, pg_temp.frac(r[13], 37)) || '.'
			   END AS sub
	) s,
	LATERAL (
		SELECT CASE WHEN o.wildcard THEN '*.' ELSE '' END || s.sub
			   || CASE WHEN b.idn AND r[6] < 0.2 THEN ba.base ELSE b.base_typed END AS plain
	) p,
	LATERAL (
		SELECT CASE
				   WHEN b.idn THEN CASE WHEN r[7] < 0.2 THEN replace(p.plain, '.', '。') ELSE p.plain END
				   WHEN r[7] < 0.80 THEN p.plain
				   WHEN r[7] < 0.90 THEN initcap(p.plain)
				   WHEN r[7] < 0.95 THEN upper(p.plain)
				   ELSE pg_temp.fullwidth(p.plain, r[7] < 0.97)
			   END AS t
	) f
) d
-- WHOIS: NULL (lookup failed) for 8 %, else 0 to 4 entries of all kinds.
CROSS JOIN LATERAL (
	SELECT CASE WHEN r[16] < 0.08 THEN NULL
				ELSE (ARRAY[e[1], e[2], e[3], e[4]])[1:
					  CASE WHEN pg_temp.frac(r[16], 101) < 0.11 THEN 0
						   WHEN pg_temp.frac(r[16], 101) < 0.38 THEN 1
						   WHEN pg_temp.frac(r[16], 101) < 0.71 THEN 2
						   WHEN pg_temp.frac(r[16], 101) < 0.92 THEN 3
						   ELSE 4 END]
		   END AS whois
	FROM (SELECT g.r) rr,
	LATERAL (
		SELECT array_agg(
			CASE WHEN x < 0.30 THEN
					CASE WHEN pg_temp.frac(x, 13) < 0.15
						 THEN upper(pg_temp.pick(v.roles, pg_temp.frac(x, 7919))) || '@' || upper(ba.base)
						 ELSE pg_temp.pick(v.roles, pg_temp.frac(x, 7919)) || '@'
							  || CASE WHEN b.idn AND pg_temp.frac(x, 31) < 0.3 THEN b.base_typed ELSE ba.base END
					END
				 WHEN x < 0.50 THEN pg_temp.pick(v.persons, pg_temp.frac(x, 7919)) || '@' || ba.base
				 WHEN x < 0.65 THEN pg_temp.pick(v.registrars, pg_temp.frac(x, 7919))
				 WHEN x < 0.80 THEN 'REDACTED FOR PRIVACY'
				 WHEN x < 0.85 THEN NULL
				 WHEN x < 0.90 THEN pg_temp.pick(v.junk, pg_temp.frac(x, 7919))
				 ELSE '  ' || pg_temp.pick(v.roles, pg_temp.frac(x, 7919)) || '@' || ba.base
					  || CASE WHEN pg_temp.frac(x, 13) < 0.5 THEN E'\t' ELSE ' ' END
			END ORDER BY k) AS e
		FROM unnest(ARRAY[r[17], r[18], r[19], r[20]]) WITH ORDINALITY AS u(x, k)
	) es
) w
-- Designated addresses: every DV order, 3 % of the OV/EV ones.
CROSS JOIN LATERAL (
	SELECT CASE WHEN NOT (o.dv OR r[21] < 0.03) THEN NULL
				WHEN r[22] < 0.85 THEN ARRAY[a1]
				WHEN r[22] < 0.97 THEN ARRAY[a1, a2]
				ELSE ARRAY[a1, NULL, a2, a1]
		   END AS designated
	FROM (SELECT g.r) rr,
	LATERAL (
		-- A usable WHOIS address can be designated while WHOIS e-mails are candidates.
		SELECT CASE WHEN o.order_date < DATE '2025-07-15' THEN
				   (SELECT x FROM unnest(w.whois) x WHERE x IS NOT NULL AND dcv_email_problem(x) IS NULL LIMIT 1)
			   END AS whois_addr
	) wa,
	LATERAL (
		SELECT CASE WHEN wa.whois_addr IS NOT NULL AND r[23] < 0.25 THEN wa.whois_addr
					ELSE pg_temp.pick(v.locals, pg_temp.frac(r[23], 7919)) || '@'
						 || CASE WHEN r[24] < 0.10 THEN upper(ba.base)
								 WHEN b.idn AND r[24] < 0.6 THEN b.base_typed
								 ELSE ba.base END
			   END AS a1,
			   pg_temp.pick(v.locals, pg_temp.frac(r[23], 104729)) || '@' || ba.base AS a2
	) aa
) des
ORDER BY g.i;

-- DNS records.  On 30 % of the orders from 2019 on, the order system looked
-- the contacts up and kept what it found: 0 to 3 lines, as dig prints them
-- (tabs or spaces, TTLs, now and then an owner in capitals), each line one of
--   TXT at _validation-contactemail.<ADN> with an address (40 %),
--   CAA <ADN> 0 contactemail "<address>" (22 %),
--   CAA <ADN> 0 issue "<CA>" (13 %, no contact: not the contactemail property),
--   a CNAME from _validation-contactemail.<ADN> to a DNS provider's name,
--   and the TXT record at that target (15 %, two lines),
--   TXT at a provider's name that no alias of the order points to (5 %, no contact),
--   CAA <ADN> 0 iodef "mailto:..." (5 %, no contact);
-- a line at the name of an earlier one is left out where either is a CNAME (a
-- zone cannot hold both), and the lines of the three draws are cut at the
-- count, so the TXT record behind a CNAME is missing now and then.  An ADN
-- is the applied domain without its wildcard label, or a parent of it down
-- to the base domain, the base domain itself three times in five.  A contact
-- is at the base domain or at the provider's, with a local part that is
-- neither constructed nor in WHOIS.  An empty array is a lookup that found
-- nothing, NULL no lookup.
--
-- These draws are their own, ten a row, from a second seed taken from the
-- first (and never equal to it): the columns above stay as they were, and
-- row i is the same whatever the number of rows.
CREATE TEMP TABLE bench_dns_vocab AS
SELECT ARRAY['dns-contact', 'ssl-admin', 'cert', 'security', 'dcv', 'pki', 'it-kanri', 'ssl',
			 'cert-team', 'joho-system'] AS locals,
	   ARRAY['dns-service.ne.jp', 'hosting-provider.com', 'ssl-reseller.co.jp', 'managed-dns.jp',
			 'cloud-example.net', 'isp-example.ne.jp'] AS providers,
	   ARRAY['digicert.com', 'letsencrypt.org', 'globalsign.com', 'sectigo.com', 'pki.goog',
			 'secomtrust.net'] AS cas,
	   ARRAY['300', '600', '3600', '86400'] AS ttls;

-- One resource record as dig prints it.
CREATE FUNCTION pg_temp.rr(owner text, ttl text, type text, rdata text, tabs boolean, caps boolean)
RETURNS text LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE WHEN caps THEN upper(owner) ELSE owner END || '.'
		   || CASE WHEN tabs THEN E'\t' || ttl || E'\tIN\t' || type || E'\t'
				   ELSE ' ' || ttl || ' IN ' || type || ' ' END
		   || rdata
$$;

SELECT setseed(CASE WHEN :seed >= 0 THEN :seed / 2.0 - 0.5 ELSE :seed / 2.0 + 0.5 END);
CREATE UNLOGGED TABLE bench_gen_dns AS
SELECT i, ARRAY[random(), random(), random(), random(), random(), random(), random(), random(),
				random(), random()] AS q
FROM generate_series(1, :rows) AS i
ORDER BY i;

CREATE UNLOGGED TABLE bench_dns AS
SELECT s.id, recs.records
FROM bench_stage AS s
JOIN bench_gen_dns AS g ON g.i = s.id
CROSS JOIN bench_dns_vocab AS v
CROSS JOIN LATERAL (
	SELECT regexp_replace(dcv_normalize_domain(s.domain), '^\*\.', '') AS name,
		   dcv_base_domain(s.domain) AS base
) AS n
-- The Authorization Domain Names: the name, then its parents down to the base domain.
CROSS JOIN LATERAL (
	SELECT array_agg(array_to_string(ll.l[j:], '.') ORDER BY j) AS adns
	FROM (SELECT string_to_array(n.name, '.') AS l) AS ll,
		 generate_series(1, cardinality(ll.l) - cardinality(string_to_array(n.base, '.')) + 1) AS j
) AS a
CROSS JOIN LATERAL (
	SELECT coalesce((array_agg(l.line ORDER BY l.k, l.m))[1:
				CASE WHEN g.q[2] < 0.10 THEN 0 WHEN g.q[2] < 0.55 THEN 1
					 WHEN g.q[2] < 0.85 THEN 2 ELSE 3 END],
			   '{}') AS records
	FROM (
		SELECT k, u.m, u.owner, u.type,
			   pg_temp.rr(u.owner, p.ttl, u.type, u.rdata, p.tabs, p.caps) AS line,
			   -- A name with a CNAME record has no other record (RFC 1034 section 3.6.2):
			   -- a line at the owner of an earlier line is left out when either is a CNAME.
			   bool_or(u.type = 'CNAME') OVER w AS cname_before,
			   count(*) OVER w AS lines_before
		FROM generate_series(1, 3) AS k,
		LATERAL (SELECT g.q[2 + k] AS x) AS xx,
		LATERAL (
			SELECT CASE WHEN pg_temp.frac(x, 101) < 0.6 THEN n.base
						ELSE pg_temp.pick(a.adns, pg_temp.frac(x, 7919)) END AS adn,
				   pg_temp.pick(v.providers, pg_temp.frac(x, 37)) AS provider,
				   pg_temp.pick(v.locals, pg_temp.frac(x, 104729)) AS local,
				   pg_temp.pick(v.ttls, pg_temp.frac(x, 13)) AS ttl,
				   pg_temp.frac(x, 17) < 0.7 AS tabs,
				   pg_temp.frac(x, 19) < 0.05 AS caps
		) AS p,
		LATERAL (
			SELECT CASE WHEN pg_temp.frac(x, 41) < 0.1 THEN upper(e) ELSE e END AS contact
			FROM (SELECT p.local || '@' || CASE WHEN pg_temp.frac(x, 31) < 0.6 THEN n.base
												ELSE p.provider END AS e) AS ee
		) AS c,
		LATERAL (
			SELECT '_validation-contactemail.' || p.adn AS txt_owner,
				   '_validation-contactemail.' || p.provider AS provider_owner
		) AS o,
		LATERAL (
			SELECT *
			FROM (VALUES
				(1, o.txt_owner, 'TXT', '"' || c.contact || '"', x < 0.40),
				(1, p.adn, 'CAA', '0 contactemail "' || c.contact || '"', x >= 0.40 AND x < 0.62),
				(1, p.adn, 'CAA', '0 issue "' || pg_temp.pick(v.cas, pg_temp.frac(x, 43)) || '"',
				 x >= 0.62 AND x < 0.75),
				(1, o.txt_owner, 'CNAME', o.provider_owner || '.', x >= 0.75 AND x < 0.90),
				(2, o.provider_owner, 'TXT', '"' || p.local || '@' || p.provider || '"', x >= 0.75 AND x < 0.90),
				(1, o.provider_owner, 'TXT', '"' || c.contact || '"', x >= 0.90 AND x < 0.95),
				(1, p.adn, 'CAA', '0 iodef "mailto:security@' || n.base || '"', x >= 0.95)
			) AS t(m, owner, type, rdata, chosen)
			WHERE chosen
		) AS u
		WINDOW w AS (PARTITION BY lower(u.owner) ORDER BY k, u.m ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
	) AS l
	WHERE l.lines_before = 0 OR (NOT l.cname_before AND l.type <> 'CNAME')
) AS recs
WHERE s.order_date >= DATE '2019-01-01' AND g.q[1] < 0.30;

CREATE TABLE orders (
	id bigint PRIMARY KEY,
	product text NOT NULL,
	domain text NOT NULL,
	designated text[],
	whois text[],
	dns_records text[],
	order_date date NOT NULL
);

-- Half the designated orders with records, from 2019-02-01 (ballot SC13) on,
-- designate a contact the records publish instead of their first address
-- (the first such contact, in the order of the records), so that their
-- decision has to read the records.
INSERT INTO orders (id, product, domain, designated, whois, dns_records, order_date)
SELECT s.id, s.product, s.domain,
	   CASE WHEN dc.email IS NULL THEN s.designated
			ELSE array_replace(s.designated, s.designated[1], dc.email) END,
	   s.whois, d.records, s.order_date
FROM bench_stage AS s
LEFT JOIN bench_dns AS d USING (id)
LEFT JOIN bench_gen_dns AS g ON g.i = s.id
LEFT JOIN LATERAL (
	SELECT x.email
	FROM dcv_dns_contacts(s.domain, d.records) WITH ORDINALITY AS x(email, source, owner, record, problem, k)
	WHERE s.designated IS NOT NULL AND s.order_date >= DATE '2019-02-01' AND g.q[9] < 0.5
	  AND x.email IS NOT NULL AND x.problem IS NULL
	ORDER BY x.k
	LIMIT 1
) AS dc ON true
ORDER BY s.id;

DROP TABLE bench_gen, bench_vocab, bench_stage, bench_gen_dns, bench_dns, bench_dns_vocab;
