//! Logs to stderr through tracing, with the bot token blanked out of every
//! line whatever a dependency chooses to log.

use std::io::{self, Write};
use std::sync::Arc;
use tracing_subscriber::fmt::MakeWriter;

/// Writes each log line to stderr with every occurrence of the secret
/// replaced by `***`.
#[derive(Clone)]
pub struct RedactingStderr {
    secret: Option<Arc<str>>,
}

impl RedactingStderr {
    pub fn new(secret: Option<&str>) -> Self {
        RedactingStderr {
            secret: secret.filter(|s| !s.is_empty()).map(Arc::from),
        }
    }
}

impl std::fmt::Debug for RedactingStderr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RedactingStderr")
    }
}

pub struct LineWriter {
    secret: Option<Arc<str>>,
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

/// The text with every occurrence of the secret replaced by `***`.
pub fn redact(text: &str, secret: Option<&str>) -> String {
    match secret {
        Some(s) if !s.is_empty() => text.replace(s, "***"),
        _ => text.to_string(),
    }
}

impl Drop for LineWriter {
    fn drop(&mut self) {
        let text = redact(&String::from_utf8_lossy(&self.line), self.secret.as_deref());
        let _ = io::stderr().write_all(text.as_bytes());
    }
}

impl<'a> MakeWriter<'a> for RedactingStderr {
    type Writer = LineWriter;
    fn make_writer(&'a self) -> LineWriter {
        LineWriter {
            secret: self.secret.clone(),
            line: Vec::new(),
        }
    }
}

/// SKILLBOT_LOG takes tracing's filter syntax; `default` applies without it
/// (the bot logs its own work at info and its libraries' at warn; a
/// terminal tool only warnings, which would otherwise mix with its output).
pub fn init(secret: Option<&str>, default: &str) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("SKILLBOT_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(RedactingStderr::new(secret))
        .with_ansi(false)
        .init();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_secret_is_blanked_wherever_it_appears() {
        let line = "identify token=Bot abc.def and again abc.def\n";
        assert_eq!(
            redact(line, Some("abc.def")),
            "identify token=Bot *** and again ***\n"
        );
        assert_eq!(redact(line, None), line);
        assert_eq!(redact(line, Some("")), line);
    }
}
