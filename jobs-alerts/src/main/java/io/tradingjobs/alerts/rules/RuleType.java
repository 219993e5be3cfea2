package io.tradingjobs.alerts.rules;

import java.util.Map;

/**
 * What an alert rule watches. Each type is a condition on the latest bar (or the latest quote,
 * for price rules); a rule fires when its condition turns from false to true, not while it stays
 * true. Parameters and their defaults are listed per type.
 */
public enum RuleType {
    /** The price rises above {@code threshold}. */
    PRICE_ABOVE(Map.of()),
    /** The price falls below {@code threshold}. */
    PRICE_BELOW(Map.of()),
    /** RSI({@code period}, default 14) at or above {@code level} (default 70). */
    RSI_OVERBOUGHT(Map.of("period", 14.0, "level", 70.0)),
    /** RSI({@code period}, default 14) at or below {@code level} (default 30). */
    RSI_OVERSOLD(Map.of("period", 14.0, "level", 30.0)),
    /** The bar's volume at least {@code multiple} (default 3) times the mean of the {@code period} (default 20) bars before it. */
    VOLUME_SPIKE(Map.of("period", 20.0, "multiple", 3.0)),
    /** The MACD line ({@code fast} 12, {@code slow} 26, {@code signal} 9) crosses above its signal line. */
    MACD_CROSS_ABOVE(Map.of("fast", 12.0, "slow", 26.0, "signal", 9.0)),
    /** The MACD line crosses below its signal line. */
    MACD_CROSS_BELOW(Map.of("fast", 12.0, "slow", 26.0, "signal", 9.0)),
    /** The price breaks above the highest high of the {@code bars} (default 20) bars before the latest. */
    RESISTANCE_BREAK(Map.of("bars", 20.0)),
    /** The price breaks below the lowest low of the {@code bars} (default 20) bars before the latest. */
    SUPPORT_BREAK(Map.of("bars", 20.0));

    private final Map<String, Double> defaults;

    RuleType(Map<String, Double> defaults) {
        this.defaults = defaults;
    }

    /** The parameters this type takes, with their defaults ({@code threshold} of price rules has none). */
    public Map<String, Double> defaults() {
        return defaults;
    }

    /** Whether the rule needs a {@code threshold} parameter. */
    public boolean needsThreshold() {
        return this == PRICE_ABOVE || this == PRICE_BELOW;
    }
}
