# A command's options as typed: what was wrong, and what to type instead.

option-none = /{ $command } takes no options.
option-unknown = /{ $command } has no option { CODE($name) }; its options are { $options }. Usage: { $usage }
option-twice = /{ $command } got { CODE($name) } twice; give it once.
option-too-long = { CODE($name) } is too long ({ $chars } characters); { $kind ->
    [document] a pasted page
    [skill] a skill
    [skills] a list of skills
    [level] a level
    [role] a role
    [time-zone] a time zone
    [member] a member
    [channel] a channel
    [number] a number
    [weekday] a weekday
    [time-of-day] a time of day
   *[option] this option
} is at most { $max } characters. Usage: { $usage }
option-missing = /{ $command } needs { CODE($name) } ({ LOWER($description) }). Usage: { $usage }
option-needed = /{ $command } needs { CODE($name) }. Usage: { $usage }
option-takes = { CODE($name) } takes { $kind ->
    [skill] a skill name
    [skills] skill names separated by commas
    [level] a level
    [role-name] a role name
    [role] a role
    [time-zone] a time zone
    [member] a member
    [channel] a channel
    [number] a number
    [weekday] a weekday
    [time-of-day] a time of day
    [file] a file
   *[text] a text
}.
option-bool-only = { CODE($name) } is true or false.
option-not-bool = { CODE($name) } is true or false, not "{ $input }".
option-not-number = { CODE($name) } takes a whole number, not "{ $input }".
option-not-weekday = { CODE($name) } takes a day of the week, such as monday or fri, not "{ $input }".
option-not-time-of-day = { CODE($name) } takes a time of day such as 09:00, not "{ $input }".

zone-too-long = "{ $input }" is too long to be a time zone. Use an IANA name such as Europe/Berlin.
zone-not-in-build = { $zone } is not a time zone of this build.
zone-unknown = "{ $input }" is not a time zone I know. Use an IANA name such as Europe/Berlin; closest: { $closest }.

# A command typed as a line of text (the console; a slash command's text).
line-unbalanced-quotes = Unbalanced quotes: close every " you open.
line-no-command = Type a command after the /, such as /skill serverless senior.
line-unknown-command = There is no /{ $name } command. /help lists them.
line-needs-subcommand = /{ $name } needs one of: { $commands }.
line-too-many-words = Too many words for /{ $command }. Usage: { $usage }
line-file-unreadable = Cannot read { $file }: { $error }. Usage: { $usage }
# A slash command's text in a chat (Slack): mentions as the platform writes them, no files.
line-file-in-chat = A command's text cannot carry a file: paste the file's contents with { CODE("text:") } instead. Usage: { $usage }
line-not-a-mention = { CODE($name) } takes a member: type @ and pick them from the list, rather than "{ $input }". Usage: { $usage }
line-not-a-channel = { CODE($name) } takes a channel: type # and pick it from the list, rather than "{ $input }". Usage: { $usage }
line-not-a-group = { CODE($name) } takes a user group: type @ and pick the group from the list, rather than "{ $input }". Usage: { $usage }
