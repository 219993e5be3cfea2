package io.tradingjobs.alerts.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingjobs.alerts.rules.AlertRule;
import io.tradingjobs.alerts.rules.RuleType;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleEvaluatorTest {
    private final RuleEvaluator evaluator = new RuleEvaluator();

    private static AlertRule rule(RuleType type, Map<String, Double> overrides) {
        Map<String, Double> p = new LinkedHashMap<>(type.defaults());
        p.putAll(overrides);
        return new AlertRule("r", "X", type, "day", p, List.of(), true, Duration.ZERO, Instant.EPOCH);
    }

    private static SymbolBars bars(double[] close, double[] volume) {
        SymbolBars b = new SymbolBars("X", close.length);
        for (int i = 0; i < close.length; i++) {
            b.add(i * 1000L, close[i], close[i], close[i], close[i], volume == null ? 100 : volume[i]);
        }
        return b.trim();
    }

    @Test
    void aMacdCrossAboveIsTrueOnlyWhereTheLineIsAboveItsSignalAndWasBelowBefore() {
        double[] close = new double[80];
        for (int i = 0; i < 60; i++) {
            close[i] = 100 - i * 0.5; // a long decline: MACD below its signal
        }
        for (int i = 60; i < 80; i++) {
            close[i] = close[i - 1] + 1.5; // a turn
        }
        AlertRule above = rule(RuleType.MACD_CROSS_ABOVE, Map.of());
        int crossedAt = -1;
        for (int n = 40; n <= 80; n++) {
            double[] head = java.util.Arrays.copyOf(close, n);
            Evaluation e = evaluator.evaluate(above, bars(head, null));
            if (e.current() == Evaluation.TRUE && e.previous() == Evaluation.FALSE) {
                crossedAt = n - 1;
                break;
            }
        }
        assertThat(crossedAt).isBetween(60, 70);
        Evaluation atEnd = evaluator.evaluate(rule(RuleType.MACD_CROSS_BELOW, Map.of()), bars(close, null));
        assertThat(atEnd.current()).isEqualTo(Evaluation.FALSE);
    }

    @Test
    void aResistanceBreakComparesTheCloseWithTheHighOfTheBarsBeforeIt() {
        double[] close = {10, 11, 12, 11, 10, 11, 12.5};
        Evaluation e = evaluator.evaluate(rule(RuleType.RESISTANCE_BREAK, Map.of("bars", 5.0)), bars(close, null));
        assertThat(e.current()).isEqualTo(Evaluation.TRUE);
        assertThat(e.previous()).isEqualTo(Evaluation.FALSE);
        assertThat(e.threshold()).isEqualTo(12.0);
        Evaluation support = evaluator.evaluate(rule(RuleType.SUPPORT_BREAK, Map.of("bars", 5.0)), bars(close, null));
        assertThat(support.current()).isEqualTo(Evaluation.FALSE);
    }

    @Test
    void aVolumeSpikeRuleUsesTheMultipleOfTheBarsBefore() {
        double[] close = {10, 10, 10, 10, 10};
        Evaluation e = evaluator.evaluate(rule(RuleType.VOLUME_SPIKE, Map.of("period", 3.0, "multiple", 3.0)),
                bars(close, new double[] {100, 100, 100, 100, 350}));
        assertThat(e.current()).isEqualTo(Evaluation.TRUE);
        assertThat(e.value()).isEqualTo(3.5);
    }

    @Test
    void priceRulesUseALatestQuoteThatIsNewerThanTheLastBar() {
        SymbolBars b = bars(new double[] {98, 99}, null);
        b.quote(101, 5000);
        Evaluation e = evaluator.evaluate(rule(RuleType.PRICE_ABOVE, Map.of("threshold", 100.0)), b);
        assertThat(e.current()).isEqualTo(Evaluation.TRUE);
        assertThat(e.previous()).isEqualTo(Evaluation.FALSE);
        assertThat(e.pointTime()).isEqualTo(5000);
        b.quote(101, 500); // older than the last bar: ignored
        assertThat(evaluator.evaluate(rule(RuleType.PRICE_ABOVE, Map.of("threshold", 100.0)), b).current()).isEqualTo(Evaluation.FALSE);
    }

    @Test
    void tooFewBarsForAnIndicatorAreUnknownNotAnError() {
        SymbolBars few = bars(new double[] {1, 2, 3}, null);
        assertThat(evaluator.evaluate(rule(RuleType.RSI_OVERSOLD, Map.of()), few).known()).isFalse();
        assertThat(evaluator.evaluate(rule(RuleType.MACD_CROSS_ABOVE, Map.of()), few).known()).isFalse();
        assertThat(evaluator.evaluate(rule(RuleType.RESISTANCE_BREAK, Map.of()), few).known()).isFalse();
        assertThat(evaluator.evaluate(rule(RuleType.PRICE_BELOW, Map.of("threshold", 1.0)), new SymbolBars("X", 0)).known()).isFalse();
    }
}
