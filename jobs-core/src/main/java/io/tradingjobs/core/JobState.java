package io.tradingjobs.core;

import java.util.Locale;

/** What a job is doing now, as the seeds' status JSON shows it. */
public enum JobState {
    /** Waiting for its next fire time. */
    SCHEDULED,
    /** A run is in progress (on any node). */
    RUNNING,
    /** Paused by an operator; fires again after {@code resume}. */
    PAUSED,
    /** Turned off by configuration ({@code jobs.<id>.enabled=false}) or a missing requirement. */
    DISABLED;

    /** Lower-case name as in the JSON: {@code scheduled}, {@code running}, {@code paused}, {@code disabled}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
