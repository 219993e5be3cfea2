package io.tradingjobs.core.internal.quartz;

import io.tradingjobs.core.internal.schedule.ActiveCalendars;
import io.tradingjobs.core.spi.Schedule;
import io.tradingjobs.core.spi.Schedule.TradingWindow;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.Locale;
import java.util.TimeZone;
import org.quartz.CalendarIntervalScheduleBuilder;
import org.quartz.CalendarIntervalTrigger;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.DateBuilder.IntervalUnit;
import org.quartz.JobKey;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;

/** Turns a {@link Schedule} into the Quartz trigger (and calendar) that fires it. */
public final class Triggers {
    /** Group of the recurring trigger of each job. */
    public static final String SCHEDULE_GROUP = "tradingjobs";
    /** Group of one-shot triggers of manual runs ({@code runNow}). */
    public static final String MANUAL_GROUP = "tradingjobs.manual";
    /** Group of one-shot triggers of retries. */
    public static final String RETRY_GROUP = "tradingjobs.retry";
    /** Group of one-shot triggers of catch-up runs after missed fires. */
    public static final String CATCH_UP_GROUP = "tradingjobs.catch-up";
    /** Trigger data: fingerprint of the schedule that built the trigger. */
    public static final String FINGERPRINT = "schedule.fingerprint";

    private Triggers() {
    }

    /** A trigger plus the trading calendar it needs (null when none). */
    public record Built(Trigger trigger, TradingTimeCalendar calendar, String calendarName, ZoneId zone) {
    }

    /**
     * Builds the recurring trigger of {@code jobId}; null for a manual schedule.
     *
     * @param coalesce on: missed fires are dropped by Quartz and our misfire listener decides on
     *                 one catch-up run; off: Quartz fires every missed time and the runner applies
     *                 the grace to each
     */
    public static Built build(String jobId, Schedule schedule, ZoneId defaultZone, boolean coalesce, Instant startAt) {
        if (schedule.kind() == Schedule.Kind.MANUAL) {
            return null;
        }
        ZoneId zone = zoneOf(schedule, defaultZone);
        TimeZone tz = TimeZone.getTimeZone(zone);
        TriggerBuilder<Trigger> tb = TriggerBuilder.newTrigger()
                .withIdentity(TriggerKey.triggerKey(jobId, SCHEDULE_GROUP))
                .forJob(JobKey.jobKey(jobId, SCHEDULE_GROUP))
                .withDescription(schedule.text())
                .usingJobData(FINGERPRINT, schedule.fingerprint() + "|" + zone + "|" + coalesce)
                .startAt(Date.from(startAt));
        String cron = schedule.quartzCronExpression().orElse(null);
        if (schedule.kind() == Schedule.Kind.INTERVAL) {
            cron = alignedCron(schedule.interval().orElseThrow());
        }
        Trigger trigger;
        if (cron != null) {
            CronScheduleBuilder csb = CronScheduleBuilder.cronSchedule(cron).inTimeZone(tz);
            csb = coalesce ? csb.withMisfireHandlingInstructionDoNothing() : csb.withMisfireHandlingInstructionIgnoreMisfires();
            trigger = tb.withSchedule(csb).build();
        } else {
            long seconds = schedule.interval().orElseThrow().getSeconds();
            CalendarIntervalScheduleBuilder cib = CalendarIntervalScheduleBuilder.calendarIntervalSchedule()
                    .withInterval((int) Math.min(Integer.MAX_VALUE, seconds), IntervalUnit.SECOND).inTimeZone(tz);
            cib = coalesce ? cib.withMisfireHandlingInstructionDoNothing() : cib.withMisfireHandlingInstructionIgnoreMisfires();
            trigger = tb.withSchedule(cib).build();
        }
        if (schedule.tradingWindow() == TradingWindow.NONE) {
            return new Built(trigger, null, null, zone);
        }
        String code = schedule.calendar().orElseThrow();
        String name = TradingTimeCalendar.name(code, schedule.tradingWindow(), schedule.offset());
        TradingTimeCalendar calendar = new TradingTimeCalendar(code, schedule.tradingWindow(), schedule.offset());
        return new Built(trigger.getTriggerBuilder().modifiedByCalendar(name).build(), calendar, name, zone);
    }

    /** The zone a schedule fires in: its own, else its exchange's, else the scheduler default. */
    public static ZoneId zoneOf(Schedule schedule, ZoneId defaultZone) {
        if (schedule.zone().isPresent()) {
            return schedule.zone().get();
        }
        if (schedule.calendar().isPresent()) {
            return ActiveCalendars.get(schedule.calendar().get()).zone();
        }
        return defaultZone;
    }

    /**
     * An interval that divides a minute, an hour or a day fires on the clock (every 15 minutes at
     * :00, :15, :30, :45), as people expect from "every 15 minutes during market hours"; other
     * intervals count from the first scheduling (null here).
     */
    static String alignedCron(Duration interval) {
        long s = interval.getSeconds();
        if (s < 60 && 60 % s == 0) {
            return "0/" + s + " * * * * ?";
        }
        if (s % 60 == 0 && s < 3600 && 3600 % s == 0) {
            return "0 0/" + s / 60 + " * * * ?";
        }
        if (s % 3600 == 0 && s < 86_400 && 86_400 % s == 0) {
            return "0 0 0/" + s / 3600 + " * * ?";
        }
        if (s == 86_400) {
            return "0 0 0 * * ?";
        }
        return null;
    }

    /** Whether a stored trigger was built from {@code fingerprint}. */
    public static boolean sameSchedule(Trigger stored, String fingerprint) {
        return fingerprint.equals(stored.getJobDataMap().getString(FINGERPRINT));
    }

    /** A short description of a Quartz trigger, for logs. */
    public static String describe(Trigger t) {
        if (t instanceof CronTrigger) {
            return "cron '" + ((CronTrigger) t).getCronExpression() + "' " + ((CronTrigger) t).getTimeZone().getID();
        }
        if (t instanceof CalendarIntervalTrigger) {
            return "every " + ((CalendarIntervalTrigger) t).getRepeatInterval() + " "
                    + ((CalendarIntervalTrigger) t).getRepeatIntervalUnit().name().toLowerCase(Locale.ROOT);
        }
        return t.getKey().toString();
    }
}
