/*
 * Warehouse inventory.
 * Products are keyed by their SKU; stock levels are kept per warehouse and bin.
 */

CREATE TABLE warehouses (
    warehouse_id INTEGER PRIMARY KEY,
    code         CHAR(4) NOT NULL UNIQUE,
    name         VARCHAR(100) NOT NULL,
    manager_id   INTEGER REFERENCES employees (employee_id) ON DELETE SET NULL   -- a cycle with employees
);

CREATE TABLE employees (
    employee_id  INTEGER PRIMARY KEY,
    full_name    TEXT NOT NULL,
    warehouse_id INTEGER NOT NULL REFERENCES warehouses    -- its primary key
);

CREATE TABLE categories (
    id        INTEGER PRIMARY KEY,
    parent_id INTEGER REFERENCES categories (id),
    name      TEXT NOT NULL COLLATE NOCASE,
    UNIQUE (parent_id, name)
);

CREATE TABLE products (
    sku          TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,   -- a natural key
    category_id  INTEGER REFERENCES categories(id),
    description  TEXT DEFAULT (''),
    unit_price   NUMERIC(10,2) NOT NULL CHECK (unit_price >= 0),
    weight_kg    REAL,
    discontinued BOOLEAN NOT NULL DEFAULT FALSE,
    CONSTRAINT ck_products_sku CHECK (length(sku) BETWEEN 4 AND 32)
);
CREATE INDEX products_by_category ON products (category_id, sku);

CREATE TABLE stock (
    warehouse_id INTEGER NOT NULL,
    sku          TEXT NOT NULL,
    bin          TEXT NOT NULL DEFAULT '' COLLATE RTRIM,
    quantity     INTEGER NOT NULL DEFAULT 0 CHECK (quantity >= 0),
    PRIMARY KEY (warehouse_id, sku, bin),
    FOREIGN KEY (warehouse_id) REFERENCES warehouses (warehouse_id) ON DELETE CASCADE,
    FOREIGN KEY (sku) REFERENCES products (sku) ON UPDATE CASCADE
) WITHOUT ROWID;
CREATE INDEX "bin lookup" ON stock (bin COLLATE NOCASE, sku);

-- Every movement in or out, with whatever the scanner sent along.
CREATE TABLE "stock movements" (
    id           INTEGER PRIMARY KEY,
    warehouse_id INTEGER NOT NULL REFERENCES warehouses (warehouse_id),
    sku          TEXT NOT NULL REFERENCES products (sku),
    delta        INT NOT NULL CHECK (delta <> 0),
    moved_at     INTEGER NOT NULL DEFAULT (unixepoch()),
    note         TEXT,
    payload      ANY
) STRICT;
CREATE INDEX "stock movements by time" ON "stock movements" (warehouse_id, moved_at DESC);
