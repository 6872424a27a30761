# The charts: the team heatmap and a skill's trend.

chart-not-rated = not rated
heatmap-title = Levels by member and skill
heatmap-one-member = one member
heatmap-whole-team = Whole team
heatmap-first-members = the first { $shown } of { $count } members (filter by role or skill for the rest)
heatmap-members = { $count ->
    [one] 1 member
   *[other] { $count } members
}
heatmap-scope = { $whom } · { $members } · as of { $date }
heatmap-below-letter = –
heatmap-legend-level = { $letter } { $level }
heatmap-legend-below-target = below the role's target
heatmap-legend-apart = own and lead's ratings 2+ levels apart
heatmap-key = In each cell the level, then the role's target: { $example } is { $level } with a target of { $target }. A lead's rating counts where there is one.
trend-chart-title = { $skill }: members at each level
trend-chart-subtitle = { $weeks ->
    [one] 1 week
   *[other] { $weeks } weeks
} to { $date } · { $members ->
    [one] 1 member
   *[other] { $members } members
}
