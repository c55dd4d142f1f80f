//! The shop itself: sellers, products, accounts and promo codes.

use crate::auth::hash_password;
use crate::clock::DAY;
use crate::policy::Profile;
use rusqlite::params;
use vitrina_core::civil::{Date, UnixSeconds};

pub(super) fn seed_sellers(tx: &rusqlite::Transaction<'_>, store: &Profile) -> Result<(), rusqlite::Error> {
    for &(id, name) in store.sellers {
        tx.execute("INSERT INTO sellers (id, display_name) VALUES (?1, ?2)", params![id, name])?;
    }
    Ok(())
}

struct DemoProduct {
    id: &'static str,
    seller: &'static str,
    name: &'static str,
    description: &'static str,
    colour: &'static str,
    weight_g: i64,
    dims_cm: [i64; 3],
    /// (label, price in kopecks, stock)
    variants: &'static [(&'static str, i64, i64)],
}

const PRODUCTS: &[DemoProduct] = &[
    DemoProduct {
        id: "linen-shirt",
        seller: "demo-seller",
        name: "Linen shirt",
        description: "Washed linen, relaxed fit.",
        colour: "#d9c8a9",
        weight_g: 300,
        dims_cm: [35, 25, 4],
        variants: &[("S · White", 349000, 12), ("M · White", 349000, 20), ("L · White", 349000, 8), ("M · Navy", 359000, 5)],
    },
    DemoProduct {
        id: "merino-sweater",
        seller: "demo-seller",
        name: "Merino sweater",
        description: "Fine merino wool, crew neck.",
        colour: "#6b7f99",
        weight_g: 450,
        dims_cm: [35, 30, 6],
        variants: &[("S · Grey", 599000, 6), ("M · Grey", 599000, 9), ("L · Grey", 599000, 3)],
    },
    DemoProduct {
        id: "denim-jacket",
        seller: "demo-seller",
        name: "Denim jacket",
        description: "Heavy selvedge denim.",
        colour: "#3d5a80",
        weight_g: 900,
        dims_cm: [40, 32, 8],
        variants: &[("M · Indigo", 799000, 4), ("L · Indigo", 799000, 4)],
    },
    DemoProduct {
        id: "canvas-sneakers",
        seller: "demo-seller",
        name: "Canvas sneakers",
        description: "Cotton canvas, natural rubber sole.",
        colour: "#e07a5f",
        weight_g: 800,
        dims_cm: [33, 21, 12],
        variants: &[("39", 449000, 5), ("41", 449000, 7), ("43", 449000, 2)],
    },
    DemoProduct {
        id: "leather-belt",
        seller: "form-only",
        name: "Leather belt",
        description: "Vegetable-tanned leather, brass buckle.",
        colour: "#8d5b4c",
        weight_g: 200,
        dims_cm: [20, 15, 5],
        variants: &[("90 cm", 199000, 10), ("100 cm", 199000, 10), ("110 cm", 199000, 10)],
    },
    DemoProduct {
        id: "wool-socks",
        seller: "form-only",
        name: "Wool socks, 3 pairs",
        description: "Warm and hard-wearing.",
        colour: "#a8dadc",
        weight_g: 150,
        dims_cm: [20, 12, 4],
        variants: &[("36–40", 69000, 40), ("41–45", 69000, 40)],
    },
    DemoProduct {
        id: "rain-jacket",
        seller: "demo-seller",
        name: "Rain jacket",
        description: "Waterproof, breathable, packable.",
        colour: "#f2cc8f",
        weight_g: 500,
        dims_cm: [30, 25, 6],
        variants: &[("M · Yellow", 899000, 6), ("M · Olive", 899000, 6), ("L · Olive", 899000, 3)],
    },
    DemoProduct {
        id: "ceramic-mug",
        seller: "form-only",
        name: "Ceramic mug",
        description: "Hand-thrown stoneware, 350 ml.",
        colour: "#81b29a",
        weight_g: 400,
        dims_cm: [12, 12, 11],
        variants: &[("Sage", 79000, 30), ("Sand", 79000, 30)],
    },
    DemoProduct {
        id: "tea-set",
        seller: "demo-seller",
        name: "Porcelain tea set",
        description: "Teapot and four cups.",
        colour: "#f4f1de",
        weight_g: 1800,
        dims_cm: [40, 30, 20],
        variants: &[("", 329000, 4)],
    },
    DemoProduct {
        id: "wall-clock",
        seller: "demo-seller",
        name: "Wall clock",
        description: "Silent sweep movement, 30 cm.",
        colour: "#264653",
        weight_g: 700,
        dims_cm: [32, 32, 6],
        variants: &[("Black", 249000, 9), ("Oak", 269000, 4)],
    },
    DemoProduct {
        id: "desk-lamp",
        seller: "demo-seller",
        name: "Desk lamp",
        description: "Adjustable arm, warm LED.",
        colour: "#2a9d8f",
        weight_g: 1200,
        dims_cm: [45, 20, 15],
        variants: &[("Graphite", 399000, 7)],
    },
    DemoProduct {
        id: "throw-blanket",
        seller: "demo-seller",
        name: "Throw blanket",
        description: "Wool and cotton, 130 × 170 cm.",
        colour: "#e9c46a",
        weight_g: 1100,
        dims_cm: [40, 30, 12],
        variants: &[("Mustard", 299000, 11), ("Charcoal", 299000, 11)],
    },
    DemoProduct {
        id: "oak-wardrobe",
        seller: "quiet-seller",
        name: "Oak wardrobe",
        description: "Solid oak, two doors, delivered assembled. 95 kg.",
        colour: "#9c6644",
        weight_g: 95_000,
        dims_cm: [200, 120, 60],
        variants: &[("", 4999000, 2)],
    },
    DemoProduct {
        id: "field-notebook",
        seller: "quiet-seller",
        name: "Field notebook",
        description: "Dot grid, 96 pages.",
        colour: "#bc6c25",
        weight_g: 120,
        dims_cm: [21, 15, 1],
        variants: &[("A5", 49000, 100), ("A6", 39000, 100)],
    },
];

/// The languages the catalogue's words are translated into, in the order of the tables below.
const OTHER_LANGUAGES: [&str; 3] = ["ru", "uk", "sk"];

/// Each product's name in Russian, Ukrainian and Slovak (`products.name` is the English one).
const PRODUCT_NAMES: &[(&str, [&str; 3])] = &[
    ("linen-shirt", ["Льняная рубашка", "Лляна сорочка", "Ľanová košeľa"]),
    ("merino-sweater", ["Свитер из мериноса", "Светр із мериносу", "Sveter z merino vlny"]),
    ("denim-jacket", ["Джинсовая куртка", "Джинсова куртка", "Džínsová bunda"]),
    ("canvas-sneakers", ["Кеды из парусины", "Кеди з парусини", "Plátenné tenisky"]),
    ("leather-belt", ["Кожаный ремень", "Шкіряний ремінь", "Kožený opasok"]),
    ("wool-socks", ["Шерстяные носки, 3 пары", "Вовняні шкарпетки, 3 пари", "Vlnené ponožky, 3 páry"]),
    ("rain-jacket", ["Дождевик", "Дощовик", "Nepremokavá bunda"]),
    ("ceramic-mug", ["Керамическая кружка", "Керамічна чашка", "Keramický hrnček"]),
    ("tea-set", ["Фарфоровый чайный сервиз", "Порцеляновий чайний сервіз", "Porcelánová čajová súprava"]),
    ("wall-clock", ["Настенные часы", "Настінний годинник", "Nástenné hodiny"]),
    ("desk-lamp", ["Настольная лампа", "Настільна лампа", "Stolová lampa"]),
    ("throw-blanket", ["Плед", "Плед", "Prikrývka"]),
    ("oak-wardrobe", ["Дубовый шкаф", "Дубова шафа", "Dubová skriňa"]),
    ("field-notebook", ["Полевой блокнот", "Польовий блокнот", "Terénny zápisník"]),
];

/// The words of the variants' labels in the other languages (colours and finishes; sizes such as
/// `M`, `39` or `A5` read the same): English, then Russian, Ukrainian, Slovak.
const LABEL_WORDS: &[(&str, [&str; 3])] = &[
    ("White", ["Белый", "Білий", "Biela"]),
    ("Navy", ["Тёмно-синий", "Темно-синій", "Tmavomodrá"]),
    ("Grey", ["Серый", "Сірий", "Sivá"]),
    ("Indigo", ["Индиго", "Індиго", "Indigová"]),
    ("Yellow", ["Жёлтый", "Жовтий", "Žltá"]),
    ("Olive", ["Оливковый", "Оливковий", "Olivová"]),
    ("Sage", ["Шалфейный", "Шавлієвий", "Šalviová"]),
    ("Sand", ["Песочный", "Пісочний", "Piesková"]),
    ("Black", ["Чёрный", "Чорний", "Čierna"]),
    ("Oak", ["Дуб", "Дуб", "Dub"]),
    ("Graphite", ["Графитовый", "Графітовий", "Grafitová"]),
    ("Mustard", ["Горчичный", "Гірчичний", "Horčicová"]),
    ("Charcoal", ["Угольный", "Вугільний", "Antracitová"]),
];

/// A variant's label in one of [`OTHER_LANGUAGES`] (`index`): each part between ` · ` translated,
/// a length in centimetres written as that language writes it (`см` in Cyrillic).
fn translated_label(label: &str, index: usize) -> String {
    label
        .split(" · ")
        .map(|part| match LABEL_WORDS.iter().find(|(en, _)| *en == part) {
            Some((_, words)) => words[index].to_owned(),
            None => match part.strip_suffix(" cm") {
                Some(n) if OTHER_LANGUAGES[index] != "sk" => format!("{n} см"),
                _ => part.to_owned(),
            },
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

pub(super) fn seed_products(tx: &rusqlite::Transaction<'_>, store: &Profile) -> Result<(), rusqlite::Error> {
    for (position, p) in PRODUCTS.iter().enumerate() {
        tx.execute(
            "INSERT INTO products (id, seller_id, name, description, colour, weight_g, length_cm, width_cm, height_cm, position)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![p.id, p.seller, p.name, p.description, p.colour, p.weight_g, p.dims_cm[0], p.dims_cm[1], p.dims_cm[2], position as i64],
        )?;
        for (i, (label, price, stock)) in p.variants.iter().enumerate() {
            let variant_id = format!("{}-{}", p.id, i + 1);
            let sku = format!("{}-{:03}", p.id.split('-').map(|w| &w[..2]).collect::<String>().to_uppercase(), i + 1);
            tx.execute(
                "INSERT INTO variants (id, product_id, sku, label, price_minor, currency, stock, position)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![variant_id, p.id, sku, label, store.price(*price), store.currency, stock, i as i64],
            )?;
            for (index, locale) in OTHER_LANGUAGES.into_iter().enumerate() {
                let translated = translated_label(label, index);
                if translated != *label {
                    tx.execute(
                        "INSERT INTO variant_labels (variant_id, locale, label) VALUES (?1, ?2, ?3)",
                        params![variant_id, locale, translated],
                    )?;
                }
            }
        }
    }
    for (id, names) in PRODUCT_NAMES {
        for (locale, name) in OTHER_LANGUAGES.into_iter().zip(names) {
            tx.execute("INSERT INTO product_names (product_id, locale, name) VALUES (?1, ?2, ?3)", params![id, locale, name])?;
        }
    }
    Ok(())
}

/// The demo accounts, all with the password `demo`: (email, name, verified, owns seller).
pub const DEMO_ACCOUNTS: &[(&str, &str, bool, Option<&str>)] = &[
    ("shopper@example.com", "Anna Petrova", true, None),
    ("new@example.com", "Oleh Kovalenko", false, None),
    ("seller@example.com", "Marek Horváth", true, Some("demo-seller")),
];

pub const DEMO_PASSWORD: &str = "demo";

pub(super) fn seed_accounts(tx: &rusqlite::Transaction<'_>) -> Result<(), rusqlite::Error> {
    for (email, name, verified, seller) in DEMO_ACCOUNTS {
        tx.execute(
            "INSERT INTO accounts (email, password_hash, display_name, email_verified, seller_id) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![email, hash_password(DEMO_PASSWORD), name, verified, seller],
        )?;
    }
    Ok(())
}

/// Gives every account that still has the demo password a new random one, and ends its sessions
/// (someone may have signed in with the password everybody can read): what a store that is no
/// demo runs at start. Returns each (email, new password), for the person who started it.
pub fn renew_demo_passwords(tx: &rusqlite::Transaction<'_>) -> Result<Vec<(String, String)>, rusqlite::Error> {
    let accounts: Vec<(String, String)> = tx
        .prepare("SELECT email, password_hash FROM accounts ORDER BY email")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let mut renewed = Vec::new();
    for (email, hash) in accounts {
        if !crate::auth::verify_password(DEMO_PASSWORD, &hash) {
            continue;
        }
        let password = crate::ids::random_hex(12);
        tx.execute("UPDATE accounts SET password_hash = ?1 WHERE email = ?2", params![hash_password(&password), email])?;
        tx.execute("DELETE FROM sessions WHERE account_email = ?1", [&email])?;
        renewed.push((email, password));
    }
    Ok(renewed)
}

pub(super) fn seed_promo_codes(tx: &rusqlite::Transaction<'_>, now: UnixSeconds) -> Result<(), rusqlite::Error> {
    let far_future = now + 3650 * DAY;
    let expired_end = Date::new(2020, 12, 31).map(|d| d.days_since_epoch() * DAY + DAY - 1).unwrap_or(0);
    for (code, kind, percent, from, until) in [
        ("WELCOME10", "items_percent", 10, 0, far_future),
        ("FREESHIP", "free_delivery", 0, 0, far_future),
        ("EXPIRED2020", "items_percent", 20, 0, expired_end),
    ] {
        tx.execute(
            "INSERT INTO promo_codes (code, kind, percent, valid_from, valid_until) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![code, kind, percent, from, until],
        )?;
    }
    Ok(())
}
