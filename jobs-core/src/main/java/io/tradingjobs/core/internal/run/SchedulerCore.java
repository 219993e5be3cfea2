package io.tradingjobs.core.internal.run;

import com.google.inject.Injector;
import io.tradingjobs.core.JobAlreadyRunningException;
import io.tradingjobs.core.JobRun;
import io.tradingjobs.core.JobState;
import io.tradingjobs.core.JobStatus;
import io.tradingjobs.core.RunStatus;
import io.tradingjobs.core.RunTrigger;
import io.tradingjobs.core.UnknownJobException;
import io.tradingjobs.core.config.Config;
import io.tradingjobs.core.internal.db.Database;
import io.tradingjobs.core.internal.db.GroupCommitWriter;
import io.tradingjobs.core.internal.db.Migrations;
import io.tradingjobs.core.internal.db.SqliteProcessLock;
import io.tradingjobs.core.internal.db.SqliteWriteGate;
import io.tradingjobs.core.internal.quartz.MisfireListener;
import io.tradingjobs.core.internal.quartz.TradingTimeCalendar;
import io.tradingjobs.core.internal.quartz.Triggers;
import io.tradingjobs.core.spi.Job;
import io.tradingjobs.core.spi.JobDefinition;
import io.tradingjobs.core.spi.NonRetryableException;
import io.tradingjobs.core.spi.Schedule;
import io.tradingjobs.core.spi.SkipRunException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The scheduler's engine: keeps Quartz's stored triggers in step with the job definitions, runs
 * each fire with history, retries, time-outs and misfire grace, and answers the facade's queries.
 */
public final class SchedulerCore {
    private static final Logger LOG = LoggerFactory.getLogger(SchedulerCore.class);

    static final String KIND = "tj.kind";
    static final String RUN_ID = "tj.runId";
    static final String ATTEMPT = "tj.attempt";
    static final String SCHEDULED_AT = "tj.scheduledAt";
    static final String NOTE = "tj.note";
    static final String SHUTDOWN = "the scheduler is shutting down";

    private final Config config;
    private final Database db;
    private final RunHistory history;
    private final GroupCommitWriter historyWriter;
    private final Map<String, RegisteredJob> jobs;
    private final Injector injector;
    private final Clock clock;
    /** Whether {@link #clock} is the system clock, whose time Quartz's own fire times already are. */
    private final boolean wallClock;
    /** Held while this scheduler runs jobs on an SQLite file, so that no second one does. */
    private SqliteProcessLock processLock;
    private final String nodeId;
    private final ZoneId defaultZone;
    private final boolean clustered;
    private final Scheduler quartz;
    private final Duration shutdownTimeout;
    private final Duration historyRetention;
    private final List<String> migrationsOrder;
    private final Map<String, List<String>> migrations;
    private final ClassLoader loader;
    private final MisfireListener misfireListener;
    private final Map<String, TradingTimeCalendar> calendars = new ConcurrentHashMap<>();
    private final Map<String, ActiveRun> active = new ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> queuedManual = new ConcurrentHashMap<>();
    // Runs whose end is not yet in job_runs: a run leaves `active` before its end is written, and
    // close() must not close the pool under that write.
    private final java.util.Set<String> unrecorded = ConcurrentHashMap.newKeySet();
    private final List<Consumer<JobRun>> runListeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> startListeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timers;
    private final ExecutorService misfireWorker;
    private final boolean runsJobs;
    private final io.tradingjobs.core.internal.notify.Scrubber scrubber;
    private final io.tradingjobs.core.calendar.CalendarStore calendarStore;
    private final Duration clusterCheckin;
    private final java.util.concurrent.atomic.AtomicBoolean historyFailing = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean migrated;
    private volatile boolean started;
    private volatile boolean closing;

    /** A run in progress on this node. */
    private record ActiveRun(String runId, String jobId, Thread thread, RunContext context) {
    }

    /** Everything the core needs; built and validated by the facade's builder. */
    public record Parts(Config config, Database db, Map<String, RegisteredJob> jobs, Injector injector, Clock clock,
                        String nodeId, ZoneId defaultZone, boolean clustered, Scheduler quartz, Duration shutdownTimeout,
                        Duration historyRetention, Map<String, List<String>> migrations, ClassLoader loader,
                        boolean runsJobs, io.tradingjobs.core.calendar.CalendarStore calendarStore, Duration clusterCheckin) {
    }

    public SchedulerCore(Parts p) throws SchedulerException {
        this.config = p.config();
        this.db = p.db();
        this.historyWriter = new GroupCommitWriter(db.dsl(), "tradingjobs-history");
        this.history = new RunHistory(db.dsl(), historyWriter);
        this.jobs = p.jobs();
        this.injector = p.injector();
        this.clock = p.clock();
        this.wallClock = p.clock().getClass() == Clock.systemUTC().getClass();
        this.nodeId = p.nodeId();
        this.defaultZone = p.defaultZone();
        this.clustered = p.clustered();
        this.quartz = p.quartz();
        this.shutdownTimeout = p.shutdownTimeout();
        this.historyRetention = p.historyRetention();
        this.migrations = p.migrations();
        this.migrationsOrder = new ArrayList<>(p.migrations().keySet());
        this.loader = p.loader();
        this.runsJobs = p.runsJobs();
        this.scrubber = new io.tradingjobs.core.internal.notify.Scrubber(config.keys().stream().filter(Config::isSecret)
                .map(k -> config.get(k).orElse(""))
                .filter(v -> !v.contains("://") && !v.startsWith("jdbc:") || v.contains("@") || v.contains("password="))
                .toList());
        this.calendarStore = p.calendarStore();
        this.clusterCheckin = p.clusterCheckin();
        this.timers = Executors.newSingleThreadScheduledExecutor(named("tradingjobs-timer"));
        this.misfireWorker = Executors.newSingleThreadExecutor(named("tradingjobs-misfires"));
        this.misfireListener = new MisfireListener(this::onMissed, calendars::get);
        quartz.setJobFactory(new JobRunner.Factory(this));
        quartz.getListenerManager().addTriggerListener(misfireListener);
    }

    private static java.util.concurrent.ThreadFactory named(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** The run history. */
    public RunHistory history() {
        return history;
    }

    /** Registers a listener told about every finished run (notifications, metrics). */
    public void onRunFinished(Consumer<JobRun> listener) {
        runListeners.add(listener);
    }

    /**
     * Registers an action run by {@link #start()} once migrations and triggers are in place and
     * before jobs fire (management server, notification dispatcher); if it throws, start fails.
     */
    public void onStarted(Runnable action) {
        startListeners.add(action);
    }

    /** Applies the core's and the providers' migrations once. */
    public synchronized void migrate() {
        if (migrated) {
            return;
        }
        for (String module : migrationsOrder) {
            Migrations.apply(db, module, migrations.get(module), loader);
        }
        migrated = true;
        // Stored holidays and special sessions must be in force before any trigger is computed.
        calendarStore.reload();
    }

    /** Migrates, repairs interrupted runs, brings the stored triggers in line, starts firing. */
    public synchronized void start() throws SchedulerException {
        if (started) {
            return;
        }
        if (!clustered && runsJobs && processLock == null) {
            processLock = db.sqliteFile().map(SqliteProcessLock::acquire).orElse(null);
        }
        try {
            startHoldingTheLock();
        } catch (SchedulerException | RuntimeException e) {
            if (processLock != null) {
                processLock.close();
                processLock = null;
            }
            throw e;
        }
    }

    private void startHoldingTheLock() throws SchedulerException {
        migrate();
        if (!clustered && runsJobs) {
            // A single node that is starting cannot have runs in progress: whatever says RUNNING died with its process.
            int repaired = history.markInterrupted((Collection<String>) null, clock.instant(),
                    "interrupted: the scheduler stopped while it was running (found at start-up of " + nodeId + ")");
            if (repaired > 0) {
                LOG.warn("marked {} run{} left RUNNING by a stopped process as INTERRUPTED", repaired, repaired == 1 ? "" : "s");
            }
        }
        syncTriggers();
        startListeners.forEach(Runnable::run);
        started = true;
        if (!runsJobs) {
            LOG.warn("jobs.scheduler.enabled=false (ENABLE_SCHEDULER): schedules are stored and the API answers, but this node runs no jobs");
            return;
        }
        quartz.start();
        timers.scheduleWithFixedDelay(this::pruneHistory, 1, 24 * 60, TimeUnit.MINUTES);
        if (clustered) {
            long every = Math.max(1000, clusterCheckin.toMillis());
            timers.scheduleWithFixedDelay(new DeadNodeRepair(db.dsl(), history, quartz.getSchedulerName(), nodeId, clock),
                    every, every, TimeUnit.MILLISECONDS);
        }
        for (RegisteredJob job : jobs.values()) {
            LOG.info("job {}: {}", job.id(), describeNext(job));
        }
    }

    private String describeNext(RegisteredJob job) {
        if (!job.enabled()) {
            return "disabled (" + job.disabledReason() + ")";
        }
        Schedule s = job.definition().schedule();
        ZoneId zone = Triggers.zoneOf(s, defaultZone);
        String next = nextFireTime(job.id()).map(t -> ZonedDateTime.ofInstant(t, zone).toString()).orElse("none");
        String paused = isPaused(job.id()) ? " (paused)" : "";
        return s.text() + " [" + zone + "], next " + next + paused;
    }

    private void syncTriggers() throws SchedulerException {
        Instant now = clock.instant();
        for (RegisteredJob job : jobs.values()) {
            JobDefinition def = job.definition();
            JobKey key = JobKey.jobKey(def.id(), Triggers.SCHEDULE_GROUP);
            TriggerKey tkey = TriggerKey.triggerKey(def.id(), Triggers.SCHEDULE_GROUP);
            if (!job.enabled()) {
                if (quartz.checkExists(key)) {
                    quartz.deleteJob(key);
                    LOG.info("job {} is disabled; removed its stored schedule", def.id());
                }
                continue;
            }
            JobDetail detail = JobBuilder.newJob(def.maxConcurrent() == 1 ? JobRunner.Serial.class : JobRunner.Concurrent.class)
                    .withIdentity(key)
                    .withDescription(def.name())
                    .storeDurably()
                    .requestRecovery(def.recoverable())
                    .build();
            quartz.addJob(detail, true, true);
            Triggers.Built built = Triggers.build(def.id(), def.schedule(), defaultZone, def.coalesce(),
                    Instant.ofEpochMilli(System.currentTimeMillis()));
            Trigger stored = quartz.getTrigger(tkey);
            if (built == null) {
                if (stored != null) {
                    quartz.unscheduleJob(tkey);
                }
                continue;
            }
            if (built.calendar() != null) {
                calendars.put(built.calendarName(), built.calendar());
                quartz.addCalendar(built.calendarName(), built.calendar(), true, false);
            }
            String fingerprint = built.trigger().getJobDataMap().getString(Triggers.FINGERPRINT);
            if (stored == null) {
                try {
                    quartz.scheduleJob(built.trigger());
                } catch (org.quartz.ObjectAlreadyExistsException raced) {
                    // Another node starting at the same moment stored it first; its copy is the same schedule.
                    LOG.debug("job {}: trigger stored by another node meanwhile", def.id());
                }
            } else if (!Triggers.sameSchedule(stored, fingerprint)) {
                boolean paused = quartz.getTriggerState(tkey) == Trigger.TriggerState.PAUSED;
                quartz.rescheduleJob(tkey, built.trigger());
                if (paused) {
                    quartz.pauseTrigger(tkey);
                }
                LOG.info("job {}: schedule changed to '{}'", def.id(), def.schedule().text());
            }
        }
        // Stored schedules of jobs that no longer exist would fire into nothing.
        for (JobKey key : quartz.getJobKeys(GroupMatcher.jobGroupEquals(Triggers.SCHEDULE_GROUP))) {
            if (!jobs.containsKey(key.getName())) {
                quartz.deleteJob(key);
                LOG.info("removed the stored schedule of job {}, which no provider defines any more", key.getName());
            }
        }
        LOG.debug("triggers in step at {}", now);
    }

    // ---- execution -------------------------------------------------------------------------

    void execute(JobExecutionContext qc) {
        String jobId = qc.getJobDetail().getKey().getName();
        RegisteredJob job = jobs.get(jobId);
        if (job == null) {
            LOG.warn("fire of unknown job {} ignored", jobId);
            return;
        }
        JobDataMap data = qc.getTrigger().getJobDataMap();
        // A manual run's trigger carries no data: its name is the run id and it fires when it was asked for.
        boolean manualTrigger = Triggers.MANUAL_GROUP.equals(qc.getTrigger().getKey().getGroup());
        RunTrigger kind = qc.isRecovering() ? RunTrigger.RECOVERY
                : data.containsKey(KIND) ? RunTrigger.valueOf(data.getString(KIND))
                : manualTrigger ? RunTrigger.MANUAL : RunTrigger.SCHEDULE;
        int attempt = data.containsKey(ATTEMPT) ? data.getInt(ATTEMPT) : 1;
        // A manual trigger's start time is when the run was asked for; a misfire moves its fire time, not that.
        Instant scheduledAt = data.containsKey(SCHEDULED_AT) ? Instant.ofEpochMilli(data.getLong(SCHEDULED_AT))
                : manualTrigger ? qc.getTrigger().getStartTime().toInstant() : qc.getScheduledFireTime().toInstant();
        String runId = kind == RunTrigger.RECOVERY ? newRunId()
                : data.containsKey(RUN_ID) ? data.getString(RUN_ID)
                : manualTrigger ? qc.getTrigger().getKey().getName() : newRunId();
        String note = data.containsKey(NOTE) ? data.getString(NOTE) : null;
        JobDefinition def = job.definition();

        if (kind == RunTrigger.SCHEDULE || kind == RunTrigger.CATCH_UP) {
            long lateMs = System.currentTimeMillis() - scheduledAt.toEpochMilli();
            if (lateMs > def.misfireGrace().toMillis()) {
                notStarted(runId, jobId, scheduledAt, attempt, kind, RunStatus.MISFIRED, "misfired: started " + seconds(lateMs)
                        + " late, beyond the misfire grace of " + seconds(def.misfireGrace().toMillis()));
                return;
            }
        }
        if (def.maxConcurrent() > 1 && countActive(jobId) >= def.maxConcurrent()) {
            if (kind == RunTrigger.MANUAL) {
                manualStarted(jobId);
            }
            notStarted(runId, jobId, scheduledAt, attempt, kind, RunStatus.SKIPPED,
                    "skipped: " + def.maxConcurrent() + " runs already in progress (max-concurrent)");
            return;
        }
        run(job, runId, kind, attempt, scheduledAt, note);
    }

    private JobRun run(RegisteredJob job, String runId, RunTrigger kind, int attempt, Instant scheduledAt, String note) {
        JobDefinition def = job.definition();
        String jobId = def.id();
        Instant startedAt = clock.instant();
        try {
            history.started(runId, jobId, scheduledAt, startedAt, attempt, nodeId, kind);
        } catch (RuntimeException e) {
            LOG.error("job {}: not run, because its start could not be recorded: {}", jobId, e.getMessage());
            if (kind == RunTrigger.MANUAL) {
                manualStarted(jobId);
            }
            return null;
        }
        RunContext ctx = new RunContext(jobId, runId, scheduledAt, startedAt, attempt, clock, config,
                (done, total) -> record(() -> history.progress(runId, done, total), jobId, runId));
        Thread thread = Thread.currentThread();
        unrecorded.add(runId);
        active.put(runId, new ActiveRun(runId, jobId, thread, ctx));
        if (kind == RunTrigger.MANUAL) {
            manualStarted(jobId);
        }
        ScheduledFuture<?> watchdog = def.timeout().map(t -> timers.schedule(() -> {
            ctx.cancel("timed out after " + seconds(t.toMillis()));
            thread.interrupt();
        }, t.toMillis(), TimeUnit.MILLISECONDS)).orElse(null);
        MDC.put("job_id", jobId);
        MDC.put("run_id", runId);
        long t0 = System.nanoTime();
        Throwable failure = null;
        RunStatus status = RunStatus.SUCCEEDED;
        String message = null;
        try {
            LOG.debug("run {} of {} started ({}, attempt {})", runId, jobId, kind, attempt);
            Job instance = job.instance() != null ? job.instance() : injector.getInstance(job.jobClass());
            SqliteWriteGate.runningJob(true);
            instance.run(ctx);
        } catch (SkipRunException e) {
            status = RunStatus.SKIPPED;
            message = e.getMessage();
        } catch (Throwable e) { // every failure of a job, including errors, ends its run; the worker thread lives on
            failure = e;
        } finally {
            if (watchdog != null) {
                watchdog.cancel(false);
            }
            SqliteWriteGate.runningJob(false);
            active.remove(runId);
            Thread.interrupted(); // Quartz reuses the worker thread: do not hand it a pending interrupt
        }
        long durationMs = (System.nanoTime() - t0) / 1_000_000;
        String error = null;
        if (failure != null) {
            String cancelled = ctx.cancelReason();
            // A job's exception may quote a token or password it was given: never store or log one.
            error = scrubber.scrub((cancelled != null ? "cancelled: " + cancelled + "\n" : "") + stackTrace(failure));
            if (cancelled != null && cancelled.equals(SHUTDOWN)) {
                status = RunStatus.INTERRUPTED;
                message = "interrupted: " + SHUTDOWN;
            } else if (failure instanceof NonRetryableException || failure.getCause() instanceof NonRetryableException
                    || !def.retry().allowsAttempt(attempt + 1) || closing) {
                status = RunStatus.FAILED;
                message = summarize(failure, cancelled, attempt, def.retry().maxAttempts());
            } else {
                Duration delay = def.retry().delayBefore(attempt + 1);
                if (scheduleRetry(jobId, attempt + 1, scheduledAt, delay)) {
                    status = RunStatus.RETRYING;
                    message = summarize(failure, cancelled, attempt, def.retry().maxAttempts()) + "; attempt " + (attempt + 1)
                            + " in " + seconds(delay.toMillis());
                } else {
                    status = RunStatus.FAILED;
                    message = summarize(failure, cancelled, attempt, def.retry().maxAttempts()) + "; the retry could not be scheduled";
                }
            }
        } else if (message == null) {
            message = ctx.summary().orElse(null);
        }
        if (note != null) {
            message = message == null ? note : note + "; " + message;
        }
        long[] progress = ctx.lastProgress();
        if (progress != null) {
            long done = progress[0];
            long total = progress[1];
            record(() -> history.progress(runId, done, total), jobId, runId);
        }
        RunStatus finalStatus = status;
        String finalMessage = scrubber.scrub(message);
        String finalError = error;
        Instant finishedAt = clock.instant();
        record(() -> history.finished(runId, finalStatus, finishedAt, durationMs, finalMessage, finalError), jobId, runId);
        unrecorded.remove(runId);
        if (status == RunStatus.FAILED) {
            LOG.error("run {} of {} failed after {} ms: {}\n{}", runId, jobId, durationMs, finalMessage, finalError);
        } else if (status == RunStatus.RETRYING) {
            LOG.warn("run {} of {} failed after {} ms: {}", runId, jobId, durationMs, finalMessage);
        } else {
            LOG.info("run {} of {} {} in {} ms{}", runId, jobId, status.name().toLowerCase(java.util.Locale.ROOT), durationMs,
                    finalMessage == null ? "" : ": " + finalMessage);
        }
        MDC.remove("job_id");
        MDC.remove("run_id");
        JobRun run = new JobRun(runId, jobId, scheduledAt, startedAt, finishedAt, status, attempt, durationMs, nodeId, kind,
                finalMessage, finalError, progress == null ? null : progress[0], progress == null ? null : progress[1]);
        notifyListeners(run);
        return run;
    }

    /** Records a run that never started (misfired, skipped) and tells the listeners, as for a run that ran. */
    private void notStarted(String runId, String jobId, Instant scheduledAt, int attempt, RunTrigger kind, RunStatus status, String message) {
        Instant at = clock.instant();
        record(() -> history.notStarted(runId, jobId, scheduledAt, at, attempt, nodeId, kind, status, message), jobId, runId);
        notifyListeners(new JobRun(runId, jobId, scheduledAt, at, at, status, attempt, 0L, nodeId, kind, message, null, null, null));
    }

    private void notifyListeners(JobRun run) {
        for (Consumer<JobRun> l : runListeners) {
            try {
                l.accept(run);
            } catch (RuntimeException e) {
                LOG.warn("run listener failed for {}: {}", run.runId(), e.toString());
            }
        }
    }

    /**
     * Runs one attempt of {@code jobId} on the calling thread, recorded like a manual run, and
     * returns it finished; for the test kit (no Quartz threads involved).
     */
    public JobRun runInline(String jobId) {
        RegisteredJob job = require(jobId);
        migrate();
        JobRun run = run(job, newRunId(), RunTrigger.MANUAL, 1, clock.instant(), null);
        if (run == null) {
            throw new IllegalStateException("job " + jobId + " could not be run: its start could not be recorded");
        }
        return run;
    }

    private static String summarize(Throwable failure, String cancelled, int attempt, int maxAttempts) {
        String what = cancelled != null ? cancelled : failure.getClass().getSimpleName()
                + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
        return "attempt " + attempt + " of " + maxAttempts + " failed: " + what;
    }

    private boolean scheduleRetry(String jobId, int attempt, Instant scheduledAt, Duration delay) {
        try {
            String nextRunId = newRunId();
            Trigger retry = TriggerBuilder.newTrigger()
                    .withIdentity(TriggerKey.triggerKey(nextRunId, Triggers.RETRY_GROUP))
                    .forJob(JobKey.jobKey(jobId, Triggers.SCHEDULE_GROUP))
                    .startAt(new Date(System.currentTimeMillis() + delay.toMillis()))
                    .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                    .usingJobData(KIND, RunTrigger.RETRY.name())
                    .usingJobData(RUN_ID, nextRunId)
                    .usingJobData(ATTEMPT, attempt)
                    .usingJobData(SCHEDULED_AT, scheduledAt.toEpochMilli())
                    .build();
            quartz.scheduleJob(retry);
            return true;
        } catch (SchedulerException | RuntimeException e) {
            LOG.error("job {}: could not schedule attempt {}: {}", jobId, attempt, e.getMessage());
            return false;
        }
    }

    private void onMissed(MisfireListener.Missed missed) {
        // Called inside Quartz's store transaction: decide later, on our own thread.
        misfireWorker.execute(() -> catchUp(missed));
    }

    private void catchUp(MisfireListener.Missed missed) {
        RegisteredJob job = jobs.get(missed.jobId());
        if (job == null || closing) {
            return;
        }
        JobDefinition def = job.definition();
        long lateMs = System.currentTimeMillis() - missed.last().toEpochMilli();
        String window = missed.count() == 1 ? "the run due at " + missed.first()
                : missed.count() + " runs due from " + missed.first() + " to " + missed.last();
        if (lateMs <= def.misfireGrace().toMillis()) {
            String runId = newRunId();
            try {
                quartz.scheduleJob(TriggerBuilder.newTrigger()
                        .withIdentity(TriggerKey.triggerKey(runId, Triggers.CATCH_UP_GROUP))
                        .forJob(JobKey.jobKey(def.id(), Triggers.SCHEDULE_GROUP))
                        .startNow()
                        .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                        .usingJobData(KIND, RunTrigger.CATCH_UP.name())
                        .usingJobData(RUN_ID, runId)
                        .usingJobData(ATTEMPT, 1)
                        .usingJobData(SCHEDULED_AT, missed.last().toEpochMilli())
                        .usingJobData(NOTE, "catch-up for " + window + " (coalesced)")
                        .build());
                LOG.info("job {}: missed {}; running once now (coalesce, within the {} grace)", def.id(), window,
                        seconds(def.misfireGrace().toMillis()));
            } catch (SchedulerException e) {
                LOG.error("job {}: could not schedule the catch-up run: {}", def.id(), e.getMessage());
            }
        } else {
            notStarted(newRunId(), def.id(), missed.last(), 1, RunTrigger.SCHEDULE, RunStatus.MISFIRED, "misfired: missed " + window
                    + "; the latest is " + seconds(lateMs) + " late, beyond the misfire grace of " + seconds(def.misfireGrace().toMillis()));
            LOG.warn("job {}: missed {} (beyond the {} grace); waiting for the next fire", def.id(), window,
                    seconds(def.misfireGrace().toMillis()));
        }
    }

    // ---- control ---------------------------------------------------------------------------

    /** Starts a run now; returns its run id. */
    public String runNow(String jobId) throws SchedulerException {
        RegisteredJob job = require(jobId);
        if (!job.enabled()) {
            throw new IllegalStateException("job " + jobId + " is disabled (" + job.disabledReason() + "); enable it to run it");
        }
        migrate();
        int max = job.definition().maxConcurrent();
        // Runs in progress, plus manual runs asked for but not started yet, must stay under the limit.
        boolean local = !clustered && runsJobs;
        int running;
        long pendingManual;
        if (local) {
            // One node runs everything: its own counts are the truth and cost no query. (After a restart, manual
            // runs queued before it are not counted until they start: at worst a few more are admitted once.)
            running = countActive(jobId);
            pendingManual = queuedManual.computeIfAbsent(jobId, k -> new java.util.concurrent.atomic.AtomicInteger()).get();
        } else {
            running = history.runningCount(jobId);
            // Counted up to the limit only, so a long queue of manual runs costs no more than the limit to check.
            pendingManual = running >= max ? 0 : db.dsl().fetchValue("SELECT COUNT(*) FROM (SELECT 1 FROM QRTZ_TRIGGERS "
                    + "WHERE SCHED_NAME = ? AND JOB_NAME = ? AND JOB_GROUP = ? AND TRIGGER_GROUP = ? "
                    + "AND TRIGGER_STATE IN ('WAITING', 'ACQUIRED', 'BLOCKED', 'PAUSED', 'PAUSED_BLOCKED') LIMIT ?) pending",
                    quartz.getSchedulerName(), jobId, Triggers.SCHEDULE_GROUP, Triggers.MANUAL_GROUP, max - running)
                    instanceof Number n ? n.longValue() : 0; // (a fired one-shot lingers as COMPLETE briefly: not pending)
        }
        if (running + pendingManual >= max) {
            throw new JobAlreadyRunningException(jobId, max);
        }
        if (local) {
            queuedManual.get(jobId).incrementAndGet();
        }
        String runId = newRunId();
        try {
            TriggerBuilder<org.quartz.SimpleTrigger> trigger = TriggerBuilder.newTrigger()
                .withIdentity(TriggerKey.triggerKey(runId, Triggers.MANUAL_GROUP))
                .forJob(JobKey.jobKey(jobId, Triggers.SCHEDULE_GROUP))
                .startNow()
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow());
            if (!wallClock) {
                // The run is due at the injected clock's time, which the trigger's own start time is not.
                trigger.usingJobData(SCHEDULED_AT, clock.millis());
            }
            // Otherwise no job data: every byte of it is serialized into the store and read back at the fire.
            quartz.scheduleJob(trigger.build());
        } catch (SchedulerException | RuntimeException e) {
            if (local) {
                manualStarted(jobId);
            }
            throw e;
        }
        return runId;
    }

    /** A queued manual run of {@code jobId} has started (or will not): it no longer counts as queued. */
    private void manualStarted(String jobId) {
        java.util.concurrent.atomic.AtomicInteger n = queuedManual.get(jobId);
        if (n != null) {
            n.updateAndGet(v -> Math.max(0, v - 1));
        }
    }

    /** Pauses a job's schedule (and its pending retries); persisted. */
    public void pause(String jobId) throws SchedulerException {
        RegisteredJob job = require(jobId);
        requireScheduled(job);
        quartz.pauseJob(JobKey.jobKey(jobId, Triggers.SCHEDULE_GROUP));
        LOG.info("job {} paused", jobId);
    }

    /** Resumes a paused job; fires missed while paused are not caught up. */
    public void resume(String jobId) throws SchedulerException {
        RegisteredJob job = require(jobId);
        requireScheduled(job);
        SchedulerException[] error = new SchedulerException[1];
        misfireListener.withoutCatchUp(() -> {
            try {
                quartz.resumeJob(JobKey.jobKey(jobId, Triggers.SCHEDULE_GROUP));
            } catch (SchedulerException e) {
                error[0] = e;
            }
        });
        if (error[0] != null) {
            throw error[0];
        }
        LOG.info("job {} resumed", jobId);
    }

    private void requireScheduled(RegisteredJob job) throws SchedulerException {
        if (!job.enabled()) {
            throw new IllegalStateException("job " + job.id() + " is disabled (" + job.disabledReason() + ")");
        }
        migrate();
        if (!quartz.checkExists(JobKey.jobKey(job.id(), Triggers.SCHEDULE_GROUP))) {
            syncTriggers();
        }
    }

    private RegisteredJob require(String jobId) {
        RegisteredJob job = jobs.get(jobId);
        if (job == null) {
            throw new UnknownJobException(jobId, jobs.keySet());
        }
        return job;
    }

    // ---- queries ---------------------------------------------------------------------------

    /** The status of every job, ordered by id. */
    public List<JobStatus> statuses() {
        migrate();
        Map<String, RunHistory.Stats> stats = history.stats();
        List<JobStatus> out = new ArrayList<>();
        for (RegisteredJob job : jobs.values()) {
            out.add(status(job, stats.getOrDefault(job.id(), RunHistory.Stats.NONE)));
        }
        return out;
    }

    /** The status of one job. */
    public Optional<JobStatus> status(String jobId) {
        RegisteredJob job = jobs.get(jobId);
        if (job == null) {
            return Optional.empty();
        }
        migrate();
        return Optional.of(status(job, history.stats().getOrDefault(jobId, RunHistory.Stats.NONE)));
    }

    private JobStatus status(RegisteredJob job, RunHistory.Stats s) {
        JobState state;
        Instant next = null;
        boolean paused = job.enabled() && isPaused(job.id());
        if (!job.enabled()) {
            state = JobState.DISABLED;
        } else if (s.running() > 0 || countActive(job.id()) > 0) {
            state = JobState.RUNNING;
        } else if (paused) {
            state = JobState.PAUSED;
        } else {
            state = JobState.SCHEDULED;
        }
        if (job.enabled() && !paused) {
            next = nextFireTime(job.id()).orElse(null);
        }
        JobRun last = s.last();
        return new JobStatus(job.id(), job.definition().name(), job.definition().schedule().text(), state, next,
                last == null ? null : last.startedAt(), last == null ? null : last.status(),
                last == null ? null : last.durationMs(), s.successes(), s.failures(), job.definition().description());
    }

    private boolean isPaused(String jobId) {
        try {
            return quartz.getTriggerState(TriggerKey.triggerKey(jobId, Triggers.SCHEDULE_GROUP)) == Trigger.TriggerState.PAUSED;
        } catch (SchedulerException e) {
            return false;
        }
    }

    private Optional<Instant> nextFireTime(String jobId) {
        try {
            Trigger t = quartz.getTrigger(TriggerKey.triggerKey(jobId, Triggers.SCHEDULE_GROUP));
            if (t == null || t.getNextFireTime() == null) {
                return Optional.empty();
            }
            return Optional.of(t.getNextFireTime().toInstant());
        } catch (SchedulerException e) {
            return Optional.empty();
        }
    }

    /** Newest first, one job or all. */
    public List<JobRun> history(String jobId, int limit) {
        if (jobId != null) {
            require(jobId);
        }
        migrate();
        return history.recent(jobId, limit);
    }

    /** Newest failed, retrying or interrupted runs first. */
    public List<JobRun> failures(int limit) {
        migrate();
        return history.failures(limit);
    }

    /** One run. */
    public Optional<JobRun> run(String runId) {
        migrate();
        return history.find(runId);
    }

    /** The registered jobs. */
    public Collection<RegisteredJob> jobs() {
        return jobs.values();
    }

    private int countActive(String jobId) {
        int n = 0;
        for (ActiveRun r : active.values()) {
            if (r.jobId().equals(jobId)) {
                n++;
            }
        }
        return n;
    }

    // ---- housekeeping and shutdown -----------------------------------------------------------

    private void pruneHistory() {
        try {
            int n = history.prune(clock.instant().minus(historyRetention), 500);
            if (n > 0) {
                LOG.info("pruned {} run history rows older than {}", n, historyRetention);
            }
        } catch (RuntimeException e) {
            LOG.warn("run history pruning failed: {}", e.getMessage());
        }
    }

    /**
     * Stops firing, waits up to the shutdown time-out for running jobs, interrupts the rest and
     * records them as interrupted, then stops Quartz.
     */
    public synchronized void close() {
        if (closing) {
            return;
        }
        closing = true;
        try {
            if (started) {
                quartz.standby();
            }
            long deadline = System.nanoTime() + shutdownTimeout.toNanos();
            waitForRuns(deadline);
            if (!active.isEmpty()) {
                LOG.warn("{} run{} still going after {}; interrupting", active.size(), active.size() == 1 ? "" : "s", shutdownTimeout);
                for (ActiveRun r : active.values()) {
                    r.context().cancel(SHUTDOWN);
                    r.thread().interrupt();
                }
                waitForRuns(System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
                List<String> left = new ArrayList<>(active.keySet());
                if (!left.isEmpty()) {
                    record(() -> history.markRunsInterrupted(left, clock.instant(), "interrupted: " + SHUTDOWN + " and the run did not stop"),
                            null, null);
                }
            }
            // Let Quartz's workers finish the bookkeeping that follows our runs (the fired trigger's row) before the
            // pool closes, else it fails with "JobStore is shutdown" errors; but never wait past the shutdown time-out
            // (plus a little) for a run that fired just before standby() or is stuck.
            shutdownQuartz(Math.max(TimeUnit.SECONDS.toNanos(2), deadline + TimeUnit.SECONDS.toNanos(5) - System.nanoTime()));
        } catch (SchedulerException e) {
            LOG.warn("error while stopping Quartz: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            timers.shutdownNow();
            misfireWorker.shutdownNow();
            historyWriter.close();
            if (processLock != null) {
                processLock.close();
            }
        }
    }

    private void shutdownQuartz(long waitNanos) throws SchedulerException, InterruptedException {
        Thread waiting = new Thread(() -> {
            try {
                quartz.shutdown(true);
            } catch (SchedulerException e) {
                LOG.warn("error while stopping Quartz: {}", e.getMessage());
            }
        }, "tradingjobs-quartz-shutdown");
        waiting.setDaemon(true);
        waiting.start();
        waiting.join(TimeUnit.NANOSECONDS.toMillis(waitNanos));
        if (waiting.isAlive()) {
            // Quartz has no way to stop a worker that ignores interruption; its shutdown goes on in the background. The
            // pool closes next, so whatever that run still tries to write fails instead of landing after we are gone.
            LOG.warn("a run ignored its interruption and is still going after the shutdown time-out; closing the database "
                    + "pool under it (its further writes fail)");
        }
    }

    private void waitForRuns(long deadlineNanos) {
        while ((!active.isEmpty() || !unrecorded.isEmpty()) && System.nanoTime() < deadlineNanos) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    // ---- helpers ---------------------------------------------------------------------------

    private void record(Runnable write, String jobId, String runId) {
        try {
            write.run();
            if (historyFailing.compareAndSet(true, false)) {
                LOG.info("run history is being recorded again");
            }
        } catch (RuntimeException e) {
            // A database outage fails every write: say so once, then quietly until it is back.
            if (historyFailing.compareAndSet(false, true)) {
                LOG.error("could not record run {} of {} in job_runs: {} (further failures are logged at DEBUG until it recovers)",
                        runId, jobId, e.getMessage());
            } else {
                LOG.debug("could not record run {} of {} in job_runs: {}", runId, jobId, e.getMessage());
            }
        }
    }

    static String newRunId() {
        return UUID.randomUUID().toString();
    }

    private static String seconds(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    static String stackTrace(Throwable t) {
        StringWriter sw = new StringWriter();
        t.printStackTrace(new PrintWriter(sw));
        return sw.toString();
    }

    /** The node id runs are recorded under. */
    public String nodeId() {
        return nodeId;
    }

    /** The zone schedules without one use. */
    public ZoneId defaultZone() {
        return defaultZone;
    }

    /** The database. */
    public Database database() {
        return db;
    }
}
