-- Every button carries the step of its dialog it was drawn for: a press
-- from an older message (the answer to the last press was lost in a crash)
-- shows the current step again and acts on nothing.
ALTER TABLE dialogs ADD COLUMN step INTEGER NOT NULL DEFAULT 0;

-- A saved assessment's dialog stays (until it expires) as the record of
-- the save: pressing Save again confirms it instead of failing, and a new
-- /assess of the skill mentions it.
ALTER TABLE dialogs ADD COLUMN saved_at INTEGER;
ALTER TABLE dialogs ADD COLUMN saved_assessment INTEGER;
