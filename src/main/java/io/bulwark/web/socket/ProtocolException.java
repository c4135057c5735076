package io.bulwark.web.socket;

/** A client request the server answers with an {@code error} message; the session stays open. */
final class ProtocolException extends RuntimeException {
    private final ErrorCode code;

    ProtocolException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    ErrorCode code() {
        return code;
    }
}
