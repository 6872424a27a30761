//! skillbot: a team chat bot that helps engineers grow their skills against a
//! skill matrix.

pub mod cli;
pub mod matrix;
