package io.tradingjobs.core.calendar;

import java.time.LocalTime;
import java.util.Objects;

/**
 * One phase of a trading day, in the exchange's local time (see {@link TradingCalendar#zone()}).
 * The interval is half-open: {@code start} is inside the session, {@code end} is not. A session
 * never crosses midnight.
 *
 * @param kind  what happens in the session
 * @param start first instant of the session (inclusive)
 * @param end   end of the session (exclusive); strictly after {@code start}
 */
public record Session(SessionKind kind, LocalTime start, LocalTime end) {

    /**
     * Validates the session.
     *
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code end} is not after {@code start}
     */
    public Session {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException(
                    kind + " session must end after it starts, got " + start + "-" + end
                            + "; sessions cannot cross midnight");
        }
    }

    /** Whether {@code time} lies in {@code [start, end)}. */
    public boolean contains(LocalTime time) {
        return !time.isBefore(start) && time.isBefore(end);
    }

    /** Whether trades happen continuously in this session (see {@link SessionKind#isTrading()}). */
    public boolean isTrading() {
        return kind.isTrading();
    }

    /** For example {@code CONTINUOUS 09:15-15:30}. */
    @Override
    public String toString() {
        return kind + " " + start + "-" + end;
    }
}
