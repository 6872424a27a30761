//! Reports for leads, built from plain rows: no database, no clock, no chat
//! platform. The app reads the rows and says where the text goes; CSV and
//! PNG bytes are made here too, outside any database lock.

pub mod chart;
pub mod csv;
pub mod digest;
pub mod gaps;
pub mod team;
pub mod trend;

pub use digest::{Answer, Delivered, Digest, DigestRow, LevelChange, participation};
pub use gaps::{Gap, gaps};
pub use team::{
    Coverage, Filter, NO_ROLE, Person, Rated, Standing, SummaryRow, Team, Track, coverage, summary,
};
pub use trend::{Distribution, Move, Trend, trend};
