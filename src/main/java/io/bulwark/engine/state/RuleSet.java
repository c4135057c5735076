package io.bulwark.engine.state;

/**
 * Which version of the trading rules the engine applies. Version 2 (SPEC v2) added the worst-case
 * margin of an account's own orders, no trading on a price that was never healthy, no withdrawing of
 * gains at unhealthy prices, and the oracle's windowed jump limit, re-anchoring by agreement and
 * diverging sources unhealthy. Version 3 keeps oracle prices and the index canonical (no trailing zeros,
 * as a snapshot stores them): the mark's rounding follows the index's scale, so under version 2 a source
 * padding its prices ("109.240") gave a mark a digit finer than an engine restored from a snapshot gave,
 * and the two could differ in the last digit. A journal written by an older build replays under the
 * rules it was written with, so its commands give the events they gave then: every writer term
 * starts with a journaled StartEngine naming its rules, and rows before the first one that names
 * version 2 (an older build's) replay under version 1. A new engine, and every term of this build,
 * applies {@link #CURRENT}. Engine state: kept in snapshots (format 3; older formats were written
 * by older builds, so they restore version 1).
 */
public final class RuleSet {
    public static final int CURRENT = 3;

    private int version;

    public RuleSet(int version) {
        this.version = version;
    }

    public int version() {
        return version;
    }

    /** SPEC v2's rules against adversaries apply. */
    public boolean v2() {
        return version >= 2;
    }

    /** Oracle prices and the index are kept canonical (version 3); before, they kept their sources' padding. */
    public boolean canonicalPrices() {
        return version >= 3;
    }

    /** A StartEngine row: {@code null} in rows of builds before rule versions, which applied version 1. */
    public void use(Integer version) {
        this.version = version == null ? 1 : version;
    }
}
