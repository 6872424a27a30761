//! Front ends: they translate a platform's input into app requests and the
//! app's replies into the platform's output, nothing more.

pub mod console;
pub mod discord;
pub mod lifecycle;
pub mod slack;
pub mod together;
pub mod typed_line;
