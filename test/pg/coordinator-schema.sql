-- The coordinator's view of the shards shard_a and shard_b (foreign servers
-- of those names): the orders, partitioned by hash of id, and the shards'
-- views of decisions, partitioned by shard.  Run by test/pg/shards.sh and
-- bench/shards.sh.
CREATE TABLE orders (
  id bigint NOT NULL,
  product text NOT NULL,
  domain text NOT NULL,
  designated text[],
  whois text[],
  dns_records text[],
  as_of date,
  recipients text[],
  rule text
) PARTITION BY HASH (id);
CREATE FOREIGN TABLE orders_a PARTITION OF orders FOR VALUES WITH (MODULUS 2, REMAINDER 0)
  SERVER shard_a OPTIONS (table_name 'orders');
CREATE FOREIGN TABLE orders_b PARTITION OF orders FOR VALUES WITH (MODULUS 2, REMAINDER 1)
  SERVER shard_b OPTIONS (table_name 'orders');
CREATE TABLE order_decisions (
  shard text NOT NULL,
  id bigint,
  product text,
  as_of date,
  recipients text[],
  rule text,
  line text,
  problem text,
  discouraged boolean
) PARTITION BY LIST (shard);
CREATE FOREIGN TABLE order_decisions_a PARTITION OF order_decisions FOR VALUES IN ('shard_a')
  SERVER shard_a OPTIONS (table_name 'order_decisions');
CREATE FOREIGN TABLE order_decisions_b PARTITION OF order_decisions FOR VALUES IN ('shard_b')
  SERVER shard_b OPTIONS (table_name 'order_decisions');
