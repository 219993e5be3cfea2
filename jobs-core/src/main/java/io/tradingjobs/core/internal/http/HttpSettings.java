package io.tradingjobs.core.internal.http;

import io.tradingjobs.core.config.Config;
import io.tradingjobs.core.config.ConfigException;
import io.tradingjobs.core.http.RateLimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code http.*} settings of the shared HTTP layer, read from {@link Config} and validated
 * all at once: every bad value is reported together, each with its key and the expected form.
 *
 * @param connectTimeout {@value #CONNECT_TIMEOUT}
 * @param responseTimeout {@value #RESPONSE_TIMEOUT}
 * @param maxAttempts {@value #MAX_ATTEMPTS}
 * @param baseDelay {@value #BASE_DELAY}
 * @param maxDelay {@value #MAX_DELAY}
 * @param maxBodyBytes {@value #MAX_BODY_BYTES}
 * @param userAgent {@value #USER_AGENT}
 * @param maxConnections {@value #MAX_CONNECTIONS}
 * @param rateLimits {@value #RATE_LIMIT_PREFIX}{@code <host>}, by lower-case host
 */
public record HttpSettings(Duration connectTimeout, Duration responseTimeout, int maxAttempts, Duration baseDelay,
                           Duration maxDelay, long maxBodyBytes, String userAgent, int maxConnections,
                           Map<String, List<RateLimit>> rateLimits) {

    /** Longest wait to open a TCP/TLS connection, per attempt. Default {@code 10s}. */
    public static final String CONNECT_TIMEOUT = "http.timeout.connect";
    /**
     * Longest wait for the response to start and for each further piece of the body, per
     * attempt (also the longest wait for a free pooled connection). Default {@code 30s}.
     */
    public static final String RESPONSE_TIMEOUT = "http.timeout.response";
    /** Attempts in all for a request, 1 for no retry; 1 to 20. Default {@code 4}. */
    public static final String MAX_ATTEMPTS = "http.retry.max-attempts";
    /**
     * First retry delay; each retry doubles it (with jitter: a random half to full delay), up to
     * {@value #MAX_DELAY}. Default {@code 500ms}.
     */
    public static final String BASE_DELAY = "http.retry.base-delay";
    /** Longest retry delay; also caps a server's {@code Retry-After}. Default {@code 60s}. */
    public static final String MAX_DELAY = "http.retry.max-delay";
    /**
     * Largest decompressed response body; a larger one fails without being read into memory.
     * Bytes, or with a unit: {@code 512KiB}, {@code 64MiB}, {@code 1GiB}, {@code 10MB}. Default {@code 64MiB}.
     */
    public static final String MAX_BODY_BYTES = "http.max-body-bytes";
    /** The {@code User-Agent} sent unless a request sets its own. Default: a desktop Chrome's ({@link #DEFAULT_USER_AGENT}). */
    public static final String USER_AGENT = "http.user-agent";
    /** Largest number of open connections, in all and per host. Default {@code 20}. */
    public static final String MAX_CONNECTIONS = "http.max-connections";
    /**
     * Prefix of per-host rate limits: {@code http.rate-limit.api.upstox.com=50/s,500/min,2000/30min}
     * (see {@link RateLimit#parse}). Hosts without one are not limited.
     */
    public static final String RATE_LIMIT_PREFIX = "http.rate-limit.";

    /** A desktop browser's User-Agent; NSE refuses Java's. */
    public static final String DEFAULT_USER_AGENT =
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";

    private static final long MAX_BODY_LIMIT = 1024L * 1024 * 1024;

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmg]i?b?|b)?", Pattern.CASE_INSENSITIVE);

    /** Copies the rate-limit map. */
    public HttpSettings {
        rateLimits = Map.copyOf(rateLimits);
    }

    /**
     * Reads and validates the settings.
     *
     * @throws ConfigException naming every bad key and value (the first as the exception's key,
     *     the others in the message and as suppressed exceptions)
     */
    public static HttpSettings from(Config config) {
        List<ConfigException> problems = new ArrayList<>();
        Duration connect = positive(config, CONNECT_TIMEOUT, Duration.ofSeconds(10), problems);
        Duration response = positive(config, RESPONSE_TIMEOUT, Duration.ofSeconds(30), problems);
        int attempts = read(problems, 4, () -> config.integer(MAX_ATTEMPTS, 4));
        if (attempts < 1 || attempts > 20) {
            problems.add(new ConfigException(MAX_ATTEMPTS, String.valueOf(attempts), "is out of range; use 1 (no retry) to 20"));
        }
        Duration base = positive(config, BASE_DELAY, Duration.ofMillis(500), problems);
        Duration max = positive(config, MAX_DELAY, Duration.ofSeconds(60), problems);
        if (base.compareTo(max) > 0) {
            problems.add(new ConfigException(BASE_DELAY, config.get(BASE_DELAY).orElse("500ms"),
                    "is longer than " + MAX_DELAY + "=" + config.get(MAX_DELAY).orElse("60s") + "; make the base delay the shorter one"));
        }
        long maxBody = 64L * 1024 * 1024;
        if (config.get(MAX_BODY_BYTES).isPresent()) {
            try {
                maxBody = parseSize(config.get(MAX_BODY_BYTES).get());
                if (maxBody > MAX_BODY_LIMIT) {
                    problems.add(new ConfigException(MAX_BODY_BYTES, config.get(MAX_BODY_BYTES).get(),
                            "is over the largest body a byte array can hold; use at most 1GiB"));
                    maxBody = MAX_BODY_LIMIT;
                }
            } catch (IllegalArgumentException e) {
                problems.add(new ConfigException(MAX_BODY_BYTES, config.get(MAX_BODY_BYTES).get(),
                        "is not a positive size; write bytes or 512KiB, 64MiB, 1GiB, 10MB"));
            }
        }
        String userAgent = config.string(USER_AGENT, DEFAULT_USER_AGENT);
        int connections = read(problems, 20, () -> config.integer(MAX_CONNECTIONS, 20));
        if (connections < 1 || connections > 1000) {
            problems.add(new ConfigException(MAX_CONNECTIONS, String.valueOf(connections), "is out of range; use 1 to 1000"));
        }
        Map<String, List<RateLimit>> limits = new LinkedHashMap<>();
        for (String key : config.keys()) {
            if (key.startsWith(RATE_LIMIT_PREFIX)) {
                String host = key.substring(RATE_LIMIT_PREFIX.length()).toLowerCase(Locale.ROOT);
                String value = config.get(key).orElse("");
                if (host.isEmpty()) {
                    problems.add(new ConfigException(key, value, "names no host; write " + RATE_LIMIT_PREFIX + "api.upstox.com=50/s,500/min"));
                    continue;
                }
                try {
                    limits.put(host, RateLimit.parseAll(value));
                } catch (IllegalArgumentException e) {
                    problems.add(new ConfigException(key, value, "is not a rate limit: " + e.getMessage()));
                }
            }
        }
        if (problems.size() == 1) {
            throw problems.get(0);
        }
        if (!problems.isEmpty()) {
            StringBuilder all = new StringBuilder("(and " + (problems.size() - 1) + " more HTTP setting problems):");
            for (ConfigException p : problems) {
                all.append("\n  - ").append(p.getMessage());
            }
            ConfigException first = problems.get(0);
            ConfigException combined = new ConfigException(first.key(), null, all.toString());
            problems.forEach(combined::addSuppressed);
            throw combined;
        }
        return new HttpSettings(connect, response, attempts, base, max, maxBody, userAgent, connections, limits);
    }

    /**
     * Parses a byte size: {@code 1048576}, {@code 512KiB}, {@code 64MiB}, {@code 1GiB}, {@code 10MB}
     * (KB/MB/GB are also read as powers of 1024).
     *
     * @throws IllegalArgumentException when the text is not a positive size
     */
    public static long parseSize(String text) {
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("Size '" + text + "' is not valid; write bytes or 512KiB, 64MiB, 1GiB");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
        long factor = switch (unit.charAt(0)) {
            case 'k' -> 1024L;
            case 'm' -> 1024L * 1024;
            case 'g' -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        if (n <= 0 || n > Long.MAX_VALUE / factor) {
            throw new IllegalArgumentException("Size '" + text + "' is out of range");
        }
        return n * factor;
    }

    /** A one-line summary for the start-up log. */
    public String describe() {
        return "connect timeout " + connectTimeout.toMillis() + "ms, response timeout " + responseTimeout.toMillis()
                + "ms, " + maxAttempts + " attempts (backoff " + baseDelay.toMillis() + "ms to " + maxDelay.toMillis()
                + "ms), body cap " + maxBodyBytes + " bytes, " + maxConnections + " connections, rate limits " + rateLimits;
    }

    private static Duration positive(Config config, String key, Duration fallback, List<ConfigException> problems) {
        Duration d = read(problems, fallback, () -> config.duration(key, fallback));
        if (d.isZero() || d.isNegative()) {
            problems.add(new ConfigException(key, config.get(key).orElse(""), "must be positive; write 500ms, 30s or 5m"));
            return fallback;
        }
        return d;
    }

    private static <T> T read(List<ConfigException> problems, T fallback, java.util.function.Supplier<T> reader) {
        try {
            return reader.get();
        } catch (ConfigException e) {
            problems.add(e);
            return fallback;
        }
    }
}
