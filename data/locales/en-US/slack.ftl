# The Slack front end: its app manifest and what it adds to replies.

slack-app-description = Skill matrices, self-assessments and weekly check-ins for engineering teams.
slack-modal-submit = Save
slack-scope-commands = its slash commands
slack-scope-chat-write = replies, check-ins, reminders and digests
slack-scope-im-write = opening a direct message with a member for their check-in
slack-scope-users-read = a member's name, admin rights and time zone
slack-scope-usergroups-read = whether a member is in the user group that leads
slack-scope-files-write = charts (PNG) and exports (CSV)
slack-manifest-scopes = The bot scopes, and why skillbot asks for each:
