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
checkin-last-skill = That was the last skill of this week's check-in ({ $week }). Thank you!

# The check-in message.
checkin-title = Your weekly check-in ({ $week })
checkin-nothing-yet = Nothing to look at yet: you have no ratings and no role with skills. Find a skill with /skills and assess it with /assess <skill>, or set your role with /profile role:<role>.
checkin-intro = How did this week go, { $name }? Here is where you stand. "Check in" goes through each skill again from one level below yours; "No change" confirms your levels as they are.
checkin-stand = { $level } ({ $when })
checkin-not-rated = not rated
checkin-field = You: { $you }. Lead: { $lead }.{ $next }
checkin-top-level = {" "}That is the top level.
checkin-next = {"\u000A"}Next, { $level } expects:{"\u000A"}{ $items }
checkin-next-item-for = • { $required } ({ $role }): { $text }
checkin-button-check-in = Check in
checkin-button-no-change = No change
checkin-button-snooze = Snooze a week
checkin-button-stop = Stop these

# Its buttons pressed.
checkin-snoozed-week = Snoozed: this week's check-in is skipped. The next one comes { $next }.
checkin-stopped = You will get no more weekly check-ins. Turn them back on with /checkin me on.
checkin-confirmed-skill = { $skill } { $level }
checkin-no-change = Noted: no change this week. Confirmed { $skills }.
checkin-no-change-unrated = {" "}Not rated yet, so nothing to confirm: { $skills }; /assess starts one.
checkin-skill-of = Check-in { $week }, skill { $n } of { $count }: { $skill }.
checkin-reminder = A reminder: your check-in of this week is still open.{"\u000A"}

# Messages kept for a console member until they next open it.
kept-for = (kept for { $name }: shown when they next open the console)
kept-never-here = { $name } has never used skillbot here, so nothing was kept for them.
kept-earlier-message = an earlier message
kept-missed = While you were away: missed { $missed } (closed now; /assess works any time).

# A member's own check-in, and the workspace's schedule.
checkin-planned-off = off; turn them on with /checkin me on
checkin-planned-paused = on, but a lead paused check-ins for everyone
checkin-planned-at = on; the next one comes { $at }
checkin-planned-snoozed = on; the next one comes { $at } (snoozed until then)
checkin-planned-not-yet = it starts once you set your role or assess a skill
checkin-yours = Your weekly check-in: { $plan }.
checkin-snoozed = Snoozed for { $weeks ->
    [one] 1 week
   *[other] { $weeks } weeks
}. Your weekly check-in: { $plan }.
checkin-schedule = { $day ->
    [mon] Mondays
    [tue] Tuesdays
    [wed] Wednesdays
    [thu] Thursdays
    [fri] Fridays
    [sat] Saturdays
   *[sun] Sundays
} at { $time }, each member's local time (members without a time zone of their own: { $zone })

# /checkin status, for leads.
status-no-grace = . A check-in no pass sent at its time is not sent later (/checkin grace)
status-grace = . A check-in no pass sent at its time still goes out up to { $hours ->
    [one] 1 hour
   *[other] { $hours } hours
} after it (/checkin grace)
status-zone-unknown = . The workspace's stored time zone "{ $zone }" is not one I know, so UTC is used: set one with /checkin schedule
status-paused = . Paused: nothing goes out until /checkin resume
status-skills-default = each member's rated skills, else their role's (/checkin skills to choose)
status-digest-posted = posted in { $channel }
status-digest-no-channel = no channel set (/checkin digest-channel); the latest is shown here
status-member-off = { $name }: turned off
status-member-paused = { $name }: paused
status-member-at = { $name }: { $at } ({ $theirs } their time)
status-member-zone-unknown = {" "}(their stored time zone "{ $zone }" is not one I know, so the workspace's is used until they set one with /profile timezone:)
status-members-page = Members { $first }–{ $last } of { $count }
status-members-next-page = ; /checkin status page:{ $page } shows the next { $count }
status-no-members = no members yet: a member counts from their first command
status-last-week = { $week }: { $sent } delivered, { $answered } checked in{ $participation }, { $refused } with DMs closed, { $failed } failed
status-last-week-none = no check-ins were sent last week
status-rate = { $week } { $answered } of { $sent }{ $participation }
status-title = Weekly check-ins
status-as-of = As of { $at }.
status-field-schedule = Schedule
status-field-skills = Skills asked about
status-field-reminder = Reminder
status-reminder = once, after { $hours ->
    [one] 1 hour
   *[other] { $hours } hours
} without an answer
status-field-digest = Digest
status-field-next = Next check-ins
status-field-last-week = Last week
status-field-rates = Checked in, week by week
status-field-latest-digest = Latest digest ({ $week })

# A lead's check-in settings.
schedule-set = Check-ins now go out on { $schedule }. A member who has not had this week's gets it at the new time, or at once if that time has passed this week (one who joined after that time gets theirs from next week on).
schedule-grace-crosses-week = Note: that leaves { $left } before the week ends (Monday 00:00), less than the grace of { $grace } (/checkin grace): a check-in sent late still counts for its week, but reaches members in the next one. An earlier time is safer.
duration-minutes = { $minutes ->
    [one] 1 minute
   *[other] { $minutes } minutes
}
duration-hours = { $hours ->
    [one] 1 hour
   *[other] { $hours } hours
}
duration-hours-minutes = { $hours ->
    [one] 1 hour
   *[other] { $hours } hours
} { $minutes ->
    [one] 1 minute
   *[other] { $minutes } minutes
}
grace-none = A check-in that no pass sent at its time is not sent later.
grace-set = A check-in that no pass sent at its time (the bot or cron ran late) still goes out up to { $hours ->
    [one] 1 hour
   *[other] { $hours } hours
} after it, even once its week has ended.
checkin-skills-default = The check-in asks each member about the skills they have a rating in (else their role's skills).
checkin-skills-set = The check-in asks everyone about: { $skills }.
digest-channel-set = The weekly digest will be posted in { $channel }, once each week's check-ins are over.
reminder-set = A member who has not answered their check-in after { $hours ->
    [one] 1 hour
   *[other] { $hours } hours
} gets one reminder.
checkins-paused = Check-ins are paused: none goes out (and no reminder) until /checkin resume.
checkins-resumed = Check-ins are on again. Members who have not had this week's get it at the scheduled time, or at once if it has passed; weeks missed during the pause are not sent late.
checkin-cancelled = Cancelled: { $skill } was not saved.
checkin-cancelled-rest = Cancelled: { $skill } was not saved, nor { $rest }.
checkin-cancelled-kept = {" "}{ $count ->
    [one] 1 skill saved before it in this check-in is kept (/history shows it).
   *[other] { $count } skills saved before it in this check-in are kept (/history shows them).
}
