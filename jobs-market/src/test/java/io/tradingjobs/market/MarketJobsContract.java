package io.tradingjobs.market;

import io.tradingjobs.core.JobRun;
import io.tradingjobs.core.JobScheduler;
import io.tradingjobs.core.RunStatus;
import io.tradingjobs.core.test.LocalHttpServer;
import io.tradingjobs.core.test.LocalHttpServer.Reply;
import io.tradingjobs.market.bvmt.BvmtFake;
import io.tradingjobs.market.source.CandleInterval;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.tradingjobs.market.UpstoxFake.IST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The market jobs end to end against a local server speaking Upstox and BVMT, on a real database;
 * one subclass per database supplies its URL.
 */
abstract class MarketJobsContract {
    static final String RELIANCE = "NSE_EQ|INE002A01018";
    static final String TCS = "NSE_EQ|INE467B01029";
    /** Friday 30 January 2026, 12:00 IST: the market is open; Monday 26 January was Republic Day. */
    static final Instant NOW = Instant.parse("2026-01-30T06:30:00Z");
    static final LocalDate TODAY = LocalDate.parse("2026-01-30");
    static final LocalDate FROM = TODAY.minusDays(4);

    @TempDir
    Path dir;
    LocalHttpServer server;
    JobScheduler scheduler;
    String url;

    /** A JDBC URL of a fresh, empty database. */
    abstract String newDatabaseUrl(Path dir);

    @BeforeEach
    void startServer() {
        server = LocalHttpServer.start();
        url = newDatabaseUrl(dir);
    }

    @AfterEach
    void stop() {
        if (scheduler != null) {
            scheduler.close();
        }
        server.close();
    }

    Map<String, String> baseConfig() {
        Map<String, String> c = new HashMap<>();
        c.put("jobs.database.url", url);
        c.put("http.retry.base-delay", "10ms");
        c.put("market.upstox.base-url", server.baseUrl());
        c.put("market.upstox.token", "test-token");
        c.put("market.bvmt.base-url", server.url("/bvmt"));
        c.put("market.watchlist", RELIANCE + "," + TCS);
        c.put("market.intervals", "1m,day");
        c.put("market.indices", "NSE_INDEX|Nifty 50");
        c.put("market.options.expiries", "2026-02-26");
        c.put("market.sync.initial-days", "4");
        c.put("market.gaps.queue-backfill", "false");
        for (String job : List.of("market.sync", "market.gaps", "market.backfill", "market.pulse")) {
            c.put("jobs." + job + ".schedule", "manual");
        }
        return c;
    }

    JobScheduler start(Map<String, String> config) {
        scheduler = JobScheduler.builder().discover(false).environment(Map.of()).workingDirectory(dir)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).provider(new MarketJobProvider()).config(config).build();
        scheduler.start();
        return scheduler;
    }

    JobRun runToEnd(String job) {
        String runId = scheduler.runNow(job);
        await().atMost(Duration.ofSeconds(60)).until(() -> scheduler.run(runId).map(r -> r.status().isFinal()).orElse(false));
        return scheduler.run(runId).orElseThrow();
    }

    long count(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    List<String> strings(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    void serveUpstox() {
        for (String key : List.of(RELIANCE, TCS)) {
            UpstoxFake.serveSeries(server, key, CandleInterval.ONE_MINUTE, FROM, TODAY, NOW);
            UpstoxFake.serveSeries(server, key, CandleInterval.DAY, FROM, TODAY, NOW);
        }
        server.on("GET", "/v2/market-quote/quotes", Reply.json(UpstoxFake.quotes(
                UpstoxFake.quoteEntry("NSE_EQ:RELIANCE", RELIANCE, "RELIANCE", 1404.2),
                UpstoxFake.quoteEntry("NSE_EQ:TCS", TCS, "TCS", 3115.5),
                UpstoxFake.quoteEntry("NSE_INDEX:Nifty 50", "NSE_INDEX|Nifty 50", "Nifty 50", 23031.5))));
        server.on("GET", "/v2/option/chain", Reply.json(UpstoxFake.optionChain("NSE_INDEX|Nifty 50", "2026-02-26")));
    }

    long expectedMinuteBars() {
        return UpstoxFake.bars(CandleInterval.ONE_MINUTE, FROM, TODAY, NOW).size();
    }

    @Test
    void syncStoresCandlesQuotesIndexValuesAndOptionChainsAndARerunStoresNothingTwice() throws Exception {
        serveUpstox();
        start(baseConfig());

        JobRun first = runToEnd("market.sync");

        assertThat(first.status()).as(first.message()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(count("SELECT COUNT(*) FROM candles WHERE instrument_key = '" + RELIANCE + "' AND candle_interval = '1m'"))
                .isEqualTo(expectedMinuteBars());
        // Tuesday to Thursday: Monday was a holiday and Friday's daily bar is not complete
        assertThat(strings("SELECT ts FROM candles WHERE instrument_key = '" + TCS + "' AND candle_interval = 'day' ORDER BY ts"))
                .extracting(t -> Instant.ofEpochMilli(Long.parseLong(t)).atZone(IST).toLocalDate().toString())
                .containsExactly("2026-01-27", "2026-01-28", "2026-01-29");
        assertThat(strings("SELECT symbol FROM latest_quotes ORDER BY symbol")).containsExactly("RELIANCE", "TCS");
        assertThat(strings("SELECT index_value FROM index_values WHERE index_key = 'NSE_INDEX|Nifty 50'")).hasSize(1);
        assertThat(count("SELECT COUNT(*) FROM option_chain_snapshots")).isEqualTo(2);
        assertThat(first.message()).contains("upstox").contains("2 quotes").contains("1 option chains");
        // 2 instruments x 2 intervals, quotes, index values, one option chain
        assertThat(first.progressDone()).isEqualTo(7L);
        assertThat(first.progressTotal()).isEqualTo(7L);

        long candles = count("SELECT COUNT(*) FROM candles");
        JobRun second = runToEnd("market.sync");

        assertThat(second.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(count("SELECT COUNT(*) FROM candles")).isEqualTo(candles);
        assertThat(count("SELECT COUNT(*) FROM option_chain_snapshots")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM latest_quotes")).isEqualTo(2);
    }

    @Test
    void aSecondSyncFetchesOnlyWhatIsNewerThanWhatIsStored() throws Exception {
        serveUpstox();
        start(baseConfig());
        runToEnd("market.sync");
        String historical = UpstoxFake.historicalPath(RELIANCE, CandleInterval.ONE_MINUTE, TODAY.minusDays(1), FROM);
        String intraday = UpstoxFake.intradayPath(RELIANCE, CandleInterval.ONE_MINUTE);
        int historicalBefore = server.requestCount("GET", historical);
        int intradayBefore = server.requestCount("GET", intraday);

        JobRun second = runToEnd("market.sync");

        assertThat(second.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(historicalBefore).isEqualTo(1);
        assertThat(server.requestCount("GET", historical)).as("the stored days are not fetched again").isEqualTo(1);
        assertThat(server.requestCount("GET", intraday)).isEqualTo(intradayBefore + 1);
        assertThat(second.message()).contains("0 new candles");
    }

    @Test
    void aBadInstrumentFailsOnlyItsOwnFetchNamingInstrumentAndUrlWhileGoodOnesAreStored() throws Exception {
        serveUpstox();
        String badPath = UpstoxFake.historicalPath(TCS, CandleInterval.ONE_MINUTE, TODAY.minusDays(1), FROM);
        server.on("GET", badPath, Reply.json(UpstoxFake.candlesJson(List.of(
                new UpstoxFake.Bar(Instant.parse("2026-01-29T04:00:00Z"), 10, 9, 11, 10, 5)))));
        Map<String, String> config = baseConfig();
        config.put("jobs.market.sync.retry.max-attempts", "1");
        start(config);

        JobRun run = runToEnd("market.sync");

        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.message()).contains(TCS).contains(badPath).contains("high 9.0 below low 11.0");
        assertThat(count("SELECT COUNT(*) FROM candles WHERE instrument_key = '" + RELIANCE + "' AND candle_interval = '1m'"))
                .isEqualTo(expectedMinuteBars());
        assertThat(count("SELECT COUNT(*) FROM candles WHERE instrument_key = '" + TCS + "' AND candle_interval = '1m'"))
                .as("nothing half-written").isZero();
        assertThat(count("SELECT COUNT(*) FROM candles WHERE instrument_key = '" + TCS + "' AND candle_interval = 'day'")).isEqualTo(3);
    }

    @Test
    void anInvalidTokenFailsTheRunAtOnceWithoutRetrying() throws Exception {
        server.on("GET", UpstoxFake.historicalPath(RELIANCE, CandleInterval.DAY, TODAY.minusDays(1), FROM),
                Reply.status(401).body("application/json", UpstoxFake.error("UDAPI100050", "Invalid token used to access API")));
        Map<String, String> config = baseConfig();
        config.put("market.watchlist", RELIANCE);
        config.put("market.intervals", "day");
        config.put("market.indices", "");
        config.put("market.options.expiries", "");
        config.put("market.sync.quotes", "false");
        start(config);

        JobRun run = runToEnd("market.sync");

        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.message()).contains("UDAPI100050").contains("market.upstox.token").doesNotContain("test-token");
        assertThat(server.requests()).hasSize(1);
        assertThat(scheduler.history("market.sync", 10)).hasSize(1);
    }

    @Test
    void gapsFoundByTheCalendarAreRecordedAndTheQueuedBackfillFillsThemOrMarksThemUnfillable() throws Exception {
        serveUpstox();
        Map<String, String> config = baseConfig();
        config.put("market.gaps.queue-backfill", "true");
        start(config);
        runToEnd("market.sync");
        // Wednesday's minutes of RELIANCE and Wednesday's daily bar of TCS are lost
        long wedStart = LocalDate.parse("2026-01-28").atStartOfDay(IST).toInstant().toEpochMilli();
        execute("DELETE FROM candles WHERE instrument_key = '" + RELIANCE + "' AND candle_interval = '1m' AND ts >= " + wedStart
                + " AND ts < " + (wedStart + 86_400_000L));
        long tue = LocalDate.parse("2026-01-28").atStartOfDay(IST).toInstant().toEpochMilli();
        execute("DELETE FROM candles WHERE instrument_key = '" + TCS + "' AND candle_interval = 'day' AND ts = " + tue);
        String wed = UpstoxFake.historicalPath(RELIANCE, CandleInterval.ONE_MINUTE, LocalDate.parse("2026-01-28"), LocalDate.parse("2026-01-28"));
        server.on("GET", wed, Reply.json(UpstoxFake.candlesJson(UpstoxFake.minuteBars(LocalDate.parse("2026-01-28"), NOW))));
        String tuePath = UpstoxFake.historicalPath(TCS, CandleInterval.DAY, LocalDate.parse("2026-01-28"), LocalDate.parse("2026-01-28"));
        server.on("GET", tuePath, Reply.json(UpstoxFake.candlesJson(List.of())));

        JobRun gaps = runToEnd("market.gaps");

        assertThat(gaps.status()).as(gaps.message()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(gaps.message()).startsWith("2 gaps found, 2 new").contains("backfill queued");
        assertThat(count("SELECT COUNT(*) FROM data_gaps")).isEqualTo(2);
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT COUNT(*) FROM data_gaps WHERE status = 'OPEN'") == 0);
        assertThat(strings("SELECT status FROM data_gaps WHERE instrument_key = '" + RELIANCE + "'")).containsExactly("FILLED");
        await().atMost(Duration.ofSeconds(30)).until(() -> scheduler.history("market.backfill", 1).stream().anyMatch(r -> r.status().isFinal()));
        JobRun backfill = scheduler.history("market.backfill", 1).get(0);
        assertThat(backfill.message()).isEqualTo("2 gaps: 1 filled, 1 unfillable, 0 still open");
        assertThat(backfill.progressDone()).isEqualTo(2L);
        assertThat(count("SELECT COUNT(*) FROM candles WHERE instrument_key = '" + RELIANCE + "' AND candle_interval = '1m'"))
                .isEqualTo(expectedMinuteBars());
        assertThat(strings("SELECT status || ': ' || reason FROM data_gaps WHERE instrument_key = '" + TCS + "'"))
                .singleElement().asString().startsWith("UNFILLABLE: the source has no day candles of " + TCS);
        JobRun again = runToEnd("market.gaps");
        assertThat(again.message()).as("an unfillable gap is not reopened").startsWith("1 gaps found, 0 new");
    }

    @Test
    void thePulseStoresTheBoardIndicesSectorsAndTopMoversAndCallsTheStockService() throws Exception {
        server.on("GET", "/bvmt/market/groups/11,12,52,95,99", Reply.json(BvmtFake.typicalBoard()));
        server.on("GET", "/bvmt/market/TN0009050014", Reply.json(BvmtFake.index("TN0009050014", 11234.56, 0.42)));
        server.on("GET", "/bvmt/market/TN0009050287", Reply.json(BvmtFake.index("TN0009050287", 5012.3, -0.1)));
        server.on("POST", "/api/stocks/refresh", Reply.json("{\"refreshed\":6}"));
        Map<String, String> config = baseConfig();
        config.put("STOCK_SERVICE_URL", server.baseUrl());
        config.put("market.pulse.refresh", "true");
        start(config);

        JobRun run = runToEnd("market.pulse");
        JobRun again = runToEnd("market.pulse");

        assertThat(run.status()).as(run.message()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(again.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(count("SELECT COUNT(*) FROM pulse_snapshots")).as("one snapshot per minute").isEqualTo(6);
        assertThat(strings("SELECT ticker FROM top_movers WHERE direction = 'GAINER' ORDER BY rank_no")).containsExactly("SFBT", "ATB", "BIAT");
        assertThat(strings("SELECT ticker FROM top_movers WHERE direction = 'LOSER' ORDER BY rank_no")).containsExactly("TELNET", "BT");
        assertThat(strings("SELECT sector || ' ' || stocks || ' ' || advancers || ' ' || decliners FROM sector_performance ORDER BY sector"))
                .containsExactly("Banks 3 2 1", "Consumer goods 2 1 0", "Technology 1 0 1");
        assertThat(strings("SELECT index_key FROM index_values ORDER BY index_key")).containsExactly("TUNINDEX", "TUNINDEX20");
        assertThat(server.requestCount("POST", "/api/stocks/refresh")).isEqualTo(2);
        assertThat(run.message()).contains("6 stocks").contains("TUNINDEX 11234.56").contains("POST " + server.baseUrl() + "/api/stocks/refresh -> 200");
    }

    @Test
    void theSimulatedMarketRunsTheDemoAndIsLabelledSimulatedWhereverItShows() throws Exception {
        Map<String, String> config = baseConfig();
        config.put("market.source", "simulated");
        config.put("market.pulse.source", "simulated");
        config.remove("market.upstox.token");
        config.put("market.watchlist", "NSE_EQ|RELIANCE," + RELIANCE);
        start(config);

        JobRun sync = runToEnd("market.sync");
        JobRun pulse = runToEnd("market.pulse");

        assertThat(sync.status()).as(sync.message()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(sync.message()).startsWith("simulated (SIMULATED)");
        assertThat(strings("SELECT DISTINCT source FROM candles")).containsExactly("simulated");
        assertThat(count("SELECT COUNT(*) FROM candles WHERE candle_interval = '1m'")).isGreaterThan(1000);
        assertThat(pulse.message()).startsWith("SIMULATED BVMT pulse");
        assertThat(count("SELECT COUNT(*) FROM pulse_snapshots WHERE simulated = 0")).isZero();
        assertThat(count("SELECT COUNT(*) FROM pulse_snapshots WHERE simulated = 1")).isGreaterThan(40);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void theRepositoryStoresBatchesIdempotentlyAndTheLaterOfTwoEqualBarsWins() throws Exception {
        start(baseConfig()).close();
        scheduler = null;
        List<io.tradingjobs.market.source.Candle> candles = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            candles.add(new io.tradingjobs.market.source.Candle(RELIANCE, CandleInterval.ONE_MINUTE, NOW.plusSeconds(60L * i), 10, 12, 9, 11, i, 0));
        }
        candles.add(new io.tradingjobs.market.source.Candle(RELIANCE, CandleInterval.ONE_MINUTE, NOW, 10, 12, 9, 11.5, 999, 0));
        try (org.jooq.CloseableDSLContext dsl = org.jooq.impl.DSL.using(url)) {
            io.tradingjobs.market.internal.MarketStore store = new io.tradingjobs.market.internal.MarketStore(dsl);
            store.upsertCandles(candles, "upstox");
            store.upsertCandles(candles, "upstox");
        }

        assertThat(count("SELECT COUNT(*) FROM candles")).isEqualTo(250);
        assertThat(count("SELECT volume FROM candles WHERE ts = " + NOW.toEpochMilli())).isEqualTo(999);
    }
}
