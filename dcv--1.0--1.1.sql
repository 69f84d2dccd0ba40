/* dcv--1.0--1.1.sql */

-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION dcv UPDATE TO '1.1'" to load this file. \quit

--
-- The triggers of dcv's own tables are for those tables only (the functions
-- also refuse to run anywhere else).  Trigger functions need no EXECUTE
-- privilege to fire, only to be attached by CREATE TRIGGER.
--
REVOKE EXECUTE ON FUNCTION dcv_cache_invalidate() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION dcv_builtin_guard() FROM PUBLIC;

-- Everyone may read the dates in force, as they may read the tables.
GRANT SELECT ON dcv_timeline TO PUBLIC;

--
-- Functions this script adds or changes to a signature that an object not
-- dcv's already has, in dcv's schema, would stop it half-way: say which.
--
DO $$
DECLARE
	f text;
BEGIN
	FOR f IN
		SELECT p.oid::pg_catalog.regprocedure::pg_catalog.text
		FROM pg_catalog.pg_proc AS p
		WHERE p.pronamespace = '@extschema@'::pg_catalog.regnamespace
		  AND (p.proname, p.proargtypes::pg_catalog.text) IN (
			('dcv_dns_contacts', '25 1009'),
			('dcv_candidates', '25 1009 16 1009'),
			('dcv_is_candidate', '25 1009 25 16 1009'),
			('dcv_default_recipient', '25 25 1009 1009 1082 16 1009'),
			('dcv_decision', '25 25 1009 1009 1082 16 1009'),
			('dcv_candidates_new', '25 1009 16 1009'),
			('dcv_is_candidate_new', '25 1009 25 16 1009'),
			('dcv_default_recipient_new', '25 25 1009 1009 1082 16 1009'),
			('dcv_decision_new', '25 25 1009 1009 1082 16 1009'))
	LOOP
		RAISE EXCEPTION 'function % in the schema of extension dcv is in the way of dcv 1.1', f
			USING ERRCODE = 'duplicate_function',
				  HINT = 'Drop or rename it, then update dcv.';
	END LOOP;
END
$$;

--
-- Contacts published in DNS (BR 3.2.2.4.13 CAA contactemail, 3.2.2.4.14 TXT
-- at _validation-contactemail): the records the order system found, one a
-- text element, as dig prints them.
--

CREATE FUNCTION dcv_dns_contacts(domain text, dns_records text[])
RETURNS TABLE (email text, source text, owner text, record text, problem text)
AS 'MODULE_PATHNAME', 'dcv_dns_contacts_sql'
LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 3;

COMMENT ON FUNCTION dcv_dns_contacts(text, text[]) IS
'what each DNS record gives an order: the contact it publishes, or the problem why none';

--
-- dns_records, the last parameter of four released functions.  Each function
-- keeps its OID, so views, rules and grants that use it stay as they are,
-- and calls without the new argument mean what they meant: the signature is
-- taken from a function declared the new way, then that one is dropped.
--

CREATE FUNCTION dcv_candidates_new(domain text, whois_emails text[] DEFAULT NULL,
								   subdomains boolean DEFAULT false,
								   dns_records text[] DEFAULT NULL)
RETURNS TABLE (email text, source text)
AS 'MODULE_PATHNAME', 'dcv_candidates_sql'
LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 7;

CREATE FUNCTION dcv_is_candidate_new(domain text, whois_emails text[], email text,
									 subdomains boolean DEFAULT false,
									 dns_records text[] DEFAULT NULL)
RETURNS boolean
AS 'MODULE_PATHNAME', 'dcv_is_candidate_sql'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION dcv_default_recipient_new(product text, domain text,
										  designated text[] DEFAULT NULL,
										  whois_emails text[] DEFAULT NULL,
										  as_of date DEFAULT NULL,
										  subdomains boolean DEFAULT false,
										  dns_records text[] DEFAULT NULL)
RETURNS text[]
AS 'MODULE_PATHNAME', 'dcv_default_recipient_sql'
LANGUAGE C STABLE PARALLEL SAFE;

CREATE FUNCTION dcv_decision_new(product text, domain text,
								 designated text[] DEFAULT NULL,
								 whois_emails text[] DEFAULT NULL,
								 as_of date DEFAULT NULL,
								 subdomains boolean DEFAULT false,
								 dns_records text[] DEFAULT NULL)
RETURNS dcv_decision_result
AS 'MODULE_PATHNAME', 'dcv_decision_sql'
LANGUAGE C STABLE PARALLEL SAFE;

UPDATE pg_catalog.pg_proc AS p
SET pronargs = n.pronargs,
	pronargdefaults = n.pronargdefaults,
	proargtypes = n.proargtypes,
	proallargtypes = n.proallargtypes,
	proargmodes = n.proargmodes,
	proargnames = n.proargnames,
	proargdefaults = n.proargdefaults
FROM (VALUES
	('@extschema@.dcv_candidates(pg_catalog.text, pg_catalog.text[], pg_catalog.bool)',
	 '@extschema@.dcv_candidates_new(pg_catalog.text, pg_catalog.text[], pg_catalog.bool, pg_catalog.text[])'),
	('@extschema@.dcv_is_candidate(pg_catalog.text, pg_catalog.text[], pg_catalog.text, pg_catalog.bool)',
	 '@extschema@.dcv_is_candidate_new(pg_catalog.text, pg_catalog.text[], pg_catalog.text, pg_catalog.bool, pg_catalog.text[])'),
	('@extschema@.dcv_default_recipient(pg_catalog.text, pg_catalog.text, pg_catalog.text[], pg_catalog.text[], pg_catalog.date, pg_catalog.bool)',
	 '@extschema@.dcv_default_recipient_new(pg_catalog.text, pg_catalog.text, pg_catalog.text[], pg_catalog.text[], pg_catalog.date, pg_catalog.bool, pg_catalog.text[])'),
	('@extschema@.dcv_decision(pg_catalog.text, pg_catalog.text, pg_catalog.text[], pg_catalog.text[], pg_catalog.date, pg_catalog.bool)',
	 '@extschema@.dcv_decision_new(pg_catalog.text, pg_catalog.text, pg_catalog.text[], pg_catalog.text[], pg_catalog.date, pg_catalog.bool, pg_catalog.text[])')
) AS f(old_sig, new_sig),
	pg_catalog.pg_proc AS n
WHERE p.oid = pg_catalog.to_regprocedure(f.old_sig)
  AND n.oid = pg_catalog.to_regprocedure(f.new_sig);

DO $$
BEGIN
	IF (SELECT pg_catalog.count(*) FROM pg_catalog.pg_proc
		WHERE pronamespace = '@extschema@'::pg_catalog.regnamespace
		  AND proname IN ('dcv_candidates', 'dcv_is_candidate', 'dcv_default_recipient', 'dcv_decision')
		  AND proargnames[pronargs] = 'dns_records') <> 4 THEN
		RAISE EXCEPTION 'dcv: the functions of 1.0 were not found as released';
	END IF;
END
$$;

DROP FUNCTION dcv_candidates_new(text, text[], boolean, text[]);
DROP FUNCTION dcv_is_candidate_new(text, text[], text, boolean, text[]);
DROP FUNCTION dcv_default_recipient_new(text, text, text[], text[], date, boolean, text[]);
DROP FUNCTION dcv_decision_new(text, text, text[], text[], date, boolean, text[]);

COMMENT ON FUNCTION dcv_candidates(text, text[], boolean, text[]) IS
'addresses a DCV e-mail may go to: WHOIS e-mails, constructed e-mails, contacts published in DNS, and subdomain e-mails when asked for';

COMMENT ON FUNCTION dcv_is_candidate(text, text[], text, boolean, text[]) IS
'whether an address, once normalized, is one of dcv_candidates(domain, whois_emails, subdomains, dns_records)';

COMMENT ON FUNCTION dcv_default_recipient(text, text, text[], text[], date, boolean, text[]) IS
'recipients of the DCV e-mail for an order, by the rules in force (the 2018-02-02 notice when as_of is NULL)';

COMMENT ON FUNCTION dcv_decision(text, text, text[], text[], date, boolean, text[]) IS
'dcv_default_recipient with the rule applied, the product line, and whether the method is discouraged; problem holds the error instead of raising it';

-- Whether the decision rests on an e-mail method ballot SC-090 discourages.
ALTER TYPE dcv_decision_result ADD ATTRIBUTE discouraged boolean;

COMMENT ON FUNCTION dcv_recipient_trigger() IS
'BEFORE INSERT OR UPDATE row trigger: (product_col, domain_col, designated_col, whois_col, recipients_col [, rule_col [, as_of_col [, dns_records_col [, subdomains_col]]]])';

--
-- Two more dates: ballot SC13 (DNS-published contacts become a method) and
-- the first step of ballot SC-090 (every e-mail method discouraged).
--

ALTER TABLE dcv_rule_date DROP CONSTRAINT dcv_rule_date_change_check;
ALTER TABLE dcv_rule_date ADD CONSTRAINT dcv_rule_date_change_check
	CHECK (change IN ('notice_2018', 'sc13', 'sc080', 'sc090_discouraged', 'sc090'));

INSERT INTO dcv_rule_date (change, effective, builtin, description) VALUES
	('sc13', '2019-02-01', true,
	 'CA/Browser Forum ballot SC13: e-mail to contacts published in DNS (BR 3.2.2.4.13 CAA, 3.2.2.4.14 TXT)'),
	('sc090_discouraged', '2026-03-15', true,
	 'CA/Browser Forum ballot SC-090, first step: every e-mail method SHOULD NOT be used');

UPDATE dcv_rule_date
SET description = 'CA/Browser Forum ballot SC-090: no e-mail to constructed addresses (BR 3.2.2.4.4) or to contacts published in DNS (3.2.2.4.13, 3.2.2.4.14)'
WHERE change = 'sc090' AND builtin;

-- The dates in force, in the order the changes follow one another.
CREATE OR REPLACE VIEW dcv_timeline AS
SELECT change, effective, builtin, description
FROM (SELECT DISTINCT ON (change) change, effective, builtin, description
	  FROM dcv_rule_date
	  ORDER BY change, builtin) AS t
ORDER BY pg_catalog.array_position(
	ARRAY['notice_2018', 'sc13', 'sc080', 'sc090_discouraged', 'sc090']::pg_catalog.text[],
	change);

-- A user's corrected date must leave the new dates in order.
DO $$
DECLARE
	prev_change text;
	prev_effective date;
	cur record;
BEGIN
	FOR cur IN SELECT change, effective FROM @extschema@.dcv_timeline LOOP
		IF prev_change IS NOT NULL AND cur.effective < prev_effective THEN
			RAISE EXCEPTION USING
				ERRCODE = 'check_violation',
				MESSAGE = pg_catalog.format('%s would take effect on %s, before %s on %s',
					cur.change, pg_catalog.to_char(cur.effective, 'YYYY-MM-DD'),
					prev_change, pg_catalog.to_char(prev_effective, 'YYYY-MM-DD')),
				HINT = 'Correct your row of dcv_rule_date before updating dcv.';
		END IF;
		prev_change := cur.change;
		prev_effective := cur.effective;
	END LOOP;
END
$$;

--
-- The Public Suffix List in force: the file dcv.public_suffix_list names
-- (postgresql.conf), or the list libpsl was built with.
--
CREATE FUNCTION dcv_psl_info(OUT source text, OUT list_date date, OUT rules integer,
							 OUT icann_rules integer, OUT problem text)
RETURNS record
AS 'MODULE_PATHNAME', 'dcv_psl_info_sql'
LANGUAGE C VOLATILE PARALLEL SAFE;

COMMENT ON FUNCTION dcv_psl_info() IS
'the Public Suffix List base domains follow in this session: its file (or built-in), date, rules, and why a chosen file is not in force';

--
-- What a call costs the planner, in cpu_operator_cost (bench/costs.sh: the
-- time of a call against the planner's own charge for a row of a scan,
-- cpu_tuple_cost + cpu_operator_cost; a set-returning function per call, all
-- its rows, as PostgreSQL charges it, less what it charges apart for the
-- rows).  With 1.0's COST 1 the planner took these functions for as cheap as
-- an addition: it tested them before a date comparison written after them
-- and kept an aggregate over them on one core where two workers were faster.
-- Trigger functions are not costed by the planner and keep the default.
-- ROWS stay: 7 and 3 against 6.3 and 1.5 measured.
--
ALTER FUNCTION dcv_normalize_domain(text) COST 20;
ALTER FUNCTION dcv_base_domain(text) COST 30;
ALTER FUNCTION dcv_normalize_email(text) COST 30;
ALTER FUNCTION dcv_email_problem(text) COST 30;
ALTER FUNCTION dcv_is_candidate(text, text[], text, boolean, text[]) COST 150;
ALTER FUNCTION dcv_candidates(text, text[], boolean, text[]) COST 160;
ALTER FUNCTION dcv_default_recipient(text, text, text[], text[], date, boolean, text[]) COST 100;
ALTER FUNCTION dcv_decision(text, text, text[], text[], date, boolean, text[]) COST 110;
ALTER FUNCTION dcv_dns_contacts(text, text[]) COST 230;
ALTER FUNCTION dcv_psl_info() COST 70;
