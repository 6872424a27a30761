# /profile and /config: a member's own settings, the workspace's.

lead-role-none = Name the role whose members are leads: /config lead-role <role>.
profile-saved = Profile saved
profile-yours = Your profile
profile-checkin-not-yet = starts once you set your role or assess a skill
profile-field-checkin = Weekly check-in
profile-field-role = Role
profile-role-not-set = not set: /profile role:<your role>
profile-field-zone = Time zone
profile-zone-from-platform = { $zone }, from your chat profile; set another with /profile timezone:<zone>
profile-zone-not-set = the server's ({ $zone }); set yours with /profile timezone:<zone>
lead-role-set = Members with the role { $role } now count as team leads here (administrators always do).
lead-role-current = Members with the role { $role } count as team leads here, and administrators always do. Change it with /config lead-role <role>.
lead-role-unset = No lead role is set: only administrators count as team leads here. Set one with /config lead-role <role>.
