//! The console's settings: who is typing, where, with which rights.

/// Who the person at the terminal is in the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConsoleConfig {
    /// The workspace (team) they act in.
    pub workspace: String,
    /// Their name in it.
    pub name: String,
    /// Whether they act as a team lead.
    pub lead: bool,
}

impl ConsoleConfig {
    /// From the command line's options; a name not given is the login
    /// name (`user`, from $USER), else "me".
    pub fn new(workspace: String, name: Option<String>, user: Option<String>, lead: bool) -> Self {
        let name = name
            .or(user)
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| "me".into()); // not prose: the default user name, an id
        ConsoleConfig {
            workspace,
            name,
            lead,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_name_is_the_one_given_else_the_login_else_me() {
        let c = |name: Option<&str>, user: Option<&str>| {
            ConsoleConfig::new(
                "t".into(),
                name.map(Into::into),
                user.map(Into::into),
                false,
            )
            .name
        };
        assert_eq!(c(Some("ana"), Some("root")), "ana");
        assert_eq!(c(None, Some("root")), "root");
        assert_eq!(c(None, Some(" ")), "me");
        assert_eq!(c(None, None), "me");
    }
}
