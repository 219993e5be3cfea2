package io.tradingjobs.alerts.scan;

import static io.tradingjobs.alerts.internal.db.Tables.ALERT_EVENTS;
import static io.tradingjobs.alerts.internal.db.Tables.ALERT_RULES;
import static io.tradingjobs.alerts.internal.db.Tables.ALERT_RULE_STATE;

import io.tradingjobs.alerts.internal.Ids;
import io.tradingjobs.alerts.internal.db.tables.records.AlertRuleStateRecord;
import io.tradingjobs.alerts.rules.AlertRule;
import io.tradingjobs.alerts.rules.AlertRules;
import io.tradingjobs.core.notify.Notification;
import io.tradingjobs.core.notify.Notifier;
import io.tradingjobs.core.spi.Job;
import io.tradingjobs.core.spi.JobContext;
import io.tradingjobs.core.spi.NonRetryableException;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code alerts.scan}: evaluates every enabled rule on the latest stored candles and quotes and
 * records the rules that fire.
 *
 * <p>A rule fires when its condition turns from false to true: a price that stays above its
 * threshold alerts once, not every minute. The condition seen by the last scan is kept per rule
 * in {@code alert_rule_state} (written only when it changes), so the transition survives restarts
 * and cluster fail-over; with no stored state, the condition at the bar before the latest stands
 * in. A transition within the rule's cooldown of its last firing is suppressed (the state still
 * moves, so the rule fires again only on the next transition after the cooldown). Each firing is
 * a row in {@code alert_events} and a notification in the outbox, written with the state changes
 * in one transaction: exactly one notification per event, even when a scan is repeated.
 *
 * <p>Settings: {@code alerts.scan.bars} (bars loaded per symbol and interval, default 300).
 */
public final class AlertScanJob implements Job {
    private static final Logger LOG = LoggerFactory.getLogger(AlertScanJob.class);

    private final DSLContext dsl;
    private final Notifier notifier;

    /** Created by Guice for every run. */
    @Inject
    public AlertScanJob(DSLContext dsl, Notifier notifier) {
        this.dsl = dsl;
        this.notifier = notifier;
    }

    @Override
    public void run(JobContext ctx) throws NonRetryableException {
        int maxBars = ctx.config().integer("alerts.scan.bars", 300);
        List<AlertRule> rules = dsl.selectFrom(ALERT_RULES).where(ALERT_RULES.ENABLED.eq(1))
                .orderBy(ALERT_RULES.SYMBOL, ALERT_RULES.RULE_ID).fetch(AlertRules::toRule);
        if (rules.isEmpty()) {
            ctx.summary("no enabled alert rules");
            return;
        }
        if (!MarketData.tableExists(dsl, "candles") || !MarketData.tableExists(dsl, "latest_quotes")) {
            throw new NonRetryableException("the market tables candles and latest_quotes are missing from the database: "
                    + "alerts.scan reads the candles and quotes that jobs-market stores; add io.tradingjobs:jobs-market to the host");
        }
        long loadStart = System.nanoTime();
        MarketData.Skipped skipped = new MarketData.Skipped();
        Map<String, Map<String, SymbolBars>> byInterval = new LinkedHashMap<>();
        for (String interval : new TreeSet<>(rules.stream().map(AlertRule::interval).toList())) {
            byInterval.put(interval, MarketData.candles(dsl, interval, maxBars, skipped));
        }
        MarketData.quotes(dsl, byInterval, skipped);
        Map<String, AlertRuleStateRecord> states = new HashMap<>();
        for (AlertRuleStateRecord r : dsl.selectFrom(ALERT_RULE_STATE).fetch()) {
            states.put(r.getRuleId(), r);
        }
        long loadMs = (System.nanoTime() - loadStart) / 1_000_000;
        ctx.checkCancelled();

        long now = ctx.clock().millis();
        long computeStart = System.nanoTime();
        ScanResult result = scan(rules, byInterval, states, now);
        long computeMs = (System.nanoTime() - computeStart) / 1_000_000;

        int[] notified = {0};
        if (!result.stateChanges.isEmpty() || !result.firings.isEmpty()) {
            dsl.transaction(cfg -> {
                DSLContext tx = DSL.using(cfg);
                for (AlertRuleStateRecord s : result.stateChanges) {
                    tx.insertInto(ALERT_RULE_STATE).set(s).onConflict(ALERT_RULE_STATE.RULE_ID).doUpdate()
                            .set(ALERT_RULE_STATE.LAST_CONDITION, s.getLastCondition())
                            .set(ALERT_RULE_STATE.LAST_BAR_TS, s.getLastBarTs())
                            .set(ALERT_RULE_STATE.LAST_VALUE, s.getLastValue())
                            .set(ALERT_RULE_STATE.EVALUATED_AT, s.getEvaluatedAt())
                            .set(ALERT_RULE_STATE.LAST_FIRED_AT, s.getLastFiredAt())
                            .execute();
                }
                for (Firing f : result.firings) {
                    int inserted = tx.insertInto(ALERT_EVENTS)
                            .set(ALERT_EVENTS.EVENT_ID, Ids.hash("alert-event", f.rule.id(), Long.toString(f.eval.pointTime())))
                            .set(ALERT_EVENTS.RULE_ID, f.rule.id())
                            .set(ALERT_EVENTS.SYMBOL, f.rule.symbol())
                            .set(ALERT_EVENTS.RULE_TYPE, f.rule.type().name())
                            .set(ALERT_EVENTS.BAR_TS, f.eval.pointTime())
                            .set(ALERT_EVENTS.FIRED_AT, now)
                            .set(ALERT_EVENTS.OBSERVED_VALUE, finite(f.eval.value()))
                            .set(ALERT_EVENTS.THRESHOLD, finite(f.eval.threshold()))
                            .set(ALERT_EVENTS.MESSAGE, f.message)
                            .onConflictDoNothing()
                            .execute();
                    if (inserted == 1) {
                        Notification n = Notification.of("alert:" + f.rule.id() + ":" + f.eval.pointTime(), Notification.Severity.WARNING,
                                f.subject, f.message);
                        if (!f.rule.channels().isEmpty()) {
                            n = n.onlyTo(f.rule.channels().toArray(String[]::new));
                        }
                        try {
                            notifier.notify(tx, n);
                        } catch (IllegalArgumentException unknownChannel) {
                            LOG.warn("rule {} names a channel this scheduler does not have ({}); sending to every enabled channel instead",
                                    f.rule.id(), unknownChannel.getMessage());
                            notifier.notify(tx, Notification.of(n.eventKey(), n.severity(), n.subject(), n.body()));
                        }
                        notified[0]++;
                    }
                }
            });
        }
        String summary = String.format(Locale.ROOT, "%d rules on %d symbols: %d fired, %d suppressed by cooldown, %d without enough data;"
                        + " %d bad bars and %d bad quotes skipped; load %d ms, compute %d ms",
                rules.size(), rules.stream().map(AlertRule::symbol).distinct().count(), notified[0], result.suppressed,
                result.unknown, skipped.badBars, skipped.badQuotes, loadMs, computeMs);
        ctx.summary(summary);
        LOG.info(summary);
    }

    /** The pure part of the scan: no database, for tests and benchmarks. */
    static ScanResult scan(List<AlertRule> rules, Map<String, Map<String, SymbolBars>> byInterval,
                           Map<String, AlertRuleStateRecord> states, long now) {
        ScanResult result = new ScanResult();
        RuleEvaluator evaluator = new RuleEvaluator();
        for (AlertRule rule : rules) {
            SymbolBars bars = byInterval.getOrDefault(rule.interval(), Map.of()).get(rule.symbol());
            if (bars == null) {
                result.unknown++;
                continue;
            }
            Evaluation e = evaluator.evaluate(rule, bars);
            if (!e.known()) {
                result.unknown++; // too few bars or a gap: no signal, state unchanged
                continue;
            }
            AlertRuleStateRecord stored = states.get(rule.id());
            Integer storedCondition = stored == null ? null : stored.getLastCondition();
            byte before = storedCondition != null ? storedCondition.byteValue() : e.previous();
            boolean transition = e.current() == Evaluation.TRUE && before == Evaluation.FALSE;
            Long lastFired = stored == null ? null : stored.getLastFiredAt();
            boolean fire = false;
            if (transition) {
                boolean cooling = lastFired != null && now - lastFired < rule.cooldown().toMillis();
                if (cooling) {
                    result.suppressed++;
                } else {
                    fire = true;
                }
            }
            boolean changed = storedCondition == null || storedCondition != e.current() || fire;
            if (changed) {
                AlertRuleStateRecord s = new AlertRuleStateRecord();
                s.setRuleId(rule.id());
                s.setLastCondition((int) e.current());
                s.setLastBarTs(e.pointTime());
                s.setLastValue(finite(e.value()));
                s.setEvaluatedAt(now);
                s.setLastFiredAt(fire ? Long.valueOf(now) : lastFired);
                result.stateChanges.add(s);
            }
            if (fire) {
                result.firings.add(new Firing(rule, e, subject(rule, e), message(rule, e)));
            }
        }
        return result;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static String subject(AlertRule rule, Evaluation e) {
        return rule.symbol() + ": " + describe(rule, e);
    }

    private static String describe(AlertRule rule, Evaluation e) {
        switch (rule.type()) {
            case PRICE_ABOVE: return String.format(Locale.ROOT, "price %.2f rose above %.2f", e.value(), e.threshold());
            case PRICE_BELOW: return String.format(Locale.ROOT, "price %.2f fell below %.2f", e.value(), e.threshold());
            case RSI_OVERBOUGHT: return String.format(Locale.ROOT, "RSI(%d) %.1f is overbought (>= %.0f)",
                    (int) rule.parameter("period"), e.value(), e.threshold());
            case RSI_OVERSOLD: return String.format(Locale.ROOT, "RSI(%d) %.1f is oversold (<= %.0f)",
                    (int) rule.parameter("period"), e.value(), e.threshold());
            case VOLUME_SPIKE: return String.format(Locale.ROOT, "volume %.1fx its %d-bar average (>= %.1fx)",
                    e.value(), (int) rule.parameter("period"), e.threshold());
            case MACD_CROSS_ABOVE: return String.format(Locale.ROOT, "MACD crossed above its signal (histogram %.4f)", e.value());
            case MACD_CROSS_BELOW: return String.format(Locale.ROOT, "MACD crossed below its signal (histogram %.4f)", e.value());
            case RESISTANCE_BREAK: return String.format(Locale.ROOT, "price %.2f broke the %d-bar resistance %.2f",
                    e.value(), (int) rule.parameter("bars"), e.threshold());
            case SUPPORT_BREAK: return String.format(Locale.ROOT, "price %.2f broke the %d-bar support %.2f",
                    e.value(), (int) rule.parameter("bars"), e.threshold());
            default: return rule.type().name();
        }
    }

    private static String message(AlertRule rule, Evaluation e) {
        return describe(rule, e) + " on the " + rule.interval() + " bars at " + Instant.ofEpochMilli(e.pointTime())
                + " (rule " + rule.id() + ")";
    }

    /** What a scan decided. */
    static final class ScanResult {
        final List<AlertRuleStateRecord> stateChanges = new ArrayList<>();
        final List<Firing> firings = new ArrayList<>();
        int suppressed;
        int unknown;
    }

    record Firing(AlertRule rule, Evaluation eval, String subject, String message) {
    }
}
