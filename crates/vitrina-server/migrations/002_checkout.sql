-- Orders placed through the checkout, their lines, status history, payments, and the
-- idempotency keys that make placing exactly-once.

ALTER TABLE carts ADD COLUMN order_number INTEGER;

CREATE TABLE orders (
    number                INTEGER PRIMARY KEY,
    access_token          TEXT NOT NULL,
    cart_id               TEXT NOT NULL UNIQUE,
    created_at            INTEGER NOT NULL,
    email                 TEXT NOT NULL,
    phone                 TEXT NOT NULL,
    name                  TEXT NOT NULL,
    recipient_name        TEXT,
    recipient_phone       TEXT,
    country               TEXT NOT NULL,
    city                  TEXT NOT NULL,
    address_line          TEXT NOT NULL,
    postcode              TEXT NOT NULL,
    delivery_option_id    TEXT NOT NULL,
    delivery_kind         TEXT NOT NULL,
    carrier               TEXT NOT NULL,
    service_level         TEXT NOT NULL,
    dispatch_date         TEXT NOT NULL,
    earliest              TEXT NOT NULL,
    latest                TEXT NOT NULL,
    delivery_date         TEXT,
    time_window           TEXT,
    pickup_point_json     TEXT,
    payment_method        TEXT NOT NULL,
    payment_kind          TEXT NOT NULL,
    payment_status        TEXT NOT NULL,
    promo_code            TEXT,
    currency              TEXT NOT NULL,
    items_minor           INTEGER NOT NULL,
    delivery_minor        INTEGER NOT NULL,
    discount_minor        INTEGER NOT NULL,
    total_minor           INTEGER NOT NULL,
    vat_minor             INTEGER NOT NULL,
    vat_rate_percent      INTEGER NOT NULL,
    terms_version         TEXT NOT NULL,
    personal_data_consent INTEGER NOT NULL,
    marketing_consent     INTEGER NOT NULL,
    status                TEXT NOT NULL
);

CREATE TABLE order_lines (
    order_number     INTEGER NOT NULL REFERENCES orders(number),
    position         INTEGER NOT NULL,
    product_id       TEXT NOT NULL,
    variant_id       TEXT NOT NULL,
    seller_id        TEXT NOT NULL,
    sku              TEXT NOT NULL,
    name             TEXT NOT NULL,
    variant_label    TEXT NOT NULL,
    unit_price_minor INTEGER NOT NULL,
    quantity         INTEGER NOT NULL,
    line_total_minor INTEGER NOT NULL,
    PRIMARY KEY (order_number, position)
);

-- The order's history as the shopper sees it (status changes, payments, cancellation requests).
CREATE TABLE order_events (
    order_number INTEGER NOT NULL REFERENCES orders(number),
    seq          INTEGER NOT NULL,
    at           INTEGER NOT NULL,
    kind         TEXT NOT NULL,
    PRIMARY KEY (order_number, seq)
);

-- Each attempt to pay online; a declined attempt can be followed by another for the same order.
CREATE TABLE payments (
    id           TEXT PRIMARY KEY,
    order_number INTEGER NOT NULL REFERENCES orders(number),
    created_at   INTEGER NOT NULL,
    amount_minor INTEGER NOT NULL,
    currency     TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'declined')),
    decided_at   INTEGER
);

CREATE TABLE idempotency_keys (
    key          TEXT PRIMARY KEY,
    request_hash TEXT NOT NULL,
    order_number INTEGER NOT NULL REFERENCES orders(number),
    created_at   INTEGER NOT NULL
);
