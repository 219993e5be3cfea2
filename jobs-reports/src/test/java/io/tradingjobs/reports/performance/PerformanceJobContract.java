package io.tradingjobs.reports.performance;

import static io.tradingjobs.reports.internal.db.Tables.DAILY_PERFORMANCE;
import static io.tradingjobs.reports.internal.db.Tables.MONTHLY_PERFORMANCE;
import static io.tradingjobs.reports.internal.db.Tables.RISK_METRICS;
import static io.tradingjobs.reports.internal.db.Tables.STRATEGY_PERFORMANCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.tradingjobs.core.JobRun;
import io.tradingjobs.core.RunStatus;
import io.tradingjobs.core.testing.JobTestKit;
import io.tradingjobs.core.testing.SettableClock;
import io.tradingjobs.reports.ReportsJobProvider;
import io.tradingjobs.reports.internal.db.tables.records.DailyPerformanceRecord;
import io.tradingjobs.reports.internal.db.tables.records.StrategyPerformanceRecord;
import io.tradingjobs.reports.metrics.PerformanceMetrics;
import io.tradingjobs.reports.test.OtherModules;
import io.tradingjobs.reports.trades.TableTradeSource;
import io.tradingjobs.reports.trades.Trade;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * reports.performance on a real database: three days of two strategies, marked to market with
 * stored day candles, checked against hand-computed P&L. Subclasses supply the database.
 */
abstract class PerformanceJobContract {
    static final ZoneId IST = ZoneId.of("Asia/Kolkata");
    static final LocalDate D1 = LocalDate.of(2026, 2, 2);
    static final LocalDate D2 = LocalDate.of(2026, 2, 3);
    static final LocalDate D3 = LocalDate.of(2026, 2, 4);

    SettableClock clock;
    JobTestKit kit;
    DSLContext dsl;

    /** The JDBC URL of a fresh database. */
    abstract String databaseUrl();

    @BeforeEach
    void start() {
        clock = SettableClock.at("2026-02-04T16:00", "Asia/Kolkata");
        kit = JobTestKit.builder().clock(clock).provider(new ReportsJobProvider())
                .config("jobs.database.url", databaseUrl()).config("jobs.timezone", "Asia/Kolkata")
                .config("reports.capital", "100000").build();
        dsl = kit.dsl();
        OtherModules.market(dsl);
        candle("NSE_EQ|RELI", LocalDate.of(2026, 1, 30), 99);
        candle("NSE_EQ|RELI", D1, 102);
        candle("NSE_EQ|RELI", D2, 104);
        candle("NSE_EQ|RELI", D3, 98);
        candle("NSE_EQ|INFY", D2, 48);
        candle("NSE_EQ|INFY", D3, 49);
        candle("NSE_INDEX|Nifty 50", LocalDate.of(2026, 1, 30), 25_000);
        candle("NSE_INDEX|Nifty 50", D1, 25_100);
        candle("NSE_INDEX|Nifty 50", D2, 25_200);
        candle("NSE_INDEX|Nifty 50", D3, 25_050);
        new TableTradeSource(dsl).save(List.of(
                trade("t1", "momentum", "NSE_EQ|RELI", Trade.Side.BUY, "10", "100.00", "1.00", D1),
                trade("t2", "momentum", "NSE_EQ|RELI", Trade.Side.SELL, "4", "105.00", "0.50", D2),
                trade("t3", "meanrev", "NSE_EQ|INFY", Trade.Side.SELL, "5", "50.00", "0.25", D2),
                trade("t4", "momentum", "NSE_EQ|RELI", Trade.Side.SELL, "6", "99.00", "0.50", D3),
                trade("t5", "meanrev", "NSE_EQ|INFY", Trade.Side.BUY, "5", "50.00", "0.25", D3)));
    }

    @AfterEach
    void stop() {
        kit.close();
    }

    @Test
    @DisplayName("the day's P&L, equity and trade counts are exact and match the hand computation")
    void dailyPerformanceIsExact() {
        JobRun run = kit.run(ReportsJobProvider.PERFORMANCE);
        assertThat(run.status()).as(String.valueOf(run.error())).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.message()).startsWith("2026-02-04: day P&L -40.75").endsWith("over 3 days");

        // D1 total 19 (mark 102: +20, fee 1); D2 52.25 (momentum 20 realised + 24 open - 1.5 fees; meanrev short +10 - 0.25);
        // D3 11.5 (momentum 14 realised - 2 fees; meanrev 0 - 0.5): day P&L 11.5 - 52.25 = -40.75
        DailyPerformanceRecord d = dsl.selectFrom(DAILY_PERFORMANCE).fetchSingle();
        assertThat(d.getPerfDate()).isEqualTo("2026-02-04");
        assertThat(d.getRealizedPnl()).isEqualTo("14");
        assertThat(d.getUnrealizedPnl()).isEqualTo("0");
        assertThat(d.getFees()).isEqualTo("2.5");
        assertThat(d.getDayPnl()).isEqualTo("-40.75");
        assertThat(d.getCumulativePnl()).isEqualTo("11.5");
        assertThat(d.getEquity()).isEqualTo("100011.5");
        assertThat(d.getDailyReturn()).isCloseTo(-40.75 / 100052.25, within(1e-15));
        assertThat(d.getTrades()).isEqualTo(2);
        assertThat(d.getClosedTrades()).isEqualTo(2);
        assertThat(d.getWinningTrades()).isZero();
        assertThat(d.getLosingTrades()).isEqualTo(2);
    }

    @Test
    @DisplayName("per strategy: closed-trade statistics, with a trade closed flat losing only its fee")
    void strategyPerformance() {
        kit.run(ReportsJobProvider.PERFORMANCE);
        List<StrategyPerformanceRecord> rows = dsl.selectFrom(STRATEGY_PERFORMANCE).orderBy(STRATEGY_PERFORMANCE.STRATEGY).fetch();
        assertThat(rows).extracting(StrategyPerformanceRecord::getStrategy).containsExactly("meanrev", "momentum");
        StrategyPerformanceRecord meanrev = rows.get(0);
        assertThat(meanrev.getTotalPnl()).isEqualTo("-0.5");
        assertThat(meanrev.getDayPnl()).isEqualTo("-10.25");
        assertThat(meanrev.getClosedTrades()).isEqualTo(1);
        assertThat(meanrev.getWinRate()).isZero();
        assertThat(meanrev.getProfitFactor()).isZero();
        assertThat(meanrev.getExpectancy()).isEqualTo("-0.25");
        StrategyPerformanceRecord momentum = rows.get(1);
        assertThat(momentum.getTotalPnl()).isEqualTo("12");
        assertThat(momentum.getRealizedPnl()).isEqualTo("14");
        assertThat(momentum.getTrades()).isEqualTo(3);
        assertThat(momentum.getClosedTrades()).isEqualTo(2);
        assertThat(momentum.getWinRate()).isEqualTo(0.5);
        assertThat(momentum.getProfitFactor()).isCloseTo(19.5 / 6.5, within(1e-12));
        assertThat(momentum.getAverageWin()).isEqualTo("19.5");
        assertThat(momentum.getAverageLoss()).isEqualTo("-6.5");
        assertThat(momentum.getExpectancy()).isEqualTo("6.5");
    }

    @Test
    @DisplayName("month to date and risk metrics, with beta and alpha against NIFTY 50's stored day candles")
    void monthlyAndRisk() {
        kit.run(ReportsJobProvider.PERFORMANCE);
        var m = dsl.selectFrom(MONTHLY_PERFORMANCE).fetchSingle();
        assertThat(m.getPerfMonth()).isEqualTo("2026-02");
        assertThat(m.getMonthPnl()).isEqualTo("11.5");
        assertThat(m.getMonthlyReturn()).isCloseTo(11.5 / 100000, within(1e-15));
        assertThat(m.getTradingDays()).isEqualTo(3);
        assertThat(m.getClosedTrades()).isEqualTo(3);
        assertThat(m.getBestDayPnl()).isEqualTo("33.25");
        assertThat(m.getWorstDayPnl()).isEqualTo("-40.75");

        double[] r = {19 / 100000.0, 33.25 / 100019.0, -40.75 / 100052.25};
        double[] b = {25_100 / 25_000.0 - 1, 25_200 / 25_100.0 - 1, 25_050 / 25_200.0 - 1};
        var risk = dsl.selectFrom(RISK_METRICS).fetchSingle();
        assertThat(risk.getObservations()).isEqualTo(3);
        assertThat(risk.getBenchmark()).isEqualTo("NSE_INDEX|Nifty 50");
        assertThat(risk.getBenchmarkObservations()).isEqualTo(3);
        assertThat(risk.getSharpe()).isCloseTo(PerformanceMetrics.sharpe(r, 0, 252), within(1e-9));
        assertThat(risk.getMaxDrawdown()).isCloseTo(100011.5 / 100052.25 - 1, within(1e-12));
        assertThat(risk.getVar_95()).isCloseTo(PerformanceMetrics.valueAtRisk(r, 0.05), within(1e-12));
        assertThat(risk.getBeta()).isCloseTo(PerformanceMetrics.beta(r, b, 0), within(1e-9));
        assertThat(risk.getAlpha()).isCloseTo(PerformanceMetrics.alpha(r, b, 0, 252), within(1e-9));
    }

    @Test
    @DisplayName("running a day again rewrites that day's rows, and running a past day writes that day without touching later ones")
    void rerunsRewriteTheirDay() {
        kit.run(ReportsJobProvider.PERFORMANCE);
        dsl.update(table(name("trades"))).set(field(name("fees")), "1.50").where(field(name("trade_id")).eq("t4")).execute();
        kit.run(ReportsJobProvider.PERFORMANCE);
        assertThat(dsl.fetchCount(DAILY_PERFORMANCE)).isEqualTo(1);
        assertThat(dsl.fetchCount(STRATEGY_PERFORMANCE)).isEqualTo(2);
        assertThat(dsl.selectFrom(DAILY_PERFORMANCE).fetchSingle().getDayPnl()).isEqualTo("-41.75");

        clock.set(D2.atTime(16, 0).atZone(IST).toInstant());
        JobRun past = kit.run(ReportsJobProvider.PERFORMANCE);
        assertThat(past.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(dsl.selectFrom(DAILY_PERFORMANCE).orderBy(DAILY_PERFORMANCE.PERF_DATE).fetch(DAILY_PERFORMANCE.DAY_PNL))
                .containsExactly("33.25", "-41.75");
        assertThat(dsl.fetchCount(RISK_METRICS)).isEqualTo(2);
        assertThat(dsl.selectFrom(MONTHLY_PERFORMANCE).fetchSingle().getThroughDate()).isEqualTo("2026-02-03");
    }

    @Test
    @DisplayName("a profit factor without losing trades is stored as infinity and read back as infinity")
    void infiniteProfitFactorRoundTrips() {
        clock.set(D2.atTime(16, 0).atZone(IST).toInstant());
        kit.run(ReportsJobProvider.PERFORMANCE);
        assertThat(dsl.select(STRATEGY_PERFORMANCE.PROFIT_FACTOR).from(STRATEGY_PERFORMANCE)
                .where(STRATEGY_PERFORMANCE.STRATEGY.eq("momentum")).fetchSingle().value1()).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    @DisplayName("on the first day of trading the Sharpe ratio is reported as not yet defined, not as NaN")
    void firstDaySaysSharpeIsNotYetDefined() {
        clock.set(D1.atTime(16, 0).atZone(IST).toInstant());
        JobRun run = kit.run(ReportsJobProvider.PERFORMANCE);
        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.message()).isEqualTo("2026-02-02: day P&L 19, equity 100019, 1 strategy, Sharpe not yet defined (1 day of returns)");
    }

    @Test
    @DisplayName("with no trade up to the day the job succeeds and writes nothing")
    void noTradesWritesNothing() {
        clock.set(LocalDate.of(2026, 1, 30).atTime(16, 0).atZone(IST).toInstant());
        JobRun run = kit.run(ReportsJobProvider.PERFORMANCE);
        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.message()).contains("no trades up to 2026-01-30");
        assertThat(dsl.fetchCount(DAILY_PERFORMANCE)).isZero();
    }

    private void candle(String key, LocalDate day, double close) {
        dsl.insertInto(table(name("candles"))).set(field(name("instrument_key")), key).set(field(name("candle_interval")), "day")
                .set(field(name("ts")), day.atStartOfDay(IST).toInstant().toEpochMilli())
                .set(field(name("open_price")), close).set(field(name("high_price")), close).set(field(name("low_price")), close)
                .set(field(name("close_price")), close).set(field(name("volume")), 1000L).set(field(name("open_interest")), 0L)
                .set(field(name("source")), "test").execute();
    }

    private static Trade trade(String id, String strategy, String symbol, Trade.Side side, String qty, String price, String fees, LocalDate day) {
        Instant at = day.atTime(LocalTime.of(11, 0)).atZone(IST).toInstant();
        return new Trade(id, strategy, symbol, side, new BigDecimal(qty), new BigDecimal(price), new BigDecimal(fees), at);
    }
}
