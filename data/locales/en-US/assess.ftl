# Rating a skill: the guided self-assessment and a lead's rating.

note-too-long = The note is { $chars } characters long; keep it to { $max } at most.
note-empty = The note is empty.
role-not-in-skill = { $skill } has no expectations for { $role }; pick one of its roles: { $roles }.
assess-skill-gone = { $skill } is no longer in the matrix, so this dialog cannot go on.
assess-matrix-changed = The { $skill } matrix changed since this dialog started, so its questions may no longer fit. Start again with /assess { $slug }.
assess-role-not-in-skill = { $role } has no expectations in { $skill }.
assess-nothing-before = This is the first step: there is nothing to go back to.
assess-note-needed = A note is needed here: your rating is below { $name }'s own, and that is the conversation they will want to have. Add a note, or go back and change your answers.
assess-out-of-step = That button belongs to an earlier step of this dialog; use the buttons of its latest message.
assess-member-name-bad = Name a member of this server with member: (a name of 1 to { $most } characters on one line), e.g. /assess serverless member:alice.
assess-subject-deleted = { $name }'s data was deleted from this server while this dialog was open, so nothing was saved. To rate them again, start over with /assess.
