# The five levels of the ladder every skill uses.

level-junior = Junior
level-middle = Middle
level-senior = Senior
level-lead = Lead
level-principal = Principal

# Whether a role must meet an expectation at a level.
expectation-required = Required
expectation-optional = Optional
# One expectation: the role (emphasised), required or not, its text.
expectation-text = { STRONG($role) } · { $required }
    { $text }

# A member below a skill's first level, or a skill with no levels.
level-below = below { $first }
level-none = none

# The answers to "Do you do this?".
answer-yes = I do this
answer-partly = Partly
answer-no = Not yet
level-below-first = below the first level
level-deleted = a level since deleted
