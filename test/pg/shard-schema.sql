-- The orders of one shard, decided there by the trigger, and the analysts'
-- view over them (doc/internals.md, "Scaling out").  Run on each shard, dcv
-- installed, by test/pg/shards.sh and bench/shards.sh.
CREATE TABLE orders (
  id bigint PRIMARY KEY,
  product text NOT NULL,
  domain text NOT NULL,
  designated text[],
  whois text[],
  dns_records text[],
  as_of date,
  recipients text[],
  rule text
);
CREATE TRIGGER orders_dcv BEFORE INSERT OR UPDATE ON orders FOR EACH ROW
  EXECUTE FUNCTION dcv_recipient_trigger(product, domain, designated, whois, recipients, rule, as_of, dns_records);
CREATE VIEW order_decisions AS
SELECT current_database()::text AS shard, o.id, o.product, o.as_of, d.*
FROM orders o,
     LATERAL dcv_decision(o.product, o.domain, o.designated, o.whois, o.as_of, false, o.dns_records) d;
