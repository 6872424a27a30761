//! Logs to stderr through tracing, with every configured secret (the
//! variables of `config::SECRET_VARS`) blanked out of every line, whatever
//! a dependency chooses to log.

use std::io::{self, Write};
use std::sync::Arc;
use tracing_subscriber::fmt::MakeWriter;

/// Writes each log line to stderr with every occurrence of each secret
/// replaced by `***`.
#[derive(Clone)]
pub struct RedactingStderr {
    secrets: Arc<[String]>,
}

impl RedactingStderr {
    pub fn new(secrets: &[String]) -> Self {
        let mut secrets: Vec<String> = secrets.iter().filter(|s| !s.is_empty()).cloned().collect();
        // A secret that holds another is blanked whole, not around it.
        secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
        RedactingStderr {
            secrets: secrets.into(),
        }
    }
}

impl std::fmt::Debug for RedactingStderr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RedactingStderr")
    }
}

pub struct LineWriter {
    secrets: Arc<[String]>,
    line: Vec<u8>,
}

impl std::fmt::Debug for LineWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LineWriter")
    }
}

impl Write for LineWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.line.extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The text with every occurrence of each secret replaced by `***`
/// (longest first, so that one holding another is blanked whole).
pub fn redact(text: &str, secrets: &[String]) -> String {
    let mut out = text.to_string();
    for s in secrets.iter().filter(|s| !s.is_empty()) {
        out = out.replace(s.as_str(), "***");
    }
    out
}

impl Drop for LineWriter {
    fn drop(&mut self) {
        let text = redact(&String::from_utf8_lossy(&self.line), &self.secrets);
        let _ = io::stderr().write_all(text.as_bytes());
    }
}

impl<'a> MakeWriter<'a> for RedactingStderr {
    type Writer = LineWriter;
    fn make_writer(&'a self) -> LineWriter {
        LineWriter {
            secrets: Arc::clone(&self.secrets),
            line: Vec::new(),
        }
    }
}

/// SKILLBOT_LOG takes tracing's filter syntax; `default` applies without it
/// (the bot logs its own work at info and its libraries' at warn; a
/// terminal tool only warnings, which would otherwise mix with its output).
pub fn init(secrets: &[String], default: &str) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("SKILLBOT_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(RedactingStderr::new(secrets))
        .with_ansi(false)
        .init();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_secret_is_blanked_wherever_it_appears() {
        let line = "identify token=Bot abc.def and again abc.def, app xapp-1-A\n";
        let secrets = ["abc.def".to_string(), "xapp-1-A".to_string()];
        assert_eq!(
            redact(line, &secrets),
            "identify token=Bot *** and again ***, app ***\n"
        );
        assert_eq!(redact(line, &[]), line);
        assert_eq!(redact(line, &[String::new()]), line);
        // One secret inside another: the longer is blanked whole.
        let writer = RedactingStderr::new(&["abc".to_string(), "abc.def".to_string()]);
        assert_eq!(
            redact(line, &writer.secrets)[..28],
            *"identify token=Bot *** and a"
        );
    }
}
