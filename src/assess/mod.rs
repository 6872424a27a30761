//! Self-assessment: what a rating is and the rules it obeys. Pure: no
//! storage, no platform, no clock.

mod dialog;
mod history;
mod rating;

pub use dialog::{Dialog, DialogError, Event, Mode, Standing, Step};
pub use history::{CurrentLevel, HistoryEntry};

pub use rating::{
    Answer, LevelAnswer, MAX_NOTE_CHARS, Note, Rating, RatingError, Source, level_name,
};
