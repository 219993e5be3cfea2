package io.tradingjobs.core.internal.calendar;

/**
 * What the calendar knows about one date beyond the weekly pattern. Each part is optional; see
 * {@link #resolve()} for how they combine.
 *
 * @param holidayName the holiday's name, or null
 * @param special     sessions of a special session (they open the day even on a holiday), or null
 * @param shortened   the day's shortened sessions, or null
 */
record DayRule(String holidayName, DaySchedule special, DaySchedule shortened) {

    static final DayRule NONE = new DayRule(null, null, null);

    /** A holiday replaces shortened hours but keeps a special session (Muhurat trading). */
    DayRule withHoliday(String name) {
        return new DayRule(name, special, null);
    }

    /** A special session replaces an earlier special session. */
    DayRule withSpecial(DaySchedule sessions) {
        return new DayRule(holidayName, sessions, shortened);
    }

    /** Shortened hours reopen a holiday and replace earlier shortened hours. */
    DayRule withShortened(DaySchedule sessions) {
        return new DayRule(null, special, sessions);
    }

    /** Special sessions first, then the holiday, then shortened hours; null means the regular day. */
    DaySchedule resolve() {
        if (special != null) {
            return special;
        }
        if (holidayName != null) {
            return DaySchedule.CLOSED;
        }
        return shortened;
    }
}
