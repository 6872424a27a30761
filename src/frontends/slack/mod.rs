//! The Slack front end, being built (issue 20): what a Slack team sees is
//! rendered here from the app's replies, within Slack's limits.
//!
//! Built so far: replies as Block Kit (`blocks`), the app manifest made
//! from the command list (`manifest`, `skillbot slack manifest`), and the
//! typed-line reading of a slash command's text with Slack's mentions
//! (`frontends::typed_line::Source::Chat`). Not built yet: the connection
//! (Socket Mode and the HTTP Events API), the notifier, the Home tab.

pub mod blocks;
pub mod manifest;
