package io.tradingjobs.core.spi;

/** Thrown by {@link JobContext#checkCancelled()} when a run was asked to stop. */
public class JobCancelledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what was cancelled */
    public JobCancelledException(String message) {
        super(message);
    }
}
