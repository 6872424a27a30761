//! Who is who: a workspace (one chat server or team) and its members, as
//! every layer names them. Pure: the store keeps them, the app decides with
//! them, reports group by them.

use serde::{Deserialize, Serialize};

/// A workspace: one Discord server, one Slack team, one console team.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct WorkspaceId(pub i64);

/// A member of one workspace. The same person in two workspaces is two
/// members, so nothing of one workspace reaches another.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct MemberId(pub i64);

/// The chat platform a workspace lives on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Platform {
    Discord,
    Slack,
    /// The local console: `skillbot console`.
    Console,
}

impl Platform {
    pub fn as_str(self) -> &'static str {
        match self {
            Platform::Discord => "discord",
            Platform::Slack => "slack",
            Platform::Console => "console",
        }
    }
}
