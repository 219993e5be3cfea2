package io.tradingjobs.benchmarks;

import com.sun.net.httpserver.HttpServer;
import io.tradingjobs.core.JobRun;
import io.tradingjobs.core.JobScheduler;
import io.tradingjobs.market.MarketJobProvider;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A backfill of one daily gap each for {@code --instruments} instruments through the real
 * {@code market.backfill} job against a local Upstox-format server that allows 50 requests in any
 * second (more get 429): the achieved request rate against that limit. The client side runs with
 * Upstox's limits ({@code 50/s,500/min,2000/30min}) registered by the Upstox source.
 *
 * <p>Run: {@code java -cp benchmarks/target/trading-jobs-benchmarks.jar io.tradingjobs.benchmarks.BackfillRateBenchmark
 * [--instruments 500] [--database sqlite|postgres] [--latency-ms 20] [--concurrency 8] [--client-limits 48/s,500/min,2000/30min]}
 */
public final class BackfillRateBenchmark {
    private BackfillRateBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int instruments = CandleIngestBenchmark.intArg(args, "--instruments", 500);
        int latencyMs = CandleIngestBenchmark.intArg(args, "--latency-ms", 20);
        String database = CandleIngestBenchmark.stringArg(args, "--database", "sqlite");
        Path dir = Files.createTempDirectory("tj-backfill");
        String url;
        String schema = null;
        String pg = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
        if (database.equals("postgres")) {
            schema = "bench_" + Long.toHexString(System.nanoTime());
            try (Connection c = DriverManager.getConnection(pg); Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA " + schema);
            }
            url = pg + "&currentSchema=" + schema;
        } else {
            url = "jdbc:sqlite:" + dir.resolve("backfill.db");
        }
        LocalDate day = LocalDate.parse("2026-01-28");
        ConcurrentLinkedQueue<Long> accepted = new ConcurrentLinkedQueue<>();
        AtomicInteger rejected = new AtomicInteger();
        ArrayDeque<Long> window = new ArrayDeque<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        String body = "{\"status\":\"success\",\"data\":{\"candles\":[[\"" + day + "T00:00:00+05:30\",100.0,110.0,95.0,105.0,1000,0]]}}";
        server.createContext("/", exchange -> {
            long now = System.nanoTime();
            boolean ok;
            synchronized (window) {
                while (!window.isEmpty() && now - window.peekFirst() >= 1_000_000_000L) {
                    window.pollFirst();
                }
                ok = window.size() < 50;
                if (ok) {
                    window.addLast(now);
                }
            }
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                if (!ok) {
                    rejected.incrementAndGet();
                    byte[] b = "{\"status\":\"error\",\"errors\":[{\"errorCode\":\"UDAPI10005\",\"message\":\"Too Many Request Sent\"}]}"
                            .getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(429, b.length);
                    exchange.getResponseBody().write(b);
                    return;
                }
                if (latencyMs > 0) {
                    Thread.sleep(latencyMs);
                }
                accepted.add(now);
                byte[] b = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, b.length);
                exchange.getResponseBody().write(b);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        Map<String, String> config = new HashMap<>();
        config.put("jobs.database.url", url);
        config.put("market.upstox.base-url", "http://127.0.0.1:" + server.getAddress().getPort());
        config.put("market.upstox.token", "bench-token");
        config.put("market.backfill.concurrency", CandleIngestBenchmark.stringArg(args, "--concurrency", "8"));
        String clientLimits = CandleIngestBenchmark.stringArg(args, "--client-limits", "");
        if (!clientLimits.isEmpty()) {
            config.put("market.upstox.rate-limits", clientLimits);
        }
        for (String job : new String[] {"market.sync", "market.gaps", "market.backfill", "market.pulse"}) {
            config.put("jobs." + job + ".schedule", "manual");
        }
        System.out.printf(Locale.ROOT, "BackfillRateBenchmark: %d instruments, one daily gap each, %s, server limit 50 requests/s "
                + "(+%d ms per answer), backfill concurrency %s, client limits %s%n", instruments, database, latencyMs,
                config.get("market.backfill.concurrency"), clientLimits.isEmpty() ? "default" : clientLimits);
        try (JobScheduler scheduler = JobScheduler.builder().discover(false).environment(Map.of()).workingDirectory(dir)
                .provider(new MarketJobProvider()).config(config).build()) {
            scheduler.start();
            long ts = day.atStartOfDay(ZoneId.of("Asia/Kolkata")).toInstant().toEpochMilli();
            try (Connection c = DriverManager.getConnection(url); PreparedStatement ps = c.prepareStatement("INSERT INTO data_gaps (instrument_key,"
                    + " candle_interval, gap_start, gap_end, missing_bars, status, attempts, candles_filled, detected_at, updated_at)"
                    + " VALUES (?, 'day', ?, ?, 1, 'OPEN', 0, 0, 0, 0)")) {
                for (int i = 0; i < instruments; i++) {
                    ps.setString(1, String.format("NSE_EQ|INE%06dB01", i));
                    ps.setLong(2, ts);
                    ps.setLong(3, ts);
                    ps.executeUpdate();
                }
            }
            long t0 = System.nanoTime();
            String runId = scheduler.runNow(MarketJobProvider.BACKFILL);
            JobRun run;
            while ((run = scheduler.run(runId).orElse(null)) == null || !run.status().isFinal()) {
                Thread.sleep(20);
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            long first = accepted.stream().mapToLong(Long::longValue).min().orElse(0);
            long last = accepted.stream().mapToLong(Long::longValue).max().orElse(0);
            double span = (last - first) / 1e9;
            double rate = (accepted.size() - 1) / span;
            long filled;
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM data_gaps WHERE status = 'FILLED'")) {
                rs.next();
                filled = rs.getLong(1);
            }
            System.out.printf(Locale.ROOT, "run %s: %s; %d gaps filled, %d requests answered, %d refused with 429, first to last request %.2f s, "
                            + "%.1f requests/s = %.0f%% of the 50/s limit (target >= 90%%); run wall time %.2f s%n", run.status(), run.message(),
                    filled, accepted.size(), rejected.get(), span, rate, rate / 50 * 100, wall);
        } finally {
            server.stop(0);
            if (schema != null) {
                try (Connection c = DriverManager.getConnection(pg); Statement s = c.createStatement()) {
                    s.execute("DROP SCHEMA " + schema + " CASCADE");
                }
            }
        }
        System.exit(0);
    }
}
