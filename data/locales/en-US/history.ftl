# /history: a member's ratings over time.

history-not-yours = These entries are not yours to see; run /history for your own.
history-no-data = { $name } has no skill data in this server yet.
history-none-yours = No levels recorded yet. Start with /assess <skill>.
history-none = { $name } has no levels recorded yet.
history-title-yours = Your level history
history-title = { $name }: self and lead ratings
history-earlier = Earlier entries
history-stand = { $kind ->
    [lead] lead
   *[self] self
} { $level } ({ $at })
history-now-both = Now: { $own } · { $lead }: { $difference }
history-now-own = Now: { $own } · no lead rating yet
history-now-lead = Now: { $lead } · no self-assessment yet
history-now-none = Now: no rating
history-agree = they agree
history-lead-higher = the lead rates { $levels ->
    [one] 1 level
   *[other] { $levels } levels
} higher
history-lead-lower = the lead rates { $levels ->
    [one] 1 level
   *[other] { $levels } levels
} lower
history-flagged = { $difference } ⚠ worth a conversation
history-by-self = self
history-by-checkin = weekly check-in
history-by-lead = lead { $name }
history-by-a-lead = a lead
history-entry = { $at } · { $level }{ $arrow } · { $who }
history-skill-gone = { $slug } (no longer in the matrix)
history-note = {"  "}“{ $note }”
