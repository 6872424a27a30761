//! What can go wrong in a use case, and how the user is told.

use crate::app::protocol::{OptionError, Reply};
use crate::i18n::Msg;
use crate::matrix::LookupError;
use crate::msg;
use crate::store::StoreError;

/// Something went wrong: either the user's input (they are told what to
/// type instead) or inside (logged with its causes, and the user gets an
/// apology).
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// What to tell the user, rendered in their language (the log shows
    /// its id).
    #[error("refused: {}", .0.id)]
    User(Msg),
    /// A name the user typed fits several things: they pick one (`keys`
    /// name each exactly; `labels` are what they read).
    #[error("ambiguous {what}: {input}")]
    Choose {
        what: &'static str,
        input: String,
        labels: Vec<Msg>,
        keys: Vec<String>,
    },
    #[error("the database failed")]
    Store(#[from] StoreError),
    #[error("{what}")]
    Internal {
        what: String,
        #[source]
        cause: Option<Box<dyn std::error::Error + Send + Sync>>,
    },
}

impl AppError {
    /// What the user is told of this error.
    pub fn message(&self) -> Msg {
        match self {
            AppError::User(said) => said.clone(),
            AppError::Choose {
                what,
                input,
                labels,
                ..
            } => msg!(
                "lookup-ambiguous",
                what = *what,
                input = input,
                names = crate::i18n::list(labels)
            ),
            AppError::Store(_) | AppError::Internal { .. } => msg!("request-failed"),
        }
    }

    pub fn caused(
        what: impl Into<String>,
        cause: impl std::error::Error + Send + Sync + 'static,
    ) -> AppError {
        AppError::Internal {
            what: what.into(),
            cause: Some(Box::new(cause)),
        }
    }
}

impl From<LookupError> for AppError {
    fn from(e: LookupError) -> Self {
        match e {
            LookupError::Ambiguous {
                what,
                input,
                candidates,
                keys,
            } => AppError::Choose {
                what,
                input,
                labels: candidates,
                keys,
            },
            e @ LookupError::Unknown { what: "skill", .. } => {
                AppError::User(msg!("lookup-skills-hint", error = e.message()))
            }
            other => AppError::User(other.message()),
        }
    }
}

impl From<crate::assess::RatingError> for AppError {
    fn from(e: crate::assess::RatingError) -> Self {
        AppError::User(e.message())
    }
}

/// An error and its causes on one line: "the database failed: database
/// error: disk I/O error".
pub fn chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(e) = cause {
        text.push_str(": ");
        text.push_str(&e.to_string());
        cause = e.source();
    }
    text
}

impl From<OptionError> for AppError {
    fn from(e: OptionError) -> Self {
        AppError::User(e.0)
    }
}

/// What a use case answers: its reply, or what went wrong.
pub type AppResult = Result<Reply, AppError>;

pub fn lead_only(command: &str) -> AppError {
    AppError::User(msg!("lead-only", command = command))
}
