-- A track's latest rating in a skill (a member's own, or a lead's) is read
-- on every /history page, /assess and check-in. Without the track in an
-- index, finding that a member has no lead rating in a skill meant reading
-- their whole history of it; with it, each read is one seek.
CREATE INDEX assessments_track ON assessments (member_id, skill, source = 'lead', created_at);

-- Check-in claims whose sending was cut short, looked for by every pass of
-- the scheduler: found through these instead of a scan of all check-ins.
CREATE INDEX checkins_sending ON checkins (updated_at) WHERE status = 'sending';
CREATE INDEX checkins_reminding ON checkins (updated_at) WHERE reminder = 'sending';
