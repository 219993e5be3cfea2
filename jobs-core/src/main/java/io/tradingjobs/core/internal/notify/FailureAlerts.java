package io.tradingjobs.core.internal.notify;

import static io.tradingjobs.core.internal.db.generated.Tables.JOB_RUNS;

import io.tradingjobs.core.JobRun;
import io.tradingjobs.core.RunStatus;
import io.tradingjobs.core.RunTrigger;
import io.tradingjobs.core.internal.db.generated.tables.records.JobRunsRecord;
import io.tradingjobs.core.internal.ops.OpsSettings;
import io.tradingjobs.core.notify.Notification;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Job failure alerts, as the UPSTOX seed's failure e-mail: once a job's streak of failed runs
 * (runs that failed their last attempt) reaches {@code notify.failures.after-consecutive}, one
 * notification {@code [ALERT] Job Failed: <name>}; when it next succeeds, one
 * {@code [RESOLVED] Job Recovered: <name>}.
 *
 * <p>The state lives in the database, so restarts and cluster nodes agree: the current streak is
 * read from {@code job_runs} (the {@code FAILED} runs since the last {@code SUCCEEDED} one), and
 * the alert's event key is {@code job-failed:<jobId>:<first run of the streak>}, which the outbox
 * stores once. Evaluating a job twice, on two nodes, or again after a crash therefore sends
 * nothing twice, and a sweep at start-up (and every few minutes) sends what a crash between the
 * run's record and its evaluation left unsent. Interrupted, skipped and misfired runs neither
 * start nor end a streak.
 */
public final class FailureAlerts implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FailureAlerts.class);
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final String S = RunStatus.SUCCEEDED.name();
    private static final String F = RunStatus.FAILED.name();

    private final DSLContext dsl;
    private final OutboxNotifier notifier;
    private final Outbox outbox;
    private final OpsSettings.Failures settings;
    private final Supplier<Map<String, String>> jobNames;
    private final ZoneId zone;
    private final ExecutorService worker;
    private final Set<String> queued = ConcurrentHashMap.newKeySet();

    /**
     * @param jobNames job id to human name, for every job
     * @param zone the zone times are shown in (beside UTC)
     */
    public FailureAlerts(DSLContext dsl, OutboxNotifier notifier, Outbox outbox, OpsSettings.Failures settings,
                         Supplier<Map<String, String>> jobNames, ZoneId zone) {
        this.dsl = dsl;
        this.notifier = notifier;
        this.outbox = outbox;
        this.settings = settings;
        this.jobNames = jobNames;
        this.zone = zone;
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "tradingjobs-alerts");
            t.setDaemon(true);
            return t;
        });
    }

    /** The run listener: evaluates the job off the worker thread when a run failed or succeeded. */
    public void runFinished(JobRun run) {
        if (!settings.enabled() || (run.status() != RunStatus.FAILED && run.status() != RunStatus.SUCCEEDED)) {
            return;
        }
        if (queued.add(run.jobId())) {
            try {
                worker.execute(() -> {
                    queued.remove(run.jobId());
                    evaluateQuietly(run.jobId());
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                queued.remove(run.jobId());
                evaluateQuietly(run.jobId()); // closing: decide now rather than lose it
            }
        }
    }

    /** Evaluates every job now, on the calling thread (start-up, housekeeping). */
    public void sweep(Collection<String> jobIds) {
        if (!settings.enabled()) {
            return;
        }
        for (String id : jobIds) {
            evaluateQuietly(id);
        }
    }

    private void evaluateQuietly(String jobId) {
        try {
            evaluate(jobId);
        } catch (RuntimeException e) {
            LOG.warn("could not evaluate failure alerts of job {} (the next run or sweep tries again): {}", jobId, e.getMessage());
        }
    }

    /** Sends the alert or the recovery notice that the job's history calls for, if not sent already. */
    public void evaluate(String jobId) {
        JobRunsRecord latest = latestTerminal(jobId, null);
        if (latest == null) {
            return;
        }
        if (F.equals(latest.getStatus())) {
            Streak streak = streakBefore(jobId, null);
            if (streak.count() >= settings.afterConsecutive()) {
                String key = failedKey(jobId, streak.first().getRunId());
                if (!outbox.exists(key)) {
                    notifier.notify(failed(jobId, latest, streak, key));
                }
            }
        } else if (settings.recovery()) {
            JobRunsRecord previous = latestTerminal(jobId, latest);
            if (previous == null || !F.equals(previous.getStatus())) {
                return;
            }
            Streak streak = streakBefore(jobId, latest);
            String failedKey = failedKey(jobId, streak.first().getRunId());
            String key = "job-recovered:" + jobId + ":" + streak.first().getRunId();
            if (outbox.exists(failedKey) && !outbox.exists(key)) {
                notifier.notify(recovered(jobId, latest, streak, key));
            }
        }
    }

    private static String failedKey(String jobId, String firstRunId) {
        return "job-failed:" + jobId + ":" + firstRunId;
    }

    private record Streak(JobRunsRecord first, int count) {
    }

    /** The newest FAILED or SUCCEEDED run, before {@code before} when given. */
    private JobRunsRecord latestTerminal(String jobId, JobRunsRecord before) {
        Condition where = JOB_RUNS.JOB_ID.eq(jobId).and(JOB_RUNS.STATUS.in(S, F));
        if (before != null) {
            where = where.and(olderThan(before));
        }
        return dsl.selectFrom(JOB_RUNS).where(where).orderBy(JOB_RUNS.STARTED_AT.desc(), JOB_RUNS.RUN_ID.desc()).limit(1).fetchOne();
    }

    /** The FAILED runs after the last SUCCEEDED one (all before {@code end} when given). */
    private Streak streakBefore(String jobId, JobRunsRecord end) {
        Condition window = JOB_RUNS.JOB_ID.eq(jobId);
        if (end != null) {
            window = window.and(olderThan(end));
        }
        JobRunsRecord lastSuccess = dsl.selectFrom(JOB_RUNS).where(window.and(JOB_RUNS.STATUS.eq(S)))
                .orderBy(JOB_RUNS.STARTED_AT.desc(), JOB_RUNS.RUN_ID.desc()).limit(1).fetchOne();
        Condition failed = window.and(JOB_RUNS.STATUS.eq(F));
        if (lastSuccess != null) {
            failed = failed.and(DSL.not(olderThan(lastSuccess)).and(JOB_RUNS.RUN_ID.ne(lastSuccess.getRunId())));
        }
        JobRunsRecord first = dsl.selectFrom(JOB_RUNS).where(failed).orderBy(JOB_RUNS.STARTED_AT, JOB_RUNS.RUN_ID).limit(1).fetchOne();
        int count = dsl.fetchCount(JOB_RUNS, failed);
        return new Streak(first, count);
    }

    /** Runs ordered before {@code r} (by start, then run id). */
    private static Condition olderThan(JobRunsRecord r) {
        return JOB_RUNS.STARTED_AT.lt(r.getStartedAt())
                .or(JOB_RUNS.STARTED_AT.eq(r.getStartedAt()).and(JOB_RUNS.RUN_ID.lt(r.getRunId())));
    }

    private Notification failed(String jobId, JobRunsRecord run, Streak streak, String key) {
        String name = jobNames.get().getOrDefault(jobId, jobId);
        StringBuilder body = new StringBuilder()
                .append("Job: ").append(name).append(" (").append(jobId).append(")\n")
                .append("Status: FAILED\n")
                .append("Time: ").append(time(run.getFinishedAt() != null ? run.getFinishedAt() : run.getStartedAt())).append('\n')
                .append("Error: ").append(errorSummary(run)).append('\n');
        if (streak.count() > 1) {
            body.append("Failed runs in a row: ").append(streak.count()).append(" (since ")
                    .append(time(streak.first().getStartedAt())).append(")\n");
        }
        body.append("Run: ").append(run.getRunId()).append(", attempt ").append(run.getAttempt())
                .append(", ").append(RunTrigger.valueOf(run.getTriggerKind()).name().toLowerCase(java.util.Locale.ROOT))
                .append(", on node ").append(run.getNodeId()).append('\n')
                .append('\n')
                .append("Please check the logs for details.\n");
        return Notification.of(key, Notification.Severity.CRITICAL, "[ALERT] Job Failed: " + name, body.toString());
    }

    private Notification recovered(String jobId, JobRunsRecord run, Streak streak, String key) {
        String name = jobNames.get().getOrDefault(jobId, jobId);
        String body = "Job: " + name + " (" + jobId + ")\n"
                + "Status: RECOVERED\n"
                + "Time: " + time(run.getFinishedAt() != null ? run.getFinishedAt() : run.getStartedAt()) + "\n"
                + "It succeeded again after " + streak.count() + " failed run" + (streak.count() == 1 ? "" : "s")
                + " since " + time(streak.first().getStartedAt()) + ".\n"
                + "Run: " + run.getRunId() + ", on node " + run.getNodeId() + "\n";
        return Notification.of(key, Notification.Severity.INFO, "[RESOLVED] Job Recovered: " + name, body);
    }

    private String time(long epochMillis) {
        Instant at = Instant.ofEpochMilli(epochMillis).truncatedTo(ChronoUnit.SECONDS);
        return LOCAL.format(ZonedDateTime.ofInstant(at, zone)) + " " + zone.getId() + " (" + at + ")";
    }

    private static String errorSummary(JobRunsRecord run) {
        String error = run.getError();
        if (error == null || error.isBlank()) {
            return run.getMessage() == null ? "(no error recorded)" : run.getMessage();
        }
        int nl = error.indexOf('\n');
        String first = nl < 0 ? error : error.substring(0, nl);
        // A time-out or cancellation is a line of its own before the stack trace: show both.
        if (first.startsWith("cancelled: ") && nl >= 0) {
            int nl2 = error.indexOf('\n', nl + 1);
            first = first + "; " + (nl2 < 0 ? error.substring(nl + 1) : error.substring(nl + 1, nl2));
        }
        return first.strip();
    }

    /** Evaluates what is queued, then stops the worker. */
    @Override
    public void close() {
        worker.shutdown();
        try {
            if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            worker.shutdownNow();
        }
    }
}
