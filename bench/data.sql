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
--   order_date  the day of the order, passed as as_of
--
-- Every row is decidable: the designated addresses are always candidates on
-- the order's date (constructed addresses, or a usable WHOIS address while
-- WHOIS e-mails are candidates), every DV row has one, and no date reaches
-- 2028-03-15.  bench/run.sh checks this with dcv_decision before measuring.

\set ON_ERROR_STOP 1

DROP TABLE IF EXISTS orders, bench_gen, bench_vocab;

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

CREATE TABLE orders (
	id bigint PRIMARY KEY,
	product text NOT NULL,
	domain text NOT NULL,
	designated text[],
	whois text[],
	order_date date NOT NULL
);

INSERT INTO orders (id, product, domain, designated, whois, order_date)
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

DROP TABLE bench_gen, bench_vocab;
