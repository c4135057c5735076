package io.bulwark.oracle;

import io.bulwark.engine.oracle.SourceState;
import java.util.List;

/**
 * An oracle source's state change at {@code sequence}, and the markets whose index it recomputed (a
 * quarantined source that counted toward an index; none for ACTIVE).
 */
record SourceStateResponse(
        String source,
        SourceState from,
        SourceState to,
        String reason,
        String actor,
        long sequence,
        List<ReanchorResponse> recomputed) {}
