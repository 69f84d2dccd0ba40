/* dcv--1.0.sql */

-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION dcv" to load this file. \quit

--
-- Normal forms and base domains.  None of these reads a table; their results
-- depend on the installed libidn2 and Public Suffix List, so an upgrade of
-- either can change them (see README, "Stability").
--

CREATE FUNCTION dcv_normalize_domain(domain text)
RETURNS text
AS 'MODULE_PATHNAME', 'dcv_normalize_domain_sql'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION dcv_normalize_domain(text) IS
'normal form of a domain name: UTS#46 non-transitional, lowercase A-labels, no trailing dot, a leading "*." kept';

CREATE FUNCTION dcv_base_domain(domain text)
RETURNS text
AS 'MODULE_PATHNAME', 'dcv_base_domain_sql'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION dcv_base_domain(text) IS
'base domain of an applied domain: one label plus its public suffix (ICANN section of the Public Suffix List)';

CREATE FUNCTION dcv_normalize_email(email text)
RETURNS text
AS 'MODULE_PATHNAME', 'dcv_normalize_email_sql'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION dcv_normalize_email(text) IS
'normal form of an e-mail address usable for DCV, or an error';

CREATE FUNCTION dcv_email_problem(email text)
RETURNS text
AS 'MODULE_PATHNAME', 'dcv_email_problem_sql'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION dcv_email_problem(text) IS
'why an e-mail address is not usable for DCV; NULL when it is';

--
-- Candidates.
--

CREATE FUNCTION dcv_candidates(domain text, whois_emails text[] DEFAULT NULL,
							   subdomains boolean DEFAULT false)
RETURNS TABLE (email text, source text)
AS 'MODULE_PATHNAME', 'dcv_candidates_sql'
LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 7;

COMMENT ON FUNCTION dcv_candidates(text, text[], boolean) IS
'addresses a DCV e-mail may go to: WHOIS e-mails, constructed e-mails, and subdomain e-mails when asked for';

CREATE FUNCTION dcv_is_candidate(domain text, whois_emails text[], email text,
								 subdomains boolean DEFAULT false)
RETURNS boolean
AS 'MODULE_PATHNAME', 'dcv_is_candidate_sql'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION dcv_is_candidate(text, text[], text, boolean) IS
'whether an address, once normalized, is one of dcv_candidates(domain, whois_emails, subdomains)';

--
-- Product classification and the dates of rule changes.  Rows with builtin
-- true come from this script and are protected; users add rows of their own,
-- which pg_dump keeps.
--

CREATE FUNCTION dcv_cache_invalidate()
RETURNS trigger
AS 'MODULE_PATHNAME', 'dcv_cache_invalidate'
LANGUAGE C;

CREATE FUNCTION dcv_builtin_guard()
RETURNS trigger
AS 'MODULE_PATHNAME', 'dcv_builtin_guard'
LANGUAGE C;

CREATE TABLE dcv_product (
	code text PRIMARY KEY,
	line text NOT NULL CHECK (line IN ('dv', 'ov_ev')),
	brand text NOT NULL,
	validation text NOT NULL CHECK (validation IN ('DV', 'OV', 'EV')),
	wildcard boolean NOT NULL DEFAULT false,
	multi_domain boolean NOT NULL DEFAULT false,
	name_en text,
	name_ja text,
	builtin boolean NOT NULL DEFAULT false,
	CHECK (code <> '')
);

-- Codes match case-insensitively (ASCII letters), whatever the collation.
CREATE UNIQUE INDEX dcv_product_code_ci ON dcv_product (lower(code COLLATE "C"));

COMMENT ON TABLE dcv_product IS
'SSL-API product codes and their product line (dv or ov_ev); add rows for other products';

CREATE TRIGGER dcv_product_guard
	BEFORE INSERT OR UPDATE OR DELETE ON dcv_product
	FOR EACH ROW EXECUTE FUNCTION dcv_builtin_guard();
CREATE TRIGGER dcv_product_guard_truncate
	BEFORE TRUNCATE ON dcv_product
	FOR EACH STATEMENT EXECUTE FUNCTION dcv_builtin_guard();
CREATE TRIGGER dcv_product_cache
	AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON dcv_product
	FOR EACH STATEMENT EXECUTE FUNCTION dcv_cache_invalidate();

INSERT INTO dcv_product
	(code, line, brand, validation, wildcard, multi_domain, name_en, builtin)
VALUES
	('QuickSSLPremium', 'dv', 'GeoTrust', 'DV', false, false, 'GeoTrust QuickSSL Premium', true),
	('QuickSSLPremiumWildcard', 'dv', 'GeoTrust', 'DV', true, false, 'GeoTrust QuickSSL Premium Wildcard', true),
	('QuickSSLPremiumMD', 'dv', 'GeoTrust', 'DV', false, true, 'GeoTrust QuickSSL Premium Multi-Domain', true),
	('TrueBizID', 'ov_ev', 'GeoTrust', 'OV', false, false, 'GeoTrust True BusinessID', true),
	('TrueBizIDWildcard', 'ov_ev', 'GeoTrust', 'OV', true, false, 'GeoTrust True BusinessID Wildcard', true),
	('TrueBizIDMD', 'ov_ev', 'GeoTrust', 'OV', false, true, 'GeoTrust True BusinessID Multi-Domain', true),
	('TrueBizIDMDWC', 'ov_ev', 'GeoTrust', 'OV', true, true, 'GeoTrust True BusinessID Multi-Domain Wildcard', true),
	('TrueBizIDEV', 'ov_ev', 'GeoTrust', 'EV', false, false, 'GeoTrust True BusinessID with EV', true),
	('TrueBizIDEVMD', 'ov_ev', 'GeoTrust', 'EV', false, true, 'GeoTrust True BusinessID with EV Multi-Domain', true),
	('SecureSite', 'ov_ev', 'Symantec', 'OV', false, false, 'Symantec Secure Server ID', true),
	('SecureSitePro', 'ov_ev', 'Symantec', 'OV', false, false, 'Symantec Global Server ID', true),
	('SecureSiteEV', 'ov_ev', 'Symantec', 'EV', false, false, 'Symantec Secure Server ID EV', true),
	('SecureSiteProEV', 'ov_ev', 'Symantec', 'EV', false, false, 'Symantec Global Server ID EV', true);

-- The Japanese names of the notice, written with Unicode escapes so that the
-- script reads the same in every database encoding; where the encoding cannot
-- hold them (LATIN1, SQL_ASCII, ...) they stay NULL.
DO $$
BEGIN
	UPDATE dcv_product AS p SET name_ja = j.name_ja
	FROM (VALUES
		('QuickSSLPremium', U&'\30B8\30AA\30C8\30E9\30B9\30C8 \30AF\30A4\30C3\30AF SSL \30D7\30EC\30DF\30A2\30E0'),
		('QuickSSLPremiumWildcard', U&'\30B8\30AA\30C8\30E9\30B9\30C8 \30AF\30A4\30C3\30AF SSL \30D7\30EC\30DF\30A2\30E0 \30EF\30A4\30EB\30C9\30AB\30FC\30C9'),
		('QuickSSLPremiumMD', U&'\30B8\30AA\30C8\30E9\30B9\30C8 \30AF\30A4\30C3\30AF SSL \30D7\30EC\30DF\30A2\30E0 \30DE\30EB\30C1\30C9\30E1\30A4\30F3'),
		('TrueBizID', U&'\30B8\30AA\30C8\30E9\30B9\30C8 \30C8\30A5\30EB\30FC\30D3\30B8\30CD\30B9 ID'),
		('TrueBizIDWildcard', U&'\30B8\30AA\30C8\30E9\30B9\30C8 \30C8\30A5\30EB\30FC\30D3\30B8\30CD\30B9 ID \30EF\30A4\30EB\30C9\30AB\30FC\30C9'),
		('TrueBizIDMD', U&'\30B8\30AA\30C8\30E9\30B9\30C8 \30C8\30A5\30EB\30FC\30D3\30B8\30CD\30B9 ID \30DE\30EB\30C1\30C9\30E1\30A4\30F3'),
		('TrueBizIDMDWC', U&'\30B8\30AA\30C8\30E9\30B9\30C8 \30C8\30A5\30EB\30FC\30D3\30B8\30CD\30B9 ID \30DE\30EB\30C1\30C9\30E1\30A4\30F3 \30EF\30A4\30EB\30C9\30AB\30FC\30C9'),
		('TrueBizIDEV', U&'\30B8\30AA\30C8\30E9\30B9\30C8 \30C8\30A5\30EB\30FC\30D3\30B8\30CD\30B9 ID with EV'),
		('TrueBizIDEVMD', U&'\30B8\30AA\30C8\30E9\30B9\30C8 \30C8\30A5\30EB\30FC\30D3\30B8\30CD\30B9 ID with EV \30DE\30EB\30C1\30C9\30E1\30A4\30F3'),
		('SecureSite', U&'\30B7\30DE\30F3\30C6\30C3\30AF \30BB\30AD\30E5\30A2\30FB\30B5\30FC\30D0 ID'),
		('SecureSitePro', U&'\30B7\30DE\30F3\30C6\30C3\30AF \30B0\30ED\30FC\30D0\30EB\30FB\30B5\30FC\30D0 ID'),
		('SecureSiteEV', U&'\30B7\30DE\30F3\30C6\30C3\30AF \30BB\30AD\30E5\30A2\30FB\30B5\30FC\30D0 ID EV'),
		('SecureSiteProEV', U&'\30B7\30DE\30F3\30C6\30C3\30AF \30B0\30ED\30FC\30D0\30EB\30FB\30B5\30FC\30D0 ID EV')
	) AS j(code, name_ja)
	WHERE p.code = j.code;
EXCEPTION WHEN untranslatable_character OR character_not_in_repertoire
	OR syntax_error OR feature_not_supported THEN
	RAISE NOTICE 'dcv: the database encoding cannot hold the Japanese product names; name_ja is left NULL';
END
$$;

SELECT pg_catalog.pg_extension_config_dump('dcv_product', 'WHERE NOT builtin');

CREATE TABLE dcv_rule_date (
	change text NOT NULL CHECK (change IN ('notice_2018', 'sc080', 'sc090')),
	effective date NOT NULL,
	builtin boolean NOT NULL DEFAULT false,
	description text,
	PRIMARY KEY (change, builtin)
);

COMMENT ON TABLE dcv_rule_date IS
'dates from which the recipient rules change; a row of your own (builtin false) overrides the built-in date';

CREATE TRIGGER dcv_rule_date_guard
	BEFORE INSERT OR UPDATE OR DELETE ON dcv_rule_date
	FOR EACH ROW EXECUTE FUNCTION dcv_builtin_guard();
CREATE TRIGGER dcv_rule_date_guard_truncate
	BEFORE TRUNCATE ON dcv_rule_date
	FOR EACH STATEMENT EXECUTE FUNCTION dcv_builtin_guard();
CREATE TRIGGER dcv_rule_date_cache
	AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON dcv_rule_date
	FOR EACH STATEMENT EXECUTE FUNCTION dcv_cache_invalidate();

INSERT INTO dcv_rule_date (change, effective, builtin, description) VALUES
	('notice_2018', '2018-02-02', true,
	 'DigiCert Japan notice to SSL-API partners: designated address, WHOIS first, admin@ fallback'),
	('sc080', '2025-07-15', true,
	 'CA/Browser Forum ballot SC-080: no e-mail to WHOIS contacts (BR 3.2.2.4.2 retired)'),
	('sc090', '2028-03-15', true,
	 'CA/Browser Forum ballot SC-090: no e-mail to constructed addresses (BR 3.2.2.4.4)');

SELECT pg_catalog.pg_extension_config_dump('dcv_rule_date', 'WHERE NOT builtin');

-- Everyone may read the classification and the dates (the decisions read
-- them, whoever calls them); changing them takes a grant of the owner's.
GRANT SELECT ON dcv_product, dcv_rule_date TO PUBLIC;

-- The dates in force: a user's row wins over the built-in one.
CREATE VIEW dcv_timeline AS
SELECT DISTINCT ON (change) change, effective, builtin, description
FROM dcv_rule_date
ORDER BY change, builtin;

--
-- Decisions.
--

CREATE TYPE dcv_decision_result AS (
	recipients text[],
	rule text,
	line text,
	problem text
);

CREATE FUNCTION dcv_default_recipient(product text, domain text,
									  designated text[] DEFAULT NULL,
									  whois_emails text[] DEFAULT NULL,
									  as_of date DEFAULT NULL,
									  subdomains boolean DEFAULT false)
RETURNS text[]
AS 'MODULE_PATHNAME', 'dcv_default_recipient_sql'
LANGUAGE C STABLE PARALLEL SAFE;

COMMENT ON FUNCTION dcv_default_recipient(text, text, text[], text[], date, boolean) IS
'recipients of the DCV e-mail for an order, by the rules in force (the 2018-02-02 notice when as_of is NULL)';

CREATE FUNCTION dcv_decision(product text, domain text,
							 designated text[] DEFAULT NULL,
							 whois_emails text[] DEFAULT NULL,
							 as_of date DEFAULT NULL,
							 subdomains boolean DEFAULT false)
RETURNS dcv_decision_result
AS 'MODULE_PATHNAME', 'dcv_decision_sql'
LANGUAGE C STABLE PARALLEL SAFE;

COMMENT ON FUNCTION dcv_decision(text, text, text[], text[], date, boolean) IS
'dcv_default_recipient with the rule applied and the product line; problem holds the error instead of raising it';

--
-- The order trigger.
--

CREATE FUNCTION dcv_recipient_trigger()
RETURNS trigger
AS 'MODULE_PATHNAME', 'dcv_recipient_trigger'
LANGUAGE C;

COMMENT ON FUNCTION dcv_recipient_trigger() IS
'BEFORE INSERT OR UPDATE row trigger: (product_col, domain_col, designated_col, whois_col, recipients_col [, rule_col [, as_of_col]])';
