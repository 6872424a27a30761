# Any dialog: pressing a button of one that ended, expired or is another's.

dialog-ended = This dialog has ended (saved, cancelled or replaced by a newer one). Run the command again to start over.
dialog-expired = This dialog expired after { $hours } hours without an answer. Run the command again to start over.
dialog-not-yours = This dialog belongs to someone else; start your own with the command.
dialog-moved-on = This dialog moved on since (a second press, or another window); use the buttons of its latest message.
dialog-lead-only = /{ $command } is for team leads, and you are not one here (any more): nothing was saved. Ask a lead to finish it, or an administrator to give you the lead role.
dialog-skill-changed = This dialog cannot go on (its skill changed); run the command again.

# Buttons every dialog has.
button-back = Back
button-cancel = Cancel
dialog-behind = That message was a step behind (the answer to your last press may not have reached you); nothing was done. Here is where it is now:
button-confirm = Confirm
button-remove = Remove

# Cancel pressed.
cancelled = Cancelled.
cancelled-assess = Cancelled. Nothing was saved.
cancelled-import = Cancelled: nothing was imported.
cancelled-delete = Cancelled: nothing was deleted.
cancelled-remove = Cancelled: nothing was removed.
cancelled-nudge = Nobody was nudged.
cancelled-targets = Cancelled: no target was changed.
closed = Closed.
