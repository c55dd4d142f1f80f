//! Command-line options.
//!
//! Foundation: read through the app state by every layer; uses no other module.

use std::path::PathBuf;
use vitrina_core::api::UnansweredSubstitution;
use vitrina_core::order::OrderRules;

/// What the server was asked to do.
#[derive(Debug)]
pub enum Command {
    Serve(ServerOptions),
    PrintOpenApi,
    PrintAreas,
    Help,
}

/// New orders per client network and per email address in 10 minutes, unless `--order-limit` says.
pub const DEFAULT_ORDER_LIMIT: u32 = 20;

/// Which demo store the server seeds and describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StoreId {
    /// A Russian store: roubles, Pony Express, ships to RU, BY, KZ, UA and SK.
    #[default]
    Ru,
    /// A Slovak store: euros, Slovak first, Lynx Courier, ships to SK, CZ, AT, HU and PL.
    Sk,
}

impl StoreId {
    pub fn parse(value: &str) -> Option<StoreId> {
        match value {
            "ru" => Some(StoreId::Ru),
            "sk" => Some(StoreId::Sk),
            _ => None,
        }
    }

    /// The demo store's own name.
    pub fn default_name(self) -> &'static str {
        match self {
            StoreId::Ru => "Vitrina Demo Store",
            StoreId::Sk => "Vitrina Demo Obchod",
        }
    }
}

/// How to run the server.
#[derive(Debug, Clone)]
pub struct ServerOptions {
    /// Address to listen on.
    pub host: String,
    /// Port to listen on; 0 picks a free one (printed at start).
    pub port: u16,
    /// The SQLite database file; created and seeded with the demo store if missing.
    pub db_path: PathBuf,
    /// The built app (trunk's `dist/`) to serve beside the API, if any.
    pub dist_dir: Option<PathBuf>,
    /// Where outgoing emails are written as `.eml` files.
    pub outbox_dir: PathBuf,
    /// Which demo store to seed and describe.
    pub store: StoreId,
    /// The store's name, in `config.json` and emails (the demo store's own name when absent).
    pub store_name: Option<String>,
    /// Enables `/api/test/*` (setting the clock, moving orders along) for the test suites.
    pub test_hooks: bool,
    /// Moves placed orders along over time, as a store's back office would.
    pub auto_progress: bool,
    /// The address shoppers reach the store at, for links in emails (default: the listening address).
    /// An `https://` address also makes the session cookie `Secure` and `__Host-`, and adds HSTS.
    pub public_url: Option<String>,
    /// Mounts the simulated payment gateway (`/gateway/*`), a demo bank with no card.
    pub demo_gateway: bool,
    /// Believes `X-Forwarded-For` and `X-Forwarded-Proto` from the reverse proxy in front: the
    /// client address for the rate limits, and whether the shopper's connection is HTTPS.
    pub trust_proxy: bool,
    /// Allows `--test-hooks` and `--demo-gateway` on an address other than loopback.
    pub allow_demo_on_network: bool,
    /// New orders one client network (or one email address) may place in 10 minutes.
    pub order_limit: u32,
    /// Describes the store as a demo (its demo accounts and hints shown); `--no-demo` turns it off.
    pub demo: bool,
    /// The store's help pages, linked from its emails and the contact form's acknowledgement.
    pub help_url: Option<String>,
    /// Keeps emails in the outbox table without delivering them (test hooks only: the crash
    /// test kills the server between committing an email and delivering it).
    pub hold_mail: bool,
    /// What the store decides about orders after placing: the time to pay, the time to answer a
    /// substitution and what happens without an answer.
    pub order_rules: OrderRules,
}

impl Default for ServerOptions {
    fn default() -> Self {
        ServerOptions {
            host: "127.0.0.1".into(),
            port: 8080,
            db_path: PathBuf::from("vitrina.sqlite"),
            dist_dir: None,
            outbox_dir: PathBuf::from("outbox"),
            store: StoreId::Ru,
            store_name: None,
            test_hooks: false,
            auto_progress: true,
            public_url: None,
            demo_gateway: false,
            trust_proxy: false,
            allow_demo_on_network: false,
            order_limit: DEFAULT_ORDER_LIMIT,
            demo: true,
            help_url: None,
            hold_mail: false,
            order_rules: OrderRules::default(),
        }
    }
}

impl ServerOptions {
    /// Where the store's help pages are, for every page and e-mail that links to them: the
    /// pages `--help-url` names (an app path or an http(s) address), else the app's default help
    /// page. `config.json` and the e-mails both ask here.
    pub fn help_link(&self) -> String {
        self.help_url.as_deref().and_then(vitrina_core::api::help_link).unwrap_or_else(vitrina_core::api::default_help_url)
    }

    pub const HELP: &'static str = "\
vitrina-server — Vitrina's reference backend (JSON API on SQLite, and the built app)

USAGE:
    vitrina-server [OPTIONS]

OPTIONS:
    --host <ADDR>       address to listen on [default: 127.0.0.1]
    --port <PORT>       port to listen on, 0 for any free port [default: $PORT or 8080]
    --db <FILE>         SQLite database; created and seeded on first start [default: vitrina.sqlite]
    --dist <DIR>        serve the built app from DIR (trunk's dist/), with SPA fallback
    --outbox <DIR>      write outgoing emails here as .eml files [default: outbox]
    --store <ru|sk>     which demo store to seed and describe: ru (roubles, Pony Express) or sk
                        (euros, Slovak, Lynx Courier) [default: ru]
    --store-name <NAME> the store's name [default: the demo store's own]
    --public-url <URL>  the store's address for links in emails [default: http://<host>:<port>]
    --no-auto-progress  do not move placed orders along over time
    --demo-gateway      mount the simulated payment gateway (/gateway/*): a demo bank, no card needed
    --trust-proxy       believe X-Forwarded-For (the client address, for rate limits) and
                        X-Forwarded-Proto (https) from the reverse proxy in front; only behind one
    --order-limit <N>   new orders per client network, and per email address, in 10 minutes [default: 20]
                        (and ten new carts per order, per client network)
    --no-demo           describe the store as a real one: the app shows no demo accounts or hints
    --help-url <URL>    the store's help pages, linked from its emails and the contact form's acknowledgement
    --payment-minutes <N>  an order paid by card online expires unpaid after N minutes [default: 60]
    --substitution-minutes <N>  the shopper answers a substitution within N minutes [default: 30]
    --unanswered-substitution <cancel-order|remove-line>
                        what an unanswered substitution does [default: cancel-order]
    --test-hooks        enable /api/test/* (clock, order status) for test suites; never in production
    --hold-mail         (with --test-hooks) keep emails in the outbox table, deliver none
    --allow-demo-on-network  allow --test-hooks and --demo-gateway on an address other than loopback
    --openapi           print the OpenAPI document and exit
    --areas             print the app's areas (each one build, its HTML page and paths) as JSON and exit
    -h, --help          print this help";

    /// Reads the arguments (without the program name). `PORT` in the environment sets the default port.
    pub fn from_args(args: impl IntoIterator<Item = String>) -> Result<Command, String> {
        let mut options = ServerOptions::default();
        if let Ok(port) = std::env::var("PORT") {
            options.port = port.parse().map_err(|_| format!("PORT={port:?} is not a port number"))?;
        }
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
            match arg.as_str() {
                "-h" | "--help" => return Ok(Command::Help),
                "--openapi" => return Ok(Command::PrintOpenApi),
                "--areas" => return Ok(Command::PrintAreas),
                "--host" => options.host = value("--host")?,
                "--port" => {
                    let v = value("--port")?;
                    options.port = v.parse().map_err(|_| format!("--port {v:?} is not a port number"))?;
                }
                "--db" => options.db_path = value("--db")?.into(),
                "--dist" => options.dist_dir = Some(value("--dist")?.into()),
                "--outbox" => options.outbox_dir = value("--outbox")?.into(),
                "--store-name" => options.store_name = Some(value("--store-name")?),
                "--store" => {
                    let v = value("--store")?;
                    options.store = StoreId::parse(&v).ok_or_else(|| format!("--store {v:?} is not ru or sk"))?;
                }
                "--test-hooks" => options.test_hooks = true,
                "--no-auto-progress" => options.auto_progress = false,
                "--public-url" => options.public_url = Some(value("--public-url")?),
                "--demo-gateway" => options.demo_gateway = true,
                "--no-demo" => options.demo = false,
                "--trust-proxy" => options.trust_proxy = true,
                "--allow-demo-on-network" => options.allow_demo_on_network = true,
                "--help-url" => options.help_url = Some(value("--help-url")?),
                "--hold-mail" => options.hold_mail = true,
                "--order-limit" => {
                    let v = value("--order-limit")?;
                    options.order_limit =
                        v.parse().ok().filter(|n| *n > 0).ok_or_else(|| format!("--order-limit {v:?} is not a positive number"))?;
                }
                "--payment-minutes" => options.order_rules.payment_minutes = minutes("--payment-minutes", value("--payment-minutes")?)?,
                "--substitution-minutes" => {
                    options.order_rules.substitution_minutes = minutes("--substitution-minutes", value("--substitution-minutes")?)?
                }
                "--unanswered-substitution" => {
                    options.order_rules.if_unanswered = match value("--unanswered-substitution")?.as_str() {
                        "cancel-order" => UnansweredSubstitution::CancelOrder,
                        "remove-line" => UnansweredSubstitution::RemoveLine,
                        v => return Err(format!("--unanswered-substitution {v:?} is cancel-order or remove-line")),
                    }
                }
                other => return Err(format!("unknown option {other:?}")),
            }
        }
        options.check_exposure()?;
        if options.hold_mail && !options.test_hooks {
            return Err("--hold-mail is a test lever: it needs --test-hooks".into());
        }
        Ok(Command::Serve(options))
    }

    /// Refuses the levers meant for tests and demos on an address others can reach, unless asked
    /// for in so many words: the test hooks set prices and the clock, the demo bank approves any
    /// payment without a card.
    pub fn check_exposure(&self) -> Result<(), String> {
        let levers: Vec<&str> = [(self.test_hooks, "--test-hooks"), (self.demo_gateway, "--demo-gateway")]
            .into_iter()
            .filter(|(on, _)| *on)
            .map(|(_, n)| n)
            .collect();
        if levers.is_empty() || self.allow_demo_on_network || is_loopback(&self.host) {
            return Ok(());
        }
        Err(format!(
            "{} on --host {}: anyone who reaches this address could use them; add --allow-demo-on-network if that is really meant",
            levers.join(" and "),
            self.host
        ))
    }

    /// The store's name: `--store-name`, or the demo store's own.
    pub fn store_name(&self) -> &str {
        self.store_name.as_deref().unwrap_or(self.store.default_name())
    }

    /// Whether shoppers reach the store over HTTPS, as `--public-url` says.
    pub fn public_https(&self) -> bool {
        self.public_url.as_deref().is_some_and(|url| url.get(..8).is_some_and(|s| s.eq_ignore_ascii_case("https://")))
    }
}

/// A positive number of minutes, at most a week.
fn minutes(name: &str, v: String) -> Result<u32, String> {
    v.parse()
        .ok()
        .filter(|n| (1..=7 * 24 * 60).contains(n))
        .ok_or_else(|| format!("{name} {v:?} is not a number of minutes from 1 to 10080"))
}

/// Whether `host` is a loopback address (or `localhost`).
fn is_loopback(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost") || host.trim_matches(['[', ']']).parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Command, String> {
        ServerOptions::from_args(args.iter().map(|a| a.to_string()))
    }

    #[test]
    fn demo_levers_stay_on_loopback_unless_allowed() {
        assert!(parse(&["--test-hooks", "--demo-gateway"]).is_ok());
        assert!(parse(&["--host", "::1", "--demo-gateway"]).is_ok());
        assert!(parse(&["--host", "localhost", "--test-hooks"]).is_ok());
        let refused = parse(&["--host", "0.0.0.0", "--demo-gateway"]).unwrap_err();
        assert!(refused.contains("--demo-gateway") && refused.contains("--allow-demo-on-network"), "{refused}");
        assert!(parse(&["--host", "192.168.1.5", "--test-hooks"]).is_err());
        assert!(parse(&["--host", "0.0.0.0", "--test-hooks", "--allow-demo-on-network"]).is_ok());
        assert!(parse(&["--host", "0.0.0.0"]).is_ok(), "without levers any address is fine");
    }

    #[test]
    fn the_stores_order_rules_are_read_and_checked() {
        let Ok(Command::Serve(options)) =
            parse(&["--payment-minutes", "15", "--substitution-minutes", "5", "--unanswered-substitution", "remove-line"])
        else {
            panic!("the options parse");
        };
        assert_eq!(
            options.order_rules,
            OrderRules {
                payment_minutes: 15,
                substitution_minutes: 5,
                if_unanswered: UnansweredSubstitution::RemoveLine,
                ..OrderRules::default()
            }
        );
        assert!(parse(&["--payment-minutes", "0"]).is_err());
        assert!(parse(&["--substitution-minutes", "soon"]).is_err());
        assert!(parse(&["--unanswered-substitution", "ignore"]).is_err());
        let Ok(Command::Serve(defaults)) = parse(&[]) else { panic!("no options parse") };
        assert_eq!((defaults.order_rules.payment_minutes, defaults.order_rules.substitution_minutes), (60, 30));
    }

    #[test]
    fn https_is_read_from_the_public_address() {
        let mut options = ServerOptions::default();
        assert!(!options.public_https());
        options.public_url = Some("HTTPS://shop.example".into());
        assert!(options.public_https());
        options.public_url = Some("http://shop.example".into());
        assert!(!options.public_https());
    }
}
