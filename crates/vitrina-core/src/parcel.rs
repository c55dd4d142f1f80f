//! What a carrier counts as bulky goods, and what it does not take at all (seed 002 l.217, the
//! marketplace terms: «Крупногабаритный товар» weighs more than 25 kg but not more than 120 kg,
//! or its sides sum to more than 150 cm, or one side is over 100 cm; a shipment is bulky when any
//! item is, or it weighs over 65 kg, or takes more than two cubic metres).

/// How a carrier's courier and pickup services take an item or a cart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ParcelClass {
    /// Any delivery.
    Standard,
    /// Bulky goods: only the bulky-goods courier (vehicle access, freight lift, not carried into
    /// the flat) or collection from the seller.
    Bulky,
    /// Beyond the bulky-goods service (an item over the upper weight): no carrier delivery.
    Oversize,
}

/// A carrier's bounds, in grams and centimetres.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParcelLimits {
    /// An item heavier than this is bulky…
    pub bulky_item_weight_g: i64,
    /// …and one heavier than this is not taken at all.
    pub max_item_weight_g: i64,
    /// An item with a side longer than this is bulky.
    pub bulky_side_cm: i64,
    /// An item whose sides sum to more than this is bulky.
    pub bulky_side_sum_cm: i64,
    /// A shipment heavier than this is bulky.
    pub bulky_cart_weight_g: i64,
    /// A shipment larger than this (cm³) is bulky.
    pub bulky_cart_volume_cm3: i64,
}

impl ParcelLimits {
    /// The marketplace terms of seed 002.
    pub const MARKETPLACE: ParcelLimits = ParcelLimits {
        bulky_item_weight_g: 25_000,
        max_item_weight_g: 120_000,
        bulky_side_cm: 100,
        bulky_side_sum_cm: 150,
        bulky_cart_weight_g: 65_000,
        bulky_cart_volume_cm3: 2_000_000,
    };

    /// One item of `weight_g` with sides `dims_cm`.
    pub fn item(&self, weight_g: i64, dims_cm: [i64; 3]) -> ParcelClass {
        if weight_g > self.max_item_weight_g {
            ParcelClass::Oversize
        } else if weight_g > self.bulky_item_weight_g
            || dims_cm.iter().any(|&side| side > self.bulky_side_cm)
            || dims_cm.iter().sum::<i64>() > self.bulky_side_sum_cm
        {
            ParcelClass::Bulky
        } else {
            ParcelClass::Standard
        }
    }

    /// A cart of `(weight_g, dims_cm, quantity)` items as one shipment.
    pub fn cart(&self, items: impl IntoIterator<Item = (i64, [i64; 3], i64)>) -> ParcelClass {
        let (mut weight_g, mut volume_cm3, mut worst) = (0i64, 0i64, ParcelClass::Standard);
        for (item_weight_g, dims_cm, quantity) in items {
            worst = worst.max(self.item(item_weight_g, dims_cm));
            weight_g = weight_g.saturating_add(item_weight_g.saturating_mul(quantity));
            volume_cm3 = volume_cm3.saturating_add((dims_cm[0] * dims_cm[1] * dims_cm[2]).saturating_mul(quantity));
        }
        if worst == ParcelClass::Standard && (weight_g > self.bulky_cart_weight_g || volume_cm3 > self.bulky_cart_volume_cm3) {
            ParcelClass::Bulky
        } else {
            worst
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ParcelClass::{Bulky, Oversize, Standard};
    use super::*;

    const LIMITS: ParcelLimits = ParcelLimits::MARKETPLACE;

    #[test]
    fn items_are_bulky_above_25_kg_up_to_120_kg_or_long_or_large_in_sum() {
        let cases = [
            (95_000, [200, 120, 60], Bulky),
            (25_001, [10, 10, 10], Bulky),
            (25_000, [100, 30, 20], Standard),
            (1_000, [101, 10, 10], Bulky),
            (1_000, [80, 40, 31], Bulky),
            (1_000, [80, 40, 30], Standard),
            (120_000, [100, 50, 50], Bulky),
            (120_001, [100, 50, 50], Oversize),
            (150_000, [10, 10, 10], Oversize),
        ];
        for (weight, dims, class) in cases {
            assert_eq!(LIMITS.item(weight, dims), class, "{weight} g, {dims:?}");
        }
    }

    #[test]
    fn many_small_items_make_a_bulky_cart_and_one_oversize_item_an_oversize_one() {
        assert_eq!(LIMITS.cart([(1_000, [30, 30, 30], 2)]), Standard);
        assert_eq!(LIMITS.cart([(1_000, [30, 30, 30], 66)]), Bulky, "66 kg");
        assert_eq!(LIMITS.cart([(100, [50, 50, 50], 17)]), Bulky, "over 2 m³");
        assert_eq!(LIMITS.cart([(95_000, [200, 120, 60], 1)]), Bulky);
        assert_eq!(LIMITS.cart([(95_000, [200, 120, 60], 2)]), Bulky, "190 kg of bulky items is still two bulky items");
        assert_eq!(LIMITS.cart([(1_000, [30, 30, 30], 1), (121_000, [100, 60, 60], 1)]), Oversize);
        assert_eq!(LIMITS.cart([]), Standard);
    }
}
