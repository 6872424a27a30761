use clap::Parser;
use skillbot::cli::{Cli, run};
use std::process::ExitCode;

fn main() -> ExitCode {
    // A missing .env is normal; the environment may hold everything.
    let _ = dotenvy::dotenv();
    // Logs go to stderr. SKILLBOT_LOG takes tracing's filter syntax; the
    // default keeps serenity and poise to warnings.
    let filter = tracing_subscriber::EnvFilter::try_from_env("SKILLBOT_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("skillbot=info,warn"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
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
