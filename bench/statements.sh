#!/bin/bash
# bench/statements.sh [STATEMENTS]: what dcv costs per statement when every
# statement is a transaction of its own, as an order system's single-row
# INSERTs are.  Each INSERT after a COMMIT runs under a new snapshot, so dcv
# reads dcv_product and dcv_rule_date again (doc/rules.md, "Inside the
# server"); a read-only transaction sees the same snapshot as the one before
# it and reuses the copy.
#
# In a throwaway cluster, procedures loop STATEMENTS times (default 20000),
# a COMMIT after each statement, timed inside the server (no client round
# trip):
#   select_floor    a trivial expression of one order
#   select_dcv      dcv_default_recipient of one order
#   insert_plain    INSERT of one order, no trigger
#   insert_trigger  INSERT of one order, dcv_recipient_trigger
# in turns, five rounds; prints the median microseconds per statement and
# the two costs, dcv over the floor and the trigger over the plain INSERT.
# dcv must be installed (make install).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-20000}
if [ -z "${PGHOST:-}" ]; then
	export PGPORT=${PGPORT:-$(bench/free-port.sh)}  # see bench/run.sh
	exec pg_virtualenv -t -o fsync=off -o synchronous_commit=off -o autovacuum=off \
		-o jit=off bash "$0" "$N"
fi
db=dcv_stmt
trap 'psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1' EXIT
psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE $db TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8'"
psql -X -q -At -v ON_ERROR_STOP=1 -v n="$N" -d "$db" <<'SQL'
CREATE EXTENSION dcv;
CREATE TABLE o_plain (id bigserial, product text, domain text, designated text[], whois text[],
                      recipients text[], rule text, order_date date);
CREATE TABLE o_trigger (LIKE o_plain INCLUDING ALL);
CREATE TRIGGER o_trigger_dcv BEFORE INSERT OR UPDATE ON o_trigger FOR EACH ROW
  EXECUTE FUNCTION dcv_recipient_trigger(product, domain, designated, whois, recipients, rule, order_date);
CREATE TABLE timing (script text, round int, us float8);

CREATE PROCEDURE run(script text, round int, n int) LANGUAGE plpgsql AS $$
DECLARE t0 timestamptz; x int; r text[];
BEGIN
  t0 := clock_timestamp();
  FOR i IN 1 .. n LOOP
    CASE script
      WHEN 'select_floor' THEN
        x := length('www.shop' || i % 1000 || '.example.co.jp') + cardinality(ARRAY['b@example.co.jp', 'Owner' || i % 1000 || '@example.co.jp']);
      WHEN 'select_dcv' THEN
        r := dcv_default_recipient('TrueBizID', 'www.shop' || i % 1000 || '.example.co.jp', NULL,
                                   ARRAY['b@example.co.jp', 'Owner' || i % 1000 || '@example.co.jp'], DATE '2024-05-01');
      WHEN 'insert_plain' THEN
        INSERT INTO o_plain (product, domain, designated, whois, order_date)
        VALUES ('TrueBizID', 'www.shop' || i % 1000 || '.example.co.jp', NULL,
                ARRAY['b@example.co.jp', 'Owner' || i % 1000 || '@example.co.jp'], DATE '2024-05-01');
      ELSE
        INSERT INTO o_trigger (product, domain, designated, whois, order_date)
        VALUES ('TrueBizID', 'www.shop' || i % 1000 || '.example.co.jp', NULL,
                ARRAY['b@example.co.jp', 'Owner' || i % 1000 || '@example.co.jp'], DATE '2024-05-01');
    END CASE;
    COMMIT;
  END LOOP;
  INSERT INTO timing VALUES (script, round, extract(epoch FROM clock_timestamp() - t0) * 1e6 / n);
  COMMIT;
END $$;

-- warm-up: the library, the Public Suffix List table, the plans
CALL run('select_dcv', 0, 3000);
CALL run('insert_trigger', 0, 3000);
DELETE FROM timing;
\set r 1
CALL run('select_floor', :r, :n); CALL run('select_dcv', :r, :n); CALL run('insert_plain', :r, :n); CALL run('insert_trigger', :r, :n);
\set r 2
CALL run('insert_trigger', :r, :n); CALL run('insert_plain', :r, :n); CALL run('select_dcv', :r, :n); CALL run('select_floor', :r, :n);
\set r 3
CALL run('select_floor', :r, :n); CALL run('select_dcv', :r, :n); CALL run('insert_plain', :r, :n); CALL run('insert_trigger', :r, :n);
\set r 4
CALL run('insert_trigger', :r, :n); CALL run('insert_plain', :r, :n); CALL run('select_dcv', :r, :n); CALL run('select_floor', :r, :n);
\set r 5
CALL run('select_floor', :r, :n); CALL run('select_dcv', :r, :n); CALL run('insert_plain', :r, :n); CALL run('insert_trigger', :r, :n);
\pset format aligned
\pset footer off
\echo 'median of 5 rounds, microseconds per statement, each statement a transaction of its own:'
CREATE TEMP VIEW med AS
SELECT script, percentile_disc(0.5) WITHIN GROUP (ORDER BY us) AS us FROM timing GROUP BY script;
SELECT script, round(us::numeric, 2) AS "us/stmt" FROM med ORDER BY script;
SELECT round((d.us - f.us)::numeric, 2) AS "dcv_default_recipient over the floor, us",
       round((t.us - p.us)::numeric, 2) AS "trigger over the plain INSERT, us",
       round((t.us / p.us)::numeric, 2) AS "trigger ÷ plain INSERT"
FROM med f, med d, med p, med t
WHERE f.script = 'select_floor' AND d.script = 'select_dcv' AND p.script = 'insert_plain' AND t.script = 'insert_trigger';
SQL
