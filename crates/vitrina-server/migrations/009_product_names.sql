-- A product's name in another language than the catalogue's own (which is products.name); the
-- backend answers in the language a request asks for, and falls back to products.name.
CREATE TABLE product_names (
    product_id TEXT NOT NULL REFERENCES products(id),
    locale TEXT NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (product_id, locale)
)
