//! `vitrina-server`: run the reference backend. `vitrina-server --help` lists the options.

use std::process::ExitCode;
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
            println!("{}", vitrina_server::openapi::document_json());
            ExitCode::SUCCESS
        }
        Command::PrintAreas => {
            println!("{:#}", vitrina_core::routes::areas_json());
            ExitCode::SUCCESS
        }
        Command::Serve(options) => match vitrina_server::serve(options).await {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("vitrina-server: {e}");
                ExitCode::FAILURE
            }
        },
    }
}
