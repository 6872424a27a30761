-- skillbot schema, version 1. Applied migrations are never edited: change the
-- schema with a new numbered file.
-- Times are INTEGER milliseconds since the Unix epoch, UTC, always written by
-- the program from its clock (never datetime('now')), so tests can pin them.

CREATE TABLE workspaces (
    id             INTEGER PRIMARY KEY,
    platform       TEXT    NOT NULL,               -- 'discord', 'slack', 'console'
    external_id    TEXT    NOT NULL,               -- the platform's id of the server or team
    name           TEXT    NOT NULL DEFAULT '',
    lead_role      TEXT,                           -- platform role whose holders count as leads
    prompt_weekday INTEGER NOT NULL DEFAULT 1 CHECK (prompt_weekday BETWEEN 1 AND 7), -- ISO: 1 = Monday
    prompt_minute  INTEGER NOT NULL DEFAULT 600 CHECK (prompt_minute BETWEEN 0 AND 1439), -- local time of day
    time_zone      TEXT    NOT NULL DEFAULT 'UTC', -- IANA name, for members without their own
    digest_channel TEXT,
    created_at     INTEGER NOT NULL,
    UNIQUE (platform, external_id)
);

CREATE TABLE members (
    id             INTEGER PRIMARY KEY,
    workspace_id   INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    external_id    TEXT    NOT NULL,               -- the platform's user id
    display_name   TEXT    NOT NULL,
    role           TEXT,                           -- a role of the matrix
    time_zone      TEXT,                           -- IANA name; NULL: the workspace's
    weekly_opt_in  INTEGER NOT NULL DEFAULT 1 CHECK (weekly_opt_in IN (0, 1)),
    snoozed_until  INTEGER,
    -- When the next weekly prompt is due, worked out by the schedule layer
    -- from the member's time zone; kept here so "who is due" is one index scan.
    next_prompt_at INTEGER,
    created_at     INTEGER NOT NULL,
    UNIQUE (workspace_id, external_id)
);
CREATE INDEX members_due ON members (next_prompt_at) WHERE weekly_opt_in = 1;

-- The level history: append-only, one row per rating. AUTOINCREMENT: an id
-- is never reused, even after a member's data is deleted, which the
-- current_levels watermark below relies on.
CREATE TABLE assessments (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    member_id    INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    skill        TEXT    NOT NULL,                 -- skill slug
    role         TEXT    NOT NULL,
    level        INTEGER NOT NULL CHECK (level BETWEEN 0 AND 5), -- 0: below the skill's first level
    source       TEXT    NOT NULL CHECK (source IN ('self', 'lead', 'weekly')),
    rated_by     INTEGER REFERENCES members (id) ON DELETE SET NULL,
    answers      TEXT    NOT NULL DEFAULT '[]',    -- JSON: [{"level":3,"answer":"yes"}, ...]
    note         TEXT,
    matrix_hash  TEXT    NOT NULL,                 -- fingerprint of the skill as it was rated
    created_at   INTEGER NOT NULL
);
CREATE INDEX assessments_member_skill ON assessments (member_id, skill, created_at);

-- The latest rating per member and skill. Asking SQLite for the newest row
-- per (member, skill) over a million history rows takes around a second, so
-- reads use this table instead. It holds every assessment up to
-- current_levels_state.folded_through; Store::fold brings newer ones in,
-- and every read folds first, so reads are exact while a recording writes
-- the history row alone.
CREATE TABLE current_levels (
    workspace_id  INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    skill         TEXT    NOT NULL,
    member_id     INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    level         INTEGER NOT NULL,
    source        TEXT    NOT NULL,
    assessment_id INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, skill, member_id)
) WITHOUT ROWID;
CREATE INDEX current_levels_member ON current_levels (member_id, skill);

CREATE TABLE current_levels_state (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    folded_through  INTEGER NOT NULL              -- the last assessment id in current_levels
);
INSERT INTO current_levels_state (id, folded_through) VALUES (1, 0);

CREATE TABLE targets (
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    role         TEXT    NOT NULL,
    skill        TEXT    NOT NULL,
    level        INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
    set_by       INTEGER REFERENCES members (id) ON DELETE SET NULL,
    updated_at   INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, role, skill)
);

-- An unfinished dialog (a self-assessment under way), so that a restart loses nothing.
CREATE TABLE dialogs (
    id          TEXT    PRIMARY KEY,
    member_id   INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    skill       TEXT    NOT NULL,
    state       TEXT    NOT NULL,                  -- JSON, owned by the assess layer
    matrix_hash TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL
);
CREATE INDEX dialogs_member_skill ON dialogs (member_id, skill);
CREATE INDEX dialogs_expiry ON dialogs (expires_at);

-- One row per member per week: written before the prompt is sent, so a
-- restart never sends the same week's prompt twice.
CREATE TABLE prompt_log (
    member_id  INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    week       TEXT    NOT NULL,                   -- ISO week of the member's local time, '2026-W48'
    status     TEXT    NOT NULL CHECK (status IN ('sending', 'sent', 'reminded', 'answered', 'failed')),
    reason     TEXT,                               -- why it failed
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (member_id, week)
);

CREATE TABLE audit_log (
    id           INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    actor_id     INTEGER REFERENCES members (id) ON DELETE SET NULL,
    action       TEXT    NOT NULL,                 -- 'report', 'export', ...
    detail       TEXT    NOT NULL DEFAULT '',
    created_at   INTEGER NOT NULL
);
CREATE INDEX audit_log_workspace ON audit_log (workspace_id, created_at);
