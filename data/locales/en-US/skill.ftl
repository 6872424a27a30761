# /skill and /skills: what each level expects, and what the next one adds.

skill-which-role = Which role? /skill { $slug } needs a level, or a role to show every level of: add role:<role> (or set yours with /profile role:<your role>). Roles of { $skill }: { $roles }.
skill-next-unrated = { CODE("next") } shows what the level after yours adds, and you have no rating in { $skill } yet: give a level (/skill { $slug } { $level } next), or rate yourself with /assess { $slug }.
skill-no-levels = { $skill } has no levels.
skill-gone = The skill { $slug } is no longer in the matrix; see /skills for those there are.
