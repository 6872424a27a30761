# The console front end's own words.

console-welcome = skillbot console: type /help for the commands, /quit to leave.
console-waiting = Waiting for you:
console-not-text = That line is not valid UTF-8 text, so it was ignored; type it again.
console-number-for-nothing = What is { $number } for? A number picks a button of the message just above, and it has none. Type a command; a check-in or dialog you left open is shown again with its buttons when the console starts.
console-type-a-command = Type a command, such as /skill serverless senior, or /help.
console-pick-a-number = Pick one of the numbers 1 to { $most }, or type a command.
console-form-closed = The form was closed; nothing was sent.
console-form = { $title } (/cancel closes the form)
console-form-field = { $label }:
console-form-field-optional = { $label } (optional: an empty line skips it):
console-members-here = {" "}Members here: { $members }.
console-did-you-mean = {" "}Did you mean { $members }?
console-no-member = No member { $name } here: a member is someone who has opened the console in this workspace (with --as).
console-dm-to-you = (direct message to you)
console-private = (only you can see this)
console-attachment-saved = Attachment saved: { $path } ({ $bytes } bytes)
console-attachment-failed = Attachment { $name } could not be saved: { $error }
console-help = Commands (options by position or as name:value; quote values with spaces):
console-help-line = {"  "}{ $usage }  { $description }
console-help-lead-line = {"  "}{ $usage }  { $description } (leads)
console-help-quit = {"  "}/quit  leave the console
