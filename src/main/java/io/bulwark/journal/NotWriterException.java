package io.bulwark.journal;

/** This instance is a standby: another instance holds the writer lease. */
public class NotWriterException extends RuntimeException {
    public NotWriterException() {
        super("this instance is a standby; another instance is the writer");
    }
}
