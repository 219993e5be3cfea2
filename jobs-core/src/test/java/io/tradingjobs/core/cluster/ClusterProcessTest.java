package io.tradingjobs.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tradingjobs.core.test.TestDatabases;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scale-out and crash safety shown with real processes: scheduler nodes run in their own JVMs
 * and are killed with SIGKILL; PostgreSQL "goes away" behind a TCP proxy that drops every
 * connection.
 */
class ClusterProcessTest {
    private static final Duration CHECKIN = Duration.ofSeconds(2);

    @TempDir
    Path dir;
    private final List<NodeProcess> nodes = new ArrayList<>();

    @AfterEach
    void stopNodes() throws Exception {
        release();
        for (NodeProcess n : nodes) {
            n.close();
        }
    }

    private NodeProcess node(String name, String url, boolean cluster, String... config) throws Exception {
        NodeProcess n = NodeProcess.start(name, url, cluster, dir, Path.of("target"), config);
        nodes.add(n);
        return n;
    }

    private static void awaitReady(NodeProcess... ns) {
        for (NodeProcess n : ns) {
            await().atMost(Duration.ofSeconds(60)).until(() -> n.printed("READY") || !n.isAlive());
            assertThat(n.printed("READY")).as(n.name() + " started (see target/" + n.name() + ".log)").isTrue();
        }
    }

    @Test
    @DisplayName("three nodes on one PostgreSQL run every fire of an every-second job exactly once, spread across nodes")
    void everyFireRunsExactlyOnceAcrossThreeNodes() throws Exception {
        String url = TestDatabases.postgresSchema();
        // A fire more than the misfire threshold late is coalesced by Quartz (the node's default is 5 s), which a
        // stall of a busy machine could cause; with 60 s, a late fire still runs, once, and none goes missing.
        String[] config = {"jobs.misfire-threshold", "60s"};
        // All three start at once on an empty schema: migrations and trigger set-up race and must not collide.
        NodeProcess a = node("node-a", url, true, config);
        NodeProcess b = node("node-b", url, true, config);
        NodeProcess c = node("node-c", url, true, config);
        awaitReady(a, b, c);
        long from = System.currentTimeMillis() + 2_000;
        long to = from + 60_000;
        await().atMost(Duration.ofSeconds(100)).pollInterval(Duration.ofSeconds(1))
                .until(() -> count(url, "SELECT COUNT(*) FROM job_runs WHERE job_id = 'cluster.tick' AND scheduled_at > ?", to) > 0);

        List<long[]> fires = rows(url, "SELECT scheduled_at, COUNT(*) FROM job_runs WHERE job_id = 'cluster.tick' "
                + "AND scheduled_at BETWEEN ? AND ? GROUP BY scheduled_at ORDER BY scheduled_at", from, to);
        assertThat(fires).as("one row per fire time").allSatisfy(f -> assertThat(f[1]).isEqualTo(1));
        assertThat(fires).hasSizeGreaterThanOrEqualTo(59);
        for (int i = 1; i < fires.size(); i++) {
            assertThat(fires.get(i)[0] - fires.get(i - 1)[0]).as("no fire time missing").isEqualTo(1000);
        }
        assertThat(count(url, "SELECT COUNT(*) FROM job_runs WHERE job_id = 'cluster.tick' AND scheduled_at BETWEEN ? AND ? "
                + "AND status <> 'SUCCEEDED'", from, to)).isZero();
        assertThat(count(url, "SELECT COUNT(DISTINCT node_id) FROM job_runs WHERE job_id = 'cluster.tick' AND scheduled_at BETWEEN ? AND ?",
                from, to)).as("fires spread across nodes").isGreaterThanOrEqualTo(2);
    }

    @Test
    @DisplayName("kill -9 of the node running a recoverable job: another node re-runs it and the dead run is INTERRUPTED")
    void aRecoverableJobIsRerunByAnotherNodeAfterItsNodeIsKilled() throws Exception {
        String url = TestDatabases.postgresSchema();
        NodeProcess a = node("rec-a", url, true);
        awaitReady(a);
        NodeProcess b = node("rec-b", url, true);
        awaitReady(b);
        a.send("run cluster.long");
        await().atMost(Duration.ofSeconds(20)).until(() -> a.printed("STARTED cluster.long") || b.printed("STARTED cluster.long"));
        NodeProcess victim = a.printed("STARTED cluster.long") ? a : b;
        NodeProcess survivor = victim == a ? b : a;
        String deadRun = victim.line("STARTED cluster.long").orElseThrow().split(" ")[2];

        victim.kill();

        await().atMost(CHECKIN.plusSeconds(10).plusSeconds(8)).until(() -> survivor.printed("STARTED cluster.long"));
        await().atMost(Duration.ofSeconds(20)).until(() -> status(url, deadRun).equals(Optional.of("INTERRUPTED")));
        String newRun = survivor.line("STARTED cluster.long").orElseThrow().split(" ")[2];
        assertThat(text(url, "SELECT trigger_kind FROM job_runs WHERE run_id = ?", newRun)).contains("RECOVERY");
        assertThat(text(url, "SELECT node_id FROM job_runs WHERE run_id = ?", newRun)).contains(survivor.name());
        assertThat(text(url, "SELECT message FROM job_runs WHERE run_id = ?", deadRun).orElseThrow())
                .contains(victim.name()).contains("stopped checking in");

        release();
        await().atMost(Duration.ofSeconds(20)).until(() -> status(url, newRun).equals(Optional.of("SUCCEEDED")));
        assertNoStuckTriggers(url);
    }

    @Test
    @DisplayName("kill -9 of the node running a non-recoverable job: the run is INTERRUPTED and not re-run")
    void aNonRecoverableJobIsNotRerun() throws Exception {
        String url = TestDatabases.postgresSchema();
        NodeProcess a = node("once-a", url, true);
        awaitReady(a);
        NodeProcess b = node("once-b", url, true);
        awaitReady(b);
        a.send("run cluster.long-once");
        await().atMost(Duration.ofSeconds(20)).until(() -> a.printed("STARTED cluster.long-once") || b.printed("STARTED cluster.long-once"));
        NodeProcess victim = a.printed("STARTED cluster.long-once") ? a : b;
        NodeProcess survivor = victim == a ? b : a;
        String deadRun = victim.line("STARTED cluster.long-once").orElseThrow().split(" ")[2];

        victim.kill();

        // Quartz deletes a dead node's check-in row once it has recovered the node's work.
        await().atMost(Duration.ofSeconds(30)).until(() ->
                count(url, "SELECT COUNT(*) FROM QRTZ_SCHEDULER_STATE WHERE INSTANCE_NAME = '" + victim.name() + "'") == 0
                        && count(url, "SELECT COUNT(*) FROM QRTZ_FIRED_TRIGGERS WHERE INSTANCE_NAME = '" + victim.name() + "'") == 0);
        await().atMost(Duration.ofSeconds(20)).until(() -> status(url, deadRun).equals(Optional.of("INTERRUPTED")));
        assertThat(survivor.printed("STARTED cluster.long-once")).isFalse();
        assertThat(count(url, "SELECT COUNT(*) FROM job_runs WHERE job_id = 'cluster.long-once'")).isEqualTo(1);
        assertNoStuckTriggers(url);
    }

    @Test
    @DisplayName("kill -9 of a single SQLite node mid-run, then restart: nothing stuck RUNNING, pause kept, recoverable job re-run")
    void aKilledSqliteNodeRestartsCleanly() throws Exception {
        String url = TestDatabases.sqlite(dir);
        NodeProcess first = node("sqlite-1", url, false);
        awaitReady(first);
        first.send("pause cluster.paused");
        await().atMost(Duration.ofSeconds(10)).until(() -> first.printed("PAUSED cluster.paused"));
        first.send("run cluster.long");
        await().atMost(Duration.ofSeconds(20)).until(() -> first.printed("STARTED cluster.long"));
        String deadRun = first.line("STARTED cluster.long").orElseThrow().split(" ")[2];

        // A second scheduler on the same file would run every job again and take the first one's runs for
        // leftovers of a crash: it is refused, naming the file and the process that has it.
        try (io.tradingjobs.core.JobScheduler intruder = io.tradingjobs.core.JobScheduler.builder().discover(false)
                .environment(java.util.Map.of()).workingDirectory(dir).config("jobs.database.url", url).build()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(intruder::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("is in use by another running scheduler (process ")
                    .hasMessageContaining(url.substring(url.lastIndexOf('/') + 1));
        }
        assertThat(status(url, deadRun)).as("the refused scheduler left the running run alone").contains("RUNNING");

        first.kill();
        assertThat(status(url, deadRun)).contains("RUNNING");

        NodeProcess second = node("sqlite-2", url, false);
        awaitReady(second);
        assertThat(status(url, deadRun)).contains("INTERRUPTED");
        await().atMost(Duration.ofSeconds(20)).until(() -> second.printed("STARTED cluster.long"));
        String rerun = second.line("STARTED cluster.long").orElseThrow().split(" ")[2];
        assertThat(text(url, "SELECT trigger_kind FROM job_runs WHERE run_id = ?", rerun)).contains("RECOVERY");
        assertThat(text(url, "SELECT TRIGGER_STATE FROM QRTZ_TRIGGERS WHERE TRIGGER_NAME = 'cluster.paused'")).contains("PAUSED");
        assertThat(text(url, "SELECT TRIGGER_STATE FROM QRTZ_TRIGGERS WHERE TRIGGER_NAME = 'cluster.tick'")).isPresent();

        release();
        await().atMost(Duration.ofSeconds(20)).until(() -> status(url, rerun).equals(Optional.of("SUCCEEDED")));
        assertThat(count(url, "SELECT COUNT(*) FROM job_runs WHERE status = 'RUNNING' AND job_id <> 'cluster.tick'")).isZero();
    }

    @Test
    @DisplayName("PostgreSQL gone for 20 s under a running cluster: the cluster resumes by itself and no trigger is lost")
    void theClusterResumesAfterADatabaseOutage() throws Exception {
        String url = TestDatabases.postgresSchema();
        URI pg = URI.create(url.substring("jdbc:".length()));
        try (TcpProxy proxy = new TcpProxy(pg.getHost(), pg.getPort())) {
            String viaProxy = url.replace(pg.getHost() + ":" + pg.getPort(), "127.0.0.1:" + proxy.port());
            String[] config = {"jobs.database.connect-timeout", "3s"};
            NodeProcess a = node("out-a", viaProxy, true, config);
            awaitReady(a);
            NodeProcess b = node("out-b", viaProxy, true, config);
            awaitReady(b);
            await().atMost(Duration.ofSeconds(20)).until(() -> count(url, "SELECT COUNT(*) FROM job_runs WHERE job_id = 'cluster.tick'") >= 3);

            proxy.cut();
            long cutAt = System.currentTimeMillis();
            await().pollDelay(Duration.ofSeconds(20)).atMost(Duration.ofSeconds(21)).until(() -> true); // the outage lasts 20 s
            proxy.restore();
            long restoredAt = System.currentTimeMillis();

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    count(url, "SELECT COUNT(*) FROM job_runs WHERE job_id = 'cluster.tick' AND status = 'SUCCEEDED' AND scheduled_at > ?",
                            restoredAt + 5_000) >= 3);
            assertThat(a.isAlive() && b.isAlive()).as("both nodes lived through the outage").isTrue();
            // The fires due during the outage were handled by the misfire policy: at most one catch-up run or one
            // MISFIRED record stands for them; none ran twice.
            assertThat(rows(url, "SELECT scheduled_at, COUNT(*) FROM job_runs WHERE job_id = 'cluster.tick' GROUP BY scheduled_at "
                    + "HAVING COUNT(*) > 1", new Object[0])).isEmpty();
            long duringOutage = count(url, "SELECT COUNT(*) FROM job_runs WHERE job_id = 'cluster.tick' AND scheduled_at BETWEEN ? AND ?",
                    cutAt + 2_000, restoredAt - 2_000);
            assertThat(duringOutage).isLessThanOrEqualTo(3);
            // BLOCKED too: the tick allows one run at a time, so Quartz blocks its trigger while a tick runs.
            assertThat(text(url, "SELECT TRIGGER_STATE FROM QRTZ_TRIGGERS WHERE TRIGGER_NAME = 'cluster.tick'"))
                    .hasValueSatisfying(state -> assertThat(state).isIn("WAITING", "ACQUIRED", "EXECUTING", "BLOCKED"));
            assertNoStuckTriggers(url);
        }
    }

    private void release() throws java.io.IOException {
        if (!Files.exists(dir.resolve("release"))) {
            Files.createFile(dir.resolve("release"));
        }
    }

    // ---- database helpers ----------------------------------------------------------------------

    private static void assertNoStuckTriggers(String url) throws SQLException {
        // BLOCKED is a stuck state only when no run of the trigger's job is executing: Quartz blocks the
        // trigger of a one-at-a-time job while it runs, and sets and clears both in one transaction, so
        // one statement (one snapshot) tells a running job from a stuck trigger.
        assertThat(count(url, "SELECT COUNT(*) FROM QRTZ_TRIGGERS t WHERE t.TRIGGER_NAME <> 'cluster.paused' AND (t.TRIGGER_STATE = 'ERROR' "
                + "OR (t.TRIGGER_STATE IN ('BLOCKED', 'PAUSED_BLOCKED') AND NOT EXISTS (SELECT 1 FROM QRTZ_FIRED_TRIGGERS f "
                + "WHERE f.SCHED_NAME = t.SCHED_NAME AND f.JOB_NAME = t.JOB_NAME AND f.JOB_GROUP = t.JOB_GROUP AND f.STATE = 'EXECUTING')))"))
                .as("no trigger left blocked (with no run of its job executing) or in error").isZero();
        assertThat(count(url, "SELECT COUNT(*) FROM QRTZ_TRIGGERS WHERE TRIGGER_STATE = 'ACQUIRED' AND NEXT_FIRE_TIME < ?",
                System.currentTimeMillis() - 30_000)).as("no trigger left acquired").isZero();
    }

    private static Optional<String> status(String url, String runId) throws SQLException {
        return text(url, "SELECT status FROM job_runs WHERE run_id = ?", runId);
    }

    private static Optional<String> text(String url, String sql, Object... args) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
        }
    }

    private static long count(String url, String sql, Object... args) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<long[]> rows(String url, String sql, Object... args) throws SQLException {
        List<long[]> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new long[] {rs.getLong(1), rs.getLong(2)});
            }
        }
        return out;
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
        return ps;
    }
}
