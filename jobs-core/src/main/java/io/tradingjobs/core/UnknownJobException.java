package io.tradingjobs.core;

import java.util.Collection;

/** No job has the given id. */
public class UnknownJobException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * @param jobId the id asked for
     * @param known the ids that exist
     */
    public UnknownJobException(String jobId, Collection<String> known) {
        super("no job '" + jobId + "'; known jobs: " + String.join(", ", known));
    }
}
