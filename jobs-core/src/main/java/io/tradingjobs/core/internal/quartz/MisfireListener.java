package io.tradingjobs.core.internal.quartz;

import java.time.Instant;
import java.util.Date;
import java.util.function.Function;
import org.quartz.Calendar;
import org.quartz.JobExecutionContext;
import org.quartz.Trigger;
import org.quartz.Trigger.CompletedExecutionInstruction;
import org.quartz.listeners.TriggerListenerSupport;
import org.quartz.spi.OperableTrigger;

/**
 * Hears Quartz drop the missed fires of a coalescing trigger (misfire instruction "do nothing")
 * and reports the window of missed fire times, so the scheduler can decide on one catch-up run
 * within the job's grace (or record the misfire). Runs inside Quartz's job-store transaction, so
 * it only computes and hands off; the receiver must not touch the database on this thread.
 */
public final class MisfireListener extends TriggerListenerSupport {
    private static final int MAX_STEPS = 200_000;

    /** The missed fire times of one trigger. */
    public record Missed(String jobId, Instant first, Instant last, int count) {
    }

    private final java.util.function.Consumer<Missed> receiver;
    private final Function<String, Calendar> calendars;
    private final ThreadLocal<Boolean> suppressed = ThreadLocal.withInitial(() -> false);

    /**
     * @param receiver gets each window of missed fires (called on a Quartz thread, in its transaction)
     * @param calendars trigger calendars by name
     */
    public MisfireListener(java.util.function.Consumer<Missed> receiver, Function<String, Calendar> calendars) {
        this.receiver = receiver;
        this.calendars = calendars;
    }

    @Override
    public String getName() {
        return "tradingjobs-misfires";
    }

    /** Runs {@code action} (e.g. resuming a paused job) without reporting the misfires it causes. */
    public void withoutCatchUp(Runnable action) {
        suppressed.set(true);
        try {
            action.run();
        } finally {
            suppressed.set(false);
        }
    }

    @Override
    public void triggerMisfired(Trigger trigger) {
        if (suppressed.get() || !Triggers.SCHEDULE_GROUP.equals(trigger.getKey().getGroup())
                || trigger.getMisfireInstruction() == Trigger.MISFIRE_INSTRUCTION_IGNORE_MISFIRE_POLICY
                || trigger.getNextFireTime() == null) {
            return;
        }
        Calendar cal = trigger.getCalendarName() == null ? null : calendars.apply(trigger.getCalendarName());
        OperableTrigger copy = (OperableTrigger) ((OperableTrigger) trigger).clone();
        long now = System.currentTimeMillis();
        Date first = trigger.getNextFireTime();
        Date last = first;
        int count = 0;
        Date t = first;
        while (t != null && t.getTime() <= now && count < MAX_STEPS) {
            count++;
            last = t;
            t = copy.getFireTimeAfter(t);
            while (t != null && cal != null && !cal.isTimeIncluded(t.getTime()) && t.getTime() <= now) {
                t = copy.getFireTimeAfter(t);
            }
        }
        if (count > 0) {
            receiver.accept(new Missed(trigger.getJobKey().getName(), first.toInstant(), last.toInstant(), count));
        }
    }

    @Override
    public void triggerComplete(Trigger trigger, JobExecutionContext context, CompletedExecutionInstruction instruction) {
        // nothing: run outcomes are recorded by the runner
    }
}
