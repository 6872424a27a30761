# The weekly check-in: settings, the check-in itself, snoozing, status.

snooze-weeks-out-of-range = Snooze for 1 to { $most } weeks, not { $weeks }: e.g. /checkin snooze 2. To stop check-ins altogether: /checkin me off.
grace-out-of-range = The grace is 0 to { $most } hours, not { $hours }: e.g. /checkin grace 6.
checkin-skills-none = Name at least one skill, e.g. /checkin skills serverless, kubernetes; or /checkin skills default for each member's own.
checkin-skills-too-many = A check-in asks about { $most } skills at most; name fewer.
digest-channel-none = Name a channel: /checkin digest-channel #team-leads.
reminder-out-of-range = The reminder comes 1 to 168 hours (a week) after the check-in, not { $hours }: e.g. /checkin reminder 24.
checkin-skills-gone = None of this check-in's skills is in the matrix any more; nothing to go through.
checkin-button-earlier = That button belongs to an earlier step of this check-in; use the buttons of its latest message.
checkin-nothing-to-confirm = Not rated yet, so there is nothing to confirm: { $skills }. Press Check in to assess { $count ->
    [one] it
   *[other] them
}, or use /assess; this check-in stays open.
checkin-closed = This check-in has closed (a week went by); the next one comes on schedule, and /assess works any time.
