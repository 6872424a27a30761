-- A member's history is read a page at a time, newest first, across skills:
-- this index serves it without sorting the whole history.
CREATE INDEX assessments_member_time ON assessments (member_id, created_at, id);

-- The lead role's name as the platform called it when it was set, to show
-- the setting back (the id stays what is compared).
ALTER TABLE workspaces ADD COLUMN lead_role_name TEXT;
