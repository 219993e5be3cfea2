package io.tradingjobs.core.internal.calendar;

import io.tradingjobs.core.calendar.Session;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The resolved sessions of one day, with the open, close and trading sessions computed once so
 * that lookups in a loop do no work beyond a map read.
 */
final class DaySchedule {

    static final DaySchedule CLOSED = new DaySchedule(List.of());

    final List<Session> sessions;
    /** Start of the first trading session; null on a non-trading day. */
    final LocalTime open;
    /** End of the last trading session; null on a non-trading day. */
    final LocalTime close;
    final Session[] trading;

    /**
     * @throws IllegalArgumentException if two sessions overlap
     */
    DaySchedule(List<Session> sessions) {
        List<Session> sorted = new ArrayList<>(sessions);
        sorted.sort(Comparator.comparing(Session::start));
        for (int i = 1; i < sorted.size(); i++) {
            Session previous = sorted.get(i - 1);
            Session next = sorted.get(i);
            if (next.start().isBefore(previous.end())) {
                throw new IllegalArgumentException("sessions " + previous + " and " + next + " overlap");
            }
        }
        this.sessions = List.copyOf(sorted);
        this.trading = sorted.stream().filter(Session::isTrading).toArray(Session[]::new);
        this.open = trading.length == 0 ? null : trading[0].start();
        this.close = trading.length == 0 ? null : trading[trading.length - 1].end();
    }

    boolean isTradingDay() {
        return open != null;
    }

    boolean isOpenAt(LocalTime time) {
        for (Session session : trading) {
            if (session.contains(time)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return sessions.isEmpty() ? "closed" : sessions.toString();
    }
}
