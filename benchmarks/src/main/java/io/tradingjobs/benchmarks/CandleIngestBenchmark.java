package io.tradingjobs.benchmarks;

import io.tradingjobs.core.JobScheduler;
import io.tradingjobs.core.internal.db.Database;
import io.tradingjobs.core.internal.db.DatabaseUrl;
import io.tradingjobs.market.MarketJobProvider;
import io.tradingjobs.market.internal.MarketStore;
import io.tradingjobs.market.source.Candle;
import io.tradingjobs.market.source.CandleInterval;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Candle ingestion through the market module's repository ({@code MarketStore.upsertCandles}:
 * batched idempotent upserts, one transaction per chunk, through the library's pool) against raw
 * JDBC batch inserts of the same rows into the same table (plain {@code INSERT}, same chunk and
 * batch size, a bare driver connection): the database's own limit. SQLite and PostgreSQL, same run.
 *
 * <p>Run: {@code java -cp benchmarks/target/trading-jobs-benchmarks.jar io.tradingjobs.benchmarks.CandleIngestBenchmark
 * [--rows 200000] [--chunk 10000] [--rounds 5] [--postgres jdbc:postgresql://127.0.0.1:5432/test?user=postgres]}
 */
public final class CandleIngestBenchmark {
    private static final String INSERT = "INSERT INTO candles (instrument_key, candle_interval, ts, open_price, high_price, low_price,"
            + " close_price, volume, open_interest, source) VALUES (?,?,?,?,?,?,?,?,?,?)";

    private CandleIngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = intArg(args, "--rows", 200_000);
        int chunk = intArg(args, "--chunk", 10_000);
        int rounds = intArg(args, "--rounds", 5);
        String pg = stringArg(args, "--postgres", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
        Path dir = Files.createTempDirectory("tj-candles");
        System.out.printf(Locale.ROOT, "CandleIngestBenchmark: %d 1m candles per round in chunks of %d (JDBC batches of 1000), %d rounds, %s %s%n",
                rows, chunk, rounds, System.getProperty("java.vm.name"), System.getProperty("java.version"));
        List<Candle> candles = candles(rows);
        run("SQLite (WAL)", "jdbc:sqlite:" + dir.resolve("candles.db"), dir, candles, chunk, rounds);
        String schema = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(pg); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        try {
            run("PostgreSQL", pg + (pg.contains("?") ? "&" : "?") + "currentSchema=" + schema, dir, candles, chunk, rounds);
        } finally {
            try (Connection c = DriverManager.getConnection(pg); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    private static void run(String name, String url, Path dir, List<Candle> candles, int chunk, int rounds) throws Exception {
        try (JobScheduler migrate = JobScheduler.builder().discover(false).environment(Map.of()).workingDirectory(dir)
                .provider(new MarketJobProvider()).config(Map.of("jobs.database.url", url, "market.source", "simulated")).build()) {
            migrate.start();
        }
        List<Double> ours = new ArrayList<>();
        List<Double> raw = new ArrayList<>();
        try (Database db = Database.open(DatabaseUrl.parse(url), 4, Duration.ofSeconds(10), Duration.ofSeconds(30), "bench")) {
            MarketStore store = new MarketStore(db.dsl());
            // warm-up of both, not counted
            clear(url);
            raw(url, candles.subList(0, candles.size() / 4), chunk);
            clear(url);
            ours(store, candles.subList(0, candles.size() / 4), chunk);
            for (int r = 0; r < rounds; r++) {
                clear(url);
                raw.add(raw(url, candles, chunk));
                clear(url);
                ours.add(ours(store, candles, chunk));
                System.out.printf(Locale.ROOT, "  %s round %d: raw JDBC %.0f rows/s, MarketStore %.0f rows/s%n", name, r + 1,
                        raw.get(r), ours.get(r));
            }
            long before = count(url);
            ours(store, candles, chunk);
            System.out.printf(Locale.ROOT, "  %s: storing the same %d candles again leaves %d rows (idempotent: %s)%n", name, candles.size(),
                    count(url), count(url) == before);
        }
        double r = median(raw);
        double o = median(ours);
        System.out.printf(Locale.ROOT, "%s (median of %d): raw JDBC batch insert %.0f rows/s, MarketStore upsert %.0f rows/s, ratio %.2f (target >= 0.80)%n",
                name, rounds, r, o, o / r);
    }

    private static List<Candle> candles(int rows) {
        List<Candle> out = new ArrayList<>(rows);
        long start = Instant.parse("2026-01-05T03:45:00Z").toEpochMilli();
        int perKey = 375 * 20;
        for (int i = 0; i < rows; i++) {
            String key = String.format("NSE_EQ|BENCH%05d", i / perKey);
            double p = 1000 + (i % 997) * 0.05;
            out.add(new Candle(key, CandleInterval.ONE_MINUTE, Instant.ofEpochMilli(start + (i % perKey) * 60_000L), p, p + 1, p - 1,
                    p + 0.5, 100 + i % 50, 0));
        }
        return out;
    }

    private static double ours(MarketStore store, List<Candle> candles, int chunk) {
        long t0 = System.nanoTime();
        for (int i = 0; i < candles.size(); i += chunk) {
            store.upsertCandles(candles.subList(i, Math.min(candles.size(), i + chunk)), "bench");
        }
        return candles.size() / ((System.nanoTime() - t0) / 1e9);
    }

    private static double raw(String url, List<Candle> candles, int chunk) throws Exception {
        long t0 = System.nanoTime();
        try (Connection c = DriverManager.getConnection(url)) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                for (int i = 0; i < candles.size(); i += chunk) {
                    int n = 0;
                    for (Candle k : candles.subList(i, Math.min(candles.size(), i + chunk))) {
                        ps.setString(1, k.instrumentKey());
                        ps.setString(2, k.interval().code());
                        ps.setLong(3, k.time().toEpochMilli());
                        ps.setDouble(4, k.open());
                        ps.setDouble(5, k.high());
                        ps.setDouble(6, k.low());
                        ps.setDouble(7, k.close());
                        ps.setLong(8, k.volume());
                        ps.setLong(9, k.openInterest());
                        ps.setString(10, "bench");
                        ps.addBatch();
                        if (++n % 1000 == 0) {
                            ps.executeBatch();
                        }
                    }
                    ps.executeBatch();
                    c.commit();
                }
            }
        }
        return candles.size() / ((System.nanoTime() - t0) / 1e9);
    }

    private static void clear(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("DELETE FROM candles");
        }
    }

    private static long count(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM candles")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    static int intArg(String[] args, String name, int defaultValue) {
        return Integer.parseInt(stringArg(args, name, Integer.toString(defaultValue)));
    }

    static String stringArg(String[] args, String name, String defaultValue) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return defaultValue;
    }
}
