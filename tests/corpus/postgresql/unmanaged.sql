-- What tempest does not model, as a shop's database holds it: extensions, a domain and a composite
-- type used by columns, a sequence shared by hand, a trigram index, an index with INCLUDE columns,
-- NULLS LAST on a descending key, an exclusion constraint, trigger and plain functions, a
-- procedure, a view on a view, a materialized view with an index, a partitioned table with its
-- partitions, an unlogged table, a storage parameter, row level security with a policy, and
-- comments.

CREATE EXTENSION IF NOT EXISTS citext;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE DOMAIN email_address AS citext CHECK (VALUE ~ '^[^@\s]+@[^@\s]+$');
CREATE TYPE money_amount AS (currency char(3), cents bigint);
CREATE SEQUENCE order_number_seq START 1000;

CREATE TABLE customer (
    id serial PRIMARY KEY,
    email email_address NOT NULL UNIQUE,
    name text NOT NULL,
    search_name text GENERATED ALWAYS AS (lower(name)) STORED,
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX customer_name_trgm_idx ON customer USING gin (name gin_trgm_ops);
COMMENT ON TABLE customer IS 'People who buy';
ALTER TABLE customer ENABLE ROW LEVEL SECURITY;
CREATE POLICY customer_self ON customer FOR SELECT USING (email::text = current_user);

CREATE TABLE "order" (
    id serial PRIMARY KEY,
    number integer NOT NULL DEFAULT nextval('order_number_seq'),
    customer_id integer NOT NULL REFERENCES customer (id),
    total money_amount,
    placed_at timestamptz NOT NULL DEFAULT now(),
    notes text
);
ALTER TABLE "order" SET (fillfactor = 90);
CREATE INDEX order_placed_at_idx ON "order" (placed_at DESC NULLS LAST);
CREATE INDEX order_customer_covering_idx ON "order" (customer_id) INCLUDE (placed_at);

CREATE UNLOGGED TABLE import_buffer (
    line text NOT NULL
);

CREATE TABLE room_booking (
    room integer NOT NULL,
    during tsrange NOT NULL,
    EXCLUDE USING gist (during WITH &&)
);

CREATE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END
$$;
CREATE TRIGGER customer_touch BEFORE UPDATE ON customer
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

CREATE FUNCTION order_count(customer integer) RETURNS bigint LANGUAGE sql STABLE AS $$
    SELECT count(*) FROM "order" o WHERE o.customer_id = customer
$$;
CREATE FUNCTION customer_label(c customer) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    RETURN c.name || ' <' || c.email || '>';
END
$$;
CREATE PROCEDURE archive_orders(before timestamptz) LANGUAGE sql AS $$
    DELETE FROM "order" WHERE placed_at < before
$$;

CREATE VIEW customer_order_totals AS
    SELECT c.id, c.email, count(o.id) AS orders
    FROM customer c LEFT JOIN "order" o ON o.customer_id = c.id
    GROUP BY c.id, c.email;
CREATE VIEW big_customers AS
    SELECT * FROM customer_order_totals WHERE orders > 10 AND email::text NOT LIKE '%\_test@%';
COMMENT ON VIEW big_customers IS 'Customers with more than ten orders';

CREATE MATERIALIZED VIEW monthly_orders AS
    SELECT date_trunc('month', placed_at) AS month, count(*) AS orders FROM "order" GROUP BY 1
    WITH NO DATA;
CREATE UNIQUE INDEX monthly_orders_month_idx ON monthly_orders (month);

CREATE TABLE measurement (
    id bigint NOT NULL,
    taken_on date NOT NULL,
    value double precision,
    PRIMARY KEY (id, taken_on)
) PARTITION BY RANGE (taken_on);
CREATE TABLE measurement_2024 PARTITION OF measurement FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE measurement_2025 PARTITION OF measurement FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE INDEX measurement_taken_on_brin ON measurement USING brin (taken_on);
