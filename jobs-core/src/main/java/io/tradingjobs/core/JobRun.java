package io.tradingjobs.core;

import java.time.Instant;
import java.util.Optional;

/**
 * One attempt of a job, as stored in {@code job_runs}.
 *
 * @param runId unique id of the attempt
 * @param jobId the job
 * @param scheduledAt when it was due (null for none)
 * @param startedAt when it started (or was skipped)
 * @param finishedAt when it ended; null while running
 * @param status its state
 * @param attempt 1 for the first attempt, then 2, 3 ... for retries
 * @param durationMs how long it ran; null while running
 * @param nodeId the scheduler node that ran it
 * @param trigger why it started
 * @param message the job's summary, or why it was skipped; may be null
 * @param error the failure (type, message and stack), secrets removed; null unless it failed
 * @param progressDone progress reported by the job; null when none
 * @param progressTotal progress total reported by the job; null when none
 */
public record JobRun(String runId, String jobId, Instant scheduledAt, Instant startedAt, Instant finishedAt,
                     RunStatus status, int attempt, Long durationMs, String nodeId, RunTrigger trigger,
                     String message, String error, Long progressDone, Long progressTotal) {

    /** The error, if the run failed. */
    public Optional<String> errorText() {
        return Optional.ofNullable(error);
    }

    /** The first line of the error, for lists and notifications. */
    public Optional<String> errorSummary() {
        return errorText().map(e -> {
            int nl = e.indexOf('\n');
            return nl < 0 ? e : e.substring(0, nl);
        });
    }
}
