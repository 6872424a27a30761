//! skillbot: a team chat bot that helps engineers grow their skills against a
//! skill matrix.
//!
//! Layers, from the bottom: `matrix` and `assess` are pure; `store` keeps
//! everything in SQLite; `cli` is the command line.

pub mod app;
pub mod assess;
pub mod cli;
pub mod clock;
pub mod config;
pub mod frontends;
pub mod logging;
pub mod matrix;
pub mod schedule;
pub mod store;
pub mod team;
pub mod text;
