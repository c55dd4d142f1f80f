-- A variant's label (its size, colour, finish) in another language than the catalogue's own
-- (which is variants.label); answered in the language a request asks for, else variants.label.
CREATE TABLE variant_labels (
    variant_id TEXT NOT NULL REFERENCES variants(id),
    locale TEXT NOT NULL,
    label TEXT NOT NULL,
    PRIMARY KEY (variant_id, locale)
)
