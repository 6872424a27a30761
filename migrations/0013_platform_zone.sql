-- The time zone the chat platform gives a member (Slack's profile tz):
-- used when they set none of their own. NULL where the platform says none
-- (Discord, the console).
ALTER TABLE members ADD COLUMN platform_zone TEXT;
