package io.tradingjobs.core.notify;

import static io.tradingjobs.core.ops.OpsFixtures.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradingjobs.core.JobScheduler;
import io.tradingjobs.core.RunStatus;
import io.tradingjobs.core.ops.OpsFixtures;
import io.tradingjobs.core.test.LocalHttpServer;
import io.tradingjobs.core.test.LocalHttpServer.RecordedRequest;
import io.tradingjobs.core.test.LocalHttpServer.Reply;
import io.tradingjobs.core.test.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Telegram's sendMessage against a local server standing in for api.telegram.org. */
class TelegramNotificationTest {
    private static final String TOKEN = "123456:AAE-bot-token-secret";
    private static final String PATH = "/bot" + TOKEN + "/sendMessage";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OK = "{\"ok\":true,\"result\":{\"message_id\":1}}";

    @TempDir
    Path dir;

    private final LocalHttpServer telegram = LocalHttpServer.start();
    private JobScheduler scheduler;

    @AfterEach
    void close() {
        if (scheduler != null) {
            scheduler.close();
        }
        telegram.close();
    }

    private JobScheduler start(String url, AtomicBoolean failing) {
        scheduler = OpsFixtures.builder(dir, url)
                .config("notify.telegram.base-url", telegram.baseUrl())
                .config("notify.telegram.token", TOKEN)
                .config("notify.telegram.chat-id", "-1001234567890")
                .config("notify.dispatch.backoff", "1h")
                .job(OpsFixtures.hourly("bvmt.market-pulse", "Market Pulse Update"), OpsFixtures.flaky(failing))
                .build();
        scheduler.start();
        return scheduler;
    }

    @Test
    @DisplayName("a job failure goes to Telegram; a first 429 answer's retry_after is waited out, then the message is sent once")
    void retryAfterIsHonoured() throws Exception {
        telegram.on("POST", PATH,
                Reply.status(429).body("application/json", "{\"ok\":false,\"error_code\":429,"
                        + "\"description\":\"Too Many Requests: retry after 1\",\"parameters\":{\"retry_after\":1}}"),
                Reply.json(OK));
        String url = TestDatabases.sqlite(dir);
        JobScheduler s = start(url, new AtomicBoolean(true));

        String runId = s.runNow("bvmt.market-pulse");
        await().atMost(WAIT).until(() -> s.run(runId).map(r -> r.status() == RunStatus.FAILED).orElse(false));
        await().atMost(WAIT).until(() -> OutboxRows.deliveries(url).stream().anyMatch(r -> r.status().equals("SENT")));

        List<RecordedRequest> requests = telegram.requests("POST", PATH);
        assertThat(requests).hasSize(2);
        assertThat(Duration.between(requests.get(0).receivedAt(), requests.get(1).receivedAt())).isGreaterThanOrEqualTo(Duration.ofMillis(990));
        JsonNode sent = JSON.readTree(requests.get(1).bodyText());
        assertThat(sent.get("chat_id").asText()).isEqualTo("-1001234567890");
        assertThat(sent.get("text").asText())
                .startsWith("[ALERT] Job Failed: Market Pulse Update\n\nJob: Market Pulse Update (bvmt.market-pulse)\nStatus: FAILED\n")
                .contains("Error: java.lang.IllegalStateException: upstream answered 503 Service Unavailable");
        assertThat(requests.get(1).header("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(OutboxRows.deliveries(url)).singleElement().satisfies(r -> {
            assertThat(r.channel()).isEqualTo("telegram");
            assertThat(r.attempts()).isEqualTo(2);
        });
    }

    @Test
    @DisplayName("a text over 4096 characters is cut to exactly 4096, ending in an ellipsis")
    void longTextsAreCutToTelegramsLimit() throws Exception {
        telegram.on("POST", PATH, Reply.json(OK));
        String url = TestDatabases.sqlite(dir);
        JobScheduler s = start(url, new AtomicBoolean(false));

        s.notifier().notify(Notification.of("long-report", Notification.Severity.INFO, "Weekly report", "x".repeat(10_000)));

        await().atMost(WAIT).until(() -> telegram.requestCount("POST", PATH) == 1);
        String text = JSON.readTree(telegram.requests("POST", PATH).get(0).bodyText()).get("text").asText();
        assertThat(text).hasSize(4096).startsWith("Weekly report\n\nxxx").endsWith("x…");
    }

    @Test
    @DisplayName("a 400 (unknown chat) is not retried: the delivery is marked FAILED with Telegram's description, without the token")
    void badRequestsAreNotRetried() {
        telegram.on("POST", PATH, Reply.status(400).body("application/json",
                "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: chat not found\"}"));
        String url = TestDatabases.sqlite(dir);
        JobScheduler s = start(url, new AtomicBoolean(false));

        s.notifier().notify(Notification.of("hello", Notification.Severity.INFO, "Hello", "world"));

        await().atMost(WAIT).until(() -> OutboxRows.deliveries(url).stream().anyMatch(r -> r.status().equals("FAILED")));
        OutboxRows.Row row = OutboxRows.deliveries(url).get(0);
        assertThat(row.lastError()).contains("Telegram answered 400: Bad Request: chat not found").doesNotContain(TOKEN);
        assertThat(telegram.requestCount("POST", PATH)).isEqualTo(1);
    }
}
