package io.tradingjobs.benchmarks;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.tradingjobs.core.JobRun;
import io.tradingjobs.core.RunStatus;
import io.tradingjobs.core.testing.JobTestKit;
import io.tradingjobs.core.testing.SettableClock;
import io.tradingjobs.reports.ReportsJobProvider;
import io.tradingjobs.reports.metrics.PerformanceMetrics;
import io.tradingjobs.reports.metrics.TradeStatistics;
import io.tradingjobs.reports.trades.TableTradeSource;
import io.tradingjobs.reports.trades.Trade;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.jooq.DSLContext;

/**
 * The reports module against the seeds' figures:
 * <ol>
 *   <li>the daily market report with its three charts (the BVMT seed: "Daily Report: ~5-10s
 *       generation"): {@code reports.daily} end to end on SQLite (read the market pulse of 82
 *       stocks, sectors, movers, index through the day, anomalies and sentiment; draw three PNG
 *       charts; build the HTML; archive it), cold first run and warm runs;</li>
 *   <li>performance metrics for 5 years × 20 strategies (Sharpe, Sortino, drawdown, annual return
 *       and volatility, Calmar, VaR, beta, alpha and trade statistics per strategy) on 1,260 daily
 *       returns each; target under 100 ms;</li>
 *   <li>for reference, {@code reports.performance} end to end on 5 years of trades of 20 strategies
 *       (replay into P&L marked to market with stored closes, writing the day's rows).</li>
 * </ol>
 * E-mail is off (SMTP time is the server's, not ours).
 *
 * <p>Run: {@code java -cp <jobs-reports and its dependencies>:benchmarks/target/classes
 * io.tradingjobs.benchmarks.ReportsBenchmark [--runs 20]}
 */
public final class ReportsBenchmark {
    private static final ZoneId TUNIS = ZoneId.of("Africa/Tunis");
    private static final ZoneId IST = ZoneId.of("Asia/Kolkata");

    private ReportsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length >= 2 && args[0].equals("--runs") ? Integer.parseInt(args[1]) : 20;
        System.out.printf(Locale.ROOT, "ReportsBenchmark: %s %s, %d processors%n", System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        dailyReport(runs);
        metrics(runs * 5);
        performanceJob(Math.max(3, runs / 4));
    }

    private static void dailyReport(int runs) {
        LocalDate day = LocalDate.of(2026, 2, 6);
        try (JobTestKit kit = JobTestKit.builder().clock(SettableClock.at("2026-02-06T18:00", "Africa/Tunis"))
                .provider(new ReportsJobProvider()).config("jobs.timezone", "Africa/Tunis").build()) {
            seedMarket(kit.dsl(), day);
            List<Long> ms = new ArrayList<>();
            for (int i = 0; i < runs + 1; i++) {
                long t0 = System.nanoTime();
                JobRun run = kit.run(ReportsJobProvider.DAILY);
                long t = (System.nanoTime() - t0) / 1_000_000;
                if (run.status() != RunStatus.SUCCEEDED) {
                    throw new IllegalStateException("reports.daily failed: " + run.error());
                }
                ms.add(t);
            }
            long cold = ms.remove(0);
            System.out.printf(Locale.ROOT, "daily report with 3 charts (82 stocks): cold %d ms; warm median %d ms, p95 %d ms, max %d ms over %d runs%n",
                    cold, pct(ms, 50), pct(ms, 95), pct(ms, 100), ms.size());
        }
    }

    private static void metrics(int runs) {
        int strategies = 20;
        int days = 5 * 252;
        Random rnd = new Random(7);
        double[] bench = new double[days];
        double[][] returns = new double[strategies][days];
        List<List<BigDecimal>> closed = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            bench[d] = 0.0004 + 0.011 * rnd.nextGaussian();
        }
        for (int s = 0; s < strategies; s++) {
            List<BigDecimal> pnls = new ArrayList<>();
            for (int d = 0; d < days; d++) {
                returns[s][d] = 0.0002 + 0.6 * bench[d] + 0.008 * rnd.nextGaussian();
                pnls.add(BigDecimal.valueOf(Math.round(rnd.nextGaussian() * 250_000), 2));
            }
            closed.add(pnls);
        }
        List<Long> micros = new ArrayList<>();
        double sink = 0;
        for (int i = 0; i < runs + 5; i++) {
            long t0 = System.nanoTime();
            for (int s = 0; s < strategies; s++) {
                double[] r = returns[s];
                sink += PerformanceMetrics.sharpe(r, 0.065 / 252, 252) + PerformanceMetrics.sortino(r, 0, 252)
                        + PerformanceMetrics.maxDrawdown(r) + PerformanceMetrics.annualReturn(r, 252)
                        + PerformanceMetrics.annualVolatility(r, 252) + PerformanceMetrics.calmar(r, 252)
                        + PerformanceMetrics.valueAtRisk(r, 0.05) + PerformanceMetrics.beta(r, bench, 0)
                        + PerformanceMetrics.alpha(r, bench, 0, 252);
                sink += TradeStatistics.of(closed.get(s)).winRate();
            }
            long t = (System.nanoTime() - t0) / 1_000;
            if (i >= 5) {
                micros.add(t);
            }
        }
        System.out.printf(Locale.ROOT, "metrics, 20 strategies x 1,260 daily returns (9 ratios + trade statistics each): median %.2f ms, p95 %.2f ms, "
                + "max %.2f ms over %d runs (checksum %.3f)%n", pct(micros, 50) / 1000.0, pct(micros, 95) / 1000.0, pct(micros, 100) / 1000.0,
                micros.size(), sink);
    }

    private static void performanceJob(int runs) {
        LocalDate last = LocalDate.of(2026, 2, 6);
        try (JobTestKit kit = JobTestKit.builder().clock(SettableClock.at("2026-02-06T16:00", "Asia/Kolkata"))
                .provider(new ReportsJobProvider()).config("jobs.timezone", "Asia/Kolkata").build()) {
            DSLContext dsl = kit.dsl();
            dsl.execute("CREATE TABLE candles (instrument_key VARCHAR(64) NOT NULL, candle_interval VARCHAR(8) NOT NULL, ts BIGINT NOT NULL, "
                    + "open_price DOUBLE PRECISION NOT NULL, high_price DOUBLE PRECISION NOT NULL, low_price DOUBLE PRECISION NOT NULL, "
                    + "close_price DOUBLE PRECISION NOT NULL, volume BIGINT NOT NULL, open_interest BIGINT NOT NULL, source VARCHAR(16) NOT NULL, "
                    + "PRIMARY KEY (instrument_key, candle_interval, ts))");
            List<LocalDate> days = new ArrayList<>();
            for (LocalDate d = last.minusYears(5); !d.isAfter(last); d = d.plusDays(1)) {
                if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                    days.add(d);
                }
            }
            Random rnd = new Random(11);
            List<Trade> trades = new ArrayList<>();
            int symbols = 20;
            double[] px = new double[symbols + 1];
            Arrays.fill(px, 1000);
            dsl.transaction(cfg -> {
                var tx = org.jooq.impl.DSL.using(cfg);
                for (LocalDate d : days) {
                    long ts = d.atStartOfDay(IST).toInstant().toEpochMilli();
                    for (int s = 0; s <= symbols; s++) {
                        px[s] *= 1 + 0.0003 + 0.012 * rnd.nextGaussian();
                        String key = s == symbols ? "NSE_INDEX|Nifty 50" : "NSE_EQ|SYM" + s;
                        double c = Math.round(px[s] * 100) / 100.0;
                        tx.insertInto(table(name("candles"))).set(field(name("instrument_key")), key).set(field(name("candle_interval")), "day")
                                .set(field(name("ts")), ts).set(field(name("open_price")), c).set(field(name("high_price")), c)
                                .set(field(name("low_price")), c).set(field(name("close_price")), c).set(field(name("volume")), 1L)
                                .set(field(name("open_interest")), 0L).set(field(name("source")), "bench").execute();
                    }
                }
            });
            // Each strategy trades its own symbol about every other day: a buy, later a sell of the same size.
            int id = 0;
            Random t = new Random(12);
            double[] tpx = new double[symbols];
            Arrays.fill(tpx, 1000);
            for (LocalDate d : days) {
                for (int s = 0; s < symbols; s++) {
                    tpx[s] *= 1 + 0.0003 + 0.012 * t.nextGaussian();
                    if (t.nextInt(2) == 0) {
                        Trade.Side side = (id / symbols) % 2 == 0 ? Trade.Side.BUY : Trade.Side.SELL;
                        trades.add(new Trade("t" + id++, "strategy-" + s, "NSE_EQ|SYM" + s, side, BigDecimal.TEN,
                                BigDecimal.valueOf(Math.round(tpx[s] * 100), 2), new BigDecimal("20.00"), d.atTime(LocalTime.of(11, 0)).atZone(IST).toInstant()));
                    }
                }
            }
            new TableTradeSource(dsl).save(trades);
            List<Long> ms = new ArrayList<>();
            for (int i = 0; i < runs + 1; i++) {
                long t0 = System.nanoTime();
                JobRun run = kit.run(ReportsJobProvider.PERFORMANCE);
                ms.add((System.nanoTime() - t0) / 1_000_000);
                if (run.status() != RunStatus.SUCCEEDED) {
                    throw new IllegalStateException("reports.performance failed: " + run.error());
                }
            }
            long cold = ms.remove(0);
            System.out.printf(Locale.ROOT, "reports.performance end to end, %,d trades of 20 strategies over %d trading days: cold %d ms, warm median %d ms%n",
                    trades.size(), days.size(), cold, pct(ms, 50));
        }
    }

    /** A BVMT day: TUNINDEX every minute, 82 stocks in 10 sectors, movers, anomalies and sentiment. */
    private static void seedMarket(DSLContext dsl, LocalDate day) {
        dsl.execute("CREATE TABLE index_values (index_key VARCHAR(64) NOT NULL, ts BIGINT NOT NULL, index_value DOUBLE PRECISION NOT NULL, "
                + "net_change DOUBLE PRECISION, change_percent DOUBLE PRECISION, source VARCHAR(16) NOT NULL, PRIMARY KEY (index_key, ts))");
        dsl.execute("CREATE TABLE pulse_snapshots (snapshot_at BIGINT NOT NULL, isin VARCHAR(16) NOT NULL, ticker VARCHAR(32), stock_name VARCHAR(200), "
                + "val_group VARCHAR(8), reference_price DOUBLE PRECISION, open_price DOUBLE PRECISION, last_price DOUBLE PRECISION, "
                + "high_price DOUBLE PRECISION, low_price DOUBLE PRECISION, change_percent DOUBLE PRECISION, volume BIGINT, "
                + "traded_value DOUBLE PRECISION, caps DOUBLE PRECISION, trade_time VARCHAR(16), simulated INTEGER NOT NULL, PRIMARY KEY (snapshot_at, isin))");
        dsl.execute("CREATE TABLE sector_performance (snapshot_at BIGINT NOT NULL, sector VARCHAR(100) NOT NULL, stocks INTEGER NOT NULL, "
                + "advancers INTEGER NOT NULL, decliners INTEGER NOT NULL, avg_change_percent DOUBLE PRECISION NOT NULL, "
                + "traded_value DOUBLE PRECISION NOT NULL, PRIMARY KEY (snapshot_at, sector))");
        dsl.execute("CREATE TABLE top_movers (snapshot_at BIGINT NOT NULL, direction VARCHAR(8) NOT NULL, rank_no INTEGER NOT NULL, "
                + "isin VARCHAR(16) NOT NULL, ticker VARCHAR(32), last_price DOUBLE PRECISION, change_percent DOUBLE PRECISION NOT NULL, "
                + "PRIMARY KEY (snapshot_at, direction, rank_no))");
        dsl.execute("CREATE TABLE alert_anomalies (anomaly_id VARCHAR(64) NOT NULL PRIMARY KEY, symbol VARCHAR(64) NOT NULL, "
                + "anomaly_type VARCHAR(32) NOT NULL, severity VARCHAR(16) NOT NULL, observed_at BIGINT NOT NULL, detected_at BIGINT NOT NULL, "
                + "observed_value DOUBLE PRECISION, threshold DOUBLE PRECISION, message VARCHAR(1000) NOT NULL)");
        dsl.execute("CREATE TABLE sentiment_history (scope VARCHAR(16) NOT NULL, subject VARCHAR(100) NOT NULL, bucket_start BIGINT NOT NULL, "
                + "articles INTEGER NOT NULL, positive INTEGER NOT NULL, negative INTEGER NOT NULL, neutral INTEGER NOT NULL, "
                + "avg_score DOUBLE PRECISION NOT NULL, computed_at BIGINT NOT NULL, PRIMARY KEY (scope, subject, bucket_start))");
        Random rnd = new Random(3);
        dsl.transaction(cfg -> {
            var tx = org.jooq.impl.DSL.using(cfg);
            double v = 11_000;
            tx.insertInto(table(name("index_values"))).set(field(name("index_key")), "TUNINDEX")
                    .set(field(name("ts")), day.minusDays(1).atTime(14, 10).atZone(TUNIS).toInstant().toEpochMilli())
                    .set(field(name("index_value")), v).set(field(name("source")), "bench").execute();
            for (LocalTime t = LocalTime.of(9, 0); !t.isAfter(LocalTime.of(14, 10)); t = t.plusMinutes(1)) {
                v *= 1 + 0.0002 * rnd.nextGaussian();
                tx.insertInto(table(name("index_values"))).set(field(name("index_key")), "TUNINDEX")
                        .set(field(name("ts")), day.atTime(t).atZone(TUNIS).toInstant().toEpochMilli())
                        .set(field(name("index_value")), v).set(field(name("source")), "bench").execute();
            }
            long at = day.atTime(14, 15).atZone(TUNIS).toInstant().toEpochMilli();
            double[] change = new double[82];
            for (int i = 0; i < 82; i++) {
                double ref = 5 + rnd.nextInt(100);
                change[i] = rnd.nextGaussian() * 1.5;
                double last = ref * (1 + change[i] / 100);
                tx.insertInto(table(name("pulse_snapshots"))).set(field(name("snapshot_at")), at).set(field(name("isin")), "TN" + (1000 + i))
                        .set(field(name("ticker")), "STK" + i).set(field(name("stock_name")), "Stock " + i).set(field(name("reference_price")), ref)
                        .set(field(name("last_price")), last).set(field(name("change_percent")), change[i])
                        .set(field(name("volume")), (long) rnd.nextInt(100_000)).set(field(name("traded_value")), last * rnd.nextInt(100_000))
                        .set(field(name("caps")), last * 5_000_000).set(field(name("simulated")), 0).execute();
            }
            for (int s = 0; s < 10; s++) {
                tx.insertInto(table(name("sector_performance"))).set(field(name("snapshot_at")), at).set(field(name("sector")), "Sector " + s)
                        .set(field(name("stocks")), 8).set(field(name("advancers")), 4).set(field(name("decliners")), 4)
                        .set(field(name("avg_change_percent")), rnd.nextGaussian()).set(field(name("traded_value")), 1e6).execute();
            }
            for (int r = 1; r <= 5; r++) {
                tx.insertInto(table(name("top_movers"))).set(field(name("snapshot_at")), at).set(field(name("direction")), "UP")
                        .set(field(name("rank_no")), r).set(field(name("isin")), "TN" + (1000 + r)).set(field(name("ticker")), "STK" + r)
                        .set(field(name("last_price")), 10.0).set(field(name("change_percent")), 6.0 - r).execute();
                tx.insertInto(table(name("top_movers"))).set(field(name("snapshot_at")), at).set(field(name("direction")), "DOWN")
                        .set(field(name("rank_no")), r).set(field(name("isin")), "TN" + (1050 + r)).set(field(name("ticker")), "STK" + (50 + r))
                        .set(field(name("last_price")), 10.0).set(field(name("change_percent")), r - 6.0).execute();
            }
            for (int i = 0; i < 12; i++) {
                tx.insertInto(table(name("alert_anomalies"))).set(field(name("anomaly_id")), "a" + i).set(field(name("symbol")), "STK" + i)
                        .set(field(name("anomaly_type")), "VOLUME_SPIKE").set(field(name("severity")), i % 3 == 0 ? "high" : "low")
                        .set(field(name("message")), "volume spike").set(field(name("observed_at")), at - i * 600_000L)
                        .set(field(name("detected_at")), at - i * 600_000L).execute();
            }
            long bucket = day.atStartOfDay(TUNIS).toInstant().toEpochMilli();
            for (int i = 0; i < 82; i++) {
                tx.insertInto(table(name("sentiment_history"))).set(field(name("scope")), "symbol").set(field(name("subject")), "STK" + i)
                        .set(field(name("bucket_start")), bucket).set(field(name("articles")), 3).set(field(name("positive")), 1)
                        .set(field(name("negative")), 1).set(field(name("neutral")), 1).set(field(name("avg_score")), rnd.nextGaussian() * 0.3)
                        .set(field(name("computed_at")), at).execute();
            }
        });
    }

    private static long pct(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(i, sorted.size() - 1)));
    }
}
