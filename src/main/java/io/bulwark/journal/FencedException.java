package io.bulwark.journal;

/** Another instance took the writer lease: this one must not write anything more. */
public class FencedException extends RuntimeException {
    public FencedException(String message) {
        super(message);
    }
}
