package io.tradingjobs.core.internal;

import io.tradingjobs.core.JobScheduler;
import io.tradingjobs.core.internal.run.SchedulerCore;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Lets the library's own parts (management server, test helpers) reach a scheduler's engine
 * without a public accessor on {@link JobScheduler}.
 */
public final class Engines {
    private static final Map<JobScheduler, SchedulerCore> CORES = Collections.synchronizedMap(new WeakHashMap<>());

    private Engines() {
    }

    /** Called by the facade's constructor. */
    public static void register(JobScheduler scheduler, SchedulerCore core) {
        CORES.put(scheduler, core);
    }

    /** The engine behind {@code scheduler}. */
    public static SchedulerCore of(JobScheduler scheduler) {
        SchedulerCore core = CORES.get(scheduler);
        if (core == null) {
            throw new IllegalStateException("not a scheduler built by JobScheduler.builder()");
        }
        return core;
    }
}
