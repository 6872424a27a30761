//! The team reports for front ends without an asker: the command line
//! gives a lead at a terminal the same replies the chat commands give.

pub use super::team_data::{TeamRows, read_team};
pub use super::team_gaps_cmd::gaps_view;
pub use super::team_summary_cmd::summary_view;
pub use super::team_trend_cmd::{history_rows, trend_of, trend_reply};
