package io.tradingjobs.reports.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PerformanceMetricsTest {
    private static final double EPS = 1e-9;
    private static final int Y = PerformanceMetrics.DAILY;

    @Test
    @DisplayName("Sharpe is the mean over the sample standard deviation (ddof 1) times √252, checked by hand")
    void sharpeOnAHandCheckedSeries() {
        // r = 1, 2, -1, 3 %: mean 1.25 %; deviations -0.25, 0.75, -2.25, 1.75 %; squares sum 8.75e-4;
        // /3 = 2.91667e-4; std = 1.7078251 %; 0.0125 / 0.017078251 * 15.874508 = 11.61895004
        double[] r = {0.01, 0.02, -0.01, 0.03};
        assertThat(PerformanceMetrics.sharpe(r, 0, Y)).isCloseTo(11.618950038622, within(1e-9));
        assertThat(PerformanceMetrics.annualVolatility(r, Y)).isCloseTo(0.017078251276599 * Math.sqrt(252), within(EPS));
        // A risk-free rate of 1 % a period shifts the mean to 0.25 %; the deviation does not change.
        assertThat(PerformanceMetrics.sharpe(r, 0.01, Y)).isCloseTo(0.0025 / 0.017078251276599 * Math.sqrt(252), within(1e-9));
    }

    @Test
    @DisplayName("Sortino divides the annualised mean by the downside deviation taken over all n returns")
    void sortinoOnAHandCheckedSeries() {
        // r = 2, -1, 3, -2 %: mean 0.5 % → 1.26 a year; downside squares 1e-4 + 4e-4 over n = 4 → 1.25e-4;
        // √ = 1.118034 % ×√252 = 0.17748239; 1.26 / 0.17748239 = 7.09929574
        double[] r = {0.02, -0.01, 0.03, -0.02};
        assertThat(PerformanceMetrics.downsideDeviation(r, 0, Y)).isCloseTo(0.177482393492988, within(EPS));
        assertThat(PerformanceMetrics.sortino(r, 0, Y)).isCloseTo(7.099295739719539, within(1e-9));
    }

    @Test
    @DisplayName("a first-period loss is a drawdown from the starting capital, reported negative")
    void drawdownCountsTheStartingCapitalAsAPeak() {
        assertThat(PerformanceMetrics.maxDrawdown(new double[] {-0.10, 0.05})).isCloseTo(-0.10, within(EPS));
        // wealth 1.10, 0.88, 0.924: the peak is 1.10, the trough 0.88 → -20 %
        assertThat(PerformanceMetrics.maxDrawdown(new double[] {0.10, -0.20, 0.05})).isCloseTo(-0.20, within(EPS));
        assertThat(PerformanceMetrics.maxDrawdown(new double[] {0.01, 0.02})).isZero();
    }

    @Test
    @DisplayName("annual return compounds over the number of periods, and Calmar is it over the absolute drawdown")
    void annualReturnAndCalmar() {
        double[] monthly = new double[12];
        Arrays.fill(monthly, 0.01);
        assertThat(PerformanceMetrics.annualReturn(monthly, PerformanceMetrics.MONTHLY)).isCloseTo(Math.pow(1.01, 12) - 1, within(EPS));
        // 1.1 × 0.8 × 1.05 = 0.924 over 3 months → 0.924^4 - 1 = -27.1066 %; drawdown -20 % → Calmar -1.35533
        double[] r = {0.10, -0.20, 0.05};
        assertThat(PerformanceMetrics.annualReturn(r, PerformanceMetrics.MONTHLY)).isCloseTo(-0.2710665418239995, within(EPS));
        assertThat(PerformanceMetrics.calmar(r, PerformanceMetrics.MONTHLY)).isCloseTo(-1.3553327091199974, within(1e-9));
        assertThat(PerformanceMetrics.calmar(monthly, PerformanceMetrics.MONTHLY)).as("no drawdown: NaN, as empyrical").isNaN();
    }

    @Test
    @DisplayName("beta of a series that is twice the benchmark plus 0.1 % a day is 2, and alpha is 1.001^252 - 1")
    void betaAndAlpha() {
        double[] b = {0.01, -0.02, 0.015, 0.003, -0.007};
        double[] r = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            r[i] = 2 * b[i] + 0.001;
        }
        assertThat(PerformanceMetrics.beta(r, b, 0)).isCloseTo(2.0, within(1e-12));
        assertThat(PerformanceMetrics.alpha(r, b, 0, Y)).isCloseTo(Math.pow(1.001, 252) - 1, within(1e-9));
        assertThat(PerformanceMetrics.beta(r, new double[] {0.01, 0.01, 0.01, 0.01, 0.01}, 0)).as("flat benchmark").isNaN();
        assertThat(PerformanceMetrics.beta(r, new double[] {0.01, 0.02}, 0)).as("lengths differ").isNaN();
    }

    @Test
    @DisplayName("historical VaR 95 % interpolates between order statistics like numpy's percentile")
    void valueAtRisk() {
        // sorted -5, -2, 0, 1, 3 %: position 0.05 × 4 = 0.2 → -5 % + 0.2 × 3 % = -4.4 %
        assertThat(PerformanceMetrics.valueAtRisk(new double[] {0.01, -0.05, 0.03, 0.0, -0.02}, 0.05)).isCloseTo(-0.044, within(EPS));
    }

    @Test
    @DisplayName("zero volatility divides as empyrical does: +∞ for a positive mean, -∞ for a negative one, NaN for zero")
    void zeroVolatility() {
        assertThat(PerformanceMetrics.annualVolatility(new double[] {0.01, 0.01, 0.01}, Y)).isZero();
        assertThat(PerformanceMetrics.sharpe(new double[] {0.01, 0.01, 0.01}, 0, Y)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(PerformanceMetrics.sharpe(new double[] {-0.01, -0.01}, 0, Y)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(PerformanceMetrics.sharpe(new double[] {0, 0, 0}, 0, Y)).isNaN();
        assertThat(PerformanceMetrics.sortino(new double[] {0.01, 0.02, 0.03}, 0, Y)).as("no downside").isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    @DisplayName("a single return, an empty series, null and a NaN anywhere all give NaN")
    void tooShortOrNaN() {
        double[] one = {0.05};
        double[] withNaN = {0.01, Double.NaN, 0.02};
        for (double[] r : new double[][] {one, {}, null, withNaN}) {
            assertThat(PerformanceMetrics.sharpe(r, 0, Y)).isNaN();
            assertThat(PerformanceMetrics.sortino(r, 0, Y)).isNaN();
            assertThat(PerformanceMetrics.maxDrawdown(r)).isNaN();
            assertThat(PerformanceMetrics.annualReturn(r, Y)).isNaN();
            assertThat(PerformanceMetrics.annualVolatility(r, Y)).isNaN();
            assertThat(PerformanceMetrics.calmar(r, Y)).isNaN();
            assertThat(PerformanceMetrics.valueAtRisk(r, 0.05)).isNaN();
            assertThat(PerformanceMetrics.beta(r, r, 0)).isNaN();
            assertThat(PerformanceMetrics.alpha(r, r, 0, Y)).isNaN();
        }
    }

    @Test
    @DisplayName("on five years of daily returns every metric agrees with an independent computation written here")
    void longSeriesAgreesWithAnIndependentComputation() {
        Random rnd = new Random(42);
        int n = 1260;
        double[] b = new double[n];
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            b[i] = 0.0004 + 0.011 * rnd.nextGaussian();
            r[i] = 0.0002 + 0.8 * b[i] + 0.007 * rnd.nextGaussian();
        }
        double rf = 0.065 / 252;

        // Welford's running mean and variance, a different algorithm from the library's two passes.
        double mean = 0;
        double m2 = 0;
        for (int i = 0; i < n; i++) {
            double x = r[i] - rf;
            double d = x - mean;
            mean += d / (i + 1);
            m2 += d * (x - mean);
        }
        double std = Math.sqrt(m2 / (n - 1));
        assertThat(PerformanceMetrics.sharpe(r, rf, Y)).isCloseTo(mean / std * Math.sqrt(252), within(1e-9));
        double rawStd = Math.sqrt(Arrays.stream(r).map(x -> x - Arrays.stream(r).average().orElseThrow())
                .map(x -> x * x).sum() / (n - 1));
        assertThat(PerformanceMetrics.annualVolatility(r, Y)).isCloseTo(rawStd * Math.sqrt(252), within(1e-12));

        double downside = Math.sqrt(Arrays.stream(r).map(x -> Math.min(x - rf, 0)).map(x -> x * x).average().orElseThrow()) * Math.sqrt(252);
        assertThat(PerformanceMetrics.sortino(r, rf, Y)).isCloseTo(mean * 252 / downside, within(1e-9));

        // Log-sum compounding, and the drawdown from an explicit wealth curve that starts at 1.
        double logWealth = Arrays.stream(r).map(Math::log1p).sum();
        assertThat(PerformanceMetrics.annualReturn(r, Y)).isCloseTo(Math.exp(logWealth * 252 / n) - 1, within(1e-9));
        double[] wealth = new double[n + 1];
        wealth[0] = 1;
        for (int i = 0; i < n; i++) {
            wealth[i + 1] = wealth[i] * (1 + r[i]);
        }
        double worst = 0;
        for (int j = 1; j <= n; j++) {
            double peak = Arrays.stream(wealth, 0, j + 1).max().orElseThrow();
            worst = Math.min(worst, wealth[j] / peak - 1);
        }
        assertThat(PerformanceMetrics.maxDrawdown(r)).isCloseTo(worst, within(1e-12));

        // Beta as an ordinary least-squares slope through the normal equations.
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (int i = 0; i < n; i++) {
            double x = b[i] - rf;
            double y = r[i] - rf;
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        assertThat(PerformanceMetrics.beta(r, b, rf)).isCloseTo(slope, within(1e-9)).isCloseTo(0.8, within(0.05));
        double intercept = (sy - slope * sx) / n;
        assertThat(PerformanceMetrics.alpha(r, b, rf, Y)).isCloseTo(Math.pow(1 + intercept, 252) - 1, within(1e-9));

        // The 5 % quantile by its definition: the value below which 5 % of (n - 1) gaps lie.
        double[] sorted = r.clone();
        Arrays.sort(sorted);
        double pos = 0.05 * (n - 1);
        int k = (int) pos;
        assertThat(PerformanceMetrics.valueAtRisk(r, 0.05)).isCloseTo(sorted[k] * (1 - (pos - k)) + sorted[k + 1] * (pos - k), within(1e-15));
    }

    @Test
    @DisplayName("trade statistics: a breakeven counts as closed but not as a win, and money sums are exact")
    void tradeStatisticsWithABreakeven() {
        TradeStatistics s = TradeStatistics.of(List.of(new BigDecimal("100.10"), new BigDecimal("-40.05"), BigDecimal.ZERO,
                new BigDecimal("0.20"), new BigDecimal("-10.00")));
        assertThat(s.closedTrades()).isEqualTo(5);
        assertThat(s.wins()).isEqualTo(2);
        assertThat(s.losses()).isEqualTo(2);
        assertThat(s.breakevens()).isEqualTo(1);
        assertThat(s.winRate()).isEqualTo(0.4);
        assertThat(s.grossProfit()).isEqualByComparingTo("100.30");
        assertThat(s.grossLoss()).isEqualByComparingTo("-50.05");
        assertThat(s.netPnl()).isEqualByComparingTo("50.25");
        assertThat(s.profitFactor()).isCloseTo(100.30 / 50.05, within(1e-12));
        assertThat(s.averageWin()).isEqualByComparingTo("50.15");
        assertThat(s.averageLoss()).isEqualByComparingTo("-25.025");
        assertThat(s.expectancy()).isEqualByComparingTo("10.05");
    }

    @Test
    @DisplayName("with no losing trade the profit factor is infinite; with no trade at all the ratios are NaN")
    void tradeStatisticsWithoutLosses() {
        TradeStatistics s = TradeStatistics.of(List.of(new BigDecimal("5"), new BigDecimal("7.5")));
        assertThat(s.profitFactor()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(s.winRate()).isEqualTo(1.0);
        assertThat(s.averageLoss()).isNull();
        TradeStatistics none = TradeStatistics.of(List.of());
        assertThat(none.winRate()).isNaN();
        assertThat(none.profitFactor()).isNaN();
        assertThat(none.expectancy()).isNull();
        assertThat(none.netPnl()).isEqualByComparingTo("0");
    }

    @Test
    @DisplayName("daily P&L sums exactly per day, in date order")
    void dailyPnl() {
        var d1 = java.time.LocalDate.of(2026, 2, 5);
        var d2 = java.time.LocalDate.of(2026, 2, 6);
        var out = TradeStatistics.dailyPnl(List.of(java.util.Map.entry(d2, new BigDecimal("0.1")),
                java.util.Map.entry(d1, new BigDecimal("0.2")), java.util.Map.entry(d2, new BigDecimal("0.2"))));
        assertThat(out.keySet()).containsExactly(d1, d2);
        assertThat(out.get(d2)).isEqualByComparingTo("0.3");
    }
}
