package io.tradingjobs.core.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * How many attempts a run gets and how long to wait between them: exponential backoff,
 * {@code delay(n) = min(initialDelay * multiplier^(n-2), maxDelay)} before attempt {@code n}.
 * Each attempt is its own row in {@code job_runs}; a pending retry is a persisted trigger, so it
 * survives a restart.
 *
 * @param maxAttempts total attempts including the first, at least 1
 * @param initialDelay the wait before the second attempt
 * @param multiplier growth of the wait per attempt, at least 1
 * @param maxDelay the longest wait
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, double multiplier, Duration maxDelay) {

    /** One attempt, no retries. */
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, 1, Duration.ZERO);

    /** Validates eagerly. */
    public RetryPolicy {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (multiplier < 1) {
            throw new IllegalArgumentException("multiplier must be at least 1, was " + multiplier);
        }
        if (initialDelay.isNegative() || maxDelay.isNegative()) {
            throw new IllegalArgumentException("delays must not be negative: " + initialDelay + ", " + maxDelay);
        }
    }

    /** No retries. */
    public static RetryPolicy none() {
        return NONE;
    }

    /**
     * Exponential backoff doubling from {@code initialDelay}, capped at 1 hour.
     *
     * @param maxAttempts total attempts including the first
     * @param initialDelay the wait before the second attempt
     */
    public static RetryPolicy exponential(int maxAttempts, Duration initialDelay) {
        return new RetryPolicy(maxAttempts, initialDelay, 2.0, Duration.ofHours(1));
    }

    /** A copy with another cap on the wait. */
    public RetryPolicy withMaxDelay(Duration max) {
        return new RetryPolicy(maxAttempts, initialDelay, multiplier, max);
    }

    /** A copy with another growth factor. */
    public RetryPolicy withMultiplier(double factor) {
        return new RetryPolicy(maxAttempts, initialDelay, factor, maxDelay);
    }

    /** A copy with another attempt count. */
    public RetryPolicy withMaxAttempts(int attempts) {
        return new RetryPolicy(attempts, initialDelay, multiplier, maxDelay);
    }

    /** Whether another attempt follows a failed attempt number {@code attempt}. */
    public boolean allowsAttempt(int attempt) {
        return attempt <= maxAttempts;
    }

    /** The wait before attempt number {@code attempt} (2 or more). */
    public Duration delayBefore(int attempt) {
        if (attempt < 2) {
            return Duration.ZERO;
        }
        double millis = initialDelay.toMillis() * Math.pow(multiplier, attempt - 2);
        long capped = (long) Math.min(millis, (double) maxDelay.toMillis());
        return Duration.ofMillis(Math.max(0, capped));
    }
}
