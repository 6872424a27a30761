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
slack-form-failed = The form could not be opened in time (Slack allows 3 seconds). Press the button again.
slack-file-failed = { $file } could not be shared: Slack did not take it. Try again in a minute.
slack-files-in-dm = { $count ->
    [one] The file is
   *[other] The files are
} in your direct messages with skillbot.
slack-home-title = Your skills
slack-home-assess = Start an assessment
slack-home-history = My history
