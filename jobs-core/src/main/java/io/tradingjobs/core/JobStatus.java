package io.tradingjobs.core;

import java.time.Instant;

/**
 * A job as the seeds' status JSON shows it. The counts and last-run figures come from the run
 * history ({@code job_runs}), so they cover the history's retention period.
 *
 * @param id the job id
 * @param name the human name
 * @param schedule the schedule as written, e.g. <code>*&#47;15 * * * *</code>
 * @param status scheduled, running, paused or disabled
 * @param nextRun the next fire time; null when paused, disabled or manual
 * @param lastRun when the last finished run started; null when none
 * @param lastStatus the status of that run; null when none
 * @param lastDurationMs its duration; null when none
 * @param successCount runs that {@link RunStatus#SUCCEEDED}
 * @param failureCount runs that ended {@link RunStatus#FAILED} or {@link RunStatus#INTERRUPTED}
 * @param description what the job does
 */
public record JobStatus(String id, String name, String schedule, JobState status, Instant nextRun, Instant lastRun,
                        RunStatus lastStatus, Long lastDurationMs, long successCount, long failureCount,
                        String description) {
}
