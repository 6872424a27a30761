-- Team reports need both of a member's levels in a skill: their own
-- latest (self-assessments and weekly check-ins) and a lead's latest. The
-- current levels are kept per track; the history stays as it is, and the
-- first fold after this migration rebuilds them from it.
DROP TABLE current_levels;
CREATE TABLE current_levels (
    workspace_id  INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    skill         TEXT    NOT NULL,
    member_id     INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    lead          INTEGER NOT NULL CHECK (lead IN (0, 1)), -- 1: a lead's rating; 0: the member's own
    level         INTEGER NOT NULL,
    source        TEXT    NOT NULL,
    assessment_id INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, skill, member_id, lead)
) WITHOUT ROWID;
CREATE INDEX current_levels_member ON current_levels (member_id, skill);
UPDATE current_levels_state SET folded_through = 0;

-- How old a member's latest rating may be before reports call it stale.
ALTER TABLE workspaces ADD COLUMN stale_days INTEGER NOT NULL DEFAULT 90
    CHECK (stale_days BETWEEN 1 AND 3650);

-- Ratings of one skill across a workspace over time (the trend report).
CREATE INDEX assessments_skill_time ON assessments (skill, created_at);
