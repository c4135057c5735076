package io.bulwark.web.socket;

import io.bulwark.engine.EngineView;
import java.util.function.Supplier;

/**
 * One field of the {@code snapshot} a new {@code account} subscriber receives first (SPEC section 11 v2):
 * {@code account}, {@code positions}, {@code orders}. Each feature declares its part as a bean, with its
 * REST response records, ordered with {@code @Order} (the snapshot's fields follow it); {@link AccountChannel}
 * reads every part from the same engine state, so the snapshot reflects exactly one journal sequence.
 */
public interface AccountSnapshotPart {

    /** The snapshot field it fills. */
    String field();

    /**
     * Reads the account's part on the engine thread: only from {@code view}, quickly. The supplier finishes
     * it afterwards, off the engine thread (for example with fills from a read model up to
     * {@code view.lastSequence()}); it must serialize to JSON.
     */
    Supplier<Object> read(EngineView view, String accountId);
}
