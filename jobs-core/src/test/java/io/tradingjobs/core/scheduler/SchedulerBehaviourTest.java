package io.tradingjobs.core.scheduler;

import static io.tradingjobs.core.ops.OpsFixtures.NEVER_DURING_TESTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.google.inject.Inject;
import io.tradingjobs.core.JobAlreadyRunningException;
import io.tradingjobs.core.JobRun;
import io.tradingjobs.core.JobScheduler;
import io.tradingjobs.core.JobState;
import io.tradingjobs.core.JobStatus;
import io.tradingjobs.core.RunStatus;
import io.tradingjobs.core.RunTrigger;
import io.tradingjobs.core.UnknownJobException;
import io.tradingjobs.core.config.Config;
import io.tradingjobs.core.spi.Job;
import io.tradingjobs.core.spi.JobContext;
import io.tradingjobs.core.spi.JobDefinition;
import io.tradingjobs.core.spi.NonRetryableException;
import io.tradingjobs.core.spi.RetryPolicy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * What the scheduler promises, checked against a real database. One subclass per database
 * supplies only the URL (db-scheduler's compatibility-test pattern); every test gets a fresh
 * database and its own scheduler name, and closes its schedulers afterwards.
 *
 * <p>No test sleeps: jobs block on latches, the test waits with Awaitility, and downtime is
 * simulated by moving Quartz's stored next fire time into the past while the scheduler is closed.
 */
abstract class SchedulerBehaviourTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(20);
    private static final AtomicInteger SCHEDULER_NAMES = new AtomicInteger();

    @TempDir
    Path tempDir;

    private String url;
    private String schedulerName;
    private final Deque<JobScheduler> open = new ArrayDeque<>();
    private final List<CountDownLatch> latches = new CopyOnWriteArrayList<>();
    /** The runs that the listener of a scheduler built by {@code restartAfterDowntime} heard of. */
    private final List<JobRun> heardAfterRestart = new CopyOnWriteArrayList<>();

    /** The JDBC URL of a new, empty database for one test. */
    protected abstract String databaseUrl(Path tempDir);

    /** Removes what {@link #databaseUrl} created, after the test's schedulers are closed. */
    protected void dropDatabase(String databaseUrl) throws Exception {
        // files in the temporary directory go with it
    }

    @BeforeEach
    void freshDatabase() {
        url = databaseUrl(tempDir);
        // Quartz keys its rows by scheduler name: one name per test, kept across the test's restarts.
        schedulerName = "behaviour-" + SCHEDULER_NAMES.incrementAndGet();
    }

    @AfterEach
    void closeSchedulers() throws Exception {
        latches.forEach(l -> {
            while (l.getCount() > 0) {
                l.countDown();
            }
        });
        while (!open.isEmpty()) {
            open.pop().close();
        }
        if (url != null) {
            dropDatabase(url);
        }
    }

    // ---- 1. manual runs -------------------------------------------------------------------------

    @Test
    @DisplayName("a manual run is recorded in job_runs as SUCCEEDED, attempt 1, with node, duration, trigger MANUAL and the job's summary")
    void manualRunIsRecorded() {
        JobScheduler s = start(builder().job(JobDefinition.builder("test.manual").schedule(NEVER_DURING_TESTS).build(),
                ctx -> ctx.summary("priced 42 instruments")));

        String runId = s.runNow("test.manual");
        JobRun run = awaitRun(s, runId, RunStatus.SUCCEEDED);

        assertThat(run.jobId()).isEqualTo("test.manual");
        assertThat(run.attempt()).isEqualTo(1);
        assertThat(run.nodeId()).isEqualTo(s.nodeId()).isNotBlank();
        assertThat(run.trigger()).isEqualTo(RunTrigger.MANUAL);
        assertThat(run.message()).isEqualTo("priced 42 instruments");
        assertThat(run.error()).isNull();
        assertThat(run.durationMs()).isNotNull().isGreaterThanOrEqualTo(0L);
        assertThat(run.finishedAt()).isAfterOrEqualTo(run.startedAt());
        assertThat(run.scheduledAt()).isNotNull();
        assertThat(s.history("test.manual", 10)).extracting(JobRun::runId).containsExactly(runId);

        JobStatus status = s.job("test.manual").orElseThrow();
        assertThat(status.successCount()).isEqualTo(1);
        assertThat(status.failureCount()).isZero();
        assertThat(status.lastRun()).isEqualTo(run.startedAt());
        assertThat(status.lastStatus()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(status.lastDurationMs()).isEqualTo(run.durationMs());
        assertThat(status.status()).isEqualTo(JobState.SCHEDULED);
        assertThat(s.jobs()).extracting(JobStatus::id).containsExactly("test.manual");
    }

    // ---- 2. restarts ----------------------------------------------------------------------------

    @Test
    @DisplayName("a new scheduler on the same database keeps the stored next fire time, the pause and the history; a changed schedule is applied and stays paused")
    void schedulesPausesAndHistorySurviveARestart() throws Exception {
        // "every 7 minutes" does not divide an hour, so it counts from when it was first scheduled:
        // a trigger rebuilt at the restart would have another next fire time.
        JobDefinition interval = JobDefinition.builder("test.interval").schedule("every 7 minutes").build();
        JobDefinition hourly = JobDefinition.builder("test.hourly").schedule("every 1 hour").build();

        JobScheduler first = start(builder().job(interval, ctx -> ctx.summary("ok")).job(hourly, ctx -> ctx.summary("ok")));
        await().atMost(WAIT).pollInterval(POLL).until(() -> nextRun(first, "test.interval")
                .filter(t -> t.isAfter(Instant.now().plus(Duration.ofMinutes(6)))).isPresent());
        Instant storedNext = nextRun(first, "test.interval").orElseThrow();
        first.pause("test.hourly");
        String runId = first.runNow("test.interval");
        JobRun before = awaitRun(first, runId, RunStatus.SUCCEEDED);
        close(first);

        JobScheduler second = start(builder().job(interval, ctx -> ctx.summary("ok")).job(hourly, ctx -> ctx.summary("ok")));
        assertThat(nextRun(second, "test.interval")).contains(storedNext);
        JobStatus paused = second.job("test.hourly").orElseThrow();
        assertThat(paused.status()).isEqualTo(JobState.PAUSED);
        assertThat(paused.nextRun()).isNull();
        assertThat(second.jobs()).filteredOn(j -> j.id().equals("test.hourly")).extracting(JobStatus::status)
                .containsExactly(JobState.PAUSED);
        assertThat(second.run(runId)).contains(before);
        assertThat(second.history("test.interval", 10)).contains(before);
        close(second);

        JobScheduler third = start(builder().config("jobs.test.hourly.schedule", "every 2 hours")
                .job(interval, ctx -> ctx.summary("ok")).job(hourly, ctx -> ctx.summary("ok")));
        JobStatus changed = third.job("test.hourly").orElseThrow();
        assertThat(changed.schedule()).isEqualTo("every 2 hours");
        assertThat(changed.status()).isEqualTo(JobState.PAUSED);
        assertThat(changed.nextRun()).isNull();
        assertThat(queryString("SELECT CRON_EXPRESSION FROM QRTZ_CRON_TRIGGERS WHERE SCHED_NAME = ? AND TRIGGER_NAME = ?",
                schedulerName, "test.hourly")).isEqualTo("0 0 0/2 * * ?");
        assertThat(queryString("SELECT TRIGGER_STATE FROM QRTZ_TRIGGERS WHERE SCHED_NAME = ? AND TRIGGER_NAME = ? AND TRIGGER_GROUP = ?",
                schedulerName, "test.hourly", "tradingjobs")).isEqualTo("PAUSED");
        assertThat(nextRun(third, "test.interval")).contains(storedNext);

        third.resume("test.hourly");
        JobStatus resumed = third.job("test.hourly").orElseThrow();
        assertThat(resumed.status()).isEqualTo(JobState.SCHEDULED);
        assertThat(resumed.nextRun()).isAfter(Instant.now());
        assertThat(resumed.nextRun().atZone(ZoneOffset.UTC).getHour() % 2).isZero();
        assertThat(resumed.nextRun().atZone(ZoneOffset.UTC).getMinute()).isZero();
    }

    // ---- 3. misfires ----------------------------------------------------------------------------

    @Test
    @DisplayName("with coalesce on, 30 s of missed every-second fires within the grace become exactly one CATCH_UP run that says what it stands for")
    void missedFiresWithinTheGraceCoalesceIntoOneCatchUpRun() throws Exception {
        JobDefinition def = JobDefinition.builder("test.ticker").schedule("every 1 second").misfireGrace(Duration.ofSeconds(60)).build();
        downtime(def);

        Restarted restarted = restartAfterDowntime(def, Duration.ofSeconds(30));
        JobScheduler s = restarted.scheduler();
        Instant missedFrom = restarted.missedFrom();
        List<JobRun> catchUps = await().atMost(WAIT).pollInterval(POLL).until(() -> s.history("test.ticker", 500).stream()
                .filter(r -> r.trigger() == RunTrigger.CATCH_UP && r.status().isFinal()).toList(), l -> !l.isEmpty());
        s.pause("test.ticker");

        List<JobRun> all = s.history("test.ticker", 500);
        List<JobRun> standingForTheDowntime = all.stream()
                .filter(r -> r.trigger() == RunTrigger.CATCH_UP && r.message().contains(missedFrom.toString())).toList();
        assertThat(standingForTheDowntime).hasSize(1);
        JobRun catchUp = standingForTheDowntime.get(0);
        assertThat(catchUp.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(catchUp.attempt()).isEqualTo(1);
        Matcher m = Pattern.compile("catch-up for (\\d+) runs due from (\\S+) to (\\S+) \\(coalesced\\)").matcher(catchUp.message());
        assertThat(m.find()).as("message: %s", catchUp.message()).isTrue();
        assertThat(Integer.parseInt(m.group(1))).isGreaterThanOrEqualTo(30);
        assertThat(Instant.parse(m.group(2))).isEqualTo(missedFrom);
        assertThat(catchUp.message()).endsWith("tick");
        // the missed fires themselves neither ran nor were recorded one by one
        assertThat(all).filteredOn(r -> r.scheduledAt() != null && r.scheduledAt().isBefore(catchUps.get(0).scheduledAt())
                && r.trigger() != RunTrigger.CATCH_UP).isEmpty();
        assertThat(all).noneMatch(r -> r.status() == RunStatus.MISFIRED);
        assertThat(catchUps).allMatch(r -> r.status() == RunStatus.SUCCEEDED);
    }

    @Test
    @DisplayName("a daily run missed by an hour with a 5 minute grace is recorded as one MISFIRED row and does not run")
    void aRunMissedBeyondTheGraceIsRecordedAsMisfired() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        JobDefinition def = JobDefinition.builder("test.daily").schedule("daily at 03:00").misfireGrace(Duration.ofMinutes(5)).build();
        downtime(def);

        Restarted restarted = restartAfterDowntime(def, Duration.ofHours(1), ctx -> runs.incrementAndGet());
        JobScheduler s = restarted.scheduler();
        Instant missed = restarted.missedFrom();
        List<JobRun> rows = await().atMost(WAIT).pollInterval(POLL).until(() -> s.history("test.daily", 10), l -> !l.isEmpty());

        assertThat(rows).hasSize(1);
        JobRun misfired = rows.get(0);
        assertThat(misfired.status()).isEqualTo(RunStatus.MISFIRED);
        assertThat(misfired.trigger()).isEqualTo(RunTrigger.SCHEDULE);
        assertThat(misfired.scheduledAt()).isEqualTo(missed);
        assertThat(misfired.message()).contains("misfired", "the run due at " + missed, "beyond the misfire grace of 300 s");
        // the decision is final: no catch-up run was scheduled, and the schedule moved on
        assertThat(pendingOneShotTriggers("test.daily")).isZero();
        assertThat(runs).hasValue(0);
        assertThat(s.job("test.daily").orElseThrow().nextRun()).isAfter(Instant.now());
        assertThat(s.job("test.daily").orElseThrow().successCount()).isZero();
        assertThat(s.failures(10)).isEmpty();
        // run listeners (metrics, the demo's first-run wait) hear of a run that never started like of any other
        await().atMost(WAIT).pollInterval(POLL).until(() -> !heardAfterRestart.isEmpty());
        assertThat(heardAfterRestart).singleElement().satisfies(heard -> {
            assertThat(heard.runId()).isEqualTo(misfired.runId());
            assertThat(heard.status()).isEqualTo(RunStatus.MISFIRED);
            assertThat(heard.message()).isEqualTo(misfired.message());
        });
    }

    @Test
    @DisplayName("with coalesce off, each missed fire is decided alone: older than the grace it is MISFIRED, within it it runs")
    void withoutCoalesceEachMissedFireIsMisfiredOrRunByItsOwnLateness() throws Exception {
        // The newest missed fire is due within a second of the restart; it runs if the scheduler gets to
        // it within the grace, so the grace is generous (a busy machine may take seconds to start up and
        // to record the older fires), and the downtime longer still so that some fires are surely beyond it.
        int downtimeSeconds = 40;
        int graceSeconds = 30;
        JobDefinition def = JobDefinition.builder("test.every-second").schedule("every 1 second").coalesce(false)
                .misfireGrace(Duration.ofSeconds(graceSeconds)).build();
        downtime(def);

        Restarted restarted = restartAfterDowntime(def, Duration.ofSeconds(downtimeSeconds));
        JobScheduler s = restarted.scheduler();
        Instant missedFrom = restarted.missedFrom();
        Instant missedTo = missedFrom.plusSeconds(downtimeSeconds);
        int fires = downtimeSeconds + 1;
        Predicate<JobRun> inDowntime = r -> r.scheduledAt() != null && !r.scheduledAt().isBefore(missedFrom)
                && !r.scheduledAt().isAfter(missedTo);
        await().atMost(WAIT).pollInterval(POLL).until(() -> s.history("test.every-second", 500).stream()
                .filter(inDowntime).filter(r -> r.status().isFinal()).count() == fires);
        s.pause("test.every-second");

        List<JobRun> window = s.history("test.every-second", 500).stream().filter(inDowntime)
                .sorted(Comparator.comparing(JobRun::scheduledAt)).toList();
        assertThat(window).extracting(JobRun::scheduledAt).doesNotHaveDuplicates().hasSize(fires);
        assertThat(window).allMatch(r -> r.trigger() == RunTrigger.SCHEDULE);
        List<JobRun> misfired = window.stream().filter(r -> r.status() == RunStatus.MISFIRED).toList();
        List<JobRun> ran = window.stream().filter(r -> r.status() != RunStatus.MISFIRED).toList();
        // fire k is due downtime - k seconds (or up to a second more) before the restart: more than the
        // grace for k < downtime - grace, and lateness only grows, so these are MISFIRED whatever the timing
        List<Instant> beyondTheGrace = java.util.stream.IntStream.range(0, downtimeSeconds - graceSeconds)
                .mapToObj(missedFrom::plusSeconds).toList();
        assertThat(misfired).extracting(JobRun::scheduledAt).containsAll(beyondTheGrace);
        assertThat(misfired).allSatisfy(r -> assertThat(r.message()).contains("misfired", "beyond the misfire grace of 30 s"));
        assertThat(ran).isNotEmpty().allMatch(r -> r.status() == RunStatus.SUCCEEDED);
        assertThat(ran.get(0).scheduledAt()).isAfter(misfired.get(misfired.size() - 1).scheduledAt());
        // none of the fires that were already beyond the grace at the restart ran
        assertThat(ran).allSatisfy(r -> assertThat(r.scheduledAt()).isAfterOrEqualTo(missedFrom.plusSeconds(downtimeSeconds - graceSeconds)));
    }

    // ---- 4. retries -----------------------------------------------------------------------------

    @Test
    @DisplayName("a job failing twice is retried with growing backoff and succeeds at attempt 3, each attempt its own row")
    void failedAttemptsAreRetriedWithExponentialBackoff() {
        AtomicInteger calls = new AtomicInteger();
        JobScheduler s = start(builder().job(JobDefinition.builder("test.flaky").retry(RetryPolicy.exponential(3, Duration.ofMillis(200))).build(),
                ctx -> {
                    int n = calls.incrementAndGet();
                    if (n <= 2) {
                        throw new IllegalStateException("quote feed down (call " + n + ")");
                    }
                    ctx.summary("fetched on attempt " + ctx.attempt());
                }));

        String firstRun = s.runNow("test.flaky");
        List<JobRun> attempts = awaitAttempts(s, "test.flaky", 3);

        assertThat(attempts).extracting(JobRun::attempt).containsExactly(1, 2, 3);
        assertThat(attempts).extracting(JobRun::status).containsExactly(RunStatus.RETRYING, RunStatus.RETRYING, RunStatus.SUCCEEDED);
        assertThat(attempts).extracting(JobRun::trigger).containsExactly(RunTrigger.MANUAL, RunTrigger.RETRY, RunTrigger.RETRY);
        assertThat(attempts.get(0).runId()).isEqualTo(firstRun);
        assertThat(attempts).extracting(JobRun::runId).doesNotHaveDuplicates();
        assertThat(attempts).extracting(JobRun::scheduledAt).containsOnly(attempts.get(0).scheduledAt());
        assertThat(attempts.get(0).message()).contains("attempt 1 of 3 failed", "IllegalStateException", "quote feed down (call 1)",
                "attempt 2 in 0.2 s");
        assertThat(attempts.get(1).message()).contains("attempt 2 of 3 failed", "quote feed down (call 2)", "attempt 3 in 0.4 s");
        assertThat(attempts.get(0).error()).contains("IllegalStateException");
        assertThat(attempts.get(2).message()).isEqualTo("fetched on attempt 3");
        Duration firstGap = Duration.between(attempts.get(0).startedAt(), attempts.get(1).startedAt());
        Duration secondGap = Duration.between(attempts.get(1).startedAt(), attempts.get(2).startedAt());
        // Lower bounds only: the delays are 0.2 s then 0.4 s (the messages above), and a busy machine may
        // start any attempt late, so the first gap can come out longer than the second.
        assertThat(firstGap).isGreaterThanOrEqualTo(Duration.ofMillis(190));
        assertThat(secondGap).isGreaterThanOrEqualTo(Duration.ofMillis(390));
        JobStatus status = s.job("test.flaky").orElseThrow();
        assertThat(status.successCount()).isEqualTo(1);
        assertThat(status.failureCount()).isZero();
        assertThat(status.lastStatus()).isEqualTo(RunStatus.SUCCEEDED);
    }

    @Test
    @DisplayName("a NonRetryableException fails the run at once, whatever the retry policy")
    void aNonRetryableFailureIsNotRetried() throws Exception {
        JobScheduler s = start(builder().job(JobDefinition.builder("test.token").retry(RetryPolicy.exponential(3, Duration.ofMillis(200))).build(),
                ctx -> {
                    throw new NonRetryableException("the API token was rejected; set market.upstox.token");
                }));

        String runId = s.runNow("test.token");
        JobRun run = awaitRun(s, runId, RunStatus.FAILED);

        assertThat(run.attempt()).isEqualTo(1);
        assertThat(run.message()).contains("attempt 1 of 3 failed", "NonRetryableException", "the API token was rejected");
        assertThat(run.error()).contains("NonRetryableException");
        // a retry would have been stored before the failure was recorded
        assertThat(pendingOneShotTriggers("test.token")).isZero();
        assertThat(s.history("test.token", 10)).hasSize(1);
        assertThat(s.failures(10)).extracting(JobRun::runId).containsExactly(runId);
    }

    @Test
    @DisplayName("a job that always fails ends FAILED at attempt 3 of 3, every message saying which attempt failed and why")
    void exhaustedRetriesEndFailed() throws Exception {
        JobScheduler s = start(builder().job(JobDefinition.builder("test.broken").retry(RetryPolicy.exponential(3, Duration.ofMillis(200))).build(),
                ctx -> {
                    throw new java.io.IOException("connection refused by feed (attempt " + ctx.attempt() + ")");
                }));

        s.runNow("test.broken");
        List<JobRun> attempts = awaitAttempts(s, "test.broken", 3);

        assertThat(attempts).extracting(JobRun::status).containsExactly(RunStatus.RETRYING, RunStatus.RETRYING, RunStatus.FAILED);
        for (JobRun r : attempts) {
            assertThat(r.message()).contains("attempt " + r.attempt() + " of 3 failed", "IOException",
                    "connection refused by feed (attempt " + r.attempt() + ")");
        }
        assertThat(attempts.get(2).message()).doesNotContain("in 0.");
        assertThat(pendingOneShotTriggers("test.broken")).isZero();
        JobStatus status = s.job("test.broken").orElseThrow();
        assertThat(status.lastStatus()).isEqualTo(RunStatus.FAILED);
        assertThat(status.failureCount()).isEqualTo(1);
        assertThat(s.failures(10)).hasSize(3);
    }

    // ---- 5. concurrency -------------------------------------------------------------------------

    @Test
    @DisplayName("with the default limit of one, runNow while a run is in progress throws JobAlreadyRunningException")
    void aSecondManualRunIsRefusedWhileOneRuns() {
        CountDownLatch started = latch(1);
        CountDownLatch release = latch(1);
        JobScheduler s = start(builder().job(JobDefinition.builder("test.serial").build(), ctx -> {
            started.countDown();
            release.await();
        }));

        String runId = s.runNow("test.serial");
        awaitLatch(started);
        assertThat(s.job("test.serial").orElseThrow().status()).isEqualTo(JobState.RUNNING);
        assertThatThrownBy(() -> s.runNow("test.serial")).isInstanceOf(JobAlreadyRunningException.class)
                .hasMessageContaining("test.serial");

        release.countDown();
        awaitRun(s, runId, RunStatus.SUCCEEDED);
        assertThat(s.history("test.serial", 10)).hasSize(1);
        String again = s.runNow("test.serial");
        awaitRun(s, again, RunStatus.SUCCEEDED);
    }

    @Test
    @DisplayName("with maxConcurrent(2) two runs go at once and a third is refused")
    void twoRunsAtOnceAndTheThirdIsRefused() {
        CountDownLatch bothStarted = latch(2);
        CountDownLatch release = latch(1);
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        JobScheduler s = start(builder().job(JobDefinition.builder("test.pair").maxConcurrent(2).build(), ctx -> {
            mostAtOnce.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
            bothStarted.countDown();
            try {
                release.await();
            } finally {
                concurrent.decrementAndGet();
            }
        }));

        String a = s.runNow("test.pair");
        String b = s.runNow("test.pair");
        awaitLatch(bothStarted);
        assertThat(mostAtOnce).hasValue(2);
        assertThatThrownBy(() -> s.runNow("test.pair")).isInstanceOf(JobAlreadyRunningException.class);

        release.countDown();
        awaitRun(s, a, RunStatus.SUCCEEDED);
        awaitRun(s, b, RunStatus.SUCCEEDED);
        assertThat(s.history("test.pair", 10)).hasSize(2);
    }

    // ---- 6. time-outs ---------------------------------------------------------------------------

    @Test
    @DisplayName("a run over its timeout is interrupted and FAILED with 'timed out', and the only worker is free for the next run")
    void aRunOverItsTimeoutFailsAndFreesTheWorker() {
        CountDownLatch never = latch(1);
        AtomicInteger calls = new AtomicInteger();
        JobScheduler s = start(builder().config("jobs.threads", "1")
                .job(JobDefinition.builder("test.slow").timeout(Duration.ofMillis(300)).build(), ctx -> {
                    if (calls.incrementAndGet() == 1) {
                        never.await();
                    }
                    ctx.summary(Thread.currentThread().isInterrupted() ? "started interrupted" : "started clean");
                }));

        String slow = s.runNow("test.slow");
        JobRun failed = awaitRun(s, slow, RunStatus.FAILED);
        assertThat(failed.message()).contains("timed out");
        assertThat(failed.error()).contains("InterruptedException");
        assertThat(failed.durationMs()).isGreaterThanOrEqualTo(290L);

        String next = s.runNow("test.slow");
        JobRun ok = awaitRun(s, next, RunStatus.SUCCEEDED);
        assertThat(ok.message()).isEqualTo("started clean");
    }

    // ---- 7. repair at start-up ------------------------------------------------------------------

    @Test
    @DisplayName("a run left RUNNING by a process that died is marked INTERRUPTED with a message at start-up")
    void runsLeftRunningByADeadProcessAreMarkedInterrupted() throws Exception {
        JobScheduler s = track(builder().job(JobDefinition.builder("test.victim").build(), ctx -> ctx.summary("ok")).build());
        s.jobs(); // applies the migrations, so job_runs exists
        long startedAt = Instant.now().minus(Duration.ofMinutes(3)).toEpochMilli();
        update("INSERT INTO job_runs (run_id, job_id, scheduled_at, started_at, status, attempt, node_id, trigger_kind) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", "dead-run-1", "test.victim", startedAt, startedAt, "RUNNING", 1, "dead-node-1234",
                "SCHEDULE");
        assertThat(s.run("dead-run-1").orElseThrow().status()).isEqualTo(RunStatus.RUNNING);

        s.start();

        JobRun repaired = s.run("dead-run-1").orElseThrow();
        assertThat(repaired.status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(repaired.message()).contains("interrupted", "stopped while it was running");
        assertThat(repaired.finishedAt()).isAfter(repaired.startedAt());
        assertThat(repaired.durationMs()).isGreaterThanOrEqualTo(Duration.ofMinutes(3).toMillis());
        assertThat(s.failures(10)).extracting(JobRun::runId).containsExactly("dead-run-1");
        assertThat(s.job("test.victim").orElseThrow().failureCount()).isEqualTo(1);
        assertThat(s.job("test.victim").orElseThrow().status()).isNotEqualTo(JobState.RUNNING);
    }

    // ---- 8. graceful close ----------------------------------------------------------------------

    @Test
    @DisplayName("close() waits for a run that finishes within the shutdown timeout, and it is recorded SUCCEEDED")
    void closeWaitsForARunThatFinishesInTime() throws Exception {
        CountDownLatch started = latch(1);
        CountDownLatch release = latch(1);
        JobScheduler s = start(builder().config("jobs.shutdown.timeout", "30s").job(JobDefinition.builder("test.report").build(), ctx -> {
            started.countDown();
            release.await();
            ctx.summary("report written");
        }));
        String runId = s.runNow("test.report");
        awaitLatch(started);

        // The run may only end once close() is under way, so close() has to wait for it.
        Thread closer = Thread.currentThread();
        CompletableFuture<Void> releaser = CompletableFuture.runAsync(() -> {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(5)).until(() -> isInside(closer, "SchedulerCore", "close"));
            release.countDown();
        });
        close(s);
        releaser.get(10, TimeUnit.SECONDS);

        // SUCCEEDED (not INTERRUPTED) shows that close() waited for the run, however long that took here.
        assertThat(queryString("SELECT status FROM job_runs WHERE run_id = ?", runId)).isEqualTo("SUCCEEDED");
        assertThat(queryString("SELECT message FROM job_runs WHERE run_id = ?", runId)).isEqualTo("report written");
    }

    @Test
    @DisplayName("close() interrupts a run still going after jobs.shutdown.timeout=500ms and records it INTERRUPTED")
    void closeInterruptsARunThatOutlastsTheTimeout() throws Exception {
        CountDownLatch started = latch(1);
        CountDownLatch never = latch(1);
        JobScheduler s = start(builder().config("jobs.shutdown.timeout", "500ms").job(JobDefinition.builder("test.backfill").build(), ctx -> {
            started.countDown();
            never.await();
        }));
        String runId = s.runNow("test.backfill");
        awaitLatch(started);

        long t0 = System.nanoTime();
        close(s);
        long closeMillis = (System.nanoTime() - t0) / 1_000_000;

        // At least the shutdown timeout; the upper bound only catches a close() that never gives up on the run.
        assertThat(closeMillis).isBetween(450L, 30_000L);
        assertThat(queryString("SELECT status FROM job_runs WHERE run_id = ?", runId)).isEqualTo("INTERRUPTED");
        assertThat(queryString("SELECT message FROM job_runs WHERE run_id = ?", runId)).contains("interrupted", "shutting down");
        assertThat(queryString("SELECT finished_at FROM job_runs WHERE run_id = ?", runId)).isNotNull();
    }

    // ---- 9. load --------------------------------------------------------------------------------

    /** Writes 200 rows, one small transaction each, through the injected jOOQ context. */
    static final class RowWriterJob implements Job {
        static final int ROWS = 200;
        private final DSLContext dsl;

        @Inject
        RowWriterJob(DSLContext dsl) {
            this.dsl = dsl;
        }

        @Override
        public void run(JobContext ctx) {
            for (int i = 0; i < ROWS; i++) {
                int n = i;
                dsl.transaction(tx -> tx.dsl().insertInto(DSL.table("load_rows"), DSL.field("job_id"), DSL.field("n"))
                        .values(ctx.jobId(), n).execute());
                ctx.progress(i + 1, ROWS);
            }
            ctx.summary("wrote " + ROWS + " rows");
        }
    }

    @Test
    @DisplayName("five jobs writing 200 rows each while 50 manual runs and pause/resume calls arrive all succeed, with no database-busy failure")
    void concurrentWritersAndControlCallsAllSucceed() throws Exception {
        ListAppender<ILoggingEvent> logs = captureLogs(org.slf4j.Logger.ROOT_LOGGER_NAME);
        try {
            JobScheduler.Builder b = builder()
                    .job(JobDefinition.builder("load.ping").maxConcurrent(50).build(), ctx -> ctx.summary("pong")) // all 50 may queue at once
                    .job(JobDefinition.builder("load.ticker").schedule(NEVER_DURING_TESTS).build(), ctx -> ctx.summary("tick"));
            for (int i = 1; i <= 5; i++) {
                b.job(JobDefinition.builder("load.writer-" + i).build(), RowWriterJob.class);
            }
            JobScheduler s = track(b.build());
            s.jobs(); // migrations first, then the test's own table
            update("CREATE TABLE load_rows (job_id VARCHAR(64) NOT NULL, n INTEGER NOT NULL)");
            s.start();

            List<String> runIds = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                runIds.add(s.runNow("load.writer-" + i));
            }
            for (int i = 0; i < 50; i++) {
                runIds.add(s.runNow("load.ping"));
                if (i % 5 == 0) {
                    s.pause("load.ticker");
                    s.resume("load.ticker");
                }
            }

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                    .until(() -> runIds.stream().allMatch(id -> s.run(id).map(r -> r.status().isFinal()).orElse(false)));
            assertThat(runIds).allSatisfy(id -> assertThat(s.run(id).orElseThrow().status()).isEqualTo(RunStatus.SUCCEEDED));
            assertThat(s.failures(100)).isEmpty();
            Map<String, Long> rowsPerJob = new java.util.TreeMap<>();
            for (int i = 1; i <= 5; i++) {
                rowsPerJob.put("load.writer-" + i, queryLong("SELECT COUNT(DISTINCT n) FROM load_rows WHERE job_id = ?", "load.writer-" + i));
            }
            assertThat(rowsPerJob).hasSize(5).allSatisfy((job, n) -> assertThat(n).as(job).isEqualTo(200L));
            assertThat(queryLong("SELECT COUNT(*) FROM load_rows")).isEqualTo(1000L);
            assertThat(s.job("load.ticker").orElseThrow().status()).isEqualTo(JobState.SCHEDULED);
            JobRun writer = s.run(runIds.get(0)).orElseThrow();
            assertThat(writer.progressDone()).isEqualTo(200L);
            assertThat(writer.progressTotal()).isEqualTo(200L);

            List<ILoggingEvent> trouble = logs.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR)
                    || text(e).contains("SQLITE_BUSY") || text(e).contains("database is locked")).toList();
            assertThat(trouble).extracting(SchedulerBehaviourTest::text).isEmpty();
        } finally {
            release(logs, org.slf4j.Logger.ROOT_LOGGER_NAME);
        }
    }

    // ---- 10. pause, resume and refusals --------------------------------------------------------

    @Test
    @DisplayName("a paused job shows PAUSED with no next run; resume brings the next run back; unknown and disabled jobs refuse runNow")
    void pauseResumeAndRefusals() {
        JobScheduler s = start(builder().config("jobs.test.off.enabled", "false")
                .job(JobDefinition.builder("test.scheduled").schedule(NEVER_DURING_TESTS).build(), ctx -> ctx.summary("ok"))
                .job(JobDefinition.builder("test.off").schedule("every 1 hour").build(), ctx -> ctx.summary("ok")));

        JobStatus before = s.job("test.scheduled").orElseThrow();
        assertThat(before.status()).isEqualTo(JobState.SCHEDULED);
        assertThat(before.nextRun()).isAfter(Instant.now()).isEqualTo(Instant.parse("2099-01-01T00:00:00Z"));

        s.pause("test.scheduled");
        JobStatus paused = s.job("test.scheduled").orElseThrow();
        assertThat(paused.status()).isEqualTo(JobState.PAUSED);
        assertThat(paused.nextRun()).isNull();

        s.resume("test.scheduled");
        JobStatus resumed = s.job("test.scheduled").orElseThrow();
        assertThat(resumed.status()).isEqualTo(JobState.SCHEDULED);
        assertThat(resumed.nextRun()).isEqualTo(before.nextRun());

        assertThatThrownBy(() -> s.runNow("test.nope")).isInstanceOf(UnknownJobException.class)
                .hasMessageContaining("test.nope").hasMessageContaining("test.scheduled");
        assertThatThrownBy(() -> s.pause("test.nope")).isInstanceOf(UnknownJobException.class);
        assertThatThrownBy(() -> s.history("test.nope", 10)).isInstanceOf(UnknownJobException.class);
        assertThat(s.job("test.nope")).isEmpty();

        assertThatThrownBy(() -> s.runNow("test.off")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("disabled").hasMessageContaining("jobs.test.off.enabled=false");
        JobStatus off = s.job("test.off").orElseThrow();
        assertThat(off.status()).isEqualTo(JobState.DISABLED);
        assertThat(off.nextRun()).isNull();
        assertThat(s.history(null, 10)).isEmpty();
    }

    // ---- 11. injection --------------------------------------------------------------------------

    /** A host service, bound by the host with {@code Builder.module(...)}. */
    static final class QuoteBook {
        final AtomicReference<Seen> seen = new AtomicReference<>();
    }

    record Seen(Clock injectedClock, Clock contextClock, Instant contextNow, Instant fireTime, String greeting, int selectOne,
                JobScheduler scheduler) {
    }

    /** Created by Guice for every run. */
    static final class InjectedJob implements Job {
        private final QuoteBook book;
        private final Clock clock;
        private final Config config;
        private final DSLContext dsl;
        private final JobScheduler scheduler;

        @Inject
        InjectedJob(QuoteBook book, Clock clock, Config config, DSLContext dsl, JobScheduler scheduler) {
            this.book = book;
            this.clock = clock;
            this.config = config;
            this.dsl = dsl;
            this.scheduler = scheduler;
        }

        @Override
        public void run(JobContext ctx) {
            Object one = dsl.fetchValue("SELECT 1");
            book.seen.set(new Seen(clock, ctx.clock(), ctx.clock().instant(), ctx.fireTime(), config.string("host.greeting", null),
                    ((Number) one).intValue(), scheduler));
            ctx.summary("watchlist " + ctx.settings().string("watchlist", "none"));
        }
    }

    @Test
    @DisplayName("a Guice-created job gets the host's service, the builder's Clock, Config, DSLContext and the JobScheduler; history uses that clock")
    void jobsInjectHostServicesAndTheCoreServices() {
        Instant frozen = Instant.parse("2025-03-14T09:15:00Z");
        Clock clock = Clock.fixed(frozen, ZoneOffset.UTC);
        QuoteBook book = new QuoteBook();
        JobScheduler s = start(builder().clock(clock).module(binder -> binder.bind(QuoteBook.class).toInstance(book))
                .config("host.greeting", "namaste").config("jobs.test.injected.watchlist", "RELIANCE,TCS")
                .job(JobDefinition.builder("test.injected").build(), InjectedJob.class));

        String runId = s.runNow("test.injected");
        JobRun run = awaitRun(s, runId, RunStatus.SUCCEEDED);

        Seen seen = book.seen.get();
        assertThat(seen).isNotNull();
        assertThat(seen.injectedClock()).isSameAs(clock);
        assertThat(seen.contextClock()).isSameAs(clock);
        assertThat(seen.contextNow()).isEqualTo(frozen);
        assertThat(seen.fireTime()).isEqualTo(frozen);
        assertThat(seen.greeting()).isEqualTo("namaste");
        assertThat(seen.selectOne()).isEqualTo(1);
        assertThat(seen.scheduler()).isSameAs(s);
        assertThat(run.message()).isEqualTo("watchlist RELIANCE,TCS");
        assertThat(run.scheduledAt()).isEqualTo(frozen);
        assertThat(run.startedAt()).isEqualTo(frozen);
        assertThat(run.finishedAt()).isEqualTo(frozen);
        assertThat(s.job("test.injected").orElseThrow().lastRun()).isEqualTo(frozen);
    }

    // ---- 12. logging ----------------------------------------------------------------------------

    @Test
    @DisplayName("log lines written by a job, and the scheduler's line about its run, carry job_id and run_id in the MDC")
    void logLinesCarryTheJobAndRunIds() {
        String loggerName = "io.tradingjobs.test.MdcJob";
        ListAppender<ILoggingEvent> logs = captureLogs(org.slf4j.Logger.ROOT_LOGGER_NAME);
        try {
            JobScheduler s = start(builder().job(JobDefinition.builder("test.logging").build(), ctx -> {
                LoggerFactory.getLogger(loggerName).info("scanning 12 alert rules");
                ctx.summary("scanned");
            }));
            String runId = s.runNow("test.logging");
            awaitRun(s, runId, RunStatus.SUCCEEDED);
            // the scheduler logs the run's end after recording it
            await().atMost(WAIT).pollInterval(POLL).until(() -> logs.list.stream().anyMatch(e -> text(e).contains("run " + runId)));

            List<ILoggingEvent> fromJob = logs.list.stream().filter(e -> e.getLoggerName().equals(loggerName)).toList();
            assertThat(fromJob).hasSize(1);
            assertThat(fromJob.get(0).getMDCPropertyMap()).containsEntry("job_id", "test.logging").containsEntry("run_id", runId);
            ILoggingEvent finished = logs.list.stream().filter(e -> text(e).contains("run " + runId)).findFirst().orElseThrow();
            assertThat(finished.getMDCPropertyMap()).containsEntry("job_id", "test.logging").containsEntry("run_id", runId);
        } finally {
            release(logs, org.slf4j.Logger.ROOT_LOGGER_NAME);
        }
    }

    // ---- helpers --------------------------------------------------------------------------------

    /** A builder isolated from the machine: no discovery, no environment, no files but the test's. */
    private JobScheduler.Builder builder() {
        return JobScheduler.builder().discover(false).environment(Map.of()).workingDirectory(tempDir)
                .config("jobs.database.url", url)
                .config("jobs.scheduler.name", schedulerName)
                .config("jobs.timezone", "UTC")
                .config("jobs.shutdown.timeout", "500ms")
                .config("jobs.misfire-threshold", "1s");
    }

    private JobScheduler track(JobScheduler s) {
        open.push(s);
        return s;
    }

    private JobScheduler start(JobScheduler.Builder b) {
        JobScheduler s = track(b.build());
        s.start();
        return s;
    }

    private void close(JobScheduler s) {
        open.remove(s);
        s.close();
    }

    private CountDownLatch latch(int count) {
        CountDownLatch l = new CountDownLatch(count);
        latches.add(l); // released after each test, so no worker stays blocked
        return l;
    }

    private static void awaitLatch(CountDownLatch l) {
        await().atMost(WAIT).pollInterval(POLL).until(() -> l.getCount() == 0);
    }

    private static JobRun awaitRun(JobScheduler s, String runId, RunStatus expected) {
        JobRun run = await().atMost(WAIT).pollInterval(POLL).until(() -> s.run(runId).orElse(null),
                r -> r != null && r.status().isFinal());
        assertThat(run.status()).as("run %s: %s", runId, run).isEqualTo(expected);
        return run;
    }

    /** Waits for {@code count} finished attempts of a job, the last one final; returns them by attempt. */
    private static List<JobRun> awaitAttempts(JobScheduler s, String jobId, int count) {
        return await().atMost(WAIT).pollInterval(POLL).until(() -> s.history(jobId, 50).stream()
                        .sorted(Comparator.comparingInt(JobRun::attempt)).toList(),
                l -> l.size() >= count && l.stream().allMatch(r -> r.status().isFinal())
                        && l.get(l.size() - 1).status() != RunStatus.RETRYING);
    }

    private static Optional<Instant> nextRun(JobScheduler s, String jobId) {
        return s.job(jobId).map(JobStatus::nextRun);
    }

    /** Stores the job's schedule with a scheduler that runs nothing, as a process that then went down. */
    private void downtime(JobDefinition def) {
        JobScheduler storing = start(builder().config("jobs.scheduler.enabled", "false").job(def, ctx -> ctx.summary("tick")));
        close(storing);
    }

    /** A scheduler started after a downtime, and the stored fire time it found (a whole second). */
    private record Restarted(JobScheduler scheduler, Instant missedFrom) {
    }

    private Restarted restartAfterDowntime(JobDefinition def, Duration missed) throws SQLException {
        return restartAfterDowntime(def, missed, ctx -> ctx.summary("tick"));
    }

    /**
     * Builds the scheduler again and applies migrations; then moves the stored next fire time
     * {@code missed} before now, as if the process had been down since then, and starts firing.
     * "Now" is read after the (possibly slow) build, so the downtime is {@code missed} when firing starts.
     */
    private Restarted restartAfterDowntime(JobDefinition def, Duration missed, Job job) throws SQLException {
        JobScheduler s = track(builder().job(def, job).build());
        s.onRunFinished(heardAfterRestart::add);
        s.jobs(); // migrations done before the clock starts to matter
        Instant missedFrom = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(missed);
        // The trigger was stored just now; a process that has been down since missedFrom stored it before that.
        int moved = update("UPDATE QRTZ_TRIGGERS SET NEXT_FIRE_TIME = ?, START_TIME = ? WHERE SCHED_NAME = ? AND TRIGGER_NAME = ? "
                + "AND TRIGGER_GROUP = ?", missedFrom.toEpochMilli(), missedFrom.minus(Duration.ofDays(1)).toEpochMilli(), schedulerName,
                def.id(), "tradingjobs");
        assertThat(moved).as("stored trigger of %s", def.id()).isEqualTo(1);
        s.start();
        return new Restarted(s, missedFrom);
    }

    private long pendingOneShotTriggers(String jobId) throws SQLException {
        return queryLong("SELECT COUNT(*) FROM QRTZ_TRIGGERS WHERE SCHED_NAME = ? AND JOB_NAME = ? AND TRIGGER_GROUP = ?",
                schedulerName, jobId, "tradingjobs.once");
    }

    /** Whether {@code thread} is executing {@code className.method}: how a test knows close() is under way. */
    private static boolean isInside(Thread thread, String className, String method) {
        return Arrays.stream(thread.getStackTrace())
                .anyMatch(f -> f.getClassName().endsWith("." + className) && f.getMethodName().equals(method));
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url);
    }

    private int update(String sql, Object... args) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = prepare(c, sql, args)) {
            return ps.executeUpdate();
        }
    }

    private String queryString(String sql, Object... args) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private long queryLong(String sql, Object... args) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
        return ps;
    }

    /** Collects events of a logger, with their MDC read on the logging thread. */
    private static ListAppender<ILoggingEvent> captureLogs(String loggerName) {
        ListAppender<ILoggingEvent> appender = new ListAppender<>() {
            @Override
            protected void append(ILoggingEvent e) {
                e.prepareForDeferredProcessing();
                super.append(e);
            }
        };
        appender.list = new CopyOnWriteArrayList<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(loggerName)).addAppender(appender);
        return appender;
    }

    private static void release(ListAppender<ILoggingEvent> appender, String loggerName) {
        ((Logger) LoggerFactory.getLogger(loggerName)).detachAppender(appender);
        appender.stop();
    }

    private static String text(ILoggingEvent e) {
        String thrown = e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getClassName() + ": "
                + e.getThrowableProxy().getMessage();
        return e.getFormattedMessage() + thrown;
    }
}
