package io.tradingjobs.core.notify;

import static io.tradingjobs.core.ops.OpsFixtures.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tradingjobs.core.JobScheduler;
import io.tradingjobs.core.RunStatus;
import io.tradingjobs.core.ops.OpsFixtures;
import io.tradingjobs.core.test.TestDatabases;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failure alerts: one per job per streak of failed runs, after N in a row when configured, a
 * recovery notice, and the streak kept in the database across restarts.
 */
class FailureAlertsTest {
    private static final String JOB = "nse.indices";

    @TempDir
    Path dir;

    private final List<JobScheduler> open = new ArrayList<>();
    private final AtomicBoolean failing = new AtomicBoolean(true);

    @AfterEach
    void close() {
        open.forEach(JobScheduler::close);
    }

    private JobScheduler start(String url, RecordingChannel pager, String... settings) {
        JobScheduler.Builder b = OpsFixtures.builder(dir, url)
                .module(pager.module())
                .job(OpsFixtures.hourly(JOB, "NSE index constituents"), OpsFixtures.flaky(failing));
        for (int i = 0; i + 1 < settings.length; i += 2) {
            b.config(settings[i], settings[i + 1]);
        }
        JobScheduler s = b.build();
        open.add(s);
        s.start();
        return s;
    }

    private static String run(JobScheduler s, RunStatus expected) {
        String runId = s.runNow(JOB);
        await().atMost(WAIT).until(() -> s.run(runId).map(r -> r.status() == expected).orElse(false));
        return runId;
    }

    @Test
    @DisplayName("with notify.failures.after-consecutive=2 the second failure in a row alerts, keyed by the streak's first run; "
            + "the third does not; success sends the recovery; a new streak alerts again")
    void afterNConsecutiveFailures() {
        RecordingChannel pager = new RecordingChannel("pager");
        String url = TestDatabases.sqlite(dir);
        JobScheduler s = start(url, pager, "notify.failures.after-consecutive", "2");

        String first = run(s, RunStatus.FAILED);
        run(s, RunStatus.FAILED);
        await().atMost(WAIT).until(() -> pager.delivered().size() == 1);
        run(s, RunStatus.FAILED);
        failing.set(false);
        run(s, RunStatus.SUCCEEDED);
        await().atMost(WAIT).until(() -> pager.delivered().size() == 2);
        failing.set(true);
        String again = run(s, RunStatus.FAILED);
        run(s, RunStatus.FAILED);
        await().atMost(WAIT).until(() -> pager.delivered().size() == 3);

        assertThat(pager.subjects()).containsExactly("[ALERT] Job Failed: NSE index constituents",
                "[RESOLVED] Job Recovered: NSE index constituents", "[ALERT] Job Failed: NSE index constituents");
        Notification alert = pager.delivered().get(0).notification();
        assertThat(alert.eventKey()).isEqualTo("job-failed:" + JOB + ":" + first);
        assertThat(alert.severity()).isEqualTo(Notification.Severity.CRITICAL);
        assertThat(alert.body()).contains("Failed runs in a row: 2");
        assertThat(pager.delivered().get(1).notification().body()).contains("after 3 failed runs");
        assertThat(pager.delivered().get(2).notification().eventKey()).isEqualTo("job-failed:" + JOB + ":" + again);
        assertThat(OutboxRows.eventKeys(url)).hasSize(3);
    }

    @Test
    @DisplayName("the streak lives in the database: after a restart, another failure of the same streak sends nothing and the success sends the recovery")
    void theStreakSurvivesARestart() {
        RecordingChannel before = new RecordingChannel("pager");
        String url = TestDatabases.sqlite(dir);
        JobScheduler s = start(url, before);
        run(s, RunStatus.FAILED);
        await().atMost(WAIT).until(() -> before.delivered().size() == 1);
        s.close();

        RecordingChannel after = new RecordingChannel("pager");
        JobScheduler restarted = start(url, after);
        run(restarted, RunStatus.FAILED);
        failing.set(false);
        run(restarted, RunStatus.SUCCEEDED);
        await().atMost(WAIT).until(() -> after.delivered().size() == 1);

        assertThat(after.subjects()).containsExactly("[RESOLVED] Job Recovered: NSE index constituents");
        assertThat(OutboxRows.eventKeys(url)).hasSize(2);
    }

    @Test
    @DisplayName("a failed run recorded just before a crash, whose alert was never stored, is alerted by the sweep at the next start")
    void theStartUpSweepSendsAnAlertACrashLeftUnsent() {
        String url = TestDatabases.sqlite(dir);
        RecordingChannel none = new RecordingChannel("pager");
        // Creates the schema, then goes away without having run anything.
        start(url, none, "notify.failures.enabled", "false").close();
        long now = System.currentTimeMillis();
        OutboxRows.update(url, "INSERT INTO job_runs (run_id, job_id, scheduled_at, started_at, finished_at, status, attempt, duration_ms, "
                + "node_id, trigger_kind, message, error) VALUES (?, ?, ?, ?, ?, 'FAILED', 3, 12, 'crashed-node', 'SCHEDULE', ?, ?)",
                "run-before-crash", JOB, now - 60_000, now - 60_000, now - 59_988, "attempt 3 of 3 failed: IOException: reset",
                "java.io.IOException: connection reset\n\tat x.y(Z.java:1)");

        RecordingChannel pager = new RecordingChannel("pager");
        start(url, pager);

        await().atMost(WAIT).until(() -> pager.delivered().size() == 1);
        Notification n = pager.delivered().get(0).notification();
        assertThat(n.eventKey()).isEqualTo("job-failed:" + JOB + ":run-before-crash");
        assertThat(n.body()).contains("Error: java.io.IOException: connection reset").contains("on node crashed-node");
    }

    @Test
    @DisplayName("notify.failures.enabled=false stores no alert; the run is still in the history")
    void alertsCanBeTurnedOff() {
        RecordingChannel pager = new RecordingChannel("pager");
        String url = TestDatabases.sqlite(dir);
        JobScheduler s = start(url, pager, "notify.failures.enabled", "false");
        run(s, RunStatus.FAILED);
        s.notifier().notify(Notification.of("marker", Notification.Severity.INFO, "marker", ""));
        await().atMost(WAIT).until(() -> pager.delivered().size() == 1);

        assertThat(pager.subjects()).containsExactly("marker");
        assertThat(s.failures(10)).hasSize(1);
    }
}
