-- SaaS billing: accounts keyed by uuid, plans with an enum billing interval, subscriptions with a
-- partial unique index, invoices and payments that refer to each other (a deferred cycle), a
-- generated total, and an invoice line table whose name PostgreSQL truncates to 63 bytes.

CREATE TYPE subscription_state AS ENUM ('trialing', 'active', 'past_due', 'canceled');
CREATE TYPE billing_interval AS ENUM ('month', 'year');

CREATE TABLE account (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL,
    billing_email varchar(320) NOT NULL,
    country_code char(2) NOT NULL DEFAULT 'US',
    created_at timestamptz NOT NULL DEFAULT now(),
    tax_exempt boolean NOT NULL DEFAULT false
);
CREATE UNIQUE INDEX account_billing_email_key ON account (lower(billing_email));

CREATE TABLE plan (
    code varchar(40) PRIMARY KEY,
    name text NOT NULL,
    "interval" billing_interval NOT NULL,
    amount_cents integer NOT NULL CHECK (amount_cents >= 0),
    currency char(3) NOT NULL DEFAULT 'USD',
    features jsonb NOT NULL DEFAULT '{}'::jsonb,
    active boolean NOT NULL DEFAULT true
);

CREATE TABLE subscription (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id uuid NOT NULL REFERENCES account (id) ON DELETE RESTRICT,
    plan_code varchar(40) NOT NULL REFERENCES plan (code) ON UPDATE CASCADE,
    state subscription_state NOT NULL DEFAULT 'trialing',
    current_period_start timestamptz NOT NULL,
    current_period_end timestamptz NOT NULL,
    cancel_at_period_end boolean NOT NULL DEFAULT false,
    CONSTRAINT subscription_period_valid CHECK (current_period_end > current_period_start)
);
CREATE UNIQUE INDEX subscription_one_live_per_account ON subscription (account_id)
    WHERE state IN ('trialing', 'active', 'past_due');

CREATE TABLE invoice (
    id bigserial PRIMARY KEY,
    account_id uuid NOT NULL REFERENCES account (id) ON DELETE NO ACTION,
    subscription_id bigint REFERENCES subscription (id) ON DELETE SET NULL,
    number varchar(20) NOT NULL UNIQUE,
    status varchar(12) NOT NULL DEFAULT 'draft'
        CHECK (status IN ('draft', 'open', 'paid', 'void', 'uncollectible')),
    subtotal_cents bigint NOT NULL DEFAULT 0,
    tax_cents bigint NOT NULL DEFAULT 0,
    total_cents bigint GENERATED ALWAYS AS (subtotal_cents + tax_cents) STORED,
    memo text DEFAULT E'Thank you for your business.\nQuestions? Write to billing@example.com',
    issued_at timestamptz,
    due_at timestamptz,
    latest_payment_id bigint,
    CHECK (due_at >= issued_at)
);

CREATE TABLE payment (
    id bigserial PRIMARY KEY,
    invoice_id bigint NOT NULL REFERENCES invoice (id) DEFERRABLE INITIALLY DEFERRED,
    amount_cents bigint NOT NULL CHECK (amount_cents > 0),
    provider text NOT NULL,
    provider_reference text,
    received_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX payment_provider_reference_key ON payment (provider, provider_reference)
    WHERE provider_reference IS NOT NULL AND provider <> 'manual';

ALTER TABLE invoice ADD CONSTRAINT invoice_latest_payment_fk FOREIGN KEY (latest_payment_id)
    REFERENCES payment (id) DEFERRABLE INITIALLY DEFERRED;

CREATE TABLE invoice_line_item_with_a_very_descriptive_name_for_the_reporting_team (
    id bigserial PRIMARY KEY,
    invoice_id bigint NOT NULL REFERENCES invoice ON DELETE CASCADE,
    description text NOT NULL,
    quantity integer NOT NULL DEFAULT 1 CHECK (quantity > 0),
    unit_amount_cents bigint NOT NULL
);

COMMENT ON COLUMN invoice.total_cents IS 'subtotal_cents + tax_cents, kept by PostgreSQL';
