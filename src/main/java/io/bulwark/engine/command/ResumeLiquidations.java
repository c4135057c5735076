package io.bulwark.engine.command;

/**
 * An admin resumes liquidations and triggers after the circuit breaker tripped: in {@code market}, or in
 * every paused market when it is null (as in every row written before the breaker was per market).
 */
public record ResumeLiquidations(String actor, String market) implements Command {

    /** Resumes every paused market. */
    public ResumeLiquidations(String actor) {
        this(actor, null);
    }
}
