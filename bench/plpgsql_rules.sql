-- bench/plpgsql_rules.sql: the notice's recipient rules as someone without
-- dcv would write them in PL/pgSQL, the benchmark's point of comparison.
--
-- It is written the usual way: lower() and trim(), split_part() for the base
-- domain with a hand-made list of Japanese second-level domains, a regular
-- expression for e-mail addresses, no IDN handling and no Public Suffix
-- List.  So it is fast to write and wrong on part of the data: Japanese and
-- fullwidth names, A-labels, geographic suffixes (example.shibuya.tokyo.jp),
-- 東京.jp, co.uk and the like get the wrong base domain, and its idea of a
-- usable address is not doc/rules.md's.  bench/run.sh counts the rows on which
-- it disagrees with dcv_default_recipient.
--
-- Where dcv raises an error (unknown product, a designated address that is
-- not a candidate, a DV order without one, no e-mail method on the date) it
-- returns NULL, so that a scan over the whole table runs to its end: an
-- exception block per row would cost a subtransaction each.

CREATE OR REPLACE FUNCTION bench_plpgsql_recipient(p_product text, p_domain text,
												   p_designated text[], p_whois text[],
												   p_as_of date)
RETURNS text[]
LANGUAGE plpgsql STABLE
AS $$
DECLARE
	v_line text;
	v_domain text;
	v_base text;
	v_sld text;
	v_whois text[];
	v_constructed text[];
	v_candidates text[];
	v_result text[];
	v_email text;
BEGIN
	v_line := CASE lower(p_product)
		WHEN 'quicksslpremium' THEN 'dv'
		WHEN 'quicksslpremiumwildcard' THEN 'dv'
		WHEN 'quicksslpremiummd' THEN 'dv'
		WHEN 'truebizid' THEN 'ov_ev'
		WHEN 'truebizidwildcard' THEN 'ov_ev'
		WHEN 'truebizidmd' THEN 'ov_ev'
		WHEN 'truebizidmdwc' THEN 'ov_ev'
		WHEN 'truebizidev' THEN 'ov_ev'
		WHEN 'truebizidevmd' THEN 'ov_ev'
		WHEN 'securesite' THEN 'ov_ev'
		WHEN 'securesitepro' THEN 'ov_ev'
		WHEN 'securesiteev' THEN 'ov_ev'
		WHEN 'securesiteproev' THEN 'ov_ev'
	END;
	IF v_line IS NULL OR p_domain IS NULL THEN
		RETURN NULL;
	END IF;
	IF p_as_of >= DATE '2028-03-15' THEN
		RETURN NULL;				-- no e-mail method any more
	END IF;

	-- The domain: lowercase, no "*.", no trailing dot.
	v_domain := lower(trim(p_domain));
	IF left(v_domain, 2) = '*.' THEN
		v_domain := substr(v_domain, 3);
	END IF;
	IF right(v_domain, 1) = '.' THEN
		v_domain := left(v_domain, -1);
	END IF;

	-- The base domain: the last two labels, three under a Japanese
	-- second-level domain such as co.jp.
	v_sld := split_part(v_domain, '.', -2);
	IF v_sld = '' THEN
		RETURN NULL;
	END IF;
	IF split_part(v_domain, '.', -1) = 'jp'
	   AND v_sld IN ('co', 'ne', 'or', 'ac', 'ad', 'ed', 'go', 'gr', 'lg')
	   AND split_part(v_domain, '.', -3) <> '' THEN
		v_base := split_part(v_domain, '.', -3) || '.' || v_sld || '.jp';
	ELSE
		v_base := v_sld || '.' || split_part(v_domain, '.', -1);
	END IF;

	-- Usable WHOIS e-mails, lowercased, each once, sorted; none from the day
	-- of ballot SC-080 on.
	IF p_whois IS NOT NULL AND (p_as_of IS NULL OR p_as_of < DATE '2025-07-15') THEN
		SELECT array_agg(DISTINCT e ORDER BY e) INTO v_whois
		FROM (SELECT lower(trim(w)) AS e FROM unnest(p_whois) AS w) AS s
		WHERE e ~ '^[a-z0-9._%+-]+@[a-z0-9-]+(\.[a-z0-9-]+)+$';
	END IF;

	v_constructed := ARRAY['admin@' || v_base, 'administrator@' || v_base,
						   'hostmaster@' || v_base, 'postmaster@' || v_base,
						   'webmaster@' || v_base];
	v_candidates := coalesce(v_whois, '{}');
	FOREACH v_email IN ARRAY v_constructed LOOP
		IF NOT v_email = ANY (v_candidates) THEN
			v_candidates := v_candidates || v_email;
		END IF;
	END LOOP;

	-- Before the notice: everyone.
	IF p_as_of < DATE '2018-02-02' THEN
		RETURN v_candidates;
	END IF;

	-- Designated addresses, each a candidate, each once, in the order given.
	IF p_designated IS NOT NULL THEN
		FOREACH v_email IN ARRAY p_designated LOOP
			CONTINUE WHEN v_email IS NULL;
			v_email := lower(trim(v_email));
			IF NOT v_email = ANY (v_candidates) THEN
				RETURN NULL;		-- not a candidate
			END IF;
			IF v_result IS NULL OR NOT v_email = ANY (v_result) THEN
				v_result := v_result || v_email;
			END IF;
		END LOOP;
		IF v_result IS NOT NULL THEN
			RETURN v_result;
		END IF;
	END IF;

	IF v_line = 'dv' THEN
		RETURN NULL;				-- DV needs a designated address
	END IF;
	IF cardinality(v_whois) > 0 THEN
		RETURN ARRAY[v_whois[1]];
	END IF;
	RETURN ARRAY['admin@' || v_base];
END
$$;
