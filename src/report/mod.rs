//! Reports for leads, built from plain rows: no database, no clock, no chat
//! platform. The app reads the rows and says where the text goes.

pub mod digest;

pub use digest::{Answer, Delivered, Digest, DigestRow, LevelChange};
