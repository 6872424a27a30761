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
