/* SaaS billing. Money is kept in integer cents; rates as decimals. */

CREATE TABLE plans (
  id                  INTEGER PRIMARY KEY AUTOINCREMENT,
  code                VARCHAR(32) NOT NULL,
  name                TEXT NOT NULL,
  monthly_price_cents INTEGER NOT NULL CHECK (monthly_price_cents >= 0),
  currency            CHAR(3) NOT NULL DEFAULT 'USD',
  is_public           BOOLEAN NOT NULL DEFAULT 1,
  CONSTRAINT plans_code_key UNIQUE (code)
);

CREATE TABLE accounts (
  id                        INTEGER PRIMARY KEY AUTOINCREMENT,
  name                      TEXT NOT NULL,
  billing_email             TEXT NOT NULL COLLATE NOCASE,
  default_payment_method_id INTEGER,
  "customer's reference"    TEXT,
  created_at                TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  -- payment_methods refers back to accounts: a cycle, checked at commit
  FOREIGN KEY (default_payment_method_id) REFERENCES payment_methods (id)
    ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE payment_methods (
  id         INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('card', 'sepa', 'invoice')),
  last4      CHAR(4),
  expires_on DATE,
  CONSTRAINT fk_payment_methods_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
);

CREATE TABLE subscriptions (
  id           INTEGER PRIMARY KEY,
  account_id   INTEGER NOT NULL REFERENCES accounts (id),
  plan_id      INTEGER NOT NULL REFERENCES plans (id) ON DELETE RESTRICT,
  status       TEXT NOT NULL DEFAULT 'trialing',
  started_at   TIMESTAMP NOT NULL,
  cancelled_at TIMESTAMP,
  quantity     INTEGER NOT NULL DEFAULT 1,
  CHECK (cancelled_at IS NULL OR cancelled_at >= started_at),
  CHECK (quantity > 0)
);
-- At most one live subscription per account.
CREATE UNIQUE INDEX subscriptions_one_live ON subscriptions (account_id) WHERE status IN ('trialing', 'active');

CREATE TABLE invoices (
  id              INTEGER PRIMARY KEY,
  account_id      INTEGER NOT NULL REFERENCES accounts (id),
  subscription_id INTEGER REFERENCES subscriptions,
  number          TEXT NOT NULL UNIQUE,
  issued_at       TIMESTAMP NOT NULL,
  due_on          DATE NOT NULL,
  total_cents     INTEGER NOT NULL DEFAULT 0,
  tax_rate        DECIMAL(5, 4) NOT NULL DEFAULT 0.0,
  paid            BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX invoices_by_account ON invoices (account_id, issued_at DESC);
CREATE INDEX invoices_unpaid ON invoices (due_on) WHERE NOT paid;

CREATE TABLE invoice_lines (
  invoice_id   INTEGER NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
  line_no      INTEGER NOT NULL,
  description  TEXT NOT NULL,
  amount_cents INTEGER NOT NULL,
  PRIMARY KEY (invoice_id, line_no)
);

CREATE TABLE "transaction" (   -- a reserved word
  id                INTEGER PRIMARY KEY,
  invoice_id        INTEGER NOT NULL REFERENCES invoices (id),
  payment_method_id INTEGER REFERENCES payment_methods (id),
  amount_cents      INTEGER NOT NULL,
  "status"          TEXT NOT NULL CHECK ("status" IN ('pending', 'succeeded', 'failed')),
  external_ref      TEXT UNIQUE,
  processed_at      TIMESTAMP
);
CREATE INDEX "transaction_by_invoice" ON "transaction" (invoice_id);
