//! Links the app did not write itself, checked before it follows or shows them: a return path
//! from the address bar, a web address from a backend.

use super::Page;

/// The longest web address the app shows or follows from a backend (the lowest limit of the
/// browsers and servers in common use; a backend gone wrong can send megabytes).
pub const MAX_EXTERNAL_URL: usize = 2048;

/// Where to go after signing in: a path of this app, never another site and never the sign-in
/// page again; anything else is the catalog.
///
/// A path is refused when any reading of it could leave the site: as written, and as the
/// browser or the router read it after percent-decoding (`/%2F%2Fevil` decoded once is
/// `//evil`, a protocol-relative address). So are backslashes (`/\evil` is `//evil` to a
/// browser), dot segments (`/.//x` resolves to `//x`), and control characters (a browser
/// drops tabs and newlines: `/\t/evil` is `//evil`).
pub fn safe_return_path(raw: Option<&str>) -> String {
    match raw.map(str::trim) {
        Some(path) if is_own_path(path) => path.to_owned(),
        _ => Page::Catalog.href(),
    }
}

fn is_own_path(address: &str) -> bool {
    if address.starts_with("/sign-in") || address.chars().any(char::is_control) {
        return false;
    }
    let mut path = address.split(['?', '#']).next().unwrap_or_default().to_owned();
    // Each decoding is read again, up to a depth no link of the app needs.
    for _ in 0..4 {
        if !stays_on_site(&path) {
            return false;
        }
        let decoded = decode_leniently(&path);
        if decoded == path {
            return true;
        }
        path = decoded;
    }
    false
}

/// One reading of a path: absolute, on this site, nothing a browser would read differently.
fn stays_on_site(path: &str) -> bool {
    let Some(rest) = path.strip_prefix('/') else {
        return false;
    };
    !rest.starts_with('/')
        && !path.contains('\\')
        && !path.chars().any(char::is_control)
        && !path.split('/').any(|segment| segment == "." || segment == "..")
}

/// Percent-decodes what decodes (`%XX` with two hex digits), leaving the rest as written.
fn decode_leniently(raw: &str) -> String {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |at: usize| bytes.get(at).and_then(|b| char::from(*b).to_digit(16));
        match (bytes[i], hex(i + 1), hex(i + 2)) {
            (b'%', Some(high), Some(low)) => {
                out.push(u8::try_from(high << 4 | low).unwrap_or(b'?'));
                i += 3;
            }
            (byte, _, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A web address from a backend (a carrier's site, a payment page), if it is one: `http(s)://`
/// in any case, no spaces or control characters, at most [`MAX_EXTERNAL_URL`] long. Never
/// `javascript:`, `data:` or the like, which would run in the store's page.
pub fn safe_external_url(url: &str) -> Option<String> {
    let url = url.trim();
    let web = ["https://", "http://"].iter().any(|scheme| url.get(..scheme.len()).is_some_and(|s| s.eq_ignore_ascii_case(scheme)));
    let plain = !url.chars().any(|c| c.is_whitespace() || c.is_control());
    (web && plain && url.len() <= MAX_EXTERNAL_URL).then(|| url.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_apps_own_paths_are_where_signing_in_returns() {
        for (raw, expected) in [
            ("/", "/"),
            ("/cart", "/cart"),
            ("/checkout/review", "/checkout/review"),
            ("/orders/1042?token=abc", "/orders/1042?token=abc"),
            ("/sellers/demo-seller/contact?order=1042", "/sellers/demo-seller/contact?order=1042"),
            ("/sellers/demo%20seller/contact?shipment=PX%2F1", "/sellers/demo%20seller/contact?shipment=PX%2F1"),
            ("/track?order=a%2F%2Fb", "/track?order=a%2F%2Fb"),
            ("/orders/50%25", "/orders/50%25"),
            ("/seller/contact", "/seller/contact"),
            ("/track/PX1000000001#journey", "/track/PX1000000001#journey"),
            ("  /cart  ", "/cart"),
            ("/nowhere", "/nowhere"),
            ("/a//b", "/a//b"),
            ("/track?q=a\\b", "/track?q=a\\b"),
        ] {
            assert_eq!(safe_return_path(Some(raw)), expected, "{raw:?}");
        }
    }

    #[test]
    fn anything_that_could_leave_the_site_returns_to_the_catalog() {
        for raw in [
            "",
            "   ",
            "cart",
            "//evil.example",
            "///evil.example",
            "  //evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            "/x\\..\\..\\/evil",
            "/.//evil.example",
            "/./evil",
            "/x/..//evil.example",
            "/%2F%2Fevil.example",
            "/%2f%2fevil.example",
            "/%5Cevil.example",
            "/%252F%252Fevil.example",
            "/%2e%2e//evil.example",
            "/x/%2E%2E/%2Fevil.example",
            "/x/..%2F/evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r\n//evil.example",
            "/%09/evil.example",
            "/%0A/evil.example",
            "/%00",
            "/cart\u{0}",
            "/cart\u{7f}",
            "/cart?x=\u{1b}",
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "https://evil.example",
            "HTTPS://evil.example",
            "/sign-in",
            "/sign-in?return=/cart",
            "/%25252525252F%25252525252Fevil",
        ] {
            assert_eq!(safe_return_path(Some(raw)), "/", "{raw:?}");
        }
        assert_eq!(safe_return_path(None), "/");
    }

    #[test]
    fn web_addresses_from_a_backend_are_shown() {
        for (raw, expected) in [
            ("https://client.ponyexpress.ru/", "https://client.ponyexpress.ru/"),
            ("http://carrier.example/track?n=1&x=%20", "http://carrier.example/track?n=1&x=%20"),
            ("HTTPS://Carrier.Example/", "HTTPS://Carrier.Example/"),
            ("HtTp://carrier.example", "HtTp://carrier.example"),
            ("  https://carrier.example/  ", "https://carrier.example/"),
            ("https://перевозчик.example/", "https://перевозчик.example/"),
        ] {
            assert_eq!(safe_external_url(raw).as_deref(), Some(expected), "{raw:?}");
        }
    }

    #[test]
    fn anything_but_a_plain_web_address_is_refused() {
        let long = format!("https://carrier.example/{}", "a".repeat(MAX_EXTERNAL_URL));
        for raw in [
            "",
            "javascript:alert(1)",
            "JAVASCRIPT:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "\u{0}https://carrier.example/",
            "data:text/html;base64,PHNjcmlwdD4=",
            "vbscript:msgbox(1)",
            "ftp://carrier.example/",
            "//evil.example",
            "/relative/path",
            "https:evil.example",
            "https:\\\\evil.example",
            "https://carrier.example/a b",
            "https://carrier.example/\tx",
            "https://carrier.example/\nx",
            "https://carrier.example/\u{0}",
            "https://carrier.example/\u{a0}x",
            long.as_str(),
        ] {
            assert_eq!(safe_external_url(raw), None, "{raw:?}");
        }
    }
}
