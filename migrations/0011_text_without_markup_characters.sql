-- The characters U+E000 to U+E002 delimit the app's markup references (a
-- role, a channel, a time). Typed text never kept them, but skills
-- imported from uploaded files did, and so may names and notes written by
-- older versions: a skill name could render as a role mention. Every text
-- that came from outside is cleaned once here; new text is cleaned as it
-- comes in.
UPDATE workspaces SET
    name = replace(replace(replace(name, char(57344), ''), char(57345), ''), char(57346), ''),
    lead_role_name = replace(replace(replace(lead_role_name, char(57344), ''), char(57345), ''), char(57346), ''),
    digest_channel_name = replace(replace(replace(digest_channel_name, char(57344), ''), char(57345), ''), char(57346), '')
WHERE (instr(name, char(57344)) OR instr(name, char(57345)) OR instr(name, char(57346)))
   OR (instr(lead_role_name, char(57344)) OR instr(lead_role_name, char(57345)) OR instr(lead_role_name, char(57346)))
   OR (instr(digest_channel_name, char(57344)) OR instr(digest_channel_name, char(57345)) OR instr(digest_channel_name, char(57346)));

UPDATE members SET
    display_name = replace(replace(replace(display_name, char(57344), ''), char(57345), ''), char(57346), '')
WHERE (instr(display_name, char(57344)) OR instr(display_name, char(57345)) OR instr(display_name, char(57346)));

UPDATE assessments SET
    note = replace(replace(replace(note, char(57344), ''), char(57345), ''), char(57346), '')
WHERE (instr(note, char(57344)) OR instr(note, char(57345)) OR instr(note, char(57346)));

UPDATE workspace_skills SET
    toml = replace(replace(replace(toml, char(57344), ''), char(57345), ''), char(57346), '')
WHERE (instr(toml, char(57344)) OR instr(toml, char(57345)) OR instr(toml, char(57346)));
