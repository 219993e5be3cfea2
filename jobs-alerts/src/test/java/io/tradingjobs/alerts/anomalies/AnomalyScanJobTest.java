package io.tradingjobs.alerts.anomalies;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingjobs.alerts.AlertsJobProvider;
import io.tradingjobs.alerts.MarketTables;
import io.tradingjobs.core.JobRun;
import io.tradingjobs.core.RunStatus;
import io.tradingjobs.core.test.LocalHttpServer;
import io.tradingjobs.core.test.LocalHttpServer.Reply;
import io.tradingjobs.core.testing.JobTestKit;
import io.tradingjobs.core.testing.SettableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Anomalies on SQLite; {@link PostgresAnomalyScanJobTest} runs the same on PostgreSQL. */
class AnomalyScanJobTest {
    private static final long DAY = 86_400_000L;
    private final SettableClock clock = SettableClock.at("2026-03-02T11:00", "Africa/Tunis");
    private final long today = Instant.parse("2026-03-01T23:00:00Z").toEpochMilli(); // midnight in Tunis
    private JobTestKit kit;
    private LocalHttpServer server;

    @AfterEach
    void stop() {
        if (kit != null) {
            kit.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** The database to use, or null for the kit's temporary SQLite file. */
    String databaseUrl() {
        return null;
    }

    private JobTestKit kit(Map<String, String> settings) {
        Map<String, String> config = new LinkedHashMap<>(settings);
        if (databaseUrl() != null) {
            config.put("jobs.database.url", databaseUrl());
        }
        kit = JobTestKit.builder().clock(clock).config(config).provider(new AlertsJobProvider()).provider(new MarketTables()).build();
        return kit;
    }

    /** 82 stocks with 25 quiet sessions of history each (volume 1000, close 10). */
    private List<String> history(DSLContext dsl) {
        List<String> isins = new ArrayList<>();
        for (int s = 0; s < 82; s++) {
            String isin = String.format(Locale.ROOT, "TN%010d", s);
            isins.add(isin);
            for (int d = 25; d >= 1; d--) {
                MarketTables.candle(dsl, isin, "day", today - d * DAY + 16 * 3_600_000L, 10, 10, 10, 10, 1000);
            }
        }
        return isins;
    }

    private void board(DSLContext dsl, String isin, String ticker, double reference, double open, double last, long volume) {
        dsl.execute("INSERT INTO pulse_snapshots (snapshot_at, isin, ticker, reference_price, open_price, last_price, volume, simulated) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, 0)", clock.millis(), isin, ticker, reference, open, last, volume);
    }

    @Test
    void theBoardIsScannedAnomaliesAreStoredOnceAndOnlyCriticalOnesAreNotified() {
        DSLContext dsl = kit(Map.of()).dsl();
        List<String> isins = history(dsl);
        for (String isin : isins) {
            board(dsl, isin, "T" + isin.substring(8), 10, 10, 10.05, 1100);
        }
        dsl.execute("UPDATE pulse_snapshots SET volume = 12000 WHERE isin = ?", isins.get(0)); // 12x: critical
        dsl.execute("UPDATE pulse_snapshots SET last_price = 10.6, volume = 200 WHERE isin = ?", isins.get(1)); // +6% on thin volume
        dsl.execute("UPDATE pulse_snapshots SET last_price = 0 WHERE isin = ?", isins.get(2)); // bad price: skipped

        JobRun run = kit.run("alerts.anomalies");
        JobRun again = kit.run("alerts.anomalies");

        assertThat(run.status()).as("%s", run.error()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.message()).startsWith("81 stocks scanned: 3 anomalies (3 new, 1 critical notified)");
        assertThat(again.message()).contains("3 anomalies (0 new, 0 critical notified)");
        assertThat(dsl.fetch("SELECT anomaly_type, severity FROM alert_anomalies ORDER BY anomaly_type").map(r -> r.get(0) + "/" + r.get(1)))
                .containsExactly("MOVE_ON_THIN_VOLUME/HIGH", "PRICE_MOVE/HIGH", "VOLUME_SPIKE/CRITICAL");
        assertThat(dsl.fetchCount(DSL.table("notification_events"), DSL.field("event_key").like("anomaly:%"))).isEqualTo(1);
    }

    @Test
    void repeatedLimitClosesInTheStoredHistoryAreFound() {
        DSLContext dsl = kit(Map.of()).dsl();
        String isin = "TN0000000001";
        double[] closes = {10, 10, 10, 10.609, 11.255, 11.3};
        for (int i = 0; i < closes.length; i++) {
            MarketTables.candle(dsl, isin, "day", today - (closes.length - i) * DAY, closes[i], closes[i], closes[i], closes[i], 1000);
        }
        board(dsl, isin, "XYZ", 11.3, 11.3, 11.988, 1200);

        kit.run("alerts.anomalies");

        assertThat(dsl.fetch("SELECT anomaly_type, severity FROM alert_anomalies ORDER BY anomaly_type").map(r -> r.get(0) + "/" + r.get(1)))
                .contains("REPEATED_LIMIT_HITS/CRITICAL", "PRICE_MOVE/HIGH");
    }

    /**
     * Parallelism is proven without the clock: every quote request is held by the fake server until
     * 20 requests (the default {@code alerts.anomalies.fetch-concurrency}, as many as
     * {@code http.max-connections}) are waiting in it together, and the most requests ever in the
     * server at once is recorded. Fetched one by one, no request would ever find another one
     * waiting; the hold then ends only by its time-out and the maximum stays at 1.
     */
    @Test
    void eightyTwoQuotesAreFetchedTwentyAtATimeAndTheBatchIsPosted() {
        server = LocalHttpServer.start();
        server.on("GET", "/api/anomalies/batch", Reply.ok());
        server.on("POST", "/api/anomalies/batch", Reply.json("{\"received\":true}"));
        Map<String, String> config = new LinkedHashMap<>();
        config.put("alerts.anomalies.quote-url", server.url("/api/stocks/{symbol}"));
        config.put("alerts.anomalies.post-batch", "true");
        config.put("services.anomaly.url", server.baseUrl());
        List<String> isins = new ArrayList<>();
        for (int s = 0; s < 82; s++) {
            isins.add(String.format(Locale.ROOT, "TN%010d", s));
        }
        config.put("alerts.anomalies.symbols", String.join(",", isins));
        kit(config);
        history(kit.dsl());
        int concurrency = 20;
        CountDownLatch allWaiting = new CountDownLatch(concurrency);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        for (String isin : isins) {
            long volume = isin.equals(isins.get(5)) ? 4000 : 900;
            Reply quote = Reply.json("{\"symbol\":\"" + isin + "\",\"last_price\":10.1,\"open\":10,"
                    + "\"reference_price\":10,\"volume\":" + volume + "}");
            server.on("GET", "/api/stocks/" + isin, request -> {
                maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                try {
                    allWaiting.countDown();
                    // Well under the client's 30 s response time-out; reached only when the fetches are not parallel,
                    // and then the hold is lifted for every later request, so such a failure costs 10 s, not 82 x 10 s.
                    if (!allWaiting.await(10, TimeUnit.SECONDS)) {
                        while (allWaiting.getCount() > 0) {
                            allWaiting.countDown();
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    inFlight.decrementAndGet();
                }
                return quote;
            });
        }

        JobRun run = kit.run("alerts.anomalies");

        assertThat(run.status()).as("%s", run.error()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.message()).startsWith("82 stocks scanned: 1 anomalies")
                .contains("; posting the batch of 1: POST " + server.baseUrl() + "/api/anomalies/batch -> 200 in ");
        assertThat(maxInFlight.get()).as("most quote requests in the server at once (fetch-concurrency %d)", concurrency)
                .isEqualTo(concurrency);
        assertThat(server.requests().stream().filter(r -> r.path().startsWith("/api/stocks/"))).hasSize(82);
        assertThat(server.requests("POST", "/api/anomalies/batch")).singleElement()
                .satisfies(r -> assertThat(r.bodyText()).contains("\"type\":\"volume_spike\"").contains(isins.get(5)));
    }

    @Test
    void aStockWhoseQuoteCannotBeFetchedIsSkippedAndTheOthersAreScanned() {
        server = LocalHttpServer.start();
        server.on("GET", "/api/stocks/AAA", Reply.json("{\"last_price\":10.9,\"reference_price\":10,\"volume\":1000}"));
        server.on("GET", "/api/stocks/BBB", Reply.status(404));
        kit(Map.of("alerts.anomalies.quote-url", server.url("/api/stocks/{symbol}"), "alerts.anomalies.symbols", "AAA,BBB",
                "http.retry.base-delay", "10ms"));

        JobRun run = kit.run("alerts.anomalies");

        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.message()).startsWith("1 stocks scanned (1 quote requests failed): 1 anomalies");
    }
}
