# The Slack front end: its app manifest and what it adds to replies.

slack-app-description = Skill matrices, self-assessments and weekly check-ins for engineering teams.
slack-modal-submit = Save
slack-scope-commands = its slash commands
slack-scope-chat-write = replies, check-ins, reminders and digests
slack-scope-im-write = opening a direct message with a member for their check-in
slack-scope-users-read = a member's name, admin rights and time zone
slack-scope-usergroups-read = whether a member is in the user group that leads
slack-scope-files-write = charts (PNG) and exports (CSV)
slack-scope-im-history = seeing a skill file a lead drops in their direct messages with skillbot, to import it
slack-scope-files-read = reading that file
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
# Importing a skill on Slack: the paste form, or a file dropped in the bot's direct messages.
slack-import-title = Import a skill
slack-import-submit = Preview
slack-import-text = The skill page or TOML file, pasted
slack-import-text-hint = Up to 3,000 characters. For a longer page, drop the file in your direct messages with skillbot.
slack-import-slug = Slug (for a pasted page)
slack-import-name = Skill name (optional)
slack-targets-title = Import targets
slack-targets-text = Targets as CSV: role, skill, level
slack-targets-text-hint = One target a line, such as: Cloud Engineer,serverless,Senior. Up to 3,000 characters.
slack-import-dm-options = A file for skillbot to import can come with slug:<my-skill> and name:"<Skill name>" as the message, and nothing else. Drop the file again with only those.
slack-import-too-large = { $file } is larger than { $max } KB, which no skill page is. Drop the page of one skill.
slack-import-unreadable = { $file } could not be fetched from Slack. Drop it again in a minute.
