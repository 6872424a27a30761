-- A dialog step refreshes the dialog's expiry, which rewrote a page of this
-- index on every button press. The table holds only unfinished dialogs, so
-- the purge of expired ones (once a minute) scans it instead.
DROP INDEX dialogs_expiry;
