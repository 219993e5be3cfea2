package io.tradingjobs.core.internal.run;

import static io.tradingjobs.core.internal.db.generated.Tables.JOB_RUNS;

import io.tradingjobs.core.JobRun;
import io.tradingjobs.core.RunStatus;
import io.tradingjobs.core.RunTrigger;
import io.tradingjobs.core.internal.db.GroupCommitWriter;
import io.tradingjobs.core.internal.db.generated.tables.records.JobRunsRecord;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** The {@code job_runs} table: one row per attempt. */
public final class RunHistory {
    private static final int MESSAGE_LIMIT = 4000;
    private static final int ERROR_LIMIT = 16_000;

    private final DSLContext dsl;
    private final GroupCommitWriter writer;

    /**
     * @param dsl reads, and writes when no group-commit writer is given
     * @param writer commits the per-run writes (start, progress, end) together with other runs'
     */
    public RunHistory(DSLContext dsl, GroupCommitWriter writer) {
        this.dsl = dsl;
        this.writer = writer;
    }

    /** Inserts a started run. */
    public void started(String runId, String jobId, Instant scheduledAt, Instant startedAt, int attempt, String nodeId, RunTrigger trigger) {
        writer.write(tx -> tx.insertInto(JOB_RUNS)
                .set(JOB_RUNS.RUN_ID, runId)
                .set(JOB_RUNS.JOB_ID, jobId)
                .set(JOB_RUNS.SCHEDULED_AT, millis(scheduledAt))
                .set(JOB_RUNS.STARTED_AT, startedAt.toEpochMilli())
                .set(JOB_RUNS.STATUS, RunStatus.RUNNING.name())
                .set(JOB_RUNS.ATTEMPT, attempt)
                .set(JOB_RUNS.NODE_ID, nodeId)
                .set(JOB_RUNS.TRIGGER_KIND, trigger.name())
                .execute());
    }

    /** Records the end of a started run. */
    public void finished(String runId, RunStatus status, Instant finishedAt, long durationMs, String message, String error) {
        writer.write(tx -> tx.update(JOB_RUNS)
                .set(JOB_RUNS.STATUS, status.name())
                .set(JOB_RUNS.FINISHED_AT, finishedAt.toEpochMilli())
                .set(JOB_RUNS.DURATION_MS, durationMs)
                .set(JOB_RUNS.MESSAGE, truncate(message, MESSAGE_LIMIT))
                .set(JOB_RUNS.ERROR, truncate(error, ERROR_LIMIT))
                .where(JOB_RUNS.RUN_ID.eq(runId))
                .execute());
    }

    /** Inserts a run that never started (misfired or skipped), already finished. */
    public void notStarted(String runId, String jobId, Instant scheduledAt, Instant at, int attempt, String nodeId,
                           RunTrigger trigger, RunStatus status, String message) {
        writer.write(tx -> tx.insertInto(JOB_RUNS)
                .set(JOB_RUNS.RUN_ID, runId)
                .set(JOB_RUNS.JOB_ID, jobId)
                .set(JOB_RUNS.SCHEDULED_AT, millis(scheduledAt))
                .set(JOB_RUNS.STARTED_AT, at.toEpochMilli())
                .set(JOB_RUNS.FINISHED_AT, at.toEpochMilli())
                .set(JOB_RUNS.DURATION_MS, 0L)
                .set(JOB_RUNS.STATUS, status.name())
                .set(JOB_RUNS.ATTEMPT, attempt)
                .set(JOB_RUNS.NODE_ID, nodeId)
                .set(JOB_RUNS.TRIGGER_KIND, trigger.name())
                .set(JOB_RUNS.MESSAGE, truncate(message, MESSAGE_LIMIT))
                .execute());
    }

    /** Stores progress of a running job. */
    public void progress(String runId, long done, long total) {
        writer.write(tx -> tx.update(JOB_RUNS)
                .set(JOB_RUNS.PROGRESS_DONE, done)
                .set(JOB_RUNS.PROGRESS_TOTAL, total)
                .where(JOB_RUNS.RUN_ID.eq(runId))
                .execute());
    }

    /**
     * Marks runs still {@code RUNNING} as {@code INTERRUPTED}: all of them when {@code nodes} is
     * null (a single node starting: nobody else can be running), else those of the given nodes.
     *
     * @return how many runs were marked
     */
    public int markInterrupted(Collection<String> nodes, Instant at, String message) {
        Condition where = JOB_RUNS.STATUS.eq(RunStatus.RUNNING.name());
        if (nodes != null) {
            if (nodes.isEmpty()) {
                return 0;
            }
            where = where.and(JOB_RUNS.NODE_ID.in(nodes));
        }
        return dsl.update(JOB_RUNS)
                .set(JOB_RUNS.STATUS, RunStatus.INTERRUPTED.name())
                .set(JOB_RUNS.FINISHED_AT, at.toEpochMilli())
                .set(JOB_RUNS.DURATION_MS, DSL.val(at.toEpochMilli()).minus(JOB_RUNS.STARTED_AT))
                .set(JOB_RUNS.MESSAGE, message)
                .where(where)
                .execute();
    }

    /** Marks the given runs {@code INTERRUPTED} if they are still running. */
    public int markRunsInterrupted(List<String> runIds, Instant at, String message) {
        if (runIds.isEmpty()) {
            return 0;
        }
        return dsl.update(JOB_RUNS)
                .set(JOB_RUNS.STATUS, RunStatus.INTERRUPTED.name())
                .set(JOB_RUNS.FINISHED_AT, at.toEpochMilli())
                .set(JOB_RUNS.DURATION_MS, DSL.val(at.toEpochMilli()).minus(JOB_RUNS.STARTED_AT))
                .set(JOB_RUNS.MESSAGE, message)
                .where(JOB_RUNS.RUN_ID.in(runIds).and(JOB_RUNS.STATUS.eq(RunStatus.RUNNING.name())))
                .execute();
    }

    /** One run by id. */
    public java.util.Optional<JobRun> find(String runId) {
        return dsl.selectFrom(JOB_RUNS).where(JOB_RUNS.RUN_ID.eq(runId)).fetchOptional().map(RunHistory::toRun);
    }

    /** The newest {@code limit} runs, of one job or (null) all. */
    public List<JobRun> recent(String jobId, int limit) {
        Condition where = jobId == null ? DSL.noCondition() : JOB_RUNS.JOB_ID.eq(jobId);
        return dsl.selectFrom(JOB_RUNS).where(where)
                .orderBy(JOB_RUNS.STARTED_AT.desc(), JOB_RUNS.RUN_ID.desc())
                .limit(limit)
                .fetch(RunHistory::toRun);
    }

    /** The newest {@code limit} failed or interrupted runs. */
    public List<JobRun> failures(int limit) {
        return dsl.selectFrom(JOB_RUNS)
                .where(JOB_RUNS.STATUS.in(RunStatus.FAILED.name(), RunStatus.RETRYING.name(), RunStatus.INTERRUPTED.name()))
                .orderBy(JOB_RUNS.STARTED_AT.desc(), JOB_RUNS.RUN_ID.desc())
                .limit(limit)
                .fetch(RunHistory::toRun);
    }

    /** Per-job figures for the status view. */
    public record Stats(long successes, long failures, long running, JobRun last) {
        static final Stats NONE = new Stats(0, 0, 0, null);
    }

    /** Figures for every job that has history. */
    public Map<String, Stats> stats() {
        Field<Integer> ok = DSL.sum(DSL.when(JOB_RUNS.STATUS.eq(RunStatus.SUCCEEDED.name()), 1).otherwise(0)).cast(Integer.class).as("ok");
        Field<Integer> bad = DSL.sum(DSL.when(JOB_RUNS.STATUS.in(RunStatus.FAILED.name(), RunStatus.INTERRUPTED.name()), 1)
                .otherwise(0)).cast(Integer.class).as("bad");
        Field<Integer> running = DSL.sum(DSL.when(JOB_RUNS.STATUS.eq(RunStatus.RUNNING.name()), 1).otherwise(0))
                .cast(Integer.class).as("running");
        Map<String, long[]> counts = new HashMap<>();
        for (Record r : dsl.select(JOB_RUNS.JOB_ID, ok, bad, running).from(JOB_RUNS).groupBy(JOB_RUNS.JOB_ID).fetch()) {
            counts.put(r.get(JOB_RUNS.JOB_ID), new long[] {n(r.get(ok)), n(r.get(bad)), n(r.get(running))});
        }
        // The latest finished run per job (ROW_NUMBER works on SQLite 3.25+ and PostgreSQL).
        Field<Integer> rn = DSL.rowNumber().over(DSL.partitionBy(JOB_RUNS.JOB_ID)
                .orderBy(JOB_RUNS.STARTED_AT.desc(), JOB_RUNS.RUN_ID.desc())).as("rn");
        var latest = dsl.select(JOB_RUNS.asterisk(), rn).from(JOB_RUNS)
                .where(JOB_RUNS.STATUS.ne(RunStatus.RUNNING.name())).asTable("latest");
        Map<String, JobRun> last = new HashMap<>();
        for (Record r : dsl.selectFrom(latest).where(latest.field(rn).eq(1)).fetch()) {
            JobRun run = toRun(r.into(JOB_RUNS));
            last.put(run.jobId(), run);
        }
        Map<String, Stats> out = new HashMap<>();
        counts.forEach((job, c) -> out.put(job, new Stats(c[0], c[1], c[2], last.get(job))));
        return out;
    }

    /** How many runs of {@code jobId} are running on any node. */
    public int runningCount(String jobId) {
        return dsl.fetchCount(JOB_RUNS, JOB_RUNS.JOB_ID.eq(jobId).and(JOB_RUNS.STATUS.eq(RunStatus.RUNNING.name())));
    }

    /**
     * Deletes finished runs that started before {@code before}, in batches so other writers get
     * the database in between.
     *
     * @return rows deleted
     */
    public int prune(Instant before, int batchSize) {
        int total = 0;
        while (true) {
            var ids = dsl.select(JOB_RUNS.RUN_ID).from(JOB_RUNS)
                    .where(JOB_RUNS.STARTED_AT.lt(before.toEpochMilli()).and(JOB_RUNS.STATUS.ne(RunStatus.RUNNING.name())))
                    .limit(batchSize).fetch(JOB_RUNS.RUN_ID);
            if (ids.isEmpty()) {
                return total;
            }
            total += dsl.deleteFrom(JOB_RUNS).where(JOB_RUNS.RUN_ID.in(ids)).execute();
        }
    }

    static JobRun toRun(JobRunsRecord r) {
        return new JobRun(r.getRunId(), r.getJobId(), instant(r.getScheduledAt()), instant(r.getStartedAt()),
                instant(r.getFinishedAt()), RunStatus.valueOf(r.getStatus()), r.getAttempt(), r.getDurationMs(),
                r.getNodeId(), RunTrigger.valueOf(r.getTriggerKind()), r.getMessage(), r.getError(),
                r.getProgressDone(), r.getProgressTotal());
    }

    private static long n(Integer v) {
        return v == null ? 0 : v;
    }

    private static Long millis(Instant i) {
        return i == null ? null : i.toEpochMilli();
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
