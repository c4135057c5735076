package io.bulwark.recovery;

import java.util.List;

/** Every integrity check at one engine sequence (SPEC section 9); {@code ok} only when all pass. */
public record IntegrityReport(boolean ok, long sequence, List<Check> checks) {

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
