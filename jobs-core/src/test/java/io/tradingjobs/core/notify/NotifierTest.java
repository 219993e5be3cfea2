package io.tradingjobs.core.notify;

import static io.tradingjobs.core.ops.OpsFixtures.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.inject.Inject;
import io.tradingjobs.core.JobScheduler;
import io.tradingjobs.core.RunStatus;
import io.tradingjobs.core.SchedulerBuildException;
import io.tradingjobs.core.ops.OpsFixtures;
import io.tradingjobs.core.spi.Job;
import io.tradingjobs.core.spi.JobContext;
import io.tradingjobs.core.test.TestDatabases;
import java.nio.file.Path;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Notifier API: de-duplication, transactions, channels. */
class NotifierTest {
    @TempDir
    Path dir;

    private JobScheduler scheduler;
    private final RecordingChannel pager = new RecordingChannel("pager");
    private String url;

    @AfterEach
    void close() {
        if (scheduler != null) {
            scheduler.close();
        }
    }

    /** A job that stores a row and its notification in one transaction, failing after both when asked. */
    static final class AlertScanJob implements Job {
        @Inject
        DSLContext dsl;
        @Inject
        Notifier notifier;

        @Override
        public void run(JobContext ctx) {
            dsl.execute("CREATE TABLE IF NOT EXISTS alert_hits (id VARCHAR(64) PRIMARY KEY)");
            boolean rollback = ctx.settings().bool("rollback", false);
            try {
                dsl.transaction(cfg -> {
                    DSLContext tx = DSL.using(cfg);
                    tx.execute("INSERT INTO alert_hits (id) VALUES (?)", ctx.runId());
                    notifier.notify(tx, Notification.of("alert-hit:" + ctx.runId(), Notification.Severity.WARNING,
                            "RELIANCE RSI above 70", "RSI(14) = 73.2"));
                    if (rollback) {
                        throw new IllegalStateException("rolled back on purpose");
                    }
                });
            } catch (IllegalStateException e) {
                ctx.summary("rolled back");
            }
        }
    }

    private JobScheduler start(String... settings) {
        url = TestDatabases.sqlite(dir);
        JobScheduler.Builder b = OpsFixtures.builder(dir, url).module(pager.module())
                .job(OpsFixtures.hourly("alerts.scan", "Alert scanner"), AlertScanJob.class);
        for (int i = 0; i + 1 < settings.length; i += 2) {
            b.config(settings[i], settings[i + 1]);
        }
        scheduler = b.build();
        scheduler.start();
        return scheduler;
    }

    @Test
    @DisplayName("a second notification with the same event key returns false, stores nothing and is not delivered again")
    void duplicateKeysAreIgnored() {
        JobScheduler s = start();
        Notification n = Notification.of("alert:RELIANCE:rsi:2026-02-08", Notification.Severity.WARNING, "RELIANCE RSI above 70", "73.2");

        assertThat(s.notifier().notify(n)).isTrue();
        assertThat(s.notifier().notify(n)).isFalse();
        s.notifier().notify(Notification.of("marker", Notification.Severity.INFO, "marker", ""));
        await().atMost(WAIT).until(() -> pager.delivered().size() == 2);

        assertThat(pager.subjects()).containsExactly("RELIANCE RSI above 70", "marker");
        assertThat(OutboxRows.eventKeys(url)).containsExactly("alert:RELIANCE:rsi:2026-02-08", "marker");
    }

    @Test
    @DisplayName("a job's notify(tx, ...) is stored with its row, recorded with the job as source, and vanishes with it on rollback")
    void notificationsFollowTheCallersTransaction() {
        JobScheduler s = start("jobs.alerts.scan.rollback", "true");
        String rolledBack = s.runNow("alerts.scan");
        await().atMost(WAIT).until(() -> s.run(rolledBack).map(r -> r.status() == RunStatus.SUCCEEDED).orElse(false));
        assertThat(OutboxRows.eventKeys(url)).isEmpty();
        close();

        JobScheduler committed = start();
        String runId = committed.runNow("alerts.scan");
        await().atMost(WAIT).until(() -> pager.delivered().size() == 1);

        assertThat(pager.delivered().get(0).notification().eventKey()).isEqualTo("alert-hit:" + runId);
        assertThat(OutboxRows.eventKeys(url)).containsExactly("alert-hit:" + runId);
    }

    @Test
    @DisplayName("a notification for the log only is stored without deliveries; an unknown channel is refused with the list of channels")
    void channelsAreChecked() {
        JobScheduler s = start();

        assertThat(s.notifier().notify(Notification.of("audit:1", Notification.Severity.INFO, "Audit", "").onlyTo("log"))).isTrue();
        assertThat(OutboxRows.eventKeys(url)).containsExactly("audit:1");
        assertThat(OutboxRows.deliveries(url)).isEmpty();
        assertThatThrownBy(() -> s.notifier().notify(Notification.of("x", Notification.Severity.INFO, "X", "").onlyTo("slack")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'slack'")
                .hasMessageContaining("email, log, pager, telegram");
        // e-mail exists but is off here: left out, not an error.
        assertThat(s.notifier().notify(Notification.of("y", Notification.Severity.INFO, "Y", "").onlyTo("email", "pager"))).isTrue();
        await().atMost(WAIT).until(() -> pager.delivered().size() == 1);
        assertThat(OutboxRows.deliveries(url)).extracting(OutboxRows.Row::channel).containsExactly("pager");
    }

    @Test
    @DisplayName("notifications are checked when made: blank or overlong keys and bad channel names are refused")
    void notificationsValidate() {
        assertThatThrownBy(() -> Notification.of(" ", Notification.Severity.INFO, "s", "")).hasMessageContaining("event key is blank");
        assertThatThrownBy(() -> Notification.of("k".repeat(301), Notification.Severity.INFO, "s", "")).hasMessageContaining("301");
        assertThatThrownBy(() -> Notification.of("k", Notification.Severity.INFO, "s", "").onlyTo("Bad Name")).hasMessageContaining("Bad Name");
        assertThat(Notification.of("k", Notification.Severity.INFO, "Subject", "").text()).isEqualTo("Subject");
    }

    @Test
    @DisplayName("a host channel named like a built-in one fails build() naming both")
    void clashingChannelNamesFailTheBuild() {
        assertThatThrownBy(() -> OpsFixtures.builder(dir, TestDatabases.sqlite(dir)).module(new RecordingChannel("email").module()).build())
                .isInstanceOf(SchedulerBuildException.class)
                .hasMessageContaining("two notification channels are named 'email'")
                .hasMessageContaining(RecordingChannel.class.getName());
    }

    @Test
    @DisplayName("e-mail and Telegram settings are checked at build(): every problem at once, secrets masked")
    void badNotificationSettingsFailTheBuild() {
        assertThatThrownBy(() -> OpsFixtures.builder(dir, TestDatabases.sqlite(dir))
                .config("notify.email.enabled", "true")
                .config("notify.email.to", "not-an-address")
                .config("notify.email.smtp.user", "alerts")
                .config("notify.telegram.token", "123:secret-bot-token")
                .config("notify.failures.after-consecutive", "0")
                .build())
                .isInstanceOf(SchedulerBuildException.class)
                .hasMessageContaining("notify.email.smtp.host")
                .hasMessageContaining("notify.email.to")
                .hasMessageContaining("notify.email.smtp.password")
                .hasMessageContaining("notify.telegram.chat-id")
                .hasMessageContaining("notify.failures.after-consecutive")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret-bot-token"));
    }
}
