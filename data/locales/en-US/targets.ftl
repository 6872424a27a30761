# /targets: the level each role should reach in each skill; /config stale-after.

targets-role-not-in-skill = { $skill } has no expectations for { $role }; its roles are { $roles }.
targets-none-to-remove = { $role } has no target in { $skill }; /targets list shows the ones set.
targets-not-text = { $file } is not a text file; give a CSV.
targets-csv-none = Give the CSV as a file (file:) or pasted (text:), one of the two.
targets-csv-too-long = The CSV has more than { $most } lines; split it.
targets-csv-line = line { $line }: { $problem }
targets-csv-cells = { $count } cells; each line is role, skill, level
targets-csv-faults = Nothing was imported; fix { $count ->
    [one] this line
   *[other] these { $count } lines
} and send it again:
    { $lines }
targets-csv-empty = The CSV has no targets: each line is role, skill, level, e.g. Cloud Engineer, serverless, Senior.
targets-gone-line = { $role } · { $skill }: { $problem }
targets-no-such-level = no such level
targets-matrix-changed = The matrix changed since the preview, so nothing was imported:
    { $lines }
    Send the CSV again with /targets import.
stale-days-out-of-range = Give 1 to 3650 days, not { $days }: e.g. /config stale-after 90.
targets-set = { $role } is expected to hold { $level } in { $skill }. /team gaps lists who is below it.
targets-removed = Removed { $role }'s target in { $skill }.
targets-title = Targets
targets-none = No targets are set. /targets set <role> <skill> <level> sets one; /targets import takes a CSV of role, skill, level.
targets-line = { $skill }: { $level }
targets-line-gone = { $slug }: { $level } (no longer in the matrix; /targets remove { $role } { $slug } removes it)
targets-import-title = Import these targets?
targets-preview-line = { $role } · { $skill }: { $level }
targets-preview = { $count ->
    [one] 1 target
   *[other] { $count } targets
}; each replaces the role's target in that skill.
targets-preview-more = … and { $count } more
targets-imported = Imported { $count ->
    [one] 1 target
   *[other] { $count } targets
}. /targets list shows them all.
stale-days-set = Ratings older than { $days ->
    [one] 1 day
   *[other] { $days } days
} now count as stale in the team reports.
