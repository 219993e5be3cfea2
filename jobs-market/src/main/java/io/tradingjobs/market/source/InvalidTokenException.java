package io.tradingjobs.market.source;

/**
 * The source refused the access token (Upstox answers 401 with {@code UDAPI100050}). Every
 * further request would fail the same way, so the run stops at once and is not retried.
 */
public class InvalidTokenException extends MarketDataException {
    private static final long serialVersionUID = 1L;

    /** See {@link MarketDataException#MarketDataException}. */
    public InvalidTokenException(String instrument, String url, int status, String errorCode, String problem) {
        super(instrument, url, status, errorCode, problem, false, null);
    }
}
