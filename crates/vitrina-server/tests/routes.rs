//! The app's pages as the server sends them: every page of the route table gets its area's HTML
//! page, and any other path the app's not-found page with a 404.

mod common;

use common::TestServer;
use reqwest::StatusCode;
use vitrina_core::routes::{self, Area, FALLBACK_HTML, Pattern};

/// A split build whose pages say which they are.
async fn split_build() -> TestServer {
    let dir = tempfile::tempdir().unwrap();
    let dist = dir.path().join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    for area in Area::ALL {
        std::fs::write(dist.join(area.html()), area.name()).unwrap();
    }
    std::fs::write(dist.join(FALLBACK_HTML), "fallback").unwrap();
    TestServer::start_with(dir, |o| o.dist_dir = Some(dist)).await
}

/// The page sent for `path` to a browser holding a session's cookie (one the store does not know:
/// the seller's editor is then its own page, not the way to sign in).
async fn page_for(server: &TestServer, path: &str) -> (StatusCode, String) {
    let request = server.client.get(server.url(path)).header("accept-encoding", "identity").header("cookie", "vitrina_session=x");
    let response = request.send().await.unwrap();
    (response.status(), response.text().await.unwrap())
}

#[tokio::test]
async fn every_page_of_the_route_table_is_sent_its_areas_page() {
    let server = split_build().await;
    for page in routes::examples() {
        let href = page.href();
        let (status, body) = page_for(&server, &href).await;
        assert_eq!((status, body.as_str()), (StatusCode::OK, page.area().name()), "{href}");
    }
    // Without a session the editor's address is answered with the sign-in page, its own area.
    let response = server.client.get(server.url("/seller/contact")).header("accept-encoding", "identity").send().await.unwrap();
    assert_eq!(response.url().path(), "/sign-in");
    assert_eq!(response.text().await.unwrap(), Area::Account.name());
}

#[tokio::test]
async fn a_path_the_route_table_does_not_know_is_not_found() {
    let server = split_build().await;
    let mut misses = vec![
        "//".to_owned(),
        "//cart".into(),
        "/cart//".into(),
        "/Cart".into(),
        "/checkout".into(),
        "/orders".into(),
        "/orders/1/2".into(),
        "/sellers/x".into(),
        "/seller".into(),
        "/nope".into(),
    ];
    // Every pattern with a segment too many, and with its first segment misspelt.
    for pattern in Pattern::ALL {
        let path = pattern.path().replace(":number", "n1").replace(":seller_id", "s1");
        misses.push(format!("{}/more/than/any/page", path.trim_end_matches('/')));
        if path.len() > 1 {
            misses.push(format!("/x{}", &path[1..]));
        }
    }
    for path in misses {
        assert_eq!(Area::of(&path), None, "{path} is a page after all");
        let (status, body) = page_for(&server, &path).await;
        assert_eq!((status, body.as_str()), (StatusCode::NOT_FOUND, "fallback"), "{path}");
    }
}

#[tokio::test]
async fn a_single_build_serves_every_page_from_its_one_html_page() {
    let dir = tempfile::tempdir().unwrap();
    let dist = dir.path().join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(dist.join(FALLBACK_HTML), "the one app").unwrap();
    let server = TestServer::start_with(dir, |o| o.dist_dir = Some(dist)).await;
    for page in routes::examples() {
        let (status, body) = page_for(&server, &page.href()).await;
        assert_eq!((status, body.as_str()), (StatusCode::OK, "the one app"), "{}", page.href());
    }
}
