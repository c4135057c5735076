package io.bulwark.web.socket;

/**
 * A market's current state for a new subscriber, as of one journal sequence.
 *
 * @param journalSequence the sequence of the public view it was read from ({@code PublicView.sequence()}):
 *     updates published with a journal sequence up to this one are already in the snapshot
 * @param timestamp the engine time of that sequence, epoch milliseconds ({@code PublicView.clock()})
 * @param payload what the snapshot says; it must serialize to a JSON object
 */
public record MarketSnapshot(long journalSequence, long timestamp, Object payload) {}
