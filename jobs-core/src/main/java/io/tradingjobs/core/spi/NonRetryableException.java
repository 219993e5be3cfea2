package io.tradingjobs.core.spi;

/**
 * A failure that another attempt cannot fix (an invalid API token, a rejected input file).
 * The run fails at once, whatever the job's {@link RetryPolicy}.
 */
public class NonRetryableException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param message what failed and how to fix it */
    public NonRetryableException(String message) {
        super(message);
    }

    /**
     * @param message what failed and how to fix it
     * @param cause the underlying error
     */
    public NonRetryableException(String message, Throwable cause) {
        super(message, cause);
    }
}
