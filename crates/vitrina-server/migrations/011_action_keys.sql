-- The keys of requests that change an order after it was placed (a cancellation, a return):
-- a retry under the same key, whose first answer was lost on the way, is answered with the order
-- as it is now instead of acting twice (cancelling another unit, or refusing what already happened).
CREATE TABLE action_keys (
    key_hash     TEXT PRIMARY KEY,
    request_hash TEXT NOT NULL,
    order_number INTEGER NOT NULL REFERENCES orders(number),
    created_at   INTEGER NOT NULL
);
CREATE INDEX action_keys_by_age ON action_keys(created_at);
