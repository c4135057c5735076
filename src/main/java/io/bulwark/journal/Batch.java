package io.bulwark.journal;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What the engine thread produced from one drain of its inbox: journal entries, and the replies to
 * give, in submission order, once those entries are durable.
 */
record Batch(List<JournalEntry> entries, List<Reply> replies) {

    record Reply(CompletableFuture<Object> future, Object value) {}
}
