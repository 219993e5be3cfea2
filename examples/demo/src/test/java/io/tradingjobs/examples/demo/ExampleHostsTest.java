package io.tradingjobs.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tradingjobs.core.JobRun;
import io.tradingjobs.core.JobScheduler;
import io.tradingjobs.core.JobState;
import io.tradingjobs.core.JobStatus;
import io.tradingjobs.core.RunStatus;
import io.tradingjobs.core.spi.JobDefinition;
import io.tradingjobs.examples.bvmt.BvmtHost;
import io.tradingjobs.examples.upstox.UpstoxHost;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each example host as its {@code main} builds and starts it, on a temporary SQLite file, with the outside
 * world (NSE, BSE, news) served by {@link SimulatedWorld} on a loopback port and market data from
 * the simulated source: every job runs once, every run succeeds, and the tables it writes hold data.
 */
class ExampleHostsTest {
    private static final Duration FIRST_RUNS = Duration.ofMinutes(3);

    @TempDir
    Path dir;
    SimulatedWorld world;
    JobScheduler scheduler;
    final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @BeforeEach
    void startWorld() {
        world = SimulatedWorld.start(Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        if (scheduler != null) {
            scheduler.close();
        }
        world.close();
    }

    /** What every test overrides: its own database and files, the simulated world, any free API port. */
    private Map<String, String> testSettings() {
        Map<String, String> s = new LinkedHashMap<>(world.settings());
        s.put("jobs.database.url", "jdbc:sqlite:" + dir.resolve("host.db"));
        s.put("jobs.http.port", "0");
        s.put("maintenance.backup.dir", dir.resolve("backups").toString());
        s.put("notify.dispatch.interval", "1h");
        return s;
    }

    /** Builds the host's scheduler for this test and starts it with {@code main}'s own start step. */
    private JobScheduler start(JobScheduler.Builder builder, Map<String, String> environment, BiConsumer<JobScheduler, PrintStream> main) {
        scheduler = builder.environment(environment).workingDirectory(dir).config(testSettings()).build();
        main.accept(scheduler, new PrintStream(console, true, StandardCharsets.UTF_8));
        // The real schedules stay as they are (the tests read them) but fire no runs of their own meanwhile,
        // whatever the time of day; runNow runs a paused job.
        scheduler.jobs().stream().filter(j -> j.status() != JobState.DISABLED).forEach(j -> scheduler.pause(j.id()));
        // A scheduled run may have started between start and the pauses. It would run out of the phases' order
        // and, were it still running (or about to record a misfire) when runEveryJobOnce reaches its job, count as
        // that job's run. So wait until none is left: no job running, and no fired Quartz trigger whose job has yet
        // to end (a trigger paused after being acquired no longer fires, and its row never becomes EXECUTING).
        await().atMost(FIRST_RUNS).until(() -> scheduler.jobs().stream().noneMatch(j -> j.status() == JobState.RUNNING)
                && rowCount("SELECT COUNT(*) FROM QRTZ_FIRED_TRIGGERS WHERE STATE = 'EXECUTING'") == 0);
        return scheduler;
    }

    private long rowCount(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("host.db"));
             ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Set<String> enabledJobs() {
        return scheduler.jobs().stream().filter(j -> j.status() != JobState.DISABLED).map(JobStatus::id)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private void everyJobRunsOnceAndSucceeds() throws InterruptedException {
        Map<String, JobRun> runs = Demo.runEveryJobOnce(scheduler, FIRST_RUNS);
        assertThat(runs.keySet()).as("jobs that ran").containsExactlyInAnyOrderElementsOf(enabledJobs());
        runs.values().forEach(run -> assertThat(run.status()).as("%s: %s %s", run.jobId(), run.message(), run.error())
                .isEqualTo(RunStatus.SUCCEEDED));
    }

    private Map<String, Long> rowCounts(String... tables) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("host.db"))) {
            for (String table : tables) {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        }
        return counts;
    }

    /** A class loader whose service files omit those in jars whose path contains {@code module}. */
    private static ClassLoader withoutProvidersOf(String module) {
        return new ClassLoader(ExampleHostsTest.class.getClassLoader()) {
            @Override
            public Enumeration<URL> getResources(String name) throws IOException {
                List<URL> urls = Collections.list(super.getResources(name));
                urls.removeIf(url -> url.toString().contains("/" + module + "/") || url.toString().contains("/" + module + "-"));
                return Collections.enumeration(urls);
            }
        };
    }

    private static JobDefinition traderDefinition() {
        // The stand-in for the platform's users (alert rules) and broker (fills), which a real host has.
        return JobDefinition.builder(SimulatedTraderJob.ID).schedule("manual").build();
    }

    @Test
    void upstoxHostRunsTheSeedsEightJobsOnItsSchedules() throws Exception {
        start(UpstoxHost.builder().config("market.source", "simulated").job(traderDefinition(), SimulatedTraderJob.class), Map.of(),
                UpstoxHost::start);

        Set<String> expected = new TreeSet<>(UpstoxHost.SEED_JOBS.keySet());
        expected.addAll(UpstoxHost.SUPPORTING_JOBS);
        expected.add(SimulatedTraderJob.ID);
        assertThat(enabledJobs()).containsExactlyInAnyOrderElementsOf(expected);
        UpstoxHost.SEED_JOBS.forEach((id, schedule) -> assertThat(scheduler.job(id).orElseThrow().schedule()).as(id).isEqualTo(schedule));
        assertThat(console()).contains("Upstox/NSE jobs on SQLite file " + dir.resolve("host.db"), "API and dashboard: http://127.0.0.1:");
        UpstoxHost.SEED_JOBS.forEach((id, schedule) -> assertThat(console()).containsPattern("(?m)^  " + Pattern.quote(id)
                + " +(scheduled|running) +" + Pattern.quote(schedule) + " +next 20\\d\\d-"));

        everyJobRunsOnceAndSucceeds();

        assertThat(rowCounts("candles", "latest_quotes", "index_values", "alert_rules", "alert_rule_state", "news_articles",
                "sentiment_history", "nse_index_membership", "nse_sector_info", "corporate_announcements", "earnings_calendar",
                "trades", "daily_performance", "monthly_performance", "risk_metrics", "strategy_performance"))
                .allSatisfy((table, rows) -> assertThat(rows).as(table).isPositive());
        try (Stream<Path> backups = Files.list(dir.resolve("backups"))) {
            assertThat(backups.map(p -> p.getFileName().toString())).anyMatch(name -> name.endsWith(".db.gz"));
        }
    }

    @Test
    void bvmtHostRunsTheSeedsSixJobsWithItsDotEnvAndServesTheJobApi() throws Exception {
        // The seed's .env as an operator has it, with other intervals and times so the test sees them read. Its
        // DATABASE_URL and *_SERVICE_URLs stand as written: this test's settings point them at its own database and
        // the simulated world, as a host's config(...) would.
        Files.writeString(dir.resolve(".env"), String.join("\n",
                "# Database",
                "DATABASE_URL=postgresql://user:password@localhost:5432/bvmt",
                "",
                "# Job Configuration",
                "ENABLE_SCHEDULER=true",
                "TIMEZONE=Africa/Tunis",
                "",
                "# Service URLs",
                "STOCK_SERVICE_URL=http://localhost:8001",
                "MARKET_SERVICE_URL=http://localhost:8002",
                "ANOMALY_SERVICE_URL=http://localhost:8004",
                "SENTIMENT_SERVICE_URL=http://localhost:8005",
                "NOTIFICATION_SERVICE_URL=http://localhost:8003",
                "",
                "# Job Intervals (minutes)",
                "MARKET_PULSE_INTERVAL=10",
                "ANOMALY_CHECK_INTERVAL=120",
                "SENTIMENT_SCAN_INTERVAL=20",
                "",
                "# Report Schedule (cron format)",
                "DAILY_REPORT_TIME=18:30",
                "WEEKLY_REPORT_DAY=thursday",
                "WEEKLY_REPORT_TIME=16:00", ""));
        start(BvmtHost.builder().config("market.pulse.source", "simulated").classLoader(withoutProvidersOf("jobs-nse")), Map.of(),
                BvmtHost::start);

        assertThat(enabledJobs()).containsExactlyInAnyOrderElementsOf(BvmtHost.SEED_JOBS.keySet());
        assertThat(BvmtHost.defaults()).as("the seed's API port (this test listens on any free one)").containsEntry("jobs.http.port", "8010");
        Map<String, String> schedules = scheduler.jobs().stream().filter(j -> j.status() != JobState.DISABLED)
                .collect(Collectors.toMap(JobStatus::id, JobStatus::schedule));
        assertThat(schedules).containsEntry("market.pulse", "every 10 minutes during BVMT market hours")
                .containsEntry("alerts.anomalies", "every 2 hours")
                .containsEntry("alerts.news", "every 20 minutes")
                .containsEntry("reports.daily", "daily at 18:30 in Africa/Tunis")
                .containsEntry("reports.weekly", "weekly on thursday at 16:00 in Africa/Tunis")
                .containsEntry("maintenance.cleanup", "0 3 * * * in Africa/Tunis");
        assertThat(console()).contains("BVMT jobs service on SQLite file " + dir.resolve("host.db"), "job management API: http://127.0.0.1:");
        schedules.forEach((id, schedule) -> assertThat(console()).containsPattern("(?m)^  " + Pattern.quote(id)
                + " +(scheduled|running) +" + Pattern.quote(schedule) + " +next 20\\d\\d-"));

        everyJobRunsOnceAndSucceeds();

        assertThat(rowCounts("pulse_snapshots", "sector_performance", "top_movers", "index_values", "alert_anomalies",
                "news_articles", "sentiment_history", "reports"))
                .allSatisfy((table, rows) -> assertThat(rows).as(table).isPositive());
        // The seed's "Endpoint triggered" calls reached the platform's services (here the simulated world).
        assertThat(List.of("/api/stocks/refresh", "/api/anomalies/batch", "/api/sentiment/scrape"))
                .allSatisfy(path -> assertThat(world.servicePosts(path)).as(path).isPositive());
        assertThat(scheduler.history("market.pulse", 1).get(0).message()).contains("POST " + world.baseUrl() + "/api/stocks/refresh -> 200");
        String jobs = get("/api/jobs");
        assertThat(jobs).contains("\"id\":\"market.pulse\"", "\"last_status\":\"success\"").containsPattern("\"success_count\":[1-9]");
    }

    @Test
    void demoRunsBothHostsJobsOnTheSimulatedMarket() throws Exception {
        start(Demo.builder(world), Map.of(), (demo, out) -> demo.start());
        Set<String> expected = new TreeSet<>(UpstoxHost.SEED_JOBS.keySet());
        expected.addAll(UpstoxHost.SUPPORTING_JOBS);
        expected.addAll(BvmtHost.SEED_JOBS.keySet());
        expected.add(SimulatedTraderJob.ID);
        assertThat(enabledJobs()).containsExactlyInAnyOrderElementsOf(expected);

        everyJobRunsOnceAndSucceeds();

        assertThat(rowCounts("candles", "pulse_snapshots", "alert_anomalies", "news_articles", "nse_index_membership",
                "corporate_announcements", "daily_performance", "reports"))
                .allSatisfy((table, rows) -> assertThat(rows).as(table).isPositive());
        assertThat(get("/")).containsIgnoringCase("<html");
    }

    private String console() {
        return console.toString(StandardCharsets.UTF_8);
    }

    private String get(String path) throws IOException, InterruptedException {
        int port = scheduler.managementPort().orElseThrow();
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }
}
