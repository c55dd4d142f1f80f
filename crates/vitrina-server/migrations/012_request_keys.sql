-- The `Idempotency-Key`s of every request a shopper may repeat after its answer was lost (a
-- cancellation, a return, a message to a seller, a line added to a cart), in one table: what each
-- key was used for (its request's fingerprint) and what it did (`outcome`: the order's number, the
-- message's receipt, the cart), so a repeat is answered as the first time instead of acting twice.
-- A key is one client's for one request, whatever the endpoint: used for another, it is refused.
CREATE TABLE request_keys (
    key_hash     TEXT PRIMARY KEY,
    request_hash TEXT NOT NULL,
    outcome      TEXT NOT NULL,
    created_at   INTEGER NOT NULL
);
CREATE INDEX request_keys_by_age ON request_keys(created_at);
INSERT INTO request_keys (key_hash, request_hash, outcome, created_at)
    SELECT key_hash, request_hash, CAST(order_number AS TEXT), created_at FROM action_keys;
DROP TABLE action_keys;
