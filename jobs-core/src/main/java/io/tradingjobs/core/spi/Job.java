package io.tradingjobs.core.spi;

/**
 * A unit of background work. Implement this, describe it with a {@link JobDefinition}, and
 * either list it from a {@link JobProvider} (discovered through {@link java.util.ServiceLoader})
 * or register it with {@code JobScheduler.builder().job(definition, MyJob.class)}.
 *
 * <p>Job classes are created by Guice for every run, so they may {@code @Inject} the core's
 * services ({@code org.jooq.DSLContext}, {@link java.time.Clock},
 * {@link io.tradingjobs.core.config.Config}, {@code io.tradingjobs.core.http.Http},
 * {@code io.tradingjobs.core.JobScheduler}) and anything the host binds with
 * {@code Builder.module(...)}.
 *
 * <p>Throwing marks the attempt failed; the job's {@link RetryPolicy} decides whether another
 * attempt follows. Throw {@link NonRetryableException} when retrying cannot help (an invalid
 * token, a rejected file). Long jobs should call {@link JobContext#checkCancelled()} between
 * steps and report {@link JobContext#progress(long, long)}; a timeout or shutdown interrupts the
 * running thread.
 */
@FunctionalInterface
public interface Job {

    /**
     * Does the work of one attempt.
     *
     * @param context the run's identity, clock, settings and progress reporting
     * @throws Exception to fail this attempt
     */
    void run(JobContext context) throws Exception;
}
