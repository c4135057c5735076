-- Periodic snapshots are made off the engine thread: the journal records each one's state hash in a later
-- RecordSnapshot row ({"snapshotSequence": N, ...}). Recovery (StartingSnapshot) and retention
-- (SnapshotRetention) look those rows up by N; this partial index keeps that a lookup, not a journal scan.
CREATE INDEX journal_recorded_snapshots ON journal (((command ->> 'snapshotSequence')::bigint))
    WHERE command_type = 'RecordSnapshot';
