package io.tradingjobs.core.notify;

import static io.tradingjobs.core.ops.OpsFixtures.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.tradingjobs.core.JobScheduler;
import io.tradingjobs.core.RunStatus;
import io.tradingjobs.core.ops.OpsFixtures;
import io.tradingjobs.core.test.TestDatabases;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Job failure e-mails through a real SMTP server (GreenMail) on a free loopback port. */
class EmailNotificationTest {
    private static final String SMTP_PASSWORD = "smtp-app-pass-77e1";

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("trading@example.com", "alerts", SMTP_PASSWORD));

    @TempDir
    Path dir;

    private final List<JobScheduler> open = new ArrayList<>();

    @AfterEach
    void close() {
        open.forEach(JobScheduler::close);
    }

    /** The seed's .env names, as an operator's existing file has them. */
    private Map<String, String> seedEnvironment(boolean tls) {
        return Map.of("EMAIL_ENABLED", "true",
                "EMAIL_FROM", "trading@example.com",
                "EMAIL_TO", "user@example.com",
                "SMTP_HOST", "127.0.0.1",
                "SMTP_PORT", String.valueOf(MAIL.getSmtp().getPort()),
                "SMTP_USER", "alerts",
                "SMTP_PASSWORD", SMTP_PASSWORD,
                "SMTP_USE_TLS", String.valueOf(tls));
    }

    private JobScheduler start(String url, AtomicBoolean failing, boolean tls, String... settings) {
        JobScheduler.Builder b = OpsFixtures.builder(dir, url)
                .environment(seedEnvironment(tls))
                .job(OpsFixtures.hourly("nse.market-sync", "Market data sync"), OpsFixtures.flaky(failing));
        for (int i = 0; i + 1 < settings.length; i += 2) {
            b.config(settings[i], settings[i + 1]);
        }
        JobScheduler s = b.build();
        open.add(s);
        s.start();
        return s;
    }

    private static void runAndWait(JobScheduler s, RunStatus expected) {
        String runId = s.runNow("nse.market-sync");
        await().atMost(WAIT).until(() -> s.run(runId).map(r -> r.status() == expected).orElse(false));
    }

    @Test
    @DisplayName("a failing job sends exactly one e-mail '[ALERT] Job Failed: <name>' with job, status, time and error; a second failure "
            + "sends none; the next success sends one recovery e-mail")
    void oneAlertPerFailureStreakAndARecoveryNotice() throws Exception {
        AtomicBoolean failing = new AtomicBoolean(true);
        String url = TestDatabases.sqlite(dir);
        JobScheduler s = start(url, failing, false);

        runAndWait(s, RunStatus.FAILED);
        await().atMost(WAIT).until(() -> MAIL.getReceivedMessages().length == 1);
        MimeMessage alert = MAIL.getReceivedMessages()[0];
        assertThat(alert.getSubject()).isEqualTo("[ALERT] Job Failed: Market data sync");
        assertThat(alert.getFrom()[0].toString()).isEqualTo("trading@example.com");
        assertThat(alert.getRecipients(Message.RecipientType.TO)[0].toString()).isEqualTo("user@example.com");
        String body = GreenMailUtil.getBody(alert);
        assertThat(body)
                .contains("Job: Market data sync (nse.market-sync)")
                .contains("Status: FAILED")
                .containsPattern("Time: \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d Asia/Kolkata \\(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\)")
                .contains("Error: java.lang.IllegalStateException: upstream answered 503 Service Unavailable")
                .contains("Please check the logs for details.");

        runAndWait(s, RunStatus.FAILED);
        failing.set(false);
        runAndWait(s, RunStatus.SUCCEEDED);
        await().atMost(WAIT).until(() -> MAIL.getReceivedMessages().length >= 2);

        MimeMessage[] all = MAIL.getReceivedMessages();
        assertThat(all).hasSize(2);
        assertThat(all[1].getSubject()).isEqualTo("[RESOLVED] Job Recovered: Market data sync");
        assertThat(GreenMailUtil.getBody(all[1])).contains("Status: RECOVERED").contains("after 2 failed runs");
        assertThat(OutboxRows.eventKeys(url)).hasSize(2).allMatch(k -> k.startsWith("job-failed:nse.market-sync:")
                || k.startsWith("job-recovered:nse.market-sync:"));
        assertThat(OutboxRows.deliveries(url)).extracting(OutboxRows.Row::status).containsOnly("SENT");
    }

    @Test
    @DisplayName("a notification stored before a restart, and not yet sent, is sent once by the next scheduler and not again by the one after")
    void aRestartBetweenEventAndDeliveryStillDeliversOnce() {
        String url = TestDatabases.sqlite(dir);
        AtomicBoolean failing = new AtomicBoolean(false);
        // Built, never started: its dispatcher never runs, as if the process died right after storing the event.
        JobScheduler first = OpsFixtures.builder(dir, url).environment(seedEnvironment(false))
                .job(OpsFixtures.hourly("nse.market-sync", "Market data sync"), OpsFixtures.flaky(failing)).build();
        boolean stored = first.notifier().notify(Notification.of("report-ready:daily:2026-02-08", Notification.Severity.INFO,
                "Daily market report ready", "TUNINDEX closed at 9 876.54 (+0.42%)."));
        first.close();
        assertThat(stored).isTrue();
        assertThat(MAIL.getReceivedMessages()).isEmpty();

        JobScheduler second = start(url, failing, false);
        await().atMost(WAIT).until(() -> MAIL.getReceivedMessages().length == 1);
        assertThat(second.notifier().notify(Notification.of("report-ready:daily:2026-02-08", Notification.Severity.INFO,
                "Daily market report ready", "again"))).isFalse();
        second.close();

        JobScheduler third = start(url, failing, false);
        third.notifier().notify(Notification.of("report-ready:daily:2026-02-09", Notification.Severity.INFO, "Next report ready", ""));
        await().atMost(WAIT).until(() -> MAIL.getReceivedMessages().length >= 2);

        assertThat(MAIL.getReceivedMessages()).extracting(MimeMessage::getSubject)
                .containsExactly("Daily market report ready", "Next report ready");
        assertThat(OutboxRows.deliveries(url)).extracting(OutboxRows.Row::attempts).containsOnly(1);
    }

    @Test
    @DisplayName("with STARTTLS required (SMTP_USE_TLS=true) and a server that does not offer it, nothing is sent and the delivery "
            + "waits for a retry with the reason")
    void starttlsIsRequiredWhenEnabled() {
        String url = TestDatabases.sqlite(dir);
        JobScheduler s = start(url, new AtomicBoolean(false), true, "notify.dispatch.backoff", "1h");

        s.notifier().notify(Notification.of("tls-check", Notification.Severity.INFO, "TLS check", "body"));

        await().atMost(WAIT).until(() -> OutboxRows.deliveries(url).stream().anyMatch(r -> r.attempts() == 1));
        OutboxRows.Row row = OutboxRows.deliveries(url).get(0);
        assertThat(row.status()).isEqualTo("PENDING");
        assertThat(row.lastError()).containsIgnoringCase("STARTTLS");
        assertThat(MAIL.getReceivedMessages()).isEmpty();
    }
}
