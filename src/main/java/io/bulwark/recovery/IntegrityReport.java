package io.bulwark.recovery;

import io.bulwark.journal.TamperEvidence;
import java.util.List;

/**
 * Every integrity check at one engine sequence (SPEC section 9); {@code ok} only when all pass. {@code evidence}
 * lists journal rows altered after they were written that a journaled rollback reverted: reported, not failing
 * (SPEC section 9, v2: rollback repairs tampering).
 */
public record IntegrityReport(boolean ok, long sequence, List<Check> checks, List<TamperEvidence> evidence) {

    public record Check(String name, boolean ok, String detail) {}

    /** The failing checks, {@code name: detail} each, joined for a reason or a log line. */
    public String failures() {
        return String.join(
                "; ",
                checks.stream()
                        .filter(c -> !c.ok())
                        .map(c -> c.name() + ": " + c.detail())
                        .toList());
    }
}
