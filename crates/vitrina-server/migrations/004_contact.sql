-- Seller contact: each seller's settings as one versioned JSON document, sign-in sessions, and
-- the messages shoppers send through the contact form.

-- `version` grows by one with every save; a save names the version it started from and is
-- refused when that is no longer current (two tabs editing at once).
CREATE TABLE contact_settings (
    seller_id     TEXT PRIMARY KEY REFERENCES sellers(id),
    version       INTEGER NOT NULL,
    settings_json TEXT NOT NULL,
    updated_at    INTEGER NOT NULL,
    updated_by    TEXT
);

-- The cookie holds a random token; only its SHA-256 is stored.
CREATE TABLE sessions (
    token_hash    TEXT PRIMARY KEY,
    account_email TEXT NOT NULL REFERENCES accounts(email) ON DELETE CASCADE,
    created_at    INTEGER NOT NULL,
    expires_at    INTEGER NOT NULL
);
CREATE INDEX sessions_by_account ON sessions(account_email);

CREATE TABLE contact_messages (
    id              TEXT PRIMARY KEY,
    seller_id       TEXT NOT NULL REFERENCES sellers(id),
    account_email   TEXT,               -- the signed-in sender, if any
    reply_to        TEXT NOT NULL,
    subject         TEXT NOT NULL,
    body            TEXT NOT NULL,
    order_number    TEXT,
    tracking_number TEXT,
    received_at     INTEGER NOT NULL
);
CREATE INDEX contact_messages_by_seller ON contact_messages(seller_id, received_at);
