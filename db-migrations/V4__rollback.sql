-- A rollback (POST /api/v1/admin/rollback) marks the journal rows after its snapshot reverted (journal.reverted)
-- and the snapshots taken after it: recovery never starts from a reverted snapshot, the list hides them.
ALTER TABLE snapshots ADD COLUMN reverted BOOLEAN NOT NULL DEFAULT FALSE;
