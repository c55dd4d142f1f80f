-- The demo store: catalog, sellers, accounts, promo codes, carts and shipments.
-- Money is integer minor units plus an ISO 4217 code; instants are Unix seconds (UTC).

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE sellers (
    id           TEXT PRIMARY KEY,
    display_name TEXT NOT NULL
);

CREATE TABLE products (
    id          TEXT PRIMARY KEY,
    seller_id   TEXT NOT NULL REFERENCES sellers(id),
    name        TEXT NOT NULL,
    description TEXT NOT NULL,
    colour      TEXT NOT NULL,          -- drives the generated product picture
    weight_g    INTEGER NOT NULL,
    length_cm   INTEGER NOT NULL,
    width_cm    INTEGER NOT NULL,
    height_cm   INTEGER NOT NULL,
    position    INTEGER NOT NULL
);

CREATE TABLE variants (
    id          TEXT PRIMARY KEY,
    product_id  TEXT NOT NULL REFERENCES products(id),
    sku         TEXT NOT NULL UNIQUE,
    label       TEXT NOT NULL,
    price_minor INTEGER NOT NULL,
    currency    TEXT NOT NULL,
    stock       INTEGER NOT NULL,
    position    INTEGER NOT NULL
);

CREATE TABLE accounts (
    email          TEXT PRIMARY KEY,
    password_hash  TEXT NOT NULL,
    display_name   TEXT NOT NULL,
    email_verified INTEGER NOT NULL,
    seller_id      TEXT REFERENCES sellers(id)
);

CREATE TABLE promo_codes (
    code        TEXT PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('items_percent', 'free_delivery')),
    percent     INTEGER NOT NULL DEFAULT 0,
    valid_from  INTEGER NOT NULL,
    valid_until INTEGER NOT NULL
);

CREATE TABLE carts (
    id         TEXT PRIMARY KEY,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE cart_lines (
    id         TEXT PRIMARY KEY,
    cart_id    TEXT NOT NULL REFERENCES carts(id) ON DELETE CASCADE,
    variant_id TEXT NOT NULL REFERENCES variants(id),
    quantity   INTEGER NOT NULL CHECK (quantity > 0),
    added_at   INTEGER NOT NULL,
    UNIQUE (cart_id, variant_id)
);

CREATE TABLE shipments (
    tracking_number   TEXT PRIMARY KEY,
    carrier           TEXT NOT NULL,
    planned_date      TEXT,             -- the carrier's planned delivery date (YYYY-MM-DD)
    estimate_earliest TEXT,
    estimate_latest   TEXT,
    attempts_left     INTEGER,
    created_at        INTEGER NOT NULL
);

-- A carrier event as the carrier reported it: its own words, its local time, and its zone
-- when known (NULL offset: the carrier did not say which zone the time is in).
CREATE TABLE shipment_events (
    tracking_number    TEXT NOT NULL REFERENCES shipments(tracking_number),
    seq                INTEGER NOT NULL,
    local_time         TEXT NOT NULL,   -- YYYY-MM-DDTHH:MM:SS, wall-clock time at `location`
    utc_offset_minutes INTEGER,
    time_zone          TEXT,
    location           TEXT NOT NULL,
    raw_status         TEXT NOT NULL,
    PRIMARY KEY (tracking_number, seq)
);
