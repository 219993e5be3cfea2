package io.tradingjobs.core.internal.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to wait before a retry: the server's {@code Retry-After} when it sent one, else
 * exponential backoff with jitter; either way at most the maximum delay. Thread-safe.
 * Internal: public for tests.
 */
public final class RetryDelays {
    private final Duration base;
    private final Duration max;
    private final Clock clock;

    /**
     * @param base the first backoff delay
     * @param max the longest delay, also the cap of {@code Retry-After}
     * @param clock the clock that HTTP-date {@code Retry-After} values are measured against
     */
    public RetryDelays(Duration base, Duration max, Clock clock) {
        this.base = base;
        this.max = max;
        this.clock = clock;
    }

    /**
     * The delay after failed attempt number {@code failedAttempt} (1 for the first).
     *
     * @param retryAfter the {@code Retry-After} header of the failed answer, or {@code null}
     */
    public Duration delay(int failedAttempt, String retryAfter) {
        Optional<Duration> asked = parseRetryAfter(retryAfter, clock.instant());
        if (asked.isPresent()) {
            return asked.get().compareTo(max) > 0 ? max : asked.get();
        }
        return backoff(failedAttempt);
    }

    /**
     * Exponential backoff with "equal jitter": the capped delay {@code base * 2^(n-1)} is halved
     * and a random amount up to the other half is added, so concurrent clients spread out.
     */
    public Duration backoff(int failedAttempt) {
        long baseNanos = base.toNanos();
        int shift = Math.min(Math.max(failedAttempt - 1, 0), 30);
        long exp = baseNanos > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : baseNanos << shift;
        long capped = Math.min(exp, max.toNanos());
        long half = capped / 2;
        return Duration.ofNanos(half + ThreadLocalRandom.current().nextLong(capped - half + 1));
    }

    /** Whether a {@code Retry-After} value asks for longer than the maximum delay. */
    public boolean exceedsMax(String retryAfter) {
        return parseRetryAfter(retryAfter, clock.instant()).map(d -> d.compareTo(max) > 0).orElse(false);
    }

    /**
     * Parses {@code Retry-After}: delay seconds ({@code 120}) or an HTTP-date
     * ({@code Wed, 21 Oct 2015 07:28:00 GMT}) measured from {@code now}; a date in the past is
     * zero. Empty when absent or unreadable.
     */
    public static Optional<Duration> parseRetryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.trim();
        if (v.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
            } catch (NumberFormatException e) {
                return Optional.of(Duration.ofSeconds(Long.MAX_VALUE / 1_000_000_000L));
            }
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration d = Duration.between(now, at);
            return Optional.of(d.isNegative() ? Duration.ZERO : d);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
