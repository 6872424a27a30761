-- Member and workspace ids are never reused. Without AUTOINCREMENT SQLite
-- hands a new row the highest id plus one, so a member created after the
-- member with the highest id deleted their data got that member's id, and
-- anything still pointing at the old id (a lead's unfinished rating) landed
-- on the new member. Both tables are rebuilt with AUTOINCREMENT; the
-- program applies this with foreign keys off, as SQLite's procedure for
-- rebuilding a table asks, and checks them before committing.

CREATE TABLE workspaces_new (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    platform       TEXT    NOT NULL,
    external_id    TEXT    NOT NULL,
    name           TEXT    NOT NULL DEFAULT '',
    lead_role      TEXT,
    prompt_weekday INTEGER NOT NULL DEFAULT 1 CHECK (prompt_weekday BETWEEN 1 AND 7),
    prompt_minute  INTEGER NOT NULL DEFAULT 600 CHECK (prompt_minute BETWEEN 0 AND 1439),
    time_zone      TEXT    NOT NULL DEFAULT 'UTC',
    digest_channel TEXT,
    created_at     INTEGER NOT NULL,
    UNIQUE (platform, external_id)
);
INSERT INTO workspaces_new (id, platform, external_id, name, lead_role, prompt_weekday,
                            prompt_minute, time_zone, digest_channel, created_at)
SELECT id, platform, external_id, name, lead_role, prompt_weekday,
       prompt_minute, time_zone, digest_channel, created_at
FROM workspaces;
DROP TABLE workspaces;
ALTER TABLE workspaces_new RENAME TO workspaces;

CREATE TABLE members_new (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id   INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    external_id    TEXT    NOT NULL,
    display_name   TEXT    NOT NULL,
    role           TEXT,
    time_zone      TEXT,
    weekly_opt_in  INTEGER NOT NULL DEFAULT 1 CHECK (weekly_opt_in IN (0, 1)),
    snoozed_until  INTEGER,
    next_prompt_at INTEGER,
    created_at     INTEGER NOT NULL,
    UNIQUE (workspace_id, external_id)
);
INSERT INTO members_new (id, workspace_id, external_id, display_name, role, time_zone,
                         weekly_opt_in, snoozed_until, next_prompt_at, created_at)
SELECT id, workspace_id, external_id, display_name, role, time_zone,
       weekly_opt_in, snoozed_until, next_prompt_at, created_at
FROM members;
DROP TABLE members;
ALTER TABLE members_new RENAME TO members;
CREATE INDEX members_due ON members (next_prompt_at) WHERE weekly_opt_in = 1;

-- A dialog names the member it is about (a lead's rating of them), by
-- their platform user id: deleting a member ends every dialog about them,
-- not only their own (which the owner's foreign key already ends).
ALTER TABLE dialogs ADD COLUMN subject_user TEXT;
UPDATE dialogs SET subject_user = (
    SELECT external_id FROM members WHERE id = json_extract(dialogs.state, '$.subject')
) WHERE json_extract(state, '$.kind') = 'assess';
-- A lead's rating whose member is gone can only land on someone else.
DELETE FROM dialogs
WHERE json_extract(state, '$.kind') = 'assess' AND subject_user IS NULL;
CREATE INDEX dialogs_subject ON dialogs (subject_user) WHERE subject_user IS NOT NULL;

-- Bumped by every change to a workspace's own skills, so that a running
-- process sees another process's import at its next request: it compares
-- PRAGMA data_version (free) and, when that moved, this one row.
CREATE TABLE skills_revision (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  INTEGER NOT NULL
);
INSERT INTO skills_revision (id, n) VALUES (1, 0);
CREATE TRIGGER workspace_skills_added AFTER INSERT ON workspace_skills
BEGIN UPDATE skills_revision SET n = n + 1; END;
CREATE TRIGGER workspace_skills_changed AFTER UPDATE ON workspace_skills
BEGIN UPDATE skills_revision SET n = n + 1; END;
CREATE TRIGGER workspace_skills_removed AFTER DELETE ON workspace_skills
BEGIN UPDATE skills_revision SET n = n + 1; END;
