package io.tradingjobs.core.http;

import io.tradingjobs.core.config.Config;
import io.tradingjobs.core.internal.http.ApacheHttp;

import java.time.Duration;
import java.util.Map;

/**
 * The shared HTTP client through which jobs reach outside services.
 *
 * <p>One instance per scheduler, injected into jobs; it is thread-safe, and requests built on it
 * share one connection pool, one cookie store and the per-host rate limits. Every request gets
 * the connect and response time-outs, retries with exponential backoff and jitter on 429, 500,
 * 502, 503, 504 and I/O errors (honouring {@code Retry-After}; for POST and PATCH only where the
 * server surely did not act, see {@link Request#idempotent}), a response size cap, gzip/deflate
 * decoding and a browser-like {@code User-Agent}; see
 * {@link io.tradingjobs.core.internal.http.HttpSettings} for the {@code http.*} settings.
 * Other 4xx answers are never retried: a 401 or 403 fails at once.
 *
 * <p>Interrupting the calling thread (a job's time-out or cancellation) aborts a rate-limit wait,
 * a retry delay or an exchange in flight promptly; {@code send} then throws an
 * {@link HttpException} caused by an {@link InterruptedException} and the thread stays interrupted.
 *
 * <p>The owner (the scheduler) closes it; jobs must not.
 */
public interface Http extends AutoCloseable {

    /**
     * Creates the standard implementation, configured by the {@code http.*} keys of {@code config}.
     * The caller owns the result and must {@link #close()} it.
     *
     * @throws io.tradingjobs.core.config.ConfigException listing every invalid {@code http.*} setting
     */
    static Http create(Config config) {
        return new ApacheHttp(config);
    }

    /** A GET request for an absolute {@code http} or {@code https} URL (which may carry a query). */
    Request get(String url);

    /** A POST request for an absolute {@code http} or {@code https} URL. */
    Request post(String url);

    /**
     * A request with any method ({@code PUT}, {@code DELETE}, {@code HEAD}...).
     *
     * @throws IllegalArgumentException when the URL is not an absolute http(s) URL; the message
     *     shows the URL with secrets masked
     */
    Request request(String method, String url);

    /**
     * Limits the requests sent to {@code host} (a host name such as {@code api.upstox.com},
     * any port) to all of {@code limits} at once, replacing the limits set for it before (also
     * those from {@code http.rate-limit.<host>}). With no limits, the host is no longer limited.
     * Each attempt, retries included, takes a permit; callers block, interruptibly, until one is
     * free. Requests are spaced evenly at the fastest of the rates (for Upstox's 50/s, 500/min
     * and 2000/30min: one every 20 ms) and no window ever holds more than its permits (never 501
     * requests in any minute for 500/min), so short bursts run at full speed until a longer
     * window is used up.
     */
    void rateLimit(String host, RateLimit... limits);

    /**
     * The unexpired cookies that would be sent to {@code host}, by name; empty when there are none.
     * NSE answers 401/403 until a session cookie has been primed by fetching its home page.
     */
    Map<String, String> cookies(String host);

    /** Forgets every cookie that would be sent to {@code host}, to start a fresh session. */
    void clearCookies(String host);

    /**
     * Closes the connection pool and stops background threads. Requests sent afterwards fail with
     * {@link IllegalStateException}. Idempotent.
     */
    @Override
    void close();

    /**
     * One request being built. Not thread-safe: build and send it on one thread. It may be sent
     * more than once; each {@code send} is a fresh exchange (with its own retries).
     */
    interface Request {

        /**
         * Appends a query parameter, percent-encoding name and value ({@code NSE_EQ|INE002A01018}
         * is sent as {@code NSE_EQ%7CINE002A01018}, a space as {@code %20}). Repeating a name
         * sends it several times.
         */
        Request query(String name, String value);

        /** Sets a header, replacing an earlier value of the same name (case-insensitive). */
        Request header(String name, String value);

        /**
         * Sends {@code Authorization: Bearer <token>}. The token is never logged and never
         * appears in exception messages, body snippets or {@code toString()}.
         */
        Request bearerToken(String token);

        /** Sends {@code body} with the given {@code Content-Type}. */
        Request body(String contentType, byte[] body);

        /**
         * Sends {@code value} serialized by Jackson as {@code application/json} (java.time
         * values as ISO-8601 text).
         *
         * @throws IllegalArgumentException when Jackson cannot serialize {@code value}
         */
        Request json(Object value);

        /** Sends the fields as {@code application/x-www-form-urlencoded} (UTF-8), in map order. */
        Request form(Map<String, String> fields);

        /**
         * Overrides {@code http.timeout.response} for this request: the longest wait for the
         * response to start, and for each further piece of its body, per attempt.
         */
        Request timeout(Duration responseTimeout);

        /**
         * Overrides {@code http.retry.max-attempts} for this request: the number of attempts in
         * all, {@code 1} for no retry (use it for requests that must not be repeated, such as
         * placing an order).
         *
         * @throws IllegalArgumentException when {@code maxAttempts} is below 1
         */
        Request retries(int maxAttempts);

        /**
         * Declares whether repeating this request is harmless. GET, HEAD, PUT, DELETE, OPTIONS
         * and TRACE are idempotent by default; POST and PATCH are not, and are retried only when
         * the server surely did not act on them: on 429, on 503 and when no connection could be
         * made. Call {@code idempotent(true)} for a POST that only reads (a search form),
         * {@code idempotent(false)} to protect a GET with side effects.
         */
        Request idempotent(boolean idempotent);

        /**
         * Sends the request, retrying as configured, and returns a 2xx response (or a 3xx that
         * was not followed).
         *
         * @throws HttpException when the final answer is 4xx or 5xx (with its status and a body
         *     snippet), on I/O errors once retries are used up ({@code status() == -1}), when the
         *     body is over the size cap, or when the thread is interrupted
         */
        HttpResponse send() throws HttpException;

        /**
         * Like {@link #send()} but returns 4xx and 5xx responses instead of throwing (after the
         * same retries on 429 and 5xx), for APIs whose error bodies carry the details.
         *
         * @throws HttpException on I/O errors once retries are used up, when the body is over the
         *     size cap, or when the thread is interrupted
         */
        HttpResponse sendAllowingErrors() throws HttpException;
    }
}
