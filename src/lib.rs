//! skillbot: a team chat bot that helps engineers grow their skills against
//! a skill matrix.
//!
//! Data flows one way: a front end turns what a user did into a
//! platform-neutral `app::Request`, `app::App::handle` answers it with a
//! platform-neutral `app::Reply`, and the front end renders that. Nothing
//! below `app` knows which chat platform asked.
//!
//! - Pure layers (no I/O beyond reading matrix files, no clock, no chat
//!   platform, no database): `matrix` (the skill matrix: model, TOML files,
//!   page importer, lookup), `assess` (the assessment dialog as a state
//!   machine, ratings, history rows), `schedule` (time zones and the weekly
//!   check-in's times), `report` (the leads' digest), `team` (workspace and
//!   member ids), `text`, `i18n` (the message catalog: every text a person
//!   reads, by id, in the reader's language), `markup` (references inside a
//!   reply's text that each front end renders its own way).
//! - `store`: SQLite. `store::Store` is one connection, a method one use
//!   case; `store::Db` runs them off the async runtime, writes on one
//!   connection and reads on others.
//! - `app`: the use cases. It owns the database, the clock and the
//!   notifiers (one per platform), decides permissions, and lists every
//!   command once (`app::spec::COMMANDS`).
//! - `frontends`: `console` (a REPL on the app) and `discord` (poise), each
//!   translating requests and replies and keeping its platform's limits;
//!   `typed_line`, the parser of a command typed as one line.
//!
//! `ARCHITECTURE.md` has the layout as built.
//! - `cli`: the `skillbot` command line; `config`, `logging`, `clock`,
//!   `shutdown` (the signals that stop a process cleanly).

pub mod app;
pub mod assess;
pub mod cli;
pub mod clock;
pub mod config;
pub mod demo;
pub mod frontends;
pub mod i18n;
pub mod logging;
pub mod markup;
pub mod matrix;
pub mod report;
pub mod schedule;
pub mod shutdown;
pub mod store;
pub mod team;
pub mod text;
