# /team: the summary, gaps against targets, the trend, nudges.

gaps-member-empty = member: is empty: name a member of this server, e.g. /team gaps member:ann, or leave it out for everyone.
gaps-member-unknown = { $name } has no data in this server yet: they appear once they set their role or assess a skill.
nudge-use-button = Use the Nudge button of the summary.
trend-weeks-out-of-range = Look back 1 to 104 weeks, not { $weeks }: e.g. /team trend { $skill } 12.
trend-skill-gone = That skill left the matrix meanwhile; try again.

# /team gaps.
gaps-title = Gaps against targets
gaps-intro = Largest gaps first. A member's level is their lead's rating where there is one (said so), else their own. Required expectations block the next level; optional ones are stretch.
gaps-no-targets = No targets are set yet: /targets set <role> <skill> <level> says what each role should hold.
gaps-none = Everyone covered meets their role's target.
gaps-field = { $name } ({ $role }) · { $skill }
gaps-first-listed = The first { $most } of { $count } are listed; /team export has every member.
gaps-never-assessed = never assessed → target { $target }: { $levels ->
    [one] 1 level
   *[other] { $levels } levels
}
gaps-dated = { $level }, { $at }
gaps-why-lead = lead's rating, { $at }; own { $own }
gaps-why-own = own rating, { $at }; no lead rating
gaps-counted = { $level } ({ $why }) → target { $target }: { $levels ->
    [one] 1 level
   *[other] { $levels } levels
}
gaps-next-nothing = Next, { $level }: nothing listed for { $role }.
gaps-next-required = Next, { $level }, required: { $text }
gaps-next-optional = Next, { $level }, optional (stretch): { $text }
coverage-title = Senior or above
coverage-nobody = { $skill }: nobody ⚠ (bus factor 0)
coverage-one = { $skill }: only { $name } ⚠ (bus factor 1)
coverage-many = { $skill }: { $count } ({ $names })

# /team summary.
summary-title = Team summary
summary-intro = As of { $at }. A member's level is their lead's rating where there is one, else their own. Stale: no rating for { $days ->
    [one] 1 day
   *[other] { $days } days
}.
summary-nobody = No member here has a role or a rating yet: members set theirs with /profile role:<role>, and /assess records a level.
summary-median = { $count ->
    [one] 1 member
   *[other] { $count } members
} · median { $median }
summary-median-none = none yet
summary-at-level = { $level } { $count }
summary-never-count = never assessed { $count }
summary-target = Target { $target }: { $meeting } of { $count } meet it
summary-no-target = No target (/targets set)
summary-stale-apart = { $stale } stale · { $apart } with self and lead ratings 2+ levels apart
summary-never = Never assessed: { $names }
summary-field = { $skill } · { $role }
summary-compact-members = { $skill }: { $count ->
    [one] 1 member
   *[other] { $count } members
}
summary-compact-meeting = {" "}· { $meeting } of { $count } meet their target
summary-compact-never = {" "}· { $count } never assessed
summary-compact-stale = {" "}· { $count } stale
summary-more-skills = … and { $count ->
    [one] 1 more skill
   *[other] { $count } more skills
}
summary-by-skill = By skill, all roles together
summary-more = More
summary-more-how = Role by role for one skill: /team summary skill:<skill>; one role across skills: /team summary role:<role>; every member and level: /team export.

# The Nudge button of the summary, and the message it sends.
nudge-button = Nudge the { $count ->
    [one] 1 member
   *[other] { $count } members
} never assessed
nudge-skill = { $skill } (/assess { $slug })
nudge-message = { $lead } invites you to assess yourself in { $skills }. It takes a few minutes: a question per level, and you can add a note for your lead.
nudge-nobody = Nobody to nudge any more.
nudged = Nudged { $names }.
nudged-lead-in = Nudged

# /team trend.
trend-title = { $skill } over { $weeks ->
    [one] 1 week
   *[other] { $weeks } weeks
}
trend-intro = From { $from } to { $to }. A member's level is their lead's rating where there is one, else their own.
trend-move = { $name }: { $from } → { $to } ({ $steps })
trend-nobody = nobody
trend-newly = { $name }: { $level }
trend-newly-by-lead = { $name }: { $level } (lead's rating)
trend-not-rated-count = not rated { $count }
trend-up = Moved up
trend-down = Moved down
trend-newly-rated = Newly rated
trend-then = Then
trend-now = Now

# /team export.
export-done = { $rows ->
    [one] 1 row
   *[other] { $rows } rows
} in { $file }. Cells a spreadsheet would take for a formula start with an apostrophe.
export-former-member = a former member
team-no-role = (no role set)
