-- How long after its time a check-in that no pass sent (the bot was down,
-- cron ran late) is still sent, even once its week has ended: a schedule
-- late on Sunday would otherwise lose the week to a pass a minute late.
-- Minutes, 0 to 48 hours; 6 hours unless a lead sets it (/checkin grace).
ALTER TABLE workspaces ADD COLUMN checkin_grace_minutes INTEGER NOT NULL DEFAULT 360
    CHECK (checkin_grace_minutes BETWEEN 0 AND 2880);
