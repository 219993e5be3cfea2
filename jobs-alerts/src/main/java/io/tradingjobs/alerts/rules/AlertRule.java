package io.tradingjobs.alerts.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A stored alert rule, as {@link AlertRules} returns it. Immutable.
 *
 * @param id the rule's id
 * @param symbol the instrument key of the candles and quotes it reads
 * @param type what it watches
 * @param interval the candle interval it evaluates ({@code 1m}, {@code 5m}, {@code 15m}, {@code day})
 * @param parameters every parameter of the type, defaults filled in
 * @param channels notification channels; empty for every enabled channel
 * @param enabled whether the scan evaluates it
 * @param cooldown the least time between two firings
 * @param createdAt when it was created
 */
public record AlertRule(String id, String symbol, RuleType type, String interval, Map<String, Double> parameters,
                        List<String> channels, boolean enabled, Duration cooldown, Instant createdAt) {

    /** Copies. */
    public AlertRule {
        Objects.requireNonNull(id, "id");
        parameters = java.util.Collections.unmodifiableMap(new TreeMap<>(parameters));
        channels = List.copyOf(channels);
    }

    /** A parameter's value; throws when the type has no such parameter. */
    public double parameter(String name) {
        Double v = parameters.get(name);
        if (v == null) {
            throw new IllegalArgumentException("rule " + id + " (" + type + ") has no parameter '" + name + "'; it has " + parameters.keySet());
        }
        return v;
    }
}
