# Finding what a user named: a skill, a role, a level.

lookup-empty = No { $what } given: type one of { $examples }{ $what ->
    [level] {" "}or 1 to 5.
   *[other] .
}
lookup-unknown = No { $what } matches "{ $input }".
lookup-unknown-close = No { $what } matches "{ $input }"; did you mean { $names }?
# In chat, a skill not found points at the list of them all.
lookup-skills-hint = { $error } /skills lists them all.
lookup-unknown-only = No { $what } matches "{ $input }"; the only { $what } is { $name }.
lookup-unknown-choices = No { $what } matches "{ $input }"; the { $what }s are { $names }.
lookup-ambiguous = "{ $input }" matches several { $what }s: { $names }; type more of the name.
lookup-level-not-in-skill = { $skill } has no { $level } level; its levels are { $levels }.
