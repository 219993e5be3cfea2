package io.tradingjobs.core.ops;

import static io.tradingjobs.core.ops.OpsFixtures.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.tradingjobs.core.JobScheduler;
import io.tradingjobs.core.RunStatus;
import io.tradingjobs.core.test.LocalHttpServer;
import io.tradingjobs.core.test.LocalHttpServer.Reply;
import io.tradingjobs.core.test.TestDatabases;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** No secret (SMTP password, bot token, API keys, the management token) in any answer or log line. */
class SecretsStayHiddenTest {
    private static final String SMTP_PASSWORD = "smtp-Pa55word-3c1d";
    private static final String BOT_TOKEN = "987654:AAH-telegram-bot-secret";
    private static final String HTTP_TOKEN = "mgmt-token-0a9b8c7d6e5f";
    private static final String UPSTOX_TOKEN = "upstox-access-token-51f0";
    private static final String NEWS_KEY = "newsapi-key-7d2e90";
    private static final List<String> SECRETS = List.of(SMTP_PASSWORD, BOT_TOKEN, HTTP_TOKEN, UPSTOX_TOKEN, NEWS_KEY);

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("trading@example.com", "alerts", SMTP_PASSWORD));

    @TempDir
    Path dir;

    private final LocalHttpServer telegram = LocalHttpServer.start();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger ours = (Logger) LoggerFactory.getLogger("io.tradingjobs");
    private Level oursBefore;
    private JobScheduler scheduler;

    @BeforeEach
    void captureEverything() {
        logs.start();
        root.addAppender(logs);
        oursBefore = ours.getLevel();
        ours.setLevel(Level.DEBUG);
    }

    @AfterEach
    void release() {
        if (scheduler != null) {
            scheduler.close();
        }
        telegram.close();
        root.detachAppender(logs);
        ours.setLevel(oursBefore);
    }

    private JobScheduler start(String... jobs) {
        JobScheduler.Builder b = OpsFixtures.builder(dir, TestDatabases.sqlite(dir))
                .config("jobs.http.port", "0")
                .config("jobs.http.token", HTTP_TOKEN)
                .config("notify.email.enabled", "true")
                .config("notify.email.from", "trading@example.com")
                .config("notify.email.to", "user@example.com")
                .config("notify.email.smtp.host", "127.0.0.1")
                .config("notify.email.smtp.port", String.valueOf(MAIL.getSmtp().getPort()))
                .config("notify.email.smtp.user", "alerts")
                .config("notify.email.smtp.password", SMTP_PASSWORD)
                .config("notify.email.smtp.starttls", "false")
                .config("notify.telegram.base-url", telegram.baseUrl())
                .config("notify.telegram.token", BOT_TOKEN)
                .config("notify.telegram.chat-id", "-100777")
                .config("market.upstox.token", UPSTOX_TOKEN)
                .config("news.newsapi.key", NEWS_KEY)
                .job(OpsFixtures.hourly("test.fail", "Broken feed"), OpsFixtures.failing("upstream answered 503"));
        scheduler = b.build();
        scheduler.start();
        return scheduler;
    }

    @Test
    @DisplayName("a failure alerted by e-mail (with SMTP login) and Telegram (after a 429), and API calls with no, wrong and right "
            + "tokens, leave no secret in any answer or any log line")
    void noSecretInAnswersOrLogs() {
        telegram.on("POST", "/bot" + BOT_TOKEN + "/sendMessage",
                Reply.status(429).body("application/json", "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 1\","
                        + "\"parameters\":{\"retry_after\":1}}"),
                Reply.json("{\"ok\":true,\"result\":{}}"));
        JobScheduler s = start();
        ApiClient api = new ApiClient(OpsFixtures.baseUrl(s));

        String runId = s.runNow("test.fail");
        await().atMost(WAIT).until(() -> s.run(runId).map(r -> r.status() == RunStatus.FAILED).orElse(false));
        await().atMost(WAIT).until(() -> MAIL.getReceivedMessages().length == 1 && telegram.requests().size() == 2);
        api.get("/api/jobs");
        api.get("/api/jobs/test.fail");
        api.get("/api/jobs/history");
        api.get("/api/jobs/history/failed");
        api.get("/metrics");
        api.get("/health");
        api.get("/");
        api.post("/api/jobs/test.fail/run");
        api.post("/api/jobs/test.fail/pause", "Authorization", "Bearer wrong-" + HTTP_TOKEN);
        api.post("/api/jobs/test.fail/pause", "Authorization", "Bearer " + HTTP_TOKEN);
        api.post("/api/jobs/test.fail/resume", "Authorization", "Bearer " + HTTP_TOKEN);
        api.get("/api/reports");
        s.close();
        scheduler = null;

        assertThat(api.bodies()).hasSize(12).allSatisfy(SecretsStayHiddenTest::hasNoSecret);
        hasNoSecret(GreenMailUtil.getWholeMessage(MAIL.getReceivedMessages()[0]));
        hasNoSecret(telegram.requests().get(1).bodyText());
        List<String> lines = logLines();
        assertThat(lines).anyMatch(l -> l.contains("notification job-failed:test.fail:") && l.contains("sent by email"));
        assertThat(lines).anyMatch(l -> l.contains("telegram asked to wait"));
        lines.forEach(SecretsStayHiddenTest::hasNoSecret);
    }

    @Test
    @DisplayName("a secret that a job put in its error text is masked in the API's answers")
    void secretsInRunErrorsAreMaskedInAnswers() {
        scheduler = OpsFixtures.builder(dir, TestDatabases.sqlite(dir))
                .config("jobs.http.port", "0")
                .config("market.upstox.token", UPSTOX_TOKEN)
                .job(OpsFixtures.hourly("test.leaky", "Leaky client"), OpsFixtures.failing("GET /v2/quotes?access_token=" + UPSTOX_TOKEN + " answered 401"))
                .build();
        scheduler.start();
        ApiClient api = new ApiClient(OpsFixtures.baseUrl(scheduler));
        String runId = scheduler.runNow("test.leaky");
        await().atMost(WAIT).until(() -> scheduler.run(runId).map(r -> r.status() == RunStatus.FAILED).orElse(false));

        String failed = api.get("/api/jobs/history/failed").body();
        String one = api.get("/api/jobs/test.leaky").body();

        assertThat(failed).contains("access_token=****").doesNotContain(UPSTOX_TOKEN);
        assertThat(one).contains("access_token=****").doesNotContain(UPSTOX_TOKEN);
    }

    private static void hasNoSecret(String text) {
        for (String secret : SECRETS) {
            assertThat(text).doesNotContain(secret);
        }
    }

    private List<String> logLines() {
        List<String> out = new ArrayList<>();
        synchronized (logs) {
            for (ILoggingEvent e : logs.list) {
                StringBuilder sb = new StringBuilder(e.getFormattedMessage()).append(' ').append(e.getMDCPropertyMap());
                for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                    sb.append(' ').append(t.getClassName()).append(": ").append(t.getMessage());
                }
                out.add(sb.toString());
            }
        }
        return out;
    }
}
