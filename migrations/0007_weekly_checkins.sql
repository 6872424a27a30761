-- Weekly check-ins. prompt_log, never written by any version, gives way to
-- checkins: one row per member and ISO week, claimed before the message is
-- sent, so that a restart, a second process or a clock that jumps back can
-- never send a week's check-in twice.
DROP TABLE prompt_log;

CREATE TABLE checkins (
    member_id   INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    week        TEXT    NOT NULL,                  -- ISO week on the member's calendar, '2026-W14'
    due_at      INTEGER NOT NULL,                  -- when it fell due, from the member's local time
    -- What became of the message: being sent (claimed), sent, queued for
    -- the console, refused by the member's settings, failed after retries.
    status      TEXT    NOT NULL CHECK (status IN ('sending', 'sent', 'queued', 'refused', 'failed')),
    reason      TEXT,
    sent_at     INTEGER,
    reminder    TEXT    CHECK (reminder IN ('sending', 'sent', 'queued', 'refused', 'failed')),
    reminded_at INTEGER,
    -- How the member answered: checked in, no change, snoozed, stopped.
    answer      TEXT    CHECK (answer IN ('checked_in', 'no_change', 'snoozed', 'stopped')),
    answered_at INTEGER,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    PRIMARY KEY (member_id, week)
);
-- Check-ins waiting for a reminder: sent, unanswered, not reminded.
CREATE INDEX checkins_unanswered ON checkins (sent_at)
    WHERE answer IS NULL AND reminder IS NULL AND status IN ('sent', 'queued');
CREATE INDEX checkins_week ON checkins (week, member_id);

-- Members whose next check-in time was never worked out (new members).
CREATE INDEX members_unplanned ON members (id)
    WHERE next_prompt_at IS NULL AND weekly_opt_in = 1;

-- A lead's digest of one week: pending from the week's first check-in,
-- claimed before it is posted. Its text is made again from the check-ins
-- whenever it is shown, so a member who deletes their data leaves none
-- behind in it.
CREATE TABLE digests (
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    week         TEXT    NOT NULL,
    status       TEXT    NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'queued', 'refused', 'failed')),
    reason       TEXT,
    created_at   INTEGER NOT NULL,                  -- made pending; then claimed
    PRIMARY KEY (workspace_id, week)
);
CREATE INDEX digests_pending ON digests (workspace_id) WHERE status = 'pending';

-- Messages for members of the console, shown the next time they open it.
CREATE TABLE outbox (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    member_id  INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    message    TEXT    NOT NULL,                   -- JSON, owned by the app
    created_at INTEGER NOT NULL,
    shown_at   INTEGER
);
CREATE INDEX outbox_waiting ON outbox (member_id) WHERE shown_at IS NULL;

ALTER TABLE workspaces ADD COLUMN checkins_paused INTEGER NOT NULL DEFAULT 0
    CHECK (checkins_paused IN (0, 1));
ALTER TABLE workspaces ADD COLUMN reminder_hours INTEGER NOT NULL DEFAULT 24
    CHECK (reminder_hours BETWEEN 1 AND 168);
-- The digest channel's name when it was set, to show the setting back.
ALTER TABLE workspaces ADD COLUMN digest_channel_name TEXT;
-- The skills the check-in asks about, a JSON list of slugs; NULL: each
-- member's rated skills, else their role's.
ALTER TABLE workspaces ADD COLUMN checkin_skills TEXT;
