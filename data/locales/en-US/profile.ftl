# /profile and /config: a member's own settings, the workspace's.

lead-role-none = Name the role whose members are leads: /config lead-role <role>.
