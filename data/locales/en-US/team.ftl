# /team: the summary, gaps against targets, the trend, nudges.

gaps-member-empty = member: is empty: name a member of this server, e.g. /team gaps member:ann, or leave it out for everyone.
gaps-member-unknown = { $name } has no data in this server yet: they appear once they set their role or assess a skill.
nudge-use-button = Use the Nudge button of the summary.
trend-weeks-out-of-range = Look back 1 to 104 weeks, not { $weeks }: e.g. /team trend { $skill } 12.
trend-skill-gone = That skill left the matrix meanwhile; try again.
