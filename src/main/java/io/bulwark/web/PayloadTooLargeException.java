package io.bulwark.web;

import java.io.IOException;

/** A request body grew past the limit while it was being read (a chunked body has no Content-Length). */
final class PayloadTooLargeException extends IOException {
    PayloadTooLargeException() {
        super(BodySizeLimitFilter.TOO_LARGE);
    }
}
