package io.tradingjobs.core;

/** Why a run started ({@code job_runs.trigger_kind}). */
public enum RunTrigger {
    /** Its schedule fired. */
    SCHEDULE,
    /** {@code runNow}, from code, the API or the dashboard. */
    MANUAL,
    /** A retry after a failed attempt. */
    RETRY,
    /** One run standing for scheduled runs missed while the scheduler was down (coalesce). */
    CATCH_UP,
    /** Re-run of a recoverable job whose node died while running it. */
    RECOVERY
}
