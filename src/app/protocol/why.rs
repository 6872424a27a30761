//! Why a message did not arrive, as a code: stored with the check-in or
//! digest (`checkins.reason`), and named in the reader's language when a
//! lead reads the digest or an operator the pass's output. What a notifier
//! learns beyond the code (an error's text) goes to the log.

use crate::i18n::Msg;
use crate::msg;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Why {
    /// The member takes no direct messages from the server.
    DmsClosed,
    /// The platform knows no such user or channel.
    NoSuchRecipient,
    /// The account is deactivated.
    Deactivated,
    /// The platform refused with this error code of its own (Slack's
    /// `not_in_channel`, …).
    Said { platform: String, error: String },
    /// The platform answered with this HTTP status.
    Status { platform: String, status: u16 },
    /// The platform could not be reached, or its answer could not be read.
    Unreachable,
    /// Still rate limited after this many attempts.
    RateLimited { attempts: u32 },
    /// The last failure, after this many attempts.
    After { why: Box<Why>, attempts: u32 },
    /// The check-in was answered or closed before its reminder was due.
    CheckinClosed,
    /// A digest found over a week after its window closed: never posted.
    TooLate,
    /// The process stopped while sending it; not sent again, so that it is
    /// never sent twice (the store writes this code).
    Interrupted,
    /// The recipient has never used the bot in the workspace, so there is
    /// no one to keep a message for (the console).
    NotHere,
    /// A reason a version before these codes stored, in its words.
    Old(String),
}

impl Why {
    /// The code stored in the database.
    pub fn code(&self) -> String {
        match self {
            Why::DmsClosed => "dms-closed".into(),
            Why::NoSuchRecipient => "no-such-recipient".into(),
            Why::Deactivated => "deactivated".into(),
            Why::Said { platform, error } => format!("said:{platform}:{error}"),
            Why::Status { platform, status } => format!("status:{platform}:{status}"),
            Why::Unreachable => "unreachable".into(),
            Why::RateLimited { attempts } => format!("rate-limited:{attempts}"),
            Why::After { why, attempts } => format!("after:{attempts}:{}", why.code()),
            Why::CheckinClosed => "checkin-closed".into(),
            Why::TooLate => "too-late".into(),
            Why::Interrupted => "interrupted".into(),
            Why::NotHere => "not-here".into(),
            Why::Old(text) => text.clone(),
        }
    }

    /// A stored code; anything else is a reason in an older version's
    /// words, shown as it was stored.
    pub fn parse(code: &str) -> Why {
        let parsed = match code.split(':').collect::<Vec<_>>().as_slice() {
            ["dms-closed"] => Some(Why::DmsClosed),
            ["no-such-recipient"] => Some(Why::NoSuchRecipient),
            ["deactivated"] => Some(Why::Deactivated),
            ["said", platform, error] => Some(Why::Said {
                platform: platform.to_string(),
                error: error.to_string(),
            }),
            ["status", platform, status] => status.parse().ok().map(|status| Why::Status {
                platform: platform.to_string(),
                status,
            }),
            ["unreachable"] => Some(Why::Unreachable),
            ["rate-limited", n] => n.parse().ok().map(|attempts| Why::RateLimited { attempts }),
            ["checkin-closed"] => Some(Why::CheckinClosed),
            ["too-late"] => Some(Why::TooLate),
            ["interrupted"] => Some(Why::Interrupted),
            ["not-here"] => Some(Why::NotHere),
            ["after", n, ..] => {
                let rest = code.splitn(3, ':').nth(2).unwrap_or_default();
                n.parse().ok().map(|attempts| Why::After {
                    why: Box::new(Why::parse(rest)),
                    attempts,
                })
            }
            _ => None,
        };
        parsed.unwrap_or_else(|| Why::Old(code.to_string()))
    }

    /// What to tell the reader.
    pub fn msg(&self) -> Msg {
        match self {
            Why::DmsClosed => msg!("why-dms-closed"),
            Why::NoSuchRecipient => msg!("why-no-such-recipient"),
            Why::Deactivated => msg!("why-deactivated"),
            Why::Said { platform, error } => msg!(
                "why-said",
                platform = platform.as_str(),
                error = error.as_str()
            ),
            Why::Status { platform, status } => msg!(
                "why-status",
                platform = platform.as_str(),
                status = status.to_string()
            ),
            Why::Unreachable => msg!("why-unreachable"),
            Why::RateLimited { attempts } => msg!("why-rate-limited", attempts = *attempts),
            Why::After { why, attempts } => {
                msg!("why-after", why = why.msg(), attempts = *attempts)
            }
            Why::CheckinClosed => msg!("why-checkin-closed"),
            Why::TooLate => msg!("why-too-late"),
            Why::Interrupted => msg!("why-interrupted"),
            Why::NotHere => msg!("why-not-here"),
            Why::Old(text) => msg!("as-is", text = text),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;

    #[test]
    fn codes_read_back_and_old_words_show_as_they_were() {
        let all = [
            Why::DmsClosed,
            Why::NoSuchRecipient,
            Why::Deactivated,
            Why::Said {
                platform: "slack".into(),
                error: "not_in_channel".into(),
            },
            Why::Status {
                platform: "discord".into(),
                status: 503,
            },
            Why::Unreachable,
            Why::RateLimited { attempts: 4 },
            Why::After {
                why: Box::new(Why::Status {
                    platform: "discord".into(),
                    status: 502,
                }),
                attempts: 3,
            },
            Why::CheckinClosed,
            Why::TooLate,
            Why::Interrupted,
            Why::NotHere,
        ];
        for why in all {
            assert_eq!(Why::parse(&why.code()), why);
        }
        let old = Why::parse("they do not accept direct messages from this server");
        assert_eq!(
            old.msg().render(Locale::EnUs),
            "they do not accept direct messages from this server"
        );
        let after = Why::parse("after:3:status:discord:502");
        assert_eq!(
            after.msg().render(Locale::EnUs),
            "Discord answered 502 (after 3 attempts)"
        );
    }
}
