package io.bulwark.recovery;

import java.util.List;

/** Every integrity check at one engine sequence (SPEC section 9); {@code ok} only when all pass. */
record IntegrityReport(boolean ok, long sequence, List<Check> checks) {

    record Check(String name, boolean ok, String detail) {}
}
