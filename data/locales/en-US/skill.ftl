# /skill and /skills: what each level expects, and what the next one adds.

skill-which-role = Which role? /skill { $slug } needs a level, or a role to show every level of: add role:<role> (or set yours with /profile role:<your role>). Roles of { $skill }: { $roles }.
skill-next-unrated = { CODE("next") } shows what the level after yours adds, and you have no rating in { $skill } yet: give a level (/skill { $slug } { $level } next), or rate yourself with /assess { $slug }.
skill-no-levels = { $skill } has no levels.
skill-gone = The skill { $slug } is no longer in the matrix; see /skills for those there are.

# A level's expectations, every level of a role, what the next level adds.
skill-subtitle = { $domain } › { $group } · updated { $updated }
skill-no-role = No role
skill-level-title = { $skill }: { $level }
skill-role-field = { $role } · { $required }
skill-level-field = { $level } · { $required }
skill-nothing-at-level = {"\u000A"}{"\u000A"}{ $role } has no expectation at { $level } in { $skill }.
skill-whats-next = What's next
skill-role-title = { $skill }: every level for { $role }
skill-no-expectation-for = No expectation for { $role }.
skill-top-level = { $level } is the top level of { $skill }: there is no next level.
skill-promotion-title = { $skill }: from { $from } to { $to }
skill-nothing-next = {"\u000A"}{"\u000A"}{ $role } has no expectation at { $level }.
skill-step-new = {" "}(new at { $level })
skill-step-was-optional = {" "}(optional at { $level })
skill-step-expects = { $level }: { $text }
skill-step-field = { $role } · { $required } at { $level }{ $change }

# /skills.
skills-none = The matrix has no skills yet: a lead can add one with /matrix import.
skills-line = { STRONG($skill) } · { $group } · { $levels ->
    [one] 1 level
   *[other] { $levels } levels
}
skills-intro = Look one up with /skill <skill> <level>, or assess yourself with /assess <skill>.
skills-for-role = For { $role }
skills-other = Other skills
skills-all = All skills

# A skill named where names may repeat: "Serverless Functions (serverless)",
# marked as the server's own or as shared when a name is both.
skill-label = { $skill } ({ $slug }){ $mark ->
    [own] {" "}· this server's
    [shared] {" "}· shared
   *[none] {""}
}
# A skill offered as the user types: its name, group and mark.
skill-choice = { $skill } ({ $group }){ $mark ->
    [own] {" "}· this server's
    [shared] {" "}· shared
   *[none] {""}
}
