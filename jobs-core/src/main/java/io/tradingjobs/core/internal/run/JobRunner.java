package io.tradingjobs.core.internal.run;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.spi.JobFactory;
import org.quartz.spi.TriggerFiredBundle;

/**
 * The Quartz job behind every trading job: hands the fire to {@link SchedulerCore#execute}. Jobs
 * allowing one run at a time use {@link Serial}, whose annotation makes Quartz hold further fires
 * cluster-wide until the run ends.
 */
public class JobRunner implements Job {
    private final SchedulerCore core;

    JobRunner(SchedulerCore core) {
        this.core = core;
    }

    @Override
    public void execute(JobExecutionContext context) {
        core.execute(context);
    }

    /** At most one run at a time, across the cluster. */
    @DisallowConcurrentExecution
    public static final class Serial extends JobRunner {
        Serial(SchedulerCore core) {
            super(core);
        }
    }

    /** Several runs at a time; the limit is enforced by the core. */
    public static final class Concurrent extends JobRunner {
        Concurrent(SchedulerCore core) {
            super(core);
        }
    }

    /** Creates runners bound to the core (Quartz would otherwise need no-argument constructors). */
    static final class Factory implements JobFactory {
        private final SchedulerCore core;

        Factory(SchedulerCore core) {
            this.core = core;
        }

        @Override
        public Job newJob(TriggerFiredBundle bundle, Scheduler scheduler) throws SchedulerException {
            Class<?> type = bundle.getJobDetail().getJobClass();
            if (type == Serial.class) {
                return new Serial(core);
            }
            if (type == Concurrent.class) {
                return new Concurrent(core);
            }
            throw new SchedulerException("job " + bundle.getJobDetail().getKey() + " has unexpected class " + type.getName());
        }
    }
}
