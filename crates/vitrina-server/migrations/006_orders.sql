-- Orders after placing: lines cancelled or asked back, refunds, the time an online payment is
-- awaited, the seller's substitutions, the courier's note, and how the promo discount follows
-- the lines.

ALTER TABLE orders ADD COLUMN courier_note TEXT;
-- An order paid by card online expires unpaid after this moment (none for pay on delivery).
ALTER TABLE orders ADD COLUMN pay_by INTEGER;
-- The promo discount as placed: 'none', 'items_percent' (with its percent) or 'delivery'.
ALTER TABLE orders ADD COLUMN discount_kind TEXT NOT NULL DEFAULT 'none'
    CHECK (discount_kind IN ('none', 'items_percent', 'delivery'));
ALTER TABLE orders ADD COLUMN discount_percent INTEGER NOT NULL DEFAULT 0;
UPDATE orders SET
    discount_kind = COALESCE((SELECT CASE p.kind WHEN 'free_delivery' THEN 'delivery' ELSE 'items_percent' END
                                FROM promo_codes p WHERE p.code = orders.promo_code), 'none'),
    discount_percent = COALESCE((SELECT p.percent FROM promo_codes p WHERE p.code = orders.promo_code AND p.kind = 'items_percent'), 0);
-- Orders from before had an hour to be paid as well.
UPDATE orders SET pay_by = created_at + 3600 WHERE payment_kind = 'card_online';

-- `quantity` and `line_total_minor` are what is still ordered; what was cancelled or asked back
-- is counted beside them. An accepted substitute takes the line's place and names what it replaced.
ALTER TABLE order_lines ADD COLUMN cancelled_quantity INTEGER NOT NULL DEFAULT 0;
ALTER TABLE order_lines ADD COLUMN return_requested_quantity INTEGER NOT NULL DEFAULT 0;
ALTER TABLE order_lines ADD COLUMN replaces TEXT;

-- What an event concerns: lines with quantities (JSON), and money it moved.
ALTER TABLE order_events ADD COLUMN lines_json TEXT;
ALTER TABLE order_events ADD COLUMN amount_minor INTEGER;

-- Money sent back to the shopper, by the method it was paid with.
CREATE TABLE refunds (
    order_number INTEGER NOT NULL REFERENCES orders(number),
    seq          INTEGER NOT NULL,
    at           INTEGER NOT NULL,
    amount_minor INTEGER NOT NULL,
    currency     TEXT NOT NULL,
    method       TEXT NOT NULL,
    reason       TEXT NOT NULL,
    delivery_fee TEXT,
    PRIMARY KEY (order_number, seq)
);

-- The seller's proposals for lines it cannot send; the latest of a line is its current one.
CREATE TABLE substitutions (
    order_number  INTEGER NOT NULL REFERENCES orders(number),
    position      INTEGER NOT NULL,
    seq           INTEGER NOT NULL,
    kind          TEXT NOT NULL,
    status        TEXT NOT NULL,
    variant_id    TEXT REFERENCES variants(id),
    quantity      INTEGER NOT NULL,
    -- The line's price when proposed, and what one substitute was charged at when accepted.
    original_unit_minor INTEGER NOT NULL,
    charged_unit_minor  INTEGER,
    proposed_at   INTEGER NOT NULL,
    answer_by     INTEGER NOT NULL,
    if_unanswered TEXT NOT NULL,
    answered_at   INTEGER,
    PRIMARY KEY (order_number, position, seq)
);
CREATE INDEX substitutions_awaiting ON substitutions (status, answer_by);

-- A payment attempt of an order that was cancelled, or expired, before it was paid is void:
-- the gateway no longer takes it.
CREATE TABLE payments_next (
    id           TEXT PRIMARY KEY,
    order_number INTEGER NOT NULL REFERENCES orders(number),
    created_at   INTEGER NOT NULL,
    amount_minor INTEGER NOT NULL,
    currency     TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'declined', 'void')),
    decided_at   INTEGER
);
INSERT INTO payments_next (id, order_number, created_at, amount_minor, currency, status, decided_at)
    SELECT id, order_number, created_at, amount_minor, currency, status, decided_at FROM payments;
DROP TABLE payments;
ALTER TABLE payments_next RENAME TO payments;
CREATE INDEX payments_by_order ON payments (order_number);

-- Unpaid orders whose time has run out are found by their deadline.
CREATE INDEX orders_by_pay_by ON orders (pay_by) WHERE payment_status IN ('awaiting_payment', 'declined');
