package io.tradingjobs.core.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tradingjobs.core.JobScheduler;
import io.tradingjobs.core.internal.Engines;
import io.tradingjobs.core.internal.notify.Outbox;
import io.tradingjobs.core.ops.OpsFixtures;
import io.tradingjobs.core.test.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two nodes dispatching one PostgreSQL outbox: every delivery goes out once, and a dead node's lease runs out. */
class PostgresOutboxClaimTest {
    @TempDir
    Path dir;

    private final List<JobScheduler> open = new ArrayList<>();

    @AfterEach
    void close() {
        open.forEach(JobScheduler::close);
    }

    private JobScheduler node(String url, String nodeId, List<RecordingChannel.Delivered> ledger, boolean start) {
        JobScheduler s = OpsFixtures.builder(dir, url)
                .config("jobs.cluster.node-id", nodeId)
                .config("notify.dispatch.interval", "20ms")
                .module(new RecordingChannel("ledger", nodeId, ledger).module())
                .build();
        open.add(s);
        if (start) {
            s.start();
        }
        return s;
    }

    @Test
    @DisplayName("two nodes polling one outbox deliver 200 notifications stored from both, each exactly once")
    void twoNodesDeliverEachNotificationOnce() {
        String url = TestDatabases.postgresSchema();
        List<RecordingChannel.Delivered> ledger = new CopyOnWriteArrayList<>();
        JobScheduler a = node(url, "node-a", ledger, true);
        JobScheduler b = node(url, "node-b", ledger, true);

        for (int i = 0; i < 100; i++) {
            a.notifier().notify(Notification.of("event-a-" + i, Notification.Severity.INFO, "from a " + i, ""));
            b.notifier().notify(Notification.of("event-b-" + i, Notification.Severity.INFO, "from b " + i, ""));
        }

        await().atMost(Duration.ofSeconds(30))
                .until(() -> OutboxRows.deliveries(url).stream().filter(r -> r.status().equals("SENT")).count() == 200);
        Map<String, Long> perKey = ledger.stream().collect(Collectors.groupingBy(d -> d.notification().eventKey(), Collectors.counting()));
        assertThat(perKey).hasSize(200);
        assertThat(perKey.values()).containsOnly(1L);
        assertThat(ledger).hasSize(200);
        assertThat(OutboxRows.deliveries(url)).extracting(OutboxRows.Row::attempts).containsOnly(1);
        Map<String, Long> perNode = ledger.stream().collect(Collectors.groupingBy(RecordingChannel.Delivered::node, Collectors.counting()));
        LoggerHolder.LOG.info("deliveries per node: {}", perNode);
    }

    @Test
    @DisplayName("a delivery leased by a node stays its own until the lease ends; then another node takes it, and the first can no longer mark it")
    void leasesExcludeOtherNodesUntilTheyRunOut() {
        String url = TestDatabases.postgresSchema();
        JobScheduler s = node(url, "node-a", new CopyOnWriteArrayList<>(), false);
        s.notifier().notify(Notification.of("leased", Notification.Severity.INFO, "leased", ""));
        Outbox outbox = new Outbox(Engines.of(s).database().dsl());
        Outbox.Due due = outbox.due(List.of("ledger"), System.currentTimeMillis(), 10).get(0);
        long t = System.currentTimeMillis();

        assertThat(outbox.claim(due.eventId(), "ledger", "node-a", t, t + 60_000)).isTrue();
        assertThat(outbox.due(List.of("ledger"), t + 1, 10)).isEmpty();
        assertThat(outbox.claim(due.eventId(), "ledger", "node-b", t + 1, t + 60_001)).isFalse();
        assertThat(outbox.claim(due.eventId(), "ledger", "node-b", t + 60_001, t + 120_001)).isTrue();
        assertThat(outbox.sent(due.eventId(), "ledger", "node-a", 1, t + 60_002)).isFalse();
        assertThat(outbox.sent(due.eventId(), "ledger", "node-b", 1, t + 60_002)).isTrue();
        Map<String, OutboxRows.Row> rows = OutboxRows.deliveries(url).stream().collect(Collectors.toMap(OutboxRows.Row::eventKey, Function.identity()));
        assertThat(rows.get("leased").status()).isEqualTo("SENT");
    }

    /** Test output. */
    private static final class LoggerHolder {
        static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PostgresOutboxClaimTest.class);
    }
}
