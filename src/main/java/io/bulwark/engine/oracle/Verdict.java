package io.bulwark.engine.oracle;

import java.util.Optional;

/** What became of one offered price update; {@code reanchored}: it was accepted by re-anchoring the index. */
public record Verdict(Optional<PriceRejection> refusal, boolean reanchored) {
    static final Verdict ACCEPTED = new Verdict(Optional.empty(), false);
    static final Verdict REANCHORED = new Verdict(Optional.empty(), true);

    static Verdict refused(PriceRejection reason) {
        return new Verdict(Optional.of(reason), false);
    }
}
