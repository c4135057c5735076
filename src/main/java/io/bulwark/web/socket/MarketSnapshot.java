package io.bulwark.web.socket;

/**
 * A market's current state for a new subscriber, as of one journal sequence.
 *
 * @param journalSequence the engine's last sequence when it was read ({@code EngineView.lastSequence()}):
 *     updates published with a journal sequence up to this one are already in the snapshot
 * @param timestamp the engine time of that sequence, epoch milliseconds ({@code EngineView.clock()})
 * @param payload what the snapshot says; it must serialize to a JSON object
 */
public record MarketSnapshot(long journalSequence, long timestamp, Object payload) {}
