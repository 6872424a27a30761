use clap::Parser;
use skillbot::cli::{Cli, run};
use std::io::Write;
use std::process::ExitCode;

/// The status of a command whose reader went away (`| head`): what a
/// program killed by SIGPIPE reports, as shells expect.
const CLOSED_PIPE: u8 = 141;

fn main() -> ExitCode {
    // A missing .env is normal; the environment may hold everything.
    let _ = dotenvy::dotenv();
    let cli = Cli::parse();
    let default_log = match cli.command {
        skillbot::cli::Command::Discord => "skillbot=info,warn",
        _ => "warn",
    };
    let secrets = skillbot::config::secrets_in_env(|name| std::env::var(name).ok());
    skillbot::logging::init(&secrets, default_log);
    let stdout = std::io::stdout();
    match run(cli, &mut stdout.lock()) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(failure) if failure.is_closed_pipe() => ExitCode::from(CLOSED_PIPE),
        Err(failure) => {
            // Standard error may be closed too: nothing to do about it then.
            let _ = writeln!(std::io::stderr(), "error: {failure}");
            ExitCode::FAILURE
        }
    }
}
