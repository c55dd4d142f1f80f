//! Money as integer minor units plus an ISO 4217 currency code — never floating point.

use serde::{Deserialize, Serialize};
use std::fmt;

/// An ISO 4217 currency code such as `RUB`, `EUR`, `JPY`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct Currency(pub String);

impl Currency {
    pub fn new(code: &str) -> Self {
        Currency(code.to_ascii_uppercase())
    }

    pub fn code(&self) -> &str {
        &self.0
    }

    /// Digits after the decimal point in this currency's minor unit (ISO 4217).
    /// Unknown codes are assumed to have two, like most currencies.
    pub fn minor_digits(&self) -> u32 {
        match self.0.as_str() {
            "BIF" | "CLP" | "DJF" | "GNF" | "ISK" | "JPY" | "KMF" | "KRW" | "PYG" | "RWF" | "UGX" | "UYI" | "VND" | "VUV" | "XAF"
            | "XOF" | "XPF" => 0,
            "BHD" | "IQD" | "JOD" | "KWD" | "LYD" | "OMR" | "TND" => 3,
            _ => 2,
        }
    }

    /// Whether the code has the shape of an ISO 4217 code (three ASCII capitals).
    pub fn is_well_formed(&self) -> bool {
        self.0.len() == 3 && self.0.bytes().all(|b| b.is_ascii_uppercase())
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An amount of money: `amount_minor` units of the currency's minor unit (kopecks for RUB).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Money {
    /// Amount in the currency's minor unit (e.g. kopecks); may be negative for discounts.
    pub amount_minor: i64,
    /// ISO 4217 code.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "RUB"))]
    pub currency: Currency,
}

/// Arithmetic on amounts of different currencies, or beyond what an `i64` holds.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("cannot combine {0} with {1}")]
    CurrencyMismatch(String, String),
    #[error("amount out of range")]
    Overflow,
}

impl Money {
    pub fn new(amount_minor: i64, currency: &str) -> Self {
        Money { amount_minor, currency: Currency::new(currency) }
    }

    pub fn zero(currency: &Currency) -> Self {
        Money { amount_minor: 0, currency: currency.clone() }
    }

    pub fn is_zero(&self) -> bool {
        self.amount_minor == 0
    }

    pub fn checked_add(&self, other: &Money) -> Result<Money, MoneyError> {
        self.same_currency(other)?;
        let amount = self.amount_minor.checked_add(other.amount_minor).ok_or(MoneyError::Overflow)?;
        Ok(Money { amount_minor: amount, currency: self.currency.clone() })
    }

    pub fn checked_sub(&self, other: &Money) -> Result<Money, MoneyError> {
        self.same_currency(other)?;
        let amount = self.amount_minor.checked_sub(other.amount_minor).ok_or(MoneyError::Overflow)?;
        Ok(Money { amount_minor: amount, currency: self.currency.clone() })
    }

    pub fn checked_mul(&self, quantity: i64) -> Result<Money, MoneyError> {
        let amount = self.amount_minor.checked_mul(quantity).ok_or(MoneyError::Overflow)?;
        Ok(Money { amount_minor: amount, currency: self.currency.clone() })
    }

    /// `percent`% of this amount, rounded half away from zero to the minor unit.
    pub fn percent(&self, percent: i64) -> Result<Money, MoneyError> {
        let scaled = (self.amount_minor as i128) * (percent as i128);
        let rounded = if scaled >= 0 { (scaled + 50) / 100 } else { (scaled - 50) / 100 };
        let amount = i64::try_from(rounded).map_err(|_| MoneyError::Overflow)?;
        Ok(Money { amount_minor: amount, currency: self.currency.clone() })
    }

    /// The part of a VAT-inclusive amount that is VAT at `rate_percent`, rounded to the minor unit.
    pub fn included_vat(&self, rate_percent: i64) -> Result<Money, MoneyError> {
        let scaled = (self.amount_minor as i128) * (rate_percent as i128);
        let divisor = 100 + rate_percent as i128;
        let rounded = (2 * scaled + divisor) / (2 * divisor);
        let amount = i64::try_from(rounded).map_err(|_| MoneyError::Overflow)?;
        Ok(Money { amount_minor: amount, currency: self.currency.clone() })
    }

    /// Sums amounts of one currency; an empty list sums to zero of `currency`.
    pub fn sum<'a>(currency: &Currency, items: impl IntoIterator<Item = &'a Money>) -> Result<Money, MoneyError> {
        items.into_iter().try_fold(Money::zero(currency), |acc, m| acc.checked_add(m))
    }

    fn same_currency(&self, other: &Money) -> Result<(), MoneyError> {
        if self.currency == other.currency {
            Ok(())
        } else {
            Err(MoneyError::CurrencyMismatch(self.currency.0.clone(), other.currency.0.clone()))
        }
    }

    /// The exact decimal amount as a string ("1234.50", "-0.05", "1500" for JPY), suitable for
    /// `Intl.NumberFormat.prototype.format`, which formats a decimal string without rounding it
    /// through a float.
    pub fn to_decimal_string(&self) -> String {
        let digits = self.currency.minor_digits();
        let sign = if self.amount_minor < 0 { "-" } else { "" };
        let abs = self.amount_minor.unsigned_abs();
        if digits == 0 {
            return format!("{sign}{abs}");
        }
        let unit = 10u64.pow(digits);
        format!("{sign}{}.{:0width$}", abs / unit, abs % unit, width = digits as usize)
    }
}

impl fmt::Display for Money {
    /// A plain, locale-free rendering ("1234.50 RUB") for logs, emails and tests; the app
    /// formats money with the browser's `Intl` instead.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.to_decimal_string(), self.currency)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_string_follows_the_currencys_minor_unit() {
        assert_eq!(Money::new(123450, "RUB").to_decimal_string(), "1234.50");
        assert_eq!(Money::new(5, "EUR").to_decimal_string(), "0.05");
        assert_eq!(Money::new(-5, "UAH").to_decimal_string(), "-0.05");
        assert_eq!(Money::new(1500, "JPY").to_decimal_string(), "1500");
        assert_eq!(Money::new(1234, "KWD").to_decimal_string(), "1.234");
        assert_eq!(Money::new(i64::MIN, "RUB").to_decimal_string(), "-92233720368547758.08");
    }

    #[test]
    fn amounts_of_different_currencies_do_not_add() {
        let err = Money::new(1, "RUB").checked_add(&Money::new(1, "EUR")).unwrap_err();
        assert_eq!(err, MoneyError::CurrencyMismatch("RUB".into(), "EUR".into()));
    }

    #[test]
    fn overflow_is_an_error_not_a_wrap() {
        assert_eq!(Money::new(i64::MAX, "RUB").checked_add(&Money::new(1, "RUB")), Err(MoneyError::Overflow));
        assert_eq!(Money::new(i64::MAX, "RUB").checked_mul(2), Err(MoneyError::Overflow));
    }

    #[test]
    fn ten_percent_rounds_half_away_from_zero_to_the_kopeck() {
        assert_eq!(Money::new(12345, "RUB").percent(10).unwrap().amount_minor, 1235);
        assert_eq!(Money::new(12344, "RUB").percent(10).unwrap().amount_minor, 1234);
        assert_eq!(Money::new(-12345, "RUB").percent(10).unwrap().amount_minor, -1235);
    }

    #[test]
    fn included_vat_at_twenty_percent() {
        // 1200.00 including 20% VAT carries 200.00 of VAT.
        assert_eq!(Money::new(120000, "RUB").included_vat(20).unwrap().amount_minor, 20000);
        assert_eq!(Money::new(99999, "RUB").included_vat(20).unwrap().amount_minor, 16667);
    }

    #[test]
    fn sums_of_nothing_are_zero() {
        let rub = Currency::new("rub");
        assert_eq!(Money::sum(&rub, []).unwrap(), Money::new(0, "RUB"));
        let items = [Money::new(100, "RUB"), Money::new(250, "RUB")];
        assert_eq!(Money::sum(&rub, &items).unwrap().amount_minor, 350);
    }

    #[test]
    fn currency_minor_digits() {
        assert_eq!(Currency::new("JPY").minor_digits(), 0);
        assert_eq!(Currency::new("KWD").minor_digits(), 3);
        assert_eq!(Currency::new("RUB").minor_digits(), 2);
        assert!(Currency::new("uah").is_well_formed());
        assert!(!Currency("R1B".into()).is_well_formed());
    }
}
