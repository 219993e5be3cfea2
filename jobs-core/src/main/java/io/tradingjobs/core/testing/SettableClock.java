package io.tradingjobs.core.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until a test moves it: give it to {@code JobScheduler.Builder.clock}
 * or {@link JobTestKit}, and jobs, rules and run history see the time you set. Thread-safe.
 */
public final class SettableClock extends Clock {
    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    private SettableClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /** A clock at {@code instant} in UTC. */
    public static SettableClock at(Instant instant) {
        return new SettableClock(new AtomicReference<>(Objects.requireNonNull(instant, "instant")), ZoneId.of("UTC"));
    }

    /** A clock at the given local time in {@code zone}, e.g. {@code at("2026-03-02T09:15", "Asia/Kolkata")}. */
    public static SettableClock at(String localDateTime, String zone) {
        ZoneId z = ZoneId.of(zone);
        return new SettableClock(new AtomicReference<>(java.time.LocalDateTime.parse(localDateTime).atZone(z).toInstant()), z);
    }

    /** Moves the clock to {@code instant}. */
    public void set(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant"));
    }

    /** Moves the clock forward by {@code duration} (backward if negative). */
    public void advance(Duration duration) {
        now.updateAndGet(t -> t.plus(duration));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** The same settable time seen in another zone; moving either moves both. */
    @Override
    public Clock withZone(ZoneId other) {
        return new SettableClock(now, other);
    }

    @Override
    public String toString() {
        return "SettableClock[" + now.get() + ", " + zone + "]";
    }
}
