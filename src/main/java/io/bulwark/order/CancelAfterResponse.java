package io.bulwark.order;

import java.time.Instant;
import java.util.OptionalLong;

/**
 * The caller's dead man's switch: when its live orders will be cancelled (engine time), or null for both
 * fields when it is not armed.
 */
record CancelAfterResponse(Instant deadline, Long deadlineEpochMillis) {
    static CancelAfterResponse of(OptionalLong deadline) {
        return deadline.isPresent()
                ? new CancelAfterResponse(Instant.ofEpochMilli(deadline.getAsLong()), deadline.getAsLong())
                : new CancelAfterResponse(null, null);
    }
}
