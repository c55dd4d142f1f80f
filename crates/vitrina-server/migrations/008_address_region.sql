-- The region, state or oblast of the delivery address, where the country's format has one.
ALTER TABLE orders ADD COLUMN region TEXT NOT NULL DEFAULT ''
