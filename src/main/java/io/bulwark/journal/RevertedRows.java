package io.bulwark.journal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Checks, in journal order during a replay, that every row marked reverted was reverted by a journaled
 * {@code RollBack} (SPEC section 9, v2). The {@code reverted} flag is not in the hash chain, so setting it by
 * hand must not hide a row, nor launder an edit: a rollback at sequence R to a snapshot at S reverts exactly
 * the rows in (S, R), so a reverted row is backed only by a later RollBack row whose chain holds and whose
 * snapshot precedes it, and no row in (S, R) may stand. An altered row that is backed becomes {@link
 * TamperEvidence}; one that is not stays a problem. Uncovered rows are kept as runs, not one by one, so a
 * rollback over a million rows costs a few objects. Used by the replay thread only.
 */
final class RevertedRows {
    private record Run(long first, long last) {}

    /** A reverted row that does not match its hash chain (or cannot be read), not yet backed by a rollback. */
    private record Altered(long sequence, String problem, String storedHash, String recomputedHash) {}

    private final ArrayDeque<Run> uncovered = new ArrayDeque<>();
    private final List<Altered> altered = new ArrayList<>();
    private final List<TamperEvidence> evidence = new ArrayList<>();
    private long lastStanding;
    private boolean inRun;

    /** A row that is not reverted (replayed). */
    void standing(long sequence) {
        lastStanding = sequence;
        inRun = false;
    }

    /** A reverted row. */
    void reverted(long sequence) {
        if (inRun && !uncovered.isEmpty()) {
            uncovered.addLast(new Run(uncovered.removeLast().first(), sequence));
        } else {
            uncovered.addLast(new Run(sequence, sequence));
        }
        inRun = true;
    }

    /** A reverted row altered after it was written: evidence once a rollback backs it, else {@code problem}. */
    void altered(long sequence, String problem, String storedHash, String recomputedHash) {
        altered.add(new Altered(sequence, problem, storedHash, recomputedHash));
    }

    /**
     * A RollBack row at {@code sequence} (reverted or not, its chain verified) to the snapshot at {@code
     * snapshotSequence}: it backs the reverted rows after that snapshot. Call it before {@link #standing} or
     * {@link #reverted} for the RollBack row itself, whose own revert only a later rollback can back.
     */
    void rolledBack(long sequence, long snapshotSequence, Consumer<String> problems) {
        if (lastStanding > snapshotSequence) {
            problems.accept("journal row " + lastStanding + " is not marked reverted although the rollback at "
                    + sequence + " reverted every row after " + snapshotSequence);
        }
        while (!uncovered.isEmpty() && uncovered.peekLast().last() > snapshotSequence) {
            Run run = uncovered.removeLast();
            if (run.first() <= snapshotSequence) {
                uncovered.addLast(new Run(run.first(), snapshotSequence));
                break;
            }
        }
        for (Iterator<Altered> it = altered.iterator(); it.hasNext(); ) {
            Altered a = it.next();
            if (a.sequence() > snapshotSequence) {
                evidence.add(new TamperEvidence(
                        a.sequence(),
                        sequence,
                        a.storedHash(),
                        a.recomputedHash(),
                        a.problem() + "; reverted by the rollback at " + sequence + ", kept as found"));
                it.remove();
            }
        }
        inRun = false;
    }

    /** Reports what no rollback backed. */
    void finish(Consumer<String> problems) {
        altered.forEach(a -> problems.accept(a.problem()));
        for (Run run : uncovered) {
            String rows = run.first() == run.last() ? "row " + run.first() : "rows " + run.first() + ".." + run.last();
            problems.accept("journal " + rows + " marked reverted, but no journaled rollback reverted them");
        }
    }

    List<TamperEvidence> evidence() {
        return List.copyOf(evidence);
    }
}
