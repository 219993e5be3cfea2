package io.tradingjobs.core.internal.ops;

import io.tradingjobs.core.JobRun;
import io.tradingjobs.core.JobStatus;
import io.tradingjobs.core.RunStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON shapes of the management API. Jobs use the BVMT seed's field names ({@code id},
 * {@code name}, {@code schedule}, {@code status}, {@code next_run}, {@code last_run},
 * {@code last_status}, {@code execution_time_ms}, {@code success_count}, {@code failure_count});
 * everything else follows their snake-case style. Times are ISO-8601 UTC ({@code 2026-02-08T10:15:00Z}).
 */
final class Views {
    private Views() {
    }

    /** A run's status as the seed writes it: {@code success}, {@code failed}, {@code running}... */
    static String label(RunStatus s) {
        if (s == null) {
            return null;
        }
        return s == RunStatus.SUCCEEDED ? "success" : s.name().toLowerCase(Locale.ROOT);
    }

    static String time(Instant i) {
        return i == null ? null : i.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    /** One job; {@code running} is its newest run in progress, or null. */
    static Map<String, Object> job(JobStatus s, JobRun running) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("name", s.name());
        m.put("schedule", s.schedule());
        m.put("status", s.status().label());
        m.put("next_run", time(s.nextRun()));
        m.put("last_run", time(s.lastRun()));
        m.put("last_status", label(s.lastStatus()));
        m.put("execution_time_ms", s.lastDurationMs());
        m.put("success_count", s.successCount());
        m.put("failure_count", s.failureCount());
        m.put("description", s.description());
        m.put("progress", running == null ? null : progress(running));
        return m;
    }

    private static Map<String, Object> progress(JobRun r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run_id", r.runId());
        m.put("started_at", time(r.startedAt()));
        m.put("node", r.nodeId());
        m.put("done", r.progressDone());
        m.put("total", r.progressTotal());
        m.put("percent", r.progressDone() == null || r.progressTotal() == null || r.progressTotal() <= 0 ? null
                : Math.min(100, Math.round(100.0 * r.progressDone() / r.progressTotal())));
        return m;
    }

    /** One run of the history. */
    static Map<String, Object> run(JobRun r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run_id", r.runId());
        m.put("job_id", r.jobId());
        m.put("status", label(r.status()));
        m.put("trigger", r.trigger().name().toLowerCase(Locale.ROOT));
        m.put("attempt", r.attempt());
        m.put("scheduled_at", time(r.scheduledAt()));
        m.put("started_at", time(r.startedAt()));
        m.put("finished_at", time(r.finishedAt()));
        m.put("execution_time_ms", r.durationMs());
        m.put("node", r.nodeId());
        m.put("message", r.message());
        m.put("error_summary", r.errorSummary().orElse(null));
        m.put("error", r.error());
        m.put("progress_done", r.progressDone());
        m.put("progress_total", r.progressTotal());
        return m;
    }

    /** An error answer: {@code {"error": "...", "message": "...", "status": 404}}. */
    static Map<String, Object> error(int status, String error, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", error);
        m.put("message", message);
        m.put("status", status);
        return m;
    }
}
