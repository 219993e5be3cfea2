package io.tradingjobs.market.source;

import java.io.IOException;
import java.util.Optional;

/**
 * A fetch from a market data source failed for one instrument: an error answer (with the source's
 * error code and message, e.g. Upstox {@code UDAPI100050}), malformed or truncated JSON, an HTML
 * page instead of JSON, or a bar that breaks the OHLC rules. The message names the instrument and
 * the URL (never a token).
 */
public class MarketDataException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String instrument;
    private final String url;
    private final String errorCode;
    private final int status;
    private final boolean transientFailure;

    /**
     * @param instrument the instrument (or underlying, or {@code board}) being fetched
     * @param url the request URL, secrets masked
     * @param status the HTTP status, or -1
     * @param errorCode the source's error code, or {@code null}
     * @param problem what went wrong
     * @param transientFailure whether trying again later may succeed (5xx, I/O, rate limit)
     * @param cause the cause, or {@code null}
     */
    public MarketDataException(String instrument, String url, int status, String errorCode, String problem, boolean transientFailure,
                               Throwable cause) {
        super(instrument + ": " + problem + (errorCode == null ? "" : " [" + errorCode + "]") + " (" + url + ")", cause);
        this.instrument = instrument;
        this.url = url;
        this.status = status;
        this.errorCode = errorCode;
        this.transientFailure = transientFailure;
    }

    /** The instrument the fetch was for. */
    public String instrument() {
        return instrument;
    }

    /** The URL, secrets masked. */
    public String url() {
        return url;
    }

    /** The HTTP status, or -1 when there was no answer. */
    public int status() {
        return status;
    }

    /** The source's error code, such as {@code UDAPI100050}. */
    public Optional<String> errorCode() {
        return Optional.ofNullable(errorCode);
    }

    /** Whether a later attempt may succeed (a server error, an I/O error, a rate limit). */
    public boolean isTransient() {
        return transientFailure;
    }
}
