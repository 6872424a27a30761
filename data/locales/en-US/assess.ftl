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

# The dialog's steps.
assess-save = Save
assess-save-level = Save { $level }
assess-choose-role-title = { $skill }: choose a role
assess-choose-role = Which role are you assessed as?
assess-choose-role-for = Which role should { $name } be assessed as?
assess-role-placeholder = Role
assess-where-from = You are { $level } since { $since }; re-confirming from { $start }.
assess-where-from-lead = You rated { $name } { $level } on { $since }; re-confirming from { $start }.
assess-claim-none = { $name } has not assessed themself in { $skill } yet.
assess-claim = { $name } says { $level }, { $when }, no note.
assess-claim-noted = { $name } says { $level }, { $when }: “{ $note }”.
assess-question = Do you do this?
assess-question-for = Does { $name } do this?
assess-ask-title = { $skill }: { $level } ({ $n } of { $count })
assess-yes = Yes
assess-note-title = { $skill }: evidence
assess-note-required = Your rating, { $level }, is below { $name }'s own ({ $claim }): add a note, since that is the conversation { $name } will want to have.
assess-add-note = Add a note
assess-skip-note = Skip
assess-note-for = Add a note for { $name } (what you saw, what to work on next), or skip it.
assess-note = Add a note with evidence (a link, a project, an example), or skip it.
assess-note-modal-required = Note (required)
assess-note-modal-optional = Evidence (optional)
assess-note-label = What shows it? A link, a project, an example
assess-note-placeholder = e.g. Moved the billing jobs to Lambda with provisioned concurrency
assess-summary-title = { $skill }: summary
assess-summary-direct = Record { STRONG($level) } in { $skill } as { $role }?
assess-summary-guided = Level: { STRONG($level) } (as { $role })
assess-working-towards = , working towards { $level }
assess-rating-whom = Rating { $name }.
assess-summary-note = Note: { $note }
assess-level-expects = { $level } expects
assess-next-expects = Next: { $level } expects
assess-why-all-met = Why: every level asked was met.
assess-why-partly = Why: a level counts when it and every level below it are met, and { $level } was “Partly”, which does not meet it.
assess-why-not-met = Why: a level counts when it and every level below it are met, and { $level } is not met yet.
assess-walk-assumed = { $level } · met before (your last rating)
assess-walk-answer = { $level } · { $answer }
assess-walk-yes-later = { $level } · { $answer } (counts once { $blocker } is met)
assess-walk-partly = { $level } · { $answer } (not met)
assess-walk-passed-over = { $level } · no expectation for { $role }
assess-walk-not-asked = { $level } · not asked
assess-lower-title = { $skill }: a lower level
assess-lower = This records { STRONG($level) }, below your { $before } since { $at }. Save the lower level?
assess-lower-for = This records { STRONG($level) } for { $name }, below the { $before } you gave on { $at }. Save the lower level?

# Saving, and what was saved.
assess-last-saved = Your last assessment of { $skill } was saved { $at }: { $level }.
assess-unfinished = You have an unfinished assessment of { $skill } ({ $count ->
    [one] 1 answer
   *[other] { $count } answers
} so far); it goes on where you left it.
assess-start-over = Start over
assess-saved = Saved { $at }: You are { $level } in { $skill } (as { $role }).
assess-saved-for = Saved { $at }: { $name } is { $level } in { $skill } (as { $role }).
assess-already-saved = Already saved { $at }: you are { $level } in { $skill }. Nothing more to do; /history shows it.
assess-already-saved-for = Already saved { $at }: { $name } is { $level } in { $skill }. Nothing more to do; /history shows it.

# The direct message a member gets when a lead rates them.
rated-by-lead = { $lead } recorded your level in { $skill }: { $level } (as { $role }), { $at }.
rated-note = Their note: “{ $note }”
rated-next-expects = Next, { $level } expects:
rated-next-item = • { $required }: { $text }
rated-top-level = That is the top level of this skill.
rated-see-history = See /history for every rating and note.
