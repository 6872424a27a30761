use clap::Parser;
use skillbot::cli::{Cli, run};
use std::process::ExitCode;

fn main() -> ExitCode {
    // A missing .env is normal; the environment may hold everything.
    let _ = dotenvy::dotenv();
    skillbot::logging::init(std::env::var("DISCORD_TOKEN").ok().as_deref());
    let cli = Cli::parse();
    let stdout = std::io::stdout();
    match run(cli, &mut stdout.lock()) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(failure) => {
            eprintln!("error: {}", failure.0);
            ExitCode::FAILURE
        }
    }
}
