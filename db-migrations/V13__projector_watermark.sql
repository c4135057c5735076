-- Read models are projected off the commit path (journal.Projector): the projector writes the read-model rows
-- of the commands after `sequence` and advances `sequence` in one transaction, so it never loses or repeats a
-- command. Up to this migration every read model was written inside the journal transaction, so they already
-- hold every journal row.
CREATE TABLE projector_watermark (
    id INT PRIMARY KEY CHECK (id = 1),
    sequence BIGINT NOT NULL
);
INSERT INTO projector_watermark (id, sequence) SELECT 1, COALESCE(MAX(sequence), 0) FROM journal;
