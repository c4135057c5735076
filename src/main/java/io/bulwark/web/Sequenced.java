package io.bulwark.web;

import org.springframework.http.ResponseEntity;

/**
 * A read of the caller's own state and the last committed journal sequence it reflects, sent as the
 * {@code Bulwark-Sequence} header (SPEC section 10 v2): a client that follows the account channel can tell
 * which of its messages the answer already contains.
 *
 * @param sequence the engine's sequence for an answer from the engine; for one from a read model, a sequence
 *     the read model had certainly reached when it was read
 */
public record Sequenced<T>(T body, long sequence) {
    public static final String HEADER = "Bulwark-Sequence";

    /** 200 with the body and the header. */
    public ResponseEntity<T> response() {
        return ResponseEntity.ok().header(HEADER, Long.toString(sequence)).body(body);
    }
}
