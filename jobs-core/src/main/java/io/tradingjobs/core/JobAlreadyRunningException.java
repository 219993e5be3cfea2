package io.tradingjobs.core;

/** {@code runNow} was refused: the job already runs as many times as its concurrency allows. */
public class JobAlreadyRunningException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** @param jobId the job */
    public JobAlreadyRunningException(String jobId, int maxConcurrent) {
        super("job " + jobId + " is already running (" + maxConcurrent + " at most at once); wait for it to finish");
    }
}
