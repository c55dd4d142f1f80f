//! The app's pages, as paths: the server sends the app for these (404 for anything else) and a
//! build of one area hands the others' paths back to the server.

/// Whether `path` is one of the app's pages (in any area).
pub fn is_app_route(path: &str) -> bool {
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    matches!(
        segments.as_slice(),
        [""] | ["cart"]
            | ["checkout", "contact" | "delivery" | "payment" | "review"]
            | ["orders", _]
            | ["track"]
            | ["track", _]
            | ["sellers", _, "contact"]
            | ["seller", "contact"]
            | ["sign-in"]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_apps_routes_are_known() {
        for path in [
            "/",
            "/cart",
            "/checkout/review",
            "/orders/lookup",
            "/orders/1042",
            "/track",
            "/track/PX1000000001",
            "/sellers/demo-seller/contact",
            "/seller/contact",
            "/sign-in",
            "/track/PX1/",
        ] {
            assert!(is_app_route(path), "{path}");
        }
        for path in ["/checkout", "/checkout/other", "/sellers/x", "/nope", "/orders/1/2"] {
            assert!(!is_app_route(path), "{path}");
        }
    }
}
