#!/bin/bash
# dcv in one command: run as root on Debian 12 from the top of the repository.
#
# Installs what is missing (test/install-deps.sh), builds and installs the
# extension, then, in a throwaway PostgreSQL cluster (pg_virtualenv -t):
# creates the extension, shows the functions on their own
# (examples/first-look.sql), creates a reseller's order tables
# (examples/schema.sql), loads ten years of orders through the recipient
# trigger, the refused ones included, the later ones with the contacts their
# domains publish in DNS (examples/orders.sql), and runs an analyst's queries
# (examples/analyst.sql).  The cluster is dropped at the end.
#
# Exits non-zero when anything unexpected happens: a failed step, an SQL
# error, or an order set that does not load with exactly the expected
# refusals.
set -euo pipefail
self=$(readlink -f "$0")
cd "$(dirname "$self")/.."

# The outcome the example orders must have: accepted orders and domains, and
# the refused orders and resends with their SQLSTATEs.
EXPECTED_LOAD="71 orders, 95 domains accepted; refused: 18005 ZD005, 19006 ZD004, 20006 ZD004, 21003 ZD002, 22003 ZD006, 23002 ZD003, 23006 ZD001, 24005 ZD004, 25006 ZD004, 25012 ZD004, 26004 ZD002, 26008 ZD005; resends refused: 26009 ZD004, 26014 ZD004"

inside() {	# runs in the throwaway cluster
	export PGDATABASE=dcv_demo PGCLIENTENCODING=UTF8
	export PGOPTIONS="-c client_min_messages=warning"
	local psql=(psql -X -q -v ON_ERROR_STOP=1)

	createdb --template=template0 --encoding=UTF8 --locale=C dcv_demo
	"${psql[@]}" -c 'CREATE EXTENSION dcv'
	echo
	"${psql[@]}" -At -c "SELECT 'PostgreSQL ' || current_setting('server_version') || ', dcv ' ||
		extversion || ', database encoding ' || pg_encoding_to_char(d.encoding)
		FROM pg_extension, pg_database d WHERE extname = 'dcv' AND d.datname = current_database()"
	"${psql[@]}" -f examples/first-look.sql

	echo
	echo "== Loading the order tables and the example orders through the trigger"
	"${psql[@]}" -f examples/schema.sql -f examples/orders.sql

	echo
	echo "== A plain INSERT that the rules refuse, as psql reports it"
	if "${psql[@]}" -c "INSERT INTO reseller.orders (order_id, line_no, ordered_on, product_code,
			domain, approver_emails, whois_emails)
		VALUES (26017, 1, '2026-11-25', 'QuickSSLPremium', 'www.example.co.jp',
			ARRAY['ceo@example.co.jp'], ARRAY['hostmaster@example.co.jp'])" 2>&1; then
		echo "UNEXPECTED: the trigger accepted an approver address outside the candidates"
		return 1
	fi

	echo
	echo "== An UPDATE the rules refuse: a new DNS lookup for order 26015 no longer finds its approver's contact"
	if "${psql[@]}" -c "UPDATE reseller.orders SET dns_records = '{}'
		WHERE order_id = 26015 AND line_no = 1" 2>&1; then
		echo "UNEXPECTED: the trigger accepted an approver address that is no longer published"
		return 1
	fi

	"${psql[@]}" -f examples/analyst.sql

	local got
	got=$("${psql[@]}" -At -c "
		SELECT format('%s orders, %s domains accepted; refused: %s; resends refused: %s',
			(SELECT count(DISTINCT order_id) FROM reseller.orders),
			(SELECT count(*) FROM reseller.orders),
			(SELECT string_agg(order_id || ' ' || sqlstate, ', ' ORDER BY order_id)
			 FROM reseller.order_errors WHERE action = 'order'),
			(SELECT string_agg(order_id || ' ' || sqlstate, ', ' ORDER BY order_id)
			 FROM reseller.order_errors WHERE action = 'resend'))")
	echo
	if [ "$got" != "$EXPECTED_LOAD" ]; then
		echo "UNEXPECTED: the example orders loaded as"
		echo "  $got"
		echo "instead of"
		echo "  $EXPECTED_LOAD"
		return 1
	fi
	echo "The example orders loaded as expected: $got"
}

if [ "${1:-}" = "--inside" ]; then
	inside
	exit
fi

if [ "$(id -u)" -ne 0 ]; then
	echo "examples/demo.sh: run it as root (it installs packages and the extension)" >&2
	exit 1
fi
start=$(date +%s)

test/install-deps.sh
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! { make -s && make -s install; } >"$log" 2>&1; then
	cat "$log"
	echo "examples/demo.sh: the build failed" >&2
	exit 1
fi

pg_virtualenv -t "$self" --inside

echo "Demo done in $(($(date +%s) - start)) s."
