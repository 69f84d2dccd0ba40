--
-- examples/schema.sql: the order tables of a certificate reseller, with the
-- DCV recipients decided by dcv_recipient_trigger.
--
-- Orders arrive from the storefront and the SSL-API client in
-- reseller.order_intake, as submitted.  reseller.accept_orders() moves each
-- order into reseller.orders; there the trigger decides who receives the DCV
-- e-mail of every domain.  An order the rules refuse stays out as a whole,
-- and its error goes to reseller.order_errors.
--
-- Re-runnable: it drops the schema "reseller" first.
--
CREATE EXTENSION IF NOT EXISTS dcv;

DROP SCHEMA IF EXISTS reseller CASCADE;
CREATE SCHEMA reseller;

-- Orders as submitted: one row per domain of an order.  Nothing is checked
-- here; this is what the customer sent, what the WHOIS fetcher found and
-- what the DNS lookup found.
CREATE TABLE reseller.order_intake (
	order_id		integer NOT NULL,
	line_no			smallint NOT NULL,		-- 1 for the common name, 2... for SANs
	ordered_on		date NOT NULL,
	product_code	varchar(40) NOT NULL,	-- SSL-API product code, any case
	domain			text NOT NULL,			-- as typed: Unicode, fullwidth, "*.", ...
	approver_emails text[],					-- the approver e-mails chosen on the order
	whois_emails	text[],					-- as fetched; NULL: the lookup failed
	dns_records		text[],					-- TXT, CAA and CNAME answers as dig prints them;
											-- NULL: no lookup made
	subdomains_approved boolean NOT NULL DEFAULT false,	-- the support desk approved
											-- subdomain e-mails
	state			text NOT NULL DEFAULT 'new'
		CHECK (state IN ('new', 'accepted', 'rejected')),
	PRIMARY KEY (order_id, line_no)
);

-- Accepted orders: one row per domain of an order.
CREATE TABLE reseller.orders (
	order_id		integer NOT NULL,
	line_no			smallint NOT NULL,
	ordered_on		date NOT NULL,
	product_code	varchar(40) NOT NULL,
	domain			text NOT NULL,
	approver_emails text[],					-- the designated addresses
	whois_emails	text[],					-- NULL: lookup failed; '{}': none listed
	-- The records the order system found at _validation-contactemail.<name>
	-- (TXT) and at each name of the order and its parents (CAA), the aliases
	-- it followed (CNAME) included, one answer line as dig prints it per
	-- element: the contacts the domain holder publishes in DNS.
	-- NULL: no lookup made; '{}': nothing found.
	dns_records		text[],
	-- The CA's support desk approved e-mail to admin@ and the other four at
	-- the order's own subdomains (for www.shop.example.co.jp: at
	-- www.shop.example.co.jp and shop.example.co.jp), which the notice
	-- routes through it.
	subdomains_approved boolean NOT NULL DEFAULT false,
	-- Owned by the trigger: whatever a statement writes here is replaced by
	-- the decision of the rules in force on ordered_on.
	recipients		text[] NOT NULL,		-- who receives the DCV e-mail
	dcv_rule		text NOT NULL,			-- designated, whois_first, admin_fallback, all_candidates
	status			text NOT NULL DEFAULT 'dcv_sent'
		CHECK (status IN ('dcv_sent', 'issued', 'cancelled')),
	PRIMARY KEY (order_id, line_no)
);

COMMENT ON TABLE reseller.orders IS
'certificate orders, one row per domain; recipients and dcv_rule are set by dcv_recipient_trigger';

-- Decided on INSERT, and again on an UPDATE that changes the product, the
-- domain, the approver e-mails, the WHOIS e-mails, the DNS records, the
-- subdomain approval or the order date (a resend to another address, a new
-- DNS lookup, a reissue); a status change decides nothing.  The rules are
-- those in force on the order date.
CREATE TRIGGER orders_dcv_recipients
	BEFORE INSERT OR UPDATE ON reseller.orders
	FOR EACH ROW EXECUTE FUNCTION dcv_recipient_trigger(
		'product_code', 'domain', 'approver_emails', 'whois_emails',
		'recipients', 'dcv_rule', 'ordered_on', 'dns_records', 'subdomains_approved');

CREATE INDEX orders_ordered_on ON reseller.orders (ordered_on);

-- Orders and resends the rules refused, with the error as raised.
CREATE TABLE reseller.order_errors (
	order_id		integer NOT NULL,
	line_no			smallint,				-- the line that failed, when known
	action			text NOT NULL CHECK (action IN ('order', 'resend')),
	sqlstate		text NOT NULL,
	message			text NOT NULL,
	detail			text,
	hint			text,
	context			text
);

-- Accepts every new order of the intake: all its lines or none.  Returns
-- how many orders and lines landed and how many orders were refused.
CREATE FUNCTION reseller.accept_orders(
	OUT accepted_orders integer, OUT accepted_lines integer, OUT rejected_orders integer)
LANGUAGE plpgsql AS $$
DECLARE
	o record;
	l record;
	n integer;
	failed smallint;
	e_state text;
	e_message text;
	e_detail text;
	e_hint text;
	e_context text;
BEGIN
	accepted_orders := 0;
	accepted_lines := 0;
	rejected_orders := 0;
	FOR o IN SELECT DISTINCT order_id FROM reseller.order_intake
			 WHERE state = 'new' ORDER BY order_id
	LOOP
		n := 0;
		BEGIN
			FOR l IN SELECT * FROM reseller.order_intake
					 WHERE order_id = o.order_id ORDER BY line_no
			LOOP
				failed := l.line_no;
				INSERT INTO reseller.orders (order_id, line_no, ordered_on, product_code,
											 domain, approver_emails, whois_emails,
											 dns_records, subdomains_approved)
				VALUES (l.order_id, l.line_no, l.ordered_on, l.product_code,
						l.domain, l.approver_emails, l.whois_emails,
						l.dns_records, l.subdomains_approved);
				n := n + 1;
			END LOOP;
			UPDATE reseller.order_intake SET state = 'accepted' WHERE order_id = o.order_id;
			accepted_orders := accepted_orders + 1;
			accepted_lines := accepted_lines + n;
		EXCEPTION WHEN OTHERS THEN
			-- Everything of this order is rolled back, the lines before the
			-- failing one included.
			GET STACKED DIAGNOSTICS e_state = RETURNED_SQLSTATE, e_message = MESSAGE_TEXT,
				e_detail = PG_EXCEPTION_DETAIL, e_hint = PG_EXCEPTION_HINT,
				e_context = PG_EXCEPTION_CONTEXT;
			UPDATE reseller.order_intake SET state = 'rejected' WHERE order_id = o.order_id;
			INSERT INTO reseller.order_errors
			VALUES (o.order_id, failed, 'order', e_state, e_message, nullif(e_detail, ''),
					nullif(e_hint, ''), split_part(e_context, E'\n', 1));
			rejected_orders := rejected_orders + 1;
		END;
	END LOOP;
END
$$;

-- A resend of the DCV e-mail of one domain to other approver e-mails: the
-- trigger decides again and refuses an address the rules do not allow.  A
-- refused resend leaves the row as it was and is logged in order_errors.
CREATE PROCEDURE reseller.resend_dcv(p_order_id integer, p_line_no integer, p_approver text[])
LANGUAGE plpgsql AS $$
DECLARE
	e_state text;
	e_message text;
	e_detail text;
	e_hint text;
	e_context text;
BEGIN
	PERFORM FROM reseller.orders WHERE order_id = p_order_id AND line_no = p_line_no;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'order % has no line %', p_order_id, p_line_no
			USING ERRCODE = 'no_data_found';
	END IF;
	BEGIN
		UPDATE reseller.orders SET approver_emails = p_approver, status = 'dcv_sent'
		WHERE order_id = p_order_id AND line_no = p_line_no;
	EXCEPTION WHEN OTHERS THEN
		GET STACKED DIAGNOSTICS e_state = RETURNED_SQLSTATE, e_message = MESSAGE_TEXT,
			e_detail = PG_EXCEPTION_DETAIL, e_hint = PG_EXCEPTION_HINT,
			e_context = PG_EXCEPTION_CONTEXT;
		INSERT INTO reseller.order_errors
		VALUES (p_order_id, p_line_no, 'resend', e_state, e_message, nullif(e_detail, ''),
				nullif(e_hint, ''), split_part(e_context, E'\n', 1));
	END;
END
$$;
