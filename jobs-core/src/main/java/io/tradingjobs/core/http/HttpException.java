package io.tradingjobs.core.http;

import io.tradingjobs.core.internal.http.Secrets;

import java.io.IOException;
import java.util.Optional;

/**
 * A request to an outside service that failed: an error status, an I/O error once retries were
 * used up, a body over the size cap, a body that is not the expected JSON, or an interruption.
 *
 * <p>The message names the method, the URL with secret query values masked ({@code token=****}),
 * the status and what went wrong, then a short snippet of the body when there was one, for
 * example {@code GET https://api.upstox.com/v2/user/profile failed: HTTP 401 Unauthorized, not
 * retried (the access token is missing, invalid or expired); body: {"status":"error",...}}.
 * It never contains a bearer token.
 */
public class HttpException extends IOException {
    private static final long serialVersionUID = 1L;

    /** The status of failures that had no HTTP answer (I/O errors, interruptions). */
    public static final int NO_STATUS = -1;

    private final String method;
    private final String url;
    private final int status;
    private final String bodySnippet;

    /**
     * Creates the exception; the URL is masked here, so callers may pass it as sent.
     *
     * @param method the request method, such as {@code GET}
     * @param url the request URL; secret query values and user info are masked
     * @param status the HTTP status, or {@link #NO_STATUS} when there was no answer
     * @param problem what went wrong, such as {@code HTTP 503 Service Unavailable after 4 attempts}
     * @param bodySnippet a short, already cleaned excerpt of the body, or {@code null}
     * @param cause the underlying exception, or {@code null}
     */
    public HttpException(String method, String url, int status, String problem, String bodySnippet, Throwable cause) {
        super(method + " " + Secrets.maskUrl(url) + " failed: " + problem
                + (bodySnippet == null || bodySnippet.isEmpty() ? "" : "; body: " + bodySnippet), cause);
        this.method = method;
        this.url = Secrets.maskUrl(url);
        this.status = status;
        this.bodySnippet = bodySnippet == null || bodySnippet.isEmpty() ? null : bodySnippet;
    }

    /** The request method, such as {@code GET}. */
    public String method() {
        return method;
    }

    /** The request URL with secret query values masked. */
    public String url() {
        return url;
    }

    /** The HTTP status of the final answer, or {@link #NO_STATUS} ({@code -1}) when there was none. */
    public int status() {
        return status;
    }

    /** A short excerpt of the response body (secrets masked), or empty when there was no body. */
    public Optional<String> bodySnippet() {
        return Optional.ofNullable(bodySnippet);
    }

    /** Whether the calling thread was interrupted (a job time-out or cancellation). */
    public boolean isInterruption() {
        return getCause() instanceof InterruptedException;
    }
}
