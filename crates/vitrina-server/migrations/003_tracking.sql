-- Shipments know who shipped them and for which order: "contact the seller about this shipment"
-- needs the seller, and an order's page shows all of its shipments together.
ALTER TABLE shipments ADD COLUMN seller_id TEXT REFERENCES sellers(id);
ALTER TABLE shipments ADD COLUMN order_number TEXT;
CREATE INDEX shipments_by_order ON shipments (order_number);

-- Stores seeded before this migration: their demo shipments were all sent by the demo seller.
UPDATE shipments SET seller_id = 'demo-seller'
 WHERE seller_id IS NULL AND EXISTS (SELECT 1 FROM sellers WHERE id = 'demo-seller');
