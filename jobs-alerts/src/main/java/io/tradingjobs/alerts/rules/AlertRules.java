package io.tradingjobs.alerts.rules;

import static io.tradingjobs.alerts.internal.db.Tables.ALERT_EVENTS;
import static io.tradingjobs.alerts.internal.db.Tables.ALERT_RULES;
import static io.tradingjobs.alerts.internal.db.Tables.ALERT_RULE_STATE;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradingjobs.alerts.internal.db.tables.records.AlertRulesRecord;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Creates, lists, enables and deletes alert rules, stored in {@code alert_rules}. Inject it
 * ({@code @Inject AlertRules rules}) or build one over the scheduler's database with
 * {@code new AlertRules(dsl, clock)}. Thread-safe; every call is one short transaction.
 */
public class AlertRules {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DSLContext dsl;
    private final Clock clock;

    /**
     * @param dsl the scheduler's database (the {@code alert_*} tables exist once it has started
     *     or once a {@code JobTestKit} was built)
     * @param clock the time stamped on rules
     */
    @Inject
    public AlertRules(DSLContext dsl, Clock clock) {
        this.dsl = dsl;
        this.clock = clock;
    }

    /**
     * Stores a new, enabled rule.
     *
     * @return the rule with its new id and every parameter filled in
     * @throws IllegalArgumentException when a price rule has no threshold, or MACD periods are inverted
     */
    public AlertRule create(RuleSpec spec) {
        Map<String, Double> params = new TreeMap<>(spec.params());
        String id = "rule-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        long now = clock.millis();
        dsl.insertInto(ALERT_RULES)
                .set(ALERT_RULES.RULE_ID, id)
                .set(ALERT_RULES.SYMBOL, spec.symbol())
                .set(ALERT_RULES.RULE_TYPE, spec.type().name())
                .set(ALERT_RULES.CANDLE_INTERVAL, spec.interval())
                .set(ALERT_RULES.PARAMETERS, toJson(params))
                .set(ALERT_RULES.CHANNELS, String.join(",", spec.channels()))
                .set(ALERT_RULES.ENABLED, 1)
                .set(ALERT_RULES.COOLDOWN_MS, spec.cooldown().toMillis())
                .set(ALERT_RULES.CREATED_AT, now)
                .set(ALERT_RULES.UPDATED_AT, now)
                .execute();
        return get(id).orElseThrow();
    }

    /** Every rule, by symbol then id. */
    public List<AlertRule> list() {
        return dsl.selectFrom(ALERT_RULES).orderBy(ALERT_RULES.SYMBOL, ALERT_RULES.RULE_ID).fetch(AlertRules::toRule);
    }

    /** The rules on {@code symbol}, by id. */
    public List<AlertRule> list(String symbol) {
        return dsl.selectFrom(ALERT_RULES).where(ALERT_RULES.SYMBOL.eq(symbol)).orderBy(ALERT_RULES.RULE_ID).fetch(AlertRules::toRule);
    }

    /** The rule with {@code id}, if it exists. */
    public Optional<AlertRule> get(String id) {
        return dsl.selectFrom(ALERT_RULES).where(ALERT_RULES.RULE_ID.eq(id)).fetchOptional(AlertRules::toRule);
    }

    /**
     * Enables or disables a rule. A disabled rule keeps its state; when enabled again it fires
     * only on a new transition.
     *
     * @return false when there is no such rule
     */
    public boolean enable(String id, boolean enabled) {
        return dsl.update(ALERT_RULES).set(ALERT_RULES.ENABLED, enabled ? 1 : 0).set(ALERT_RULES.UPDATED_AT, clock.millis())
                .where(ALERT_RULES.RULE_ID.eq(id)).execute() == 1;
    }

    /**
     * Deletes a rule and its evaluation state; its past events stay in {@code alert_events}.
     *
     * @return false when there was no such rule
     */
    public boolean delete(String id) {
        return dsl.transactionResult(cfg -> {
            DSLContext tx = DSL.using(cfg);
            tx.deleteFrom(ALERT_RULE_STATE).where(ALERT_RULE_STATE.RULE_ID.eq(id)).execute();
            return tx.deleteFrom(ALERT_RULES).where(ALERT_RULES.RULE_ID.eq(id)).execute() == 1;
        });
    }

    /** How many events rule {@code id} has fired. */
    public int eventCount(String id) {
        return dsl.fetchCount(ALERT_EVENTS, ALERT_EVENTS.RULE_ID.eq(id));
    }

    /** Maps a stored row; public for the scan. */
    public static AlertRule toRule(AlertRulesRecord r) {
        List<String> channels = r.getChannels().isBlank() ? List.of() : Arrays.stream(r.getChannels().split(",")).map(String::trim).toList();
        return new AlertRule(r.getRuleId(), r.getSymbol(), RuleType.valueOf(r.getRuleType()), r.getCandleInterval(),
                fromJson(r.getParameters()), channels, r.getEnabled() != 0, Duration.ofMillis(r.getCooldownMs()),
                Instant.ofEpochMilli(r.getCreatedAt()));
    }

    private static String toJson(Map<String, Double> params) {
        try {
            return JSON.writeValueAsString(params);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Double> fromJson(String json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, Double>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("alert_rules.parameters is not a JSON object of numbers: " + json, e);
        }
    }
}
