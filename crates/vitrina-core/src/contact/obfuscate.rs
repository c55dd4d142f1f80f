//! Email addresses shown to people but not to harvesters (seed 001: protect the address, yet
//! never write "support at mail dot ru"). The backend sends the address encoded — no `@`, no
//! domain in the JSON — and the app decodes it in the browser into an ordinary, clickable
//! `mailto:` link. The initial HTML never contains it either: the page is built at runtime.

const KEY: u8 = 0x5a;
const PREFIX: &str = "x1:";

/// Reverses the address, XORs each byte with a key, and writes it as hex.
pub fn encode(address: &str) -> String {
    let mut out = String::from(PREFIX);
    for b in address.bytes().rev() {
        out.push_str(&format!("{:02x}", b ^ KEY));
    }
    out
}

/// The address [`encode`] encoded; `None` for anything else.
pub fn decode(encoded: &str) -> Option<String> {
    let hex = encoded.strip_prefix(PREFIX)?;
    if hex.len() % 2 != 0 || !hex.is_ascii() {
        return None;
    }
    let mut bytes = Vec::with_capacity(hex.len() / 2);
    for i in (0..hex.len()).step_by(2) {
        bytes.push(u8::from_str_radix(&hex[i..i + 2], 16).ok()? ^ KEY);
    }
    bytes.reverse();
    String::from_utf8(bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_round_trips_and_is_not_readable_on_the_wire() {
        for address in ["marek@severny-veter.example", "почта@пример.рф"] {
            let encoded = encode(address);
            assert!(!encoded.contains('@'), "{encoded}");
            assert!(!encoded.contains("severny"), "{encoded}");
            assert!(!encoded.contains("example"), "{encoded}");
            assert_eq!(decode(&encoded).as_deref(), Some(address));
        }
    }

    #[test]
    fn the_encoding_is_the_one_the_contract_states() {
        // `PublicChannel::email_encoded` in openapi.json: `x1:`, then the reversed UTF-8 bytes
        // XORed with 0x5a, in lowercase hex.
        assert_eq!(encode("a@b.c"), "x1:3974381a3b");
    }

    #[test]
    fn garbage_does_not_decode() {
        for bad in ["", "x1:1", "x1:zz", "marek@example.com", "x1:é1"] {
            assert_eq!(decode(bad), None, "{bad}");
        }
    }
}
