package io.tradingjobs.core.spi;

import io.tradingjobs.core.config.Config;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * What a running job knows about its run. One instance per attempt; safe to use from the
 * threads the job starts.
 */
public interface JobContext {

    /** The job id, e.g. {@code market.sync}. */
    String jobId();

    /** The id of this attempt's row in {@code job_runs}. */
    String runId();

    /**
     * When this run was due: the trigger's fire time for a scheduled run, the request time for a
     * manual run, the original due time for a retry.
     */
    Instant scheduledFireTime();

    /** When this attempt actually started, by the scheduler's clock. */
    Instant fireTime();

    /** 1 for the first attempt, 2 for the first retry, and so on. */
    int attempt();

    /** The scheduler's clock: read time from here, never from {@code System} or {@code Instant.now()}. */
    Clock clock();

    /**
     * The settings of this job: the keys under {@code jobs.<id>.} with the prefix removed,
     * e.g. {@code settings().string("watchlist", "")} reads {@code jobs.market.sync.watchlist}.
     */
    Config settings();

    /** The whole configuration. */
    Config config();

    /** Reports progress of a long job; shown by the API and the dashboard. */
    void progress(long done, long total);

    /** A one-line summary of what the run did, stored as the run's message. */
    void summary(String text);

    /** The summary set so far, if any. */
    Optional<String> summary();

    /** Whether the run was asked to stop (time-out, shutdown, cancellation). */
    boolean isCancelled();

    /**
     * Throws {@link JobCancelledException} when the run was asked to stop; call it between steps
     * of a long job.
     */
    default void checkCancelled() {
        if (isCancelled() || Thread.currentThread().isInterrupted()) {
            throw new JobCancelledException(jobId() + " run " + runId() + " was cancelled");
        }
    }

    /**
     * Ends the run without doing anything, recorded as {@code SKIPPED} with the reason (for
     * example "not a trading day"). Never returns.
     */
    default void skip(String reason) {
        throw new SkipRunException(reason);
    }
}
