package io.tradingjobs.core.internal.http;

import io.tradingjobs.core.http.RateLimit;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The rate limit of one host: several sliding windows at once (50/s, 500/min, 2000/30min), with
 * requests spaced evenly at the fastest of their rates (50/s: one every 20 ms). Thread-safe.
 *
 * <p>Hand-written rather than Failsafe's {@code RateLimiter}: a smooth Failsafe limiter per window
 * would hold Upstox to its slowest average rate (2000/30min is one request every 0.9 s), and a
 * bursty one uses fixed windows that allow twice the limit across a window boundary.
 *
 * <p>Each caller reserves the earliest instant that keeps every window within its permits, then
 * sleeps until then. A caller interrupted while waiting loses its slot, which only errs on the
 * safe side.
 */
final class HostRateLimiter {
    private final List<RateLimit> limits;
    private final long spacingNanos;
    private final long[][] grants;
    private final int[] next;
    private final int[] count;
    private long lastGrant;
    private boolean granted;

    HostRateLimiter(List<RateLimit> limits) {
        this.limits = List.copyOf(limits);
        long spacing = Long.MAX_VALUE;
        for (RateLimit limit : limits) {
            spacing = Math.min(spacing, limit.per().toNanos() / limit.permits());
        }
        this.spacingNanos = spacing;
        this.grants = new long[limits.size()][];
        for (int i = 0; i < limits.size(); i++) {
            grants[i] = new long[limits.get(i).permits()];
        }
        this.next = new int[limits.size()];
        this.count = new int[limits.size()];
    }

    List<RateLimit> limits() {
        return limits;
    }

    /**
     * Blocks until a permit is free.
     *
     * @return how long the caller waited, in nanoseconds
     * @throws InterruptedException when the thread is interrupted while waiting
     */
    long acquire() throws InterruptedException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("interrupted before a rate-limit permit was taken");
        }
        long now = System.nanoTime();
        long at = reserve(now);
        long wait = at - now;
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
        return Math.max(wait, 0);
    }

    /**
     * Reserves the earliest instant at or after {@code now} (a {@link System#nanoTime()} reading) that
     * keeps every window within its permits. Package-private for tests of the arithmetic.
     */
    synchronized long reserve(long now) {
        long at = now;
        if (granted && at - (lastGrant + spacingNanos) < 0) {
            at = lastGrant + spacingNanos;
        }
        for (int i = 0; i < grants.length; i++) {
            if (count[i] == grants[i].length) {
                // The grant 'permits' ago must have left the window.
                long oldest = grants[i][next[i]];
                long free = oldest + limits.get(i).per().toNanos();
                if (at - free < 0) {
                    at = free;
                }
            }
        }
        for (int i = 0; i < grants.length; i++) {
            grants[i][next[i]] = at;
            next[i] = (next[i] + 1) % grants[i].length;
            count[i] = Math.min(count[i] + 1, grants[i].length);
        }
        lastGrant = at;
        granted = true;
        return at;
    }
}
