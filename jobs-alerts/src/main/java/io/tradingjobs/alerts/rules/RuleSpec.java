package io.tradingjobs.alerts.rules;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What to create: {@code RuleSpec.of(RuleType.PRICE_ABOVE, "NSE_EQ|INE002A01018").param("threshold", 2500)}.
 * Immutable; each method returns a changed copy and validates eagerly.
 */
public final class RuleSpec {
    private static final Pattern CHANNEL = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final List<String> INTERVALS = List.of("1m", "5m", "15m", "day");

    private final RuleType type;
    private final String symbol;
    private final String interval;
    private final Map<String, Double> params;
    private final List<String> channels;
    private final Duration cooldown;

    private RuleSpec(RuleType type, String symbol, String interval, Map<String, Double> params, List<String> channels, Duration cooldown) {
        this.type = type;
        this.symbol = symbol;
        this.interval = interval;
        this.params = params;
        this.channels = channels;
        this.cooldown = cooldown;
    }

    /**
     * A rule of {@code type} on {@code symbol} (an instrument key of the market tables), on
     * {@code day} candles, no cooldown beyond the transition rule, every channel.
     */
    public static RuleSpec of(RuleType type, String symbol) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(symbol, "symbol");
        if (symbol.isBlank() || symbol.length() > 64) {
            throw new IllegalArgumentException("symbol '" + symbol + "' must be 1 to 64 characters, e.g. NSE_EQ|INE002A01018 or TN0001600154");
        }
        return new RuleSpec(type, symbol.trim(), "day", new LinkedHashMap<>(type.defaults()), List.of(), Duration.ZERO);
    }

    /** Price crosses above {@code threshold}. */
    public static RuleSpec priceAbove(String symbol, double threshold) {
        return of(RuleType.PRICE_ABOVE, symbol).param("threshold", threshold);
    }

    /** Price crosses below {@code threshold}. */
    public static RuleSpec priceBelow(String symbol, double threshold) {
        return of(RuleType.PRICE_BELOW, symbol).param("threshold", threshold);
    }

    /** Sets a parameter of the type (see {@link RuleType}). */
    public RuleSpec param(String name, double value) {
        boolean known = type.defaults().containsKey(name) || (type.needsThreshold() && name.equals("threshold"));
        if (!known) {
            throw new IllegalArgumentException(type + " has no parameter '" + name + "'; use one of "
                    + (type.needsThreshold() ? "[threshold]" : type.defaults().keySet()));
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(type + " parameter " + name + " must be a finite number, was " + value);
        }
        if (!name.equals("threshold") && !name.equals("level") && !name.equals("multiple") && (value < 1 || value != Math.rint(value))) {
            throw new IllegalArgumentException(type + " parameter " + name + " is a bar count and must be a whole number of at least 1, was " + value);
        }
        Map<String, Double> copy = new LinkedHashMap<>(params);
        copy.put(name, value);
        return new RuleSpec(type, symbol, interval, copy, channels, cooldown);
    }

    /** The candle interval to evaluate: {@code 1m}, {@code 5m}, {@code 15m} or {@code day} (default). */
    public RuleSpec interval(String code) {
        String c = Objects.requireNonNull(code, "interval").trim().toLowerCase(Locale.ROOT);
        if (!INTERVALS.contains(c)) {
            throw new IllegalArgumentException("candle interval '" + code + "' is not known; use one of " + INTERVALS);
        }
        return new RuleSpec(type, symbol, c, params, channels, cooldown);
    }

    /** Notification channels ({@code email}, {@code telegram}, a host channel); none for all. */
    public RuleSpec channels(String... names) {
        List<String> list = new ArrayList<>();
        for (String n : names) {
            if (!CHANNEL.matcher(n).matches()) {
                throw new IllegalArgumentException("channel name '" + n + "' is not valid; use lower-case names such as email, telegram");
            }
            list.add(n);
        }
        return new RuleSpec(type, symbol, interval, params, List.copyOf(list), cooldown);
    }

    /** The least time between two firings (default none: only the transition rule applies). */
    public RuleSpec cooldown(Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException("cooldown must not be negative, was " + value);
        }
        return new RuleSpec(type, symbol, interval, params, channels, value);
    }

    RuleType type() {
        return type;
    }

    String symbol() {
        return symbol;
    }

    String interval() {
        return interval;
    }

    Map<String, Double> params() {
        if (type.needsThreshold() && !params.containsKey("threshold")) {
            throw new IllegalArgumentException(type + " on " + symbol + " needs a threshold: RuleSpec.of(" + type + ", symbol).param(\"threshold\", 100.0)");
        }
        if ((type == RuleType.MACD_CROSS_ABOVE || type == RuleType.MACD_CROSS_BELOW) && params.get("fast") >= params.get("slow")) {
            throw new IllegalArgumentException(type + ": fast (" + params.get("fast") + ") must be shorter than slow (" + params.get("slow") + ")");
        }
        return params;
    }

    List<String> channels() {
        return channels;
    }

    Duration cooldown() {
        return cooldown;
    }
}
