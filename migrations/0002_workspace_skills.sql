-- Skills imported from chat with /matrix import: they belong to one workspace
-- alone. The TOML text is the same canonical form as data/matrix/*.toml.
CREATE TABLE workspace_skills (
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    slug         TEXT    NOT NULL,
    toml         TEXT    NOT NULL,
    imported_by  INTEGER REFERENCES members (id) ON DELETE SET NULL,
    updated_at   INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, slug)
);
