use clap::Parser;
use skillbot::cli::{Cli, run};
use std::process::ExitCode;

fn main() -> ExitCode {
    // A missing .env is normal; the environment may hold everything.
    let _ = dotenvy::dotenv();
    let cli = Cli::parse();
    let default_log = match cli.command {
        skillbot::cli::Command::Discord => "skillbot=info,warn",
        _ => "warn",
    };
    skillbot::logging::init(std::env::var("DISCORD_TOKEN").ok().as_deref(), default_log);
    let stdout = std::io::stdout();
    match run(cli, &mut stdout.lock()) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(failure) => {
            eprintln!("error: {failure}");
            ExitCode::FAILURE
        }
    }
}
