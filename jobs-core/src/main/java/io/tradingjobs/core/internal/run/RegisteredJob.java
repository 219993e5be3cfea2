package io.tradingjobs.core.internal.run;

import io.tradingjobs.core.spi.Job;
import io.tradingjobs.core.spi.JobDefinition;

/**
 * A job as the scheduler runs it: its definition with the operator's settings applied, where it
 * came from, and how to get an instance for a run.
 *
 * @param definition the effective definition (settings applied)
 * @param jobClass the class Guice creates per run, or null when {@code instance} is given
 * @param instance a host-supplied instance used for every run, or null
 * @param provider the provider's name ("host" for jobs given to the builder)
 * @param origin the jar or directory it came from, for messages
 * @param enabled whether it is scheduled
 * @param disabledReason why not, when disabled
 */
public record RegisteredJob(JobDefinition definition, Class<? extends Job> jobClass, Job instance, String provider,
                           String origin, boolean enabled, String disabledReason) {

    /** The job id. */
    public String id() {
        return definition.id();
    }
}
