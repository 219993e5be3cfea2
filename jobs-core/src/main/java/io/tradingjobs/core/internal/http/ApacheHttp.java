package io.tradingjobs.core.internal.http;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.failsafe.event.ExecutionScheduledEvent;
import io.tradingjobs.core.config.Config;
import io.tradingjobs.core.http.Http;
import io.tradingjobs.core.http.HttpException;
import io.tradingjobs.core.http.HttpResponse;
import io.tradingjobs.core.http.RateLimit;
import org.apache.hc.client5.http.ClientProtocolException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.cookie.BasicCookieStore;
import org.apache.hc.client5.http.cookie.Cookie;
import org.apache.hc.client5.http.cookie.StandardCookieSpec;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.cookie.BasicClientCookie;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.impl.EnglishReasonPhraseCatalog;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@link Http} implementation over Apache HttpClient 5 (classic, blocking I/O on the caller's
 * thread) with Failsafe retries. Settings are the {@code http.*} keys documented on
 * {@link HttpSettings}:
 * <ul>
 *   <li>{@code http.timeout.connect} (10s), {@code http.timeout.response} (30s);</li>
 *   <li>{@code http.retry.max-attempts} (4), {@code http.retry.base-delay} (500ms),
 *       {@code http.retry.max-delay} (60s);</li>
 *   <li>{@code http.max-body-bytes} (64MiB), {@code http.user-agent} (a desktop Chrome's),
 *       {@code http.max-connections} (20);</li>
 *   <li>{@code http.rate-limit.<host>}, e.g. {@code http.rate-limit.api.upstox.com=50/s,500/min,2000/30min}.</li>
 * </ul>
 *
 * <p>Retried: 429, 500, 502, 503, 504 and I/O errors (refused, reset, time-outs, a connection
 * closed without an answer), except TLS certificate failures and protocol errors. Requests that
 * are not idempotent (POST, PATCH, unless declared otherwise) are retried only on 429, 503 and
 * failures to connect, where the server cannot have acted on them. The delay is
 * the server's {@code Retry-After} (seconds or HTTP-date, capped at the max delay) or else
 * exponential backoff with jitter. Each retry is logged at DEBUG; the first occurrence of each
 * kind of problem per host is logged once at WARN.
 *
 * <p>Owns one connection pool, a cookie store, an idle-connection evictor thread and a daemon
 * thread that aborts exchanges of interrupted callers; {@link #close()} releases them.
 */
public final class ApacheHttp implements Http {
    private static final Logger log = LoggerFactory.getLogger(ApacheHttp.class);

    /** The statuses that are retried. */
    public static final Set<Integer> RETRIED_STATUSES = Set.of(429, 500, 502, 503, 504);
    /** The statuses that are retried for POST and PATCH: the server did not act on the request. */
    public static final Set<Integer> RETRIED_STATUSES_NOT_IDEMPOTENT = Set.of(429, 503);

    private final HttpSettings settings;
    private final RetryDelays delays;
    private final BasicCookieStore cookieStore = new BasicCookieStore();
    private final RequestConfig defaultRequestConfig;
    private final CloseableHttpClient client;
    private final InterruptWatchdog watchdog;
    private final Map<String, HostRateLimiter> limiters = new ConcurrentHashMap<>();
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * Creates the client from the {@code http.*} settings.
     *
     * @throws io.tradingjobs.core.config.ConfigException listing every invalid setting
     */
    public ApacheHttp(Config config) {
        this(config, Clock.systemUTC());
    }

    /**
     * Creates the client; {@code clock} is what {@code Retry-After} dates are measured against.
     *
     * @throws io.tradingjobs.core.config.ConfigException listing every invalid setting
     */
    public ApacheHttp(Config config, Clock clock) {
        this.settings = HttpSettings.from(config);
        this.delays = new RetryDelays(settings.baseDelay(), settings.maxDelay(), clock);
        settings.rateLimits().forEach((host, limits) -> limiters.put(host, new HostRateLimiter(limits)));
        ConnectionConfig connectionConfig = ConnectionConfig.custom()
                .setConnectTimeout(timeout(settings.connectTimeout()))
                .setSocketTimeout(timeout(settings.responseTimeout()))
                .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                .setTimeToLive(TimeValue.ofMinutes(5))
                .build();
        this.defaultRequestConfig = RequestConfig.custom()
                .setResponseTimeout(timeout(settings.responseTimeout()))
                .setConnectionRequestTimeout(timeout(settings.responseTimeout()))
                .setCookieSpec(StandardCookieSpec.RELAXED)
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(connectionConfig)
                        .setMaxConnTotal(settings.maxConnections())
                        .setMaxConnPerRoute(settings.maxConnections())
                        .build())
                .setDefaultRequestConfig(defaultRequestConfig)
                .setDefaultCookieStore(cookieStore)
                .setUserAgent(settings.userAgent())
                .disableAutomaticRetries()
                .evictExpiredConnections()
                .evictIdleConnections(TimeValue.ofMinutes(1))
                .build();
        this.watchdog = new InterruptWatchdog("trading-jobs-http-watchdog");
        log.info("HTTP client ready: {}", settings.describe());
    }

    /** The validated settings in force. */
    public HttpSettings settings() {
        return settings;
    }

    @Override
    public Request get(String url) {
        return request("GET", url);
    }

    @Override
    public Request post(String url) {
        return request("POST", url);
    }

    @Override
    public Request request(String method, String url) {
        return new ApacheRequest(this, method, url);
    }

    @Override
    public void rateLimit(String host, RateLimit... limits) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (limits.length == 0) {
            limiters.remove(h);
        } else {
            limiters.put(h, new HostRateLimiter(List.of(limits)));
        }
    }

    @Override
    public Map<String, String> cookies(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        Instant now = Instant.now();
        Map<String, String> out = new LinkedHashMap<>();
        for (Cookie cookie : cookieStore.getCookies()) {
            if (!expired(cookie, now) && domainMatches(cookie.getDomain(), h)) {
                out.put(cookie.getName(), cookie.getValue());
            }
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    @Override
    public void clearCookies(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        for (Cookie cookie : cookieStore.getCookies()) {
            if (domainMatches(cookie.getDomain(), h) && cookie instanceof BasicClientCookie) {
                try {
                    // Adding an expired copy removes the stored cookie with the same name, domain and path.
                    BasicClientCookie expired = (BasicClientCookie) ((BasicClientCookie) cookie).clone();
                    expired.setExpiryDate(Instant.EPOCH);
                    cookieStore.addCookie(expired);
                } catch (CloneNotSupportedException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        cookieStore.clearExpired(Instant.now());
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            watchdog.close();
            client.close(CloseMode.GRACEFUL);
        }
    }

    HttpResponse send(ApacheRequest request, boolean allowErrors) throws HttpException {
        if (closed.get()) {
            throw new IllegalStateException("The HTTP client is closed; " + request.method() + " "
                    + Secrets.maskUrl(request.url()) + " was not sent");
        }
        String url = request.url();
        int maxAttempts = request.maxAttempts() > 0 ? request.maxAttempts() : settings.maxAttempts();
        int[] attempts = {0};
        HttpResponse[] last = {null};
        RetryPolicy<HttpResponse> policy = RetryPolicy.<HttpResponse>builder()
                .handleIf((response, error) -> error != null ? isRetryable(error, request.isIdempotent())
                        : (request.isIdempotent() ? RETRIED_STATUSES : RETRIED_STATUSES_NOT_IDEMPOTENT).contains(response.status()))
                .withMaxAttempts(maxAttempts)
                .withDelayFn(ctx -> delays.delay(attempts[0], last[0] == null ? null : last[0].header("Retry-After").orElse(null)))
                .onRetryScheduled(event -> logRetry(request, event, maxAttempts))
                .build();
        HttpResponse response;
        try {
            response = Failsafe.with(policy).get(() -> {
                attempts[0]++;
                last[0] = null;
                HttpResponse r = attempt(request, url);
                last[0] = r;
                return r;
            });
        } catch (FailsafeException e) {
            throw failure(request, url, e.getCause() == null ? e : e.getCause(), attempts[0]);
        }
        if (response.status() >= 400 && !allowErrors) {
            throw statusFailure(request, response, attempts[0]);
        }
        return response;
    }

    private HttpResponse attempt(ApacheRequest request, String url) throws IOException, InterruptedException {
        HostRateLimiter limiter = limiters.get(request.host());
        if (limiter != null) {
            long waited = limiter.acquire();
            if (waited > 1_000_000_000L && log.isDebugEnabled()) {
                log.debug("Waited {} ms for the {} rate limit {} before {} {}", waited / 1_000_000, request.host(),
                        limiter.limits(), request.method(), Secrets.maskUrl(url));
            }
        }
        HttpUriRequestBase exchange = request.toApache(url, defaultRequestConfig);
        HttpClientContext context = HttpClientContext.create();
        InterruptWatchdog.Watch watch = watchdog.watch(exchange);
        try {
            return client.execute(exchange, context, response -> read(request, url, exchange, response, context));
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted() && !(e instanceof HttpException)) {
                InterruptedException interrupted = new InterruptedException("interrupted during the exchange");
                interrupted.initCause(e);
                throw interrupted;
            }
            throw e;
        } finally {
            watch.close();
        }
    }

    private HttpResponse read(ApacheRequest request, String url, HttpUriRequestBase exchange,
                              ClassicHttpResponse response, HttpClientContext context) throws IOException {
        String finalUrl = url;
        if (context.getRedirectLocations() != null && context.getRedirectLocations().size() > 0) {
            List<java.net.URI> all = context.getRedirectLocations().getAll();
            finalUrl = all.get(all.size() - 1).toString();
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Header header : response.getHeaders()) {
            headers.computeIfAbsent(header.getName(), n -> new ArrayList<>()).add(header.getValue());
        }
        HttpEntity entity = response.getEntity();
        byte[] body = entity == null ? new byte[0] : readCapped(request, url, exchange, response.getCode(), entity);
        return HttpResponse.of(request.method(), finalUrl, response.getCode(), headers, body, request.secrets());
    }

    private byte[] readCapped(ApacheRequest request, String url, HttpUriRequestBase exchange, int status, HttpEntity entity)
            throws IOException {
        long cap = settings.maxBodyBytes();
        long declared = entity.getContentLength();
        if (declared > cap) {
            exchange.cancel();
            throw tooLarge(request, url, status, "its Content-Length is " + declared + " bytes");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 8192);
        InputStream in = entity.getContent();
        if (in == null) {
            return new byte[0];
        }
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) != -1) {
            total += n;
            if (total > cap) {
                // Abort the connection rather than close the stream, which would read the rest.
                exchange.cancel();
                throw tooLarge(request, url, status, "more than that arrived");
            }
            out.write(buffer, 0, n);
        }
        in.close();
        return out.toByteArray();
    }

    private HttpException tooLarge(ApacheRequest request, String url, int status, String detail) {
        return new HttpException(request.method(), url, status, "HTTP " + status + ", the response body is over the cap of "
                + settings.maxBodyBytes() + " bytes (" + HttpSettings.MAX_BODY_BYTES + "); " + detail
                + ". Raise " + HttpSettings.MAX_BODY_BYTES + " if such bodies are expected", null, null);
    }

    private static boolean isRetryable(Throwable error, boolean idempotent) {
        if (error instanceof HttpException || error instanceof InterruptedException || Thread.currentThread().isInterrupted()) {
            return false;
        }
        if (error instanceof SSLHandshakeException || error instanceof SSLPeerUnverifiedException
                || error instanceof ClientProtocolException) {
            return false;
        }
        if (!idempotent) {
            // Only failures before the request leaves are safe to repeat.
            return error instanceof ConnectException || error instanceof ConnectTimeoutException
                    || error instanceof UnknownHostException;
        }
        return error instanceof IOException;
    }

    private HttpException failure(ApacheRequest request, String url, Throwable error, int attempts) {
        if (error instanceof HttpException) {
            return (HttpException) error;
        }
        if (error instanceof InterruptedException || Thread.currentThread().isInterrupted()) {
            Thread.currentThread().interrupt();
            InterruptedException cause = error instanceof InterruptedException
                    ? (InterruptedException) error : (InterruptedException) new InterruptedException("interrupted").initCause(error);
            return new HttpException(request.method(), url, HttpException.NO_STATUS,
                    "interrupted (the job was cancelled or timed out) after " + attempts + (attempts == 1 ? " attempt" : " attempts"), null, cause);
        }
        String problem = describe(error) + (attempts > 1 ? " after " + attempts + " attempts" : "");
        if (error instanceof IOException && !isRetryable(error, request.isIdempotent())) {
            problem += request.isIdempotent() ? ", not retried" : ", not retried as " + request.method() + " may have been acted on";
        }
        return new HttpException(request.method(), url, HttpException.NO_STATUS, problem, null, error);
    }

    private HttpException statusFailure(ApacheRequest request, HttpResponse response, int attempts) {
        StringBuilder problem = new StringBuilder("HTTP ").append(response.status()).append(' ').append(reason(response.status()));
        if (!request.isIdempotent() && RETRIED_STATUSES.contains(response.status())
                && !RETRIED_STATUSES_NOT_IDEMPOTENT.contains(response.status())) {
            problem.append(", not retried as ").append(request.method()).append(" may have been acted on");
        } else if (RETRIED_STATUSES.contains(response.status())) {
            if (attempts > 1) {
                problem.append(" after ").append(attempts).append(" attempts");
            }
        } else {
            problem.append(", not retried");
            if (response.status() == 401) {
                problem.append(" (the access token or session cookie is missing, invalid or expired)");
            } else if (response.status() == 403) {
                problem.append(" (access denied: check the token's permissions; some sites also want a session cookie or a browser User-Agent)");
            }
        }
        return new HttpException(request.method(), response.url(), response.status(), problem.toString(),
                BodySnippet.of(response.body(), response.header("Content-Type").orElse(null), request.secrets()), null);
    }

    private void logRetry(ApacheRequest request, ExecutionScheduledEvent<HttpResponse> event, int maxAttempts) {
        HttpResponse response = event.getLastResult();
        Throwable error = event.getLastException();
        String problem = response != null ? "HTTP " + response.status() + " " + reason(response.status()) : describe(error);
        String maskedUrl = Secrets.maskUrl(request.url());
        long delayMs = event.getDelay().toMillis();
        String retryAfter = response == null ? null : response.header("Retry-After").orElse(null);
        if (retryAfter != null && delays.exceedsMax(retryAfter) && warned.add(request.host() + "|retry-after")) {
            log.warn("{} asked to wait (Retry-After: {}) before retrying {} {}; waiting {} ms, the {} cap, instead",
                    request.host(), retryAfter, request.method(), maskedUrl, delayMs, HttpSettings.MAX_DELAY);
        }
        String key = request.host() + "|" + (response != null ? response.status() : error.getClass().getName());
        if (warned.add(key)) {
            log.warn("{} {} failed with {}; retrying in {} ms (attempt {} of {} failed). Later retries of this kind for {} are logged at DEBUG",
                    request.method(), maskedUrl, problem, delayMs, event.getAttemptCount(), maxAttempts, request.host());
        } else if (log.isDebugEnabled()) {
            log.debug("{} {} failed with {}; retrying in {} ms{} (attempt {} of {} failed)", request.method(), maskedUrl, problem,
                    delayMs, retryAfter == null ? "" : " (Retry-After: " + retryAfter + ")", event.getAttemptCount(), maxAttempts);
        }
    }

    private String describe(Throwable error) {
        String kind;
        if (error instanceof ConnectTimeoutException) {
            kind = "timed out connecting (" + HttpSettings.CONNECT_TIMEOUT + "=" + settings.connectTimeout().toMillis() + "ms)";
        } else if (error instanceof SocketTimeoutException) {
            kind = "timed out waiting for the response (" + HttpSettings.RESPONSE_TIMEOUT + " or the request's timeout)";
        } else if (error instanceof ConnectException) {
            kind = "could not connect";
        } else if (error instanceof UnknownHostException) {
            kind = "unknown host";
        } else if (error instanceof NoHttpResponseException) {
            kind = "the server closed the connection without answering";
        } else if (error instanceof SSLException) {
            kind = "TLS failed";
        } else {
            kind = "I/O error";
        }
        String message = error.getMessage() == null ? "" : ": " + Secrets.scrub(error.getMessage(), List.of());
        return kind + " (" + error.getClass().getSimpleName() + message + ")";
    }

    private static String reason(int status) {
        String reason = EnglishReasonPhraseCatalog.INSTANCE.getReason(status, Locale.ENGLISH);
        return reason == null ? "" : reason;
    }

    private static boolean expired(Cookie cookie, Instant now) {
        Instant expiry = cookie.getExpiryInstant();
        return expiry != null && !expiry.isAfter(now);
    }

    private static boolean domainMatches(String cookieDomain, String host) {
        if (cookieDomain == null) {
            return false;
        }
        String d = cookieDomain.toLowerCase(Locale.ROOT);
        if (d.startsWith(".")) {
            d = d.substring(1);
        }
        return host.equals(d) || host.endsWith("." + d);
    }

    private static Timeout timeout(Duration d) {
        return Timeout.ofMilliseconds(Math.max(1, d.toMillis()));
    }
}
