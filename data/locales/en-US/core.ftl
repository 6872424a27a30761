# Answers any request can get, and the pieces every feature's text uses.

command-unknown = There is no /{ $name } command. Try one of: { $commands }.
lead-only = /{ $command } is for team leads. Ask a lead, or an administrator to set the lead role with /config lead-role.
button-outdated = This button is from an older version of skillbot and no longer works; run the command again.
request-failed = Sorry, something went wrong on my side. It has been logged; please try again in a moment.

# A message the bot started did not arrive; the asker is told.
dm-refused = I could not send { $whom } a direct message about this: { $why }. Please tell them yourself.
dm-busy = I could not send { $whom } a direct message about this (the chat platform stayed busy); please tell them yourself.
dm-the-channel = the channel
# "Nudged ann, bob.": the lead-in, then who got the message.
delivered-to = { $lead_in } { $names }.

# Lists: "a, b, c", "a, b or c", "a, b and c".
list-separator = {", "}
list-or = { $init } or { $last }
list-and = { $init } and { $last }

# A name from the team's own content (a skill, a role), shown as it is.
as-is = { $text }
list-separator-long = {"; "}
# Several messages, one a line.
as-is-lines = { $lines }
