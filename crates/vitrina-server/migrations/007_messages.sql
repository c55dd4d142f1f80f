-- Emails in the shopper's language, through a transactional outbox.
--
-- The language each email is written in: the shopper's with an order and a contact message,
-- the account holder's (as last signed in) for an account.
ALTER TABLE orders ADD COLUMN locale TEXT NOT NULL DEFAULT 'en';
ALTER TABLE contact_messages ADD COLUMN locale TEXT NOT NULL DEFAULT 'en';
ALTER TABLE accounts ADD COLUMN locale TEXT;
-- The code a pickup-point or locker shopper collects the parcel with (their signature), made
-- when the parcel is ready.
ALTER TABLE orders ADD COLUMN pickup_code TEXT;

-- Every email the store sends is first a row here, committed in the transaction of the event it
-- is about; a sender then writes it out and marks it delivered, so a crash between the two loses
-- nothing. `state`: `pending` (to be written from its event), `ready` (the message is in
-- `message`), `delivered`, or `none` (the event sends no email).
CREATE TABLE outbox (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    name         TEXT NOT NULL UNIQUE,     -- the file's name in the outbox folder, without `.eml`
    created_at   INTEGER NOT NULL,
    order_number INTEGER,
    event_kind   TEXT,
    state        TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'ready', 'delivered', 'none')),
    message      BLOB,
    delivered_at INTEGER,
    attempts     INTEGER NOT NULL DEFAULT 0,
    last_error   TEXT
);
CREATE INDEX outbox_waiting ON outbox(state) WHERE state IN ('pending', 'ready');

-- Each event in an order's history is an email to write (or a decision that it needs none), in
-- the same transaction whatever code recorded the event: a new kind of event only needs its
-- email defined (`domain::emails`).
CREATE TRIGGER order_event_outbox AFTER INSERT ON order_events
BEGIN
    INSERT INTO outbox (name, created_at, order_number, event_kind)
    VALUES ('order-' || NEW.order_number || '-' || NEW.seq || '-' || NEW.kind, NEW.at, NEW.order_number, NEW.kind);
END;

-- Email verification: a link sent to the account's address; only the token's hash is kept.
CREATE TABLE email_verifications (
    token_hash    TEXT PRIMARY KEY,
    account_email TEXT NOT NULL REFERENCES accounts(email) ON DELETE CASCADE,
    created_at    INTEGER NOT NULL,
    expires_at    INTEGER NOT NULL
);
