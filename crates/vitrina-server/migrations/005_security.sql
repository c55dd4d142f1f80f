-- Tokens kept as SHA-256 hashes, case-folded emails for lookup, idle sessions, and indexes for
-- the queries that run often (the purge, auto-progress).

-- An order opens with any of its tokens: the one given when it was placed, and each one issued
-- since (a lookup by email, a second tab finishing the same cart). Only their hashes are kept.
CREATE TABLE order_tokens (
    token_hash   TEXT PRIMARY KEY,
    order_number INTEGER NOT NULL REFERENCES orders(number),
    created_at   INTEGER NOT NULL
);
CREATE INDEX order_tokens_by_order ON order_tokens(order_number);
INSERT INTO order_tokens (token_hash, order_number, created_at) SELECT sha256_hex(access_token), number, created_at FROM orders;
ALTER TABLE orders DROP COLUMN access_token;

-- The email as lookup compares it: trimmed and case-folded over all of Unicode.
ALTER TABLE orders ADD COLUMN email_key TEXT NOT NULL DEFAULT '';
UPDATE orders SET email_key = email_key(email);

-- An idempotency key is kept as its hash, with the token its answer carried sealed under the key
-- itself: a repeated request gets the same answer, and the table alone gives away no token.
-- Keys from before have no sealed token; a retry with one finds its order by the cart instead.
DROP TABLE idempotency_keys;
CREATE TABLE idempotency_keys (
    key_hash     TEXT PRIMARY KEY,
    request_hash TEXT NOT NULL,
    order_number INTEGER NOT NULL REFERENCES orders(number),
    sealed_token TEXT NOT NULL,
    created_at   INTEGER NOT NULL
);
CREATE INDEX idempotency_keys_by_age ON idempotency_keys(created_at);

-- A session also ends after a while unused.
ALTER TABLE sessions ADD COLUMN last_seen_at INTEGER NOT NULL DEFAULT 0;
UPDATE sessions SET last_seen_at = created_at;
CREATE INDEX sessions_by_expiry ON sessions(expires_at);

CREATE INDEX orders_by_status ON orders(status);
CREATE INDEX carts_by_age ON carts(updated_at);
