package io.tradingjobs.market.backfill;

import io.tradingjobs.core.JobScheduler;
import io.tradingjobs.core.test.LocalHttpServer;
import io.tradingjobs.core.test.LocalHttpServer.Reply;
import io.tradingjobs.market.MarketJobProvider;
import io.tradingjobs.market.upstox.UpstoxSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kills a backfill with SIGKILL part-way, restarts it in a new process, and checks that it finishes
 * without fetching again what the first process stored. The local server lives in this JVM, so it
 * counts both processes' requests.
 */
abstract class BackfillCrashContract {
    private static final int INSTRUMENTS = 40;
    /** Candle requests answered before the server holds the rest until the first node is killed. */
    private static final int ANSWERED = 12;
    /** {@code market.backfill.concurrency} of {@link BackfillNode}. */
    private static final int WORKERS = 2;
    private static final LocalDate DAY = LocalDate.parse("2026-01-28");
    private static final ZoneId IST = ZoneId.of("Asia/Kolkata");

    @TempDir
    Path dir;

    abstract String newDatabaseUrl(Path dir);

    private static String key(int i) {
        return String.format("NSE_EQ|INE%06dX01", i);
    }

    private static String path(int i) {
        return "/v2/historical-candle/" + UpstoxSource.encode(key(i)) + "/day/" + DAY + "/" + DAY;
    }

    @Test
    void aBackfillKilledMidwayFinishesAfterARestartWithoutRefetchingWhatItStored() throws Exception {
        String url = newDatabaseUrl(dir);
        try (JobScheduler migrate = JobScheduler.builder().discover(false).environment(Map.of()).workingDirectory(dir)
                .provider(new MarketJobProvider()).config(Map.of("jobs.database.url", url, "market.source", "simulated")).build()) {
            migrate.start();
        }
        long day = DAY.atStartOfDay(IST).toInstant().toEpochMilli();
        try (Connection c = DriverManager.getConnection(url); PreparedStatement ps = c.prepareStatement("INSERT INTO data_gaps (instrument_key,"
                + " candle_interval, gap_start, gap_end, missing_bars, status, attempts, candles_filled, detected_at, updated_at)"
                + " VALUES (?, 'day', ?, ?, 1, 'OPEN', 0, 0, 0, 0)")) {
            for (int i = 0; i < INSTRUMENTS; i++) {
                ps.setString(1, key(i));
                ps.setLong(2, day);
                ps.setLong(3, day);
                ps.executeUpdate();
            }
        }
        try (LocalHttpServer server = LocalHttpServer.start()) {
            // The first node is stopped part-way without racing it: the first ANSWERED candle requests are answered,
            // later ones are held until after the kill. With two workers, each storing its gap before fetching the
            // next, two held requests mean both workers are blocked and exactly ANSWERED gaps are stored.
            AtomicInteger candleRequests = new AtomicInteger();
            AtomicInteger held = new AtomicInteger();
            CountDownLatch killed = new CountDownLatch(1);
            for (int i = 0; i < INSTRUMENTS; i++) {
                Reply candles = Reply.json("{\"status\":\"success\",\"data\":{\"candles\":[[\"" + DAY
                        + "T00:00:00+05:30\",100.0,110.0,95.0,105.0," + (1000 + i) + ",0]]}}");
                server.on("GET", path(i), request -> {
                    if (candleRequests.incrementAndGet() > ANSWERED && killed.getCount() > 0) {
                        held.incrementAndGet();
                        try {
                            killed.await(60, TimeUnit.SECONDS); // the node is killed meanwhile: this answer goes nowhere
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    return candles;
                });
            }
            List<String> filledBeforeKill;
            try (NodeProcess first = NodeProcess.start(dir.resolve("first.log"), url, server.baseUrl(), dir.toString())) {
                await().atMost(Duration.ofSeconds(60)).until(() -> held.get() == WORKERS);
                first.kill();
                killed.countDown();
                assertThat(first.printed("DONE")).isFalse();
            }
            filledBeforeKill = filled(url);
            int requestsBeforeRestart = server.requests().size();
            assertThat(filledBeforeKill).hasSize(ANSWERED);
            assertThat(requestsBeforeRestart).as("the answered requests and the %d held at the kill", WORKERS).isEqualTo(ANSWERED + WORKERS);

            try (NodeProcess second = NodeProcess.start(dir.resolve("second.log"), url, server.baseUrl(), dir.toString())) {
                await().atMost(Duration.ofSeconds(90)).until(() -> second.printed("DONE"));
            }

            assertThat(filled(url)).hasSize(INSTRUMENTS);
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM candles WHERE candle_interval = 'day'")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(INSTRUMENTS);
            }
            for (String key : filledBeforeKill) {
                int i = Integer.parseInt(key.substring(10, 16));
                assertThat(server.requestCount("GET", path(i))).as("requests for %s, stored before the kill", key).isEqualTo(1);
            }
            // Only the two fetches held (in flight) at the kill are repeated: the second node fetches every gap left open.
            assertThat(server.requests().size()).isEqualTo(INSTRUMENTS + WORKERS);
        }
    }

    private static List<String> filled(String url) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT instrument_key FROM data_gaps WHERE status = 'FILLED' ORDER BY instrument_key")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
