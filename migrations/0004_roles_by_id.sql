-- The lead role is kept by the platform's id. Discord's came in mention form
-- ("<@&123>"), which is how Discord shows a role, not what it is: the front
-- end now makes the mention, and the database keeps the id alone.
UPDATE workspaces
SET lead_role = substr(lead_role, 4, length(lead_role) - 4)
WHERE lead_role LIKE '<@&%>';
