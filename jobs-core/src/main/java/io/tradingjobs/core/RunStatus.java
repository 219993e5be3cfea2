package io.tradingjobs.core;

/** The state of one attempt in the run history ({@code job_runs.status}). */
public enum RunStatus {
    /** Started and not finished. */
    RUNNING,
    /** Finished without error. */
    SUCCEEDED,
    /** Failed, and no retry follows. */
    FAILED,
    /** Failed, and another attempt is scheduled. */
    RETRYING,
    /** Cut off by a crash or by shutdown before it finished. */
    INTERRUPTED,
    /** Did nothing on purpose: the job skipped itself, or too many runs were already running. */
    SKIPPED,
    /** Not started because it was later than the job's misfire grace allows. */
    MISFIRED;

    /** Whether the run has ended. */
    public boolean isFinal() {
        return this != RUNNING;
    }
}
