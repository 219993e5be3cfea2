package io.tradingjobs.alerts.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class IndicatorsTest {
    private static final double NaN = Double.NaN;

    /**
     * The worked RSI(14) example of Wilder's method as published by StockCharts ("RSI", ChartSchool),
     * closes of 33 days, RSI from the 15th close. The published table rounds its averages to two
     * decimals at every step, so it differs from the exact computation by up to 0.07.
     */
    static final double[] WORKED_CLOSES = {44.34, 44.09, 44.15, 43.61, 44.33, 44.83, 45.10, 45.42, 45.84, 46.08, 45.89, 46.03, 45.61,
        46.28, 46.28, 46.00, 46.03, 46.41, 46.22, 45.64, 46.21, 46.25, 45.71, 46.45, 45.78, 45.35, 44.03, 44.18, 44.22, 44.57, 43.42,
        42.66, 43.13};
    static final double[] WORKED_RSI = {70.53, 66.32, 66.55, 69.41, 66.36, 57.97, 62.93, 63.26, 56.06, 62.38, 54.71, 50.42, 39.99,
        41.46, 41.87, 45.46, 37.30, 33.08, 37.77};

    @Test
    void rsiMatchesWildersWorkedExampleFromItsFirstValueOn() {
        double[] rsi = Indicators.rsi(WORKED_CLOSES, 14);

        for (int i = 0; i < 14; i++) {
            assertThat(rsi[i]).as("warm-up index %d", i).isNaN();
        }
        // By hand: gains of changes 1..14 sum to 3.34, losses to 1.40; RS = 3.34 / 1.40.
        assertThat(rsi[14]).isCloseTo(100 - 100 / (1 + 3.34 / 1.40), within(1e-9)).isCloseTo(70.464, within(0.001));
        for (int i = 0; i < WORKED_RSI.length; i++) {
            assertThat(rsi[14 + i]).as("RSI at index %d", 14 + i).isCloseTo(WORKED_RSI[i], within(0.08));
        }
        assertThat(rsi[32]).isCloseTo(37.79, within(0.005));
    }

    @Test
    void rsiSeedIsTheSimpleMeanOfTheFirstNGainsAndLosses() {
        double[] close = {10, 11, 10, 12, 12};
        // changes +1, -1, +2, 0: n = 3 seeds from +1, -1, +2: avgGain 1, avgLoss 1/3 -> RSI 75
        double[] rsi = Indicators.rsi(close, 3);
        assertThat(rsi[3]).isCloseTo(75.0, within(1e-9));
        // then Wilder: avgGain = (1*2 + 0)/3 = 2/3, avgLoss = (1/3*2 + 0)/3 = 2/9 -> RS 3 -> 75
        assertThat(rsi[4]).isCloseTo(75.0, within(1e-9));
    }

    @Test
    void rsiOfASeriesWithoutLossesIs100AndOfAFlatSeriesIs50() {
        assertThat(Indicators.rsi(new double[] {1, 2, 3, 4, 5, 5, 6}, 3)).containsExactly(new double[] {NaN, NaN, NaN, 100, 100, 100, 100},
                within(1e-12));
        assertThat(Indicators.rsi(Indicators.constant(10, 42.0), 5)[9]).isEqualTo(50.0);
    }

    @Test
    void emaIsSeededByTheSmaOfItsFirstNValuesAndFirstDefinedAtNMinusOne() {
        double[] ema = Indicators.ema(new double[] {1, 2, 3, 4, 5, 6}, 3);
        // seed (1+2+3)/3 = 2 at index 2; k = 0.5: 2 + 0.5*(4-2) = 3, then 4, then 5
        assertThat(ema).containsExactly(new double[] {NaN, NaN, 2, 3, 4, 5}, within(1e-12));
        double[] ema2 = Indicators.ema(new double[] {10, 20, 30, 0}, 2);
        // seed 15 at index 1; k = 2/3: 15 + 2/3*(30-15) = 25; 25 + 2/3*(0-25) = 8.333...
        assertThat(ema2).containsExactly(new double[] {NaN, 15, 25, 25.0 / 3}, within(1e-12));
    }

    @Test
    void smaIsTheMeanOfTheLastNValues() {
        assertThat(Indicators.sma(new double[] {1, 2, 3, 4, 5}, 2)).containsExactly(new double[] {NaN, 1.5, 2.5, 3.5, 4.5}, within(1e-12));
    }

    @Test
    void aGapRestartsTheWarmUpInsteadOfBridgingIt() {
        double[] x = {1, 2, 3, NaN, 4, 5, 6};
        assertThat(Indicators.sma(x, 2)).containsExactly(new double[] {NaN, 1.5, 2.5, NaN, NaN, 4.5, 5.5}, within(1e-12));
        assertThat(Indicators.ema(x, 2)).containsExactly(new double[] {NaN, 1.5, 2.5, NaN, NaN, 4.5, 5.5}, within(1e-12));
        double[] rsi = Indicators.rsi(new double[] {1, 2, 3, NaN, 5, 4, 5, 6}, 2);
        assertThat(rsi[3]).isNaN();
        assertThat(rsi[4]).isNaN();
        assertThat(rsi[5]).isNaN();
        assertThat(rsi[6]).isCloseTo(50.0, within(1e-12)); // changes -1, +1 after the gap
        assertThat(Indicators.highest(x, 2)).containsExactly(new double[] {NaN, 2, 3, NaN, NaN, 5, 6}, within(1e-12));
    }

    @Test
    void aSeriesShorterThanTheWarmUpIsAllUndefinedNotAnError() {
        assertThat(Indicators.rsi(new double[] {1, 2, 3}, 14)).containsOnly(NaN);
        assertThat(Indicators.macd(new double[] {1, 2, 3}, 12, 26, 9).histogram()).containsOnly(NaN);
        assertThat(Indicators.ema(new double[0], 5)).isEmpty();
    }

    @Test
    void macdIsTheDifferenceOfTwoSeededEmasWithAnEmaSignal() {
        double[] close = new double[60];
        for (int i = 0; i < close.length; i++) {
            close[i] = 100 + 10 * Math.sin(i / 5.0) + i * 0.3;
        }
        Indicators.Macd m = Indicators.macd(close, 12, 26, 9);
        double[] fast = Indicators.ema(close, 12);
        double[] slow = Indicators.ema(close, 26);

        assertThat(m.macd()[24]).isNaN();
        assertThat(m.macd()[25]).isCloseTo(fast[25] - slow[25], within(1e-12));
        assertThat(m.signal()[32]).isNaN();
        double seed = 0;
        for (int i = 25; i < 34; i++) {
            seed += fast[i] - slow[i];
        }
        assertThat(m.signal()[33]).isCloseTo(seed / 9, within(1e-12));
        double k = 2.0 / 10;
        assertThat(m.signal()[34]).isCloseTo(seed / 9 + k * (m.macd()[34] - seed / 9), within(1e-12));
        assertThat(m.histogram()[40]).isCloseTo(m.macd()[40] - m.signal()[40], within(1e-12));
    }

    @Test
    void macdRefusesAFastPeriodThatIsNotShorter() {
        assertThatThrownBy(() -> Indicators.macd(new double[10], 26, 12, 9)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fast period (26)");
    }

    @Test
    void volumeSpikeComparesABarWithTheMeanOfTheBarsBeforeIt() {
        double[] spike = Indicators.volumeSpike(new double[] {10, 20, 30, 80, 0}, 3);
        assertThat(spike).containsExactly(new double[] {NaN, NaN, NaN, 4.0, 0.0}, within(1e-12));
        assertThat(Indicators.volumeSpike(new double[] {0, 0, 0, 50}, 3)[3]).as("no trading to compare with").isNaN();
    }

    @Test
    void rollingHighestAndLowestIncludeTheCurrentBar() {
        double[] x = {5, 3, 8, 1, 4};
        assertThat(Indicators.highest(x, 3)).containsExactly(new double[] {NaN, NaN, 8, 8, 8}, within(0.0));
        assertThat(Indicators.lowest(x, 3)).containsExactly(new double[] {NaN, NaN, 3, 1, 1}, within(0.0));
        assertThat(Indicators.highestOf(x, 0, 2)).isEqualTo(5);
        assertThat(Indicators.lowestOf(x, 1, 5)).isEqualTo(1);
        assertThat(Indicators.highestOf(x, -1, 2)).isNaN();
    }

    @Test
    void floorPivotsFollowTheClassicFormulas() {
        Indicators.FloorPivots p = Indicators.floorPivots(110, 90, 100);
        assertThat(p.pivot()).isEqualTo(100);
        assertThat(p.r1()).isEqualTo(110);
        assertThat(p.s1()).isEqualTo(90);
        assertThat(p.r2()).isEqualTo(120);
        assertThat(p.s2()).isEqualTo(80);
        assertThat(p.r3()).isEqualTo(130);
        assertThat(p.s3()).isEqualTo(70);
    }

    @Test
    void outputsCanBeWrittenIntoReusedBuffers() {
        double[] buffer = new double[4];
        double[] out = Indicators.sma(new double[] {2, 4, 6, 8}, 2, buffer);
        assertThat(out).isSameAs(buffer).containsExactly(new double[] {NaN, 3, 5, 7}, within(1e-12));
    }
}
