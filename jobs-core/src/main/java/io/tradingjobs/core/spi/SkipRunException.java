package io.tradingjobs.core.spi;

/** Thrown by {@link JobContext#skip(String)}: the run ends as {@code SKIPPED} with this reason. */
public class SkipRunException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param reason why the run did nothing */
    public SkipRunException(String reason) {
        super(reason, null, false, false);
    }
}
