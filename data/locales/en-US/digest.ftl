# The leads' weekly digest of check-ins.

digest-title = Weekly check-ins, { $week }
digest-checked-in-count = { $checked } of { $count } { $count ->
    [one] member
   *[other] members
} reached checked in{ $participation }.
digest-participation = {" "}({ $percent }%)
digest-checked-in = Checked in: { $members }.
digest-snoozed = Snoozed: { $names }.
digest-stopped = Stopped their check-ins: { $names }.
digest-no-answer = No answer: { $names }.
digest-change = { $name }: { $change }
digest-change-by-lead = { $name }: { $change }, lead's rating
digest-level-changes = Level changes: { $changes }.
digest-member-why = { $name } ({ $why })
digest-dms-closed = DMs closed: { $members }.
digest-not-delivered = Not delivered: { $members }.
digest-level-change = { $skill } { $from } → { $to } ({ $steps })
digest-unrated = unrated
digest-confirmed = { $level } confirmed
digest-member-said = { $name } ({ $said })
delivery-still-sending = still being sent
delivery-unknown = unknown
digest-latest = { $title } (the latest digest)
