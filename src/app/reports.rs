//! The team reports for front ends without an asker: the command line
//! gives a lead at a terminal the same replies the chat commands give.

pub use super::team::data::{TeamRows, read_team};
pub use super::team::gaps::gaps_view;
pub use super::team::summary::summary_view;
pub use super::team::trend::{history_rows, trend_of, trend_reply};
