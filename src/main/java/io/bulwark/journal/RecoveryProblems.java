package io.bulwark.journal;

import java.util.ArrayList;
import java.util.List;

/**
 * What a recovery found wrong, from the reading and the replaying thread at once; the first {@link #MAX}
 * are kept (one damaged stretch of journal can otherwise repeat the same finding for every row after it).
 */
final class RecoveryProblems {
    static final int MAX = 20;

    private final List<String> problems = new ArrayList<>();

    synchronized void note(String problem) {
        if (problems.size() < MAX) {
            problems.add(problem);
        }
    }

    synchronized boolean none() {
        return problems.isEmpty();
    }

    synchronized int count() {
        return problems.size();
    }

    synchronized String joined() {
        return String.join("; ", problems);
    }
}
