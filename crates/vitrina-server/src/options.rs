//! Command-line options.
//!
//! Foundation: read through the app state by every layer; uses no other module.

use std::path::PathBuf;

/// What the server was asked to do.
#[derive(Debug)]
pub enum Command {
    Serve(ServerOptions),
    PrintOpenApi,
    PrintAreas,
    Help,
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
    /// The store's name, in `config.json` and emails.
    pub store_name: String,
    /// Enables `/api/test/*` (setting the clock, moving orders along) for the test suites.
    pub test_hooks: bool,
    /// Moves placed orders along over time, as a store's back office would.
    pub auto_progress: bool,
    /// The address shoppers reach the store at, for links in emails (default: the listening address).
    pub public_url: Option<String>,
}

impl Default for ServerOptions {
    fn default() -> Self {
        ServerOptions {
            host: "127.0.0.1".into(),
            port: 8080,
            db_path: PathBuf::from("vitrina.sqlite"),
            dist_dir: None,
            outbox_dir: PathBuf::from("outbox"),
            store_name: "Vitrina Demo Store".into(),
            test_hooks: false,
            auto_progress: true,
            public_url: None,
        }
    }
}

impl ServerOptions {
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
    --store-name <NAME> the store's name [default: Vitrina Demo Store]
    --public-url <URL>  the store's address for links in emails [default: http://<host>:<port>]
    --no-auto-progress  do not move placed orders along over time
    --test-hooks        enable /api/test/* (clock, order status) for test suites; never in production
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
                "--store-name" => options.store_name = value("--store-name")?,
                "--test-hooks" => options.test_hooks = true,
                "--no-auto-progress" => options.auto_progress = false,
                "--public-url" => options.public_url = Some(value("--public-url")?),
                other => return Err(format!("unknown option {other:?}")),
            }
        }
        Ok(Command::Serve(options))
    }
}
