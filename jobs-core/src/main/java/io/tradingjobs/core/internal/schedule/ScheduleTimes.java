package io.tradingjobs.core.internal.schedule;

import io.tradingjobs.core.internal.quartz.Triggers;
import io.tradingjobs.core.spi.Schedule;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.quartz.spi.OperableTrigger;

/** Computes fire times of a schedule with the same Quartz trigger and calendar the scheduler uses. */
public final class ScheduleTimes {
    private ScheduleTimes() {
    }

    /** The next {@code count} fire times strictly after {@code after}. */
    public static List<Instant> next(Schedule schedule, Instant after, int count, ZoneId defaultZone) {
        Triggers.Built built = Triggers.build("preview", schedule, defaultZone, true, after);
        List<Instant> times = new ArrayList<>();
        if (built == null) {
            return times;
        }
        OperableTrigger trigger = (OperableTrigger) built.trigger();
        Date next = trigger.computeFirstFireTime(built.calendar());
        int guard = 0;
        while (next != null && times.size() < count && guard++ < count + 10) {
            if (next.toInstant().isAfter(after)) {
                times.add(next.toInstant());
            }
            trigger.triggered(built.calendar());
            next = trigger.getNextFireTime();
        }
        return times;
    }
}
