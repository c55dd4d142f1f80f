//! `vitrina-server`: run the reference backend. `vitrina-server --help` lists the options.
//!
//! Its own words (the help, the OpenAPI document, where it serves, a wrong option) go to stdout
//! and stderr as plain text; while it serves, it logs to stderr through `tracing` (`RUST_LOG`
//! sets the detail, `info` by default; `RUST_LOG=debug` shows every request).

use std::io::IsTerminal;
use std::process::ExitCode;
use tracing_subscriber::EnvFilter;
use vitrina_server::options::{Command, ServerOptions};

#[tokio::main]
async fn main() -> ExitCode {
    let command = match ServerOptions::from_args(std::env::args().skip(1)) {
        Ok(command) => command,
        Err(message) => {
            eprintln!("vitrina-server: {message}\n\n{}", ServerOptions::HELP);
            return ExitCode::from(2);
        }
    };
    match command {
        Command::Help => {
            println!("{}", ServerOptions::HELP);
            ExitCode::SUCCESS
        }
        Command::PrintOpenApi => {
            println!("{}", vitrina_server::http::openapi::document_json());
            ExitCode::SUCCESS
        }
        Command::PrintAreas => {
            println!("{:#}", vitrina_core::routes::areas_json());
            ExitCode::SUCCESS
        }
        Command::Serve(options) => {
            start_logging();
            match vitrina_server::serve(options).await {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    tracing::error!("{e}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}

fn start_logging() {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).with_ansi(std::io::stderr().is_terminal()).init();
}
