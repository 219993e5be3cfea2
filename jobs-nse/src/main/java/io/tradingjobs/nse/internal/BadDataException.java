package io.tradingjobs.nse.internal;

import io.tradingjobs.core.spi.NonRetryableException;

/**
 * An exchange answered, but with something that is not the data we expect (HTML instead of CSV,
 * a changed header, an unparseable date, an empty list, a suspect file). Retrying at once does not
 * help, and nothing is stored from it: the previous good data stays.
 */
public final class BadDataException extends NonRetryableException {
    private static final long serialVersionUID = 1L;

    /**
     * @param url where the data came from
     * @param problem what was wrong with it
     */
    public BadDataException(String url, String problem) {
        super(url + ": " + problem);
    }

    private BadDataException(String message, boolean unused) {
        super(message);
    }

    /** An exception whose message already names every URL involved. */
    public static BadDataException withMessage(String message) {
        return new BadDataException(message, true);
    }

    /**
     * @param url where the data came from
     * @param problem what was wrong with it
     * @param cause the parser's error
     */
    public BadDataException(String url, String problem, Throwable cause) {
        super(url + ": " + problem, cause);
    }
}
