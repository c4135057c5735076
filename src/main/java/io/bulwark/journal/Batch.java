package io.bulwark.journal;

import io.bulwark.engine.PublicView;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What the engine thread produced from one drain of its inbox: journal entries, the replies to give, in
 * submission order, once those entries are durable, and the public view as of the batch's last entry
 * (empty when nothing applied), to publish once they are durable.
 */
record Batch(List<JournalEntry> entries, List<Reply> replies, Optional<PublicView> view) {

    record Reply(CompletableFuture<Object> future, Object value) {}
}
