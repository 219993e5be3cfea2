package io.tradingjobs.core.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingjobs.core.http.RateLimit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * The limiter's arithmetic, on made-up {@code nanoTime} readings: which instant each caller is
 * given. (RateLimitTest checks, over real HTTP, that clients wait for these instants.)
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class HostRateLimiterTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private static HostRateLimiter limiter(String limits) {
        return new HostRateLimiter(RateLimit.parseAll(limits));
    }

    /** Reserves {@code n} permits all asked for at {@code now}; returns the granted instants, in ms after {@code now}. */
    private static List<Long> reserveAtOnce(HostRateLimiter limiter, long now, int n) {
        List<Long> granted = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long at = limiter.reserve(now);
            assertThat(at - now).as("permit %d is not granted before it was asked for", i).isGreaterThanOrEqualTo(0);
            granted.add((at - now) / MS);
        }
        return granted;
    }

    @Test
    void twenty_per_second_grants_forty_callers_one_every_50_ms() {
        List<Long> granted = reserveAtOnce(limiter("20/s"), 0, 40);

        for (int i = 0; i < 40; i++) {
            assertThat(granted.get(i)).as("permit %d", i).isEqualTo(50L * i);
        }
        for (int i = 0; i + 20 < granted.size(); i++) {
            assertThat(granted.get(i + 20) - granted.get(i)).as("21 permits within one second from #" + i).isGreaterThanOrEqualTo(1000L);
        }
    }

    @Test
    void with_several_windows_the_fastest_sets_the_pace_and_every_window_is_enforced() {
        List<Long> granted = reserveAtOnce(limiter("100/s,5/400ms"), 0, 7);

        // five at the 100/s pace, then the sixth waits until the first has left the 400 ms window
        assertThat(granted).containsExactly(0L, 10L, 20L, 30L, 40L, 400L, 410L);
    }

    @Test
    void the_Upstox_limits_allow_500_requests_at_50_per_second_then_wait_for_the_minute() {
        List<Long> granted = reserveAtOnce(limiter("50/s,500/min,2000/30min"), 0, 502);

        for (int i = 0; i < 500; i++) {
            assertThat(granted.get(i)).as("permit %d", i).isEqualTo(20L * i);
        }
        assertThat(granted.get(500)).as("the 501st waits for the first to leave the minute").isEqualTo(60_000L);
        assertThat(granted.get(501)).isEqualTo(60_020L);
    }

    @Test
    void a_caller_after_a_quiet_spell_is_granted_at_once_and_the_window_slides() {
        HostRateLimiter limiter = limiter("2/300ms");

        assertThat(limiter.reserve(0)).isEqualTo(0);
        assertThat(limiter.reserve(0)).as("spaced at the window's rate").isEqualTo(150 * MS);
        assertThat(limiter.reserve(0)).as("the first has left the window").isEqualTo(300 * MS);
        assertThat(limiter.reserve(10_000 * MS)).as("nothing in the window").isEqualTo(10_000 * MS);
        assertThat(limiter.reserve(10_000 * MS)).isEqualTo(10_150 * MS);
    }

    @Test
    void nanoTime_readings_that_wrap_around_are_ordered_correctly() {
        long now = Long.MAX_VALUE - 15 * MS;

        List<Long> granted = reserveAtOnce(limiter("100/s,5/400ms"), now, 6);

        assertThat(granted).containsExactly(0L, 10L, 20L, 30L, 40L, 400L);
    }
}
