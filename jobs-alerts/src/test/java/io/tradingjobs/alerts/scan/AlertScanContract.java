package io.tradingjobs.alerts.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingjobs.alerts.AlertsJobProvider;
import io.tradingjobs.alerts.MarketTables;
import io.tradingjobs.alerts.rules.AlertRule;
import io.tradingjobs.alerts.rules.AlertRules;
import io.tradingjobs.alerts.rules.RuleSpec;
import io.tradingjobs.alerts.rules.RuleType;
import io.tradingjobs.core.JobRun;
import io.tradingjobs.core.RunStatus;
import io.tradingjobs.core.notify.Notification;
import io.tradingjobs.core.notify.NotificationChannel;
import io.tradingjobs.core.testing.JobTestKit;
import io.tradingjobs.core.testing.SettableClock;
import com.google.inject.multibindings.Multibinder;
import java.time.Duration;
import java.time.Instant;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The scan's behaviour and its stored state, run on each database by a tiny subclass. */
abstract class AlertScanContract {
    static final String KEY = "NSE_EQ|INE002A01018";
    static final long DAY0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    final SettableClock clock = SettableClock.at(Instant.parse("2026-03-02T04:00:00Z"));
    JobTestKit kit;
    String url;

    /** A JDBC URL of an empty database that outlives one kit (for restarts). */
    abstract String newDatabaseUrl() throws Exception;

    @BeforeEach
    void start() throws Exception {
        url = newDatabaseUrl();
        kit = newKit();
    }

    @AfterEach
    void stop() {
        kit.close();
    }

    JobTestKit newKit() {
        return JobTestKit.builder().clock(clock).config("jobs.database.url", url)
                .module(binder -> Multibinder.newSetBinder(binder, NotificationChannel.class).addBinding().toInstance(new DeskChannel()))
                .provider(new AlertsJobProvider()).provider(new MarketTables()).build();
    }

    /** A host channel; the scan only has to name it (delivery is the dispatcher's business). */
    static final class DeskChannel implements NotificationChannel {
        @Override
        public String name() {
            return "desk";
        }

        @Override
        public void deliver(Notification notification) {
            // delivered by the dispatcher, which a JobTestKit does not start
        }
    }

    DSLContext dsl() {
        return kit.dsl();
    }

    AlertRules rules() {
        return new AlertRules(dsl(), clock);
    }

    JobRun scanAt(double price) {
        clock.advance(Duration.ofMinutes(1));
        MarketTables.quote(dsl(), KEY, price, clock.millis());
        JobRun run = kit.run("alerts.scan");
        assertThat(run.status()).as("run %s: %s", run.runId(), run.error()).isEqualTo(RunStatus.SUCCEEDED);
        return run;
    }

    int events(String ruleId) {
        return dsl().fetchCount(DSL.table("alert_events"), DSL.field("rule_id").eq(ruleId));
    }

    int notifications(String ruleId) {
        return dsl().fetchCount(DSL.table("notification_events"), DSL.field("event_key").like("alert:" + ruleId + ":%"));
    }

    @Test
    void aPriceThatStaysAboveItsThresholdAlertsOnceNotEveryMinute() {
        MarketTables.closes(dsl(), KEY, DAY0, 90, 95, 98);
        AlertRule rule = rules().create(RuleSpec.priceAbove(KEY, 100));

        scanAt(99);
        assertThat(events(rule.id())).isZero();
        scanAt(101);
        scanAt(102);
        scanAt(105);

        assertThat(events(rule.id())).isEqualTo(1);
        assertThat(notifications(rule.id())).isEqualTo(1);
    }

    @Test
    void aRuleFiresAgainOnlyAfterItsConditionWentFalseAndTrueAgain() {
        MarketTables.closes(dsl(), KEY, DAY0, 90, 95, 98);
        AlertRule rule = rules().create(RuleSpec.priceAbove(KEY, 100));

        scanAt(101);
        scanAt(99);
        scanAt(101);

        assertThat(events(rule.id())).isEqualTo(2);
        assertThat(notifications(rule.id())).isEqualTo(2);
    }

    @Test
    void aCrossingWithinTheCooldownIsSuppressedAndOneAfterItFires() {
        MarketTables.closes(dsl(), KEY, DAY0, 90, 95, 98);
        AlertRule rule = rules().create(RuleSpec.priceAbove(KEY, 100).cooldown(Duration.ofMinutes(30)));

        scanAt(101);
        scanAt(99);
        JobRun suppressed = scanAt(101);
        assertThat(events(rule.id())).isEqualTo(1);
        assertThat(suppressed.message()).contains("1 suppressed by cooldown");

        clock.advance(Duration.ofMinutes(30));
        scanAt(99);
        scanAt(101);
        assertThat(events(rule.id())).isEqualTo(2);
        assertThat(notifications(rule.id())).isEqualTo(2);
    }

    @Test
    void theStateSurvivesARestartInTheMiddleSoNothingFiresTwice() {
        MarketTables.closes(dsl(), KEY, DAY0, 90, 95, 98);
        AlertRule rule = rules().create(RuleSpec.priceAbove(KEY, 100));
        scanAt(101);
        assertThat(events(rule.id())).isEqualTo(1);

        kit.close();
        kit = newKit(); // a new scheduler on the same database, as after a restart or a fail-over

        scanAt(103);
        scanAt(104);
        assertThat(events(rule.id())).isEqualTo(1);
        scanAt(99);
        scanAt(101);
        assertThat(events(rule.id())).isEqualTo(2);
        assertThat(notifications(rule.id())).isEqualTo(2);
    }

    @Test
    void aNewRuleOnAPriceAlreadyAboveItsThresholdDoesNotFire() {
        MarketTables.closes(dsl(), KEY, DAY0, 110, 111, 112);
        AlertRule rule = rules().create(RuleSpec.priceAbove(KEY, 100));

        scanAt(113);

        assertThat(events(rule.id())).isZero();
        assertThat(dsl().fetchCount(DSL.table("alert_rule_state"))).isEqualTo(1);
    }

    @Test
    void eachEventHasExactlyOneNotificationOnTheRuleChannelsWithTheEventRowInTheSameTransaction() {
        MarketTables.closes(dsl(), KEY, DAY0, 90, 95, 98);
        AlertRule rule = rules().create(RuleSpec.priceBelow(KEY, 92).channels("desk"));

        scanAt(91);
        // Running the same scan again (no new quote) changes nothing.
        JobRun again = kit.run("alerts.scan");
        assertThat(again.status()).isEqualTo(RunStatus.SUCCEEDED);

        assertThat(events(rule.id())).isEqualTo(1);
        assertThat(notifications(rule.id())).isEqualTo(1);
        String eventId = dsl().fetchValue("SELECT event_id FROM notification_events WHERE event_key LIKE ?", "alert:" + rule.id() + ":%")
                .toString();
        assertThat(dsl().fetch("SELECT channel FROM notification_deliveries WHERE event_id = ?", eventId).getValues(0, String.class))
                .containsExactly("desk");
    }

    @Test
    void aSymbolWithTooFewBarsYieldsNoSignalAndNoFailure() {
        MarketTables.closes(dsl(), KEY, DAY0, 100, 101, 102, 103, 104);
        AlertRule rule = rules().create(RuleSpec.of(RuleType.RSI_OVERBOUGHT, KEY));

        JobRun run = kit.run("alerts.scan");

        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.message()).contains("1 without enough data");
        assertThat(events(rule.id())).isZero();
    }

    @Test
    void barsWithZeroOrMissingPricesAreSkippedAndCounted() {
        MarketTables.closes(dsl(), KEY, DAY0, 90, 95, 98);
        MarketTables.candle(dsl(), KEY, "day", DAY0 + 3 * 86_400_000L, 0, 0, 0, 0, 10);
        AlertRule rule = rules().create(RuleSpec.priceAbove(KEY, 97));

        JobRun run = kit.run("alerts.scan");

        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.message()).contains("1 bad bars");
        assertThat(events(rule.id())).isEqualTo(1); // 95 -> 98 crossed 97; the zero bar is ignored
    }

    @Test
    void anRsiRuleFiresWhenTheIndexTurnsOverbought() {
        double[] closes = new double[40];
        for (int i = 0; i < 30; i++) {
            closes[i] = 100 + (i % 2 == 0 ? 1 : -1); // RSI near 50
        }
        for (int i = 30; i < 40; i++) {
            closes[i] = closes[i - 1] + 2; // a steady climb
        }
        MarketTables.closes(dsl(), KEY, DAY0, java.util.Arrays.copyOf(closes, 30));
        AlertRule rule = rules().create(RuleSpec.of(RuleType.RSI_OVERBOUGHT, KEY));
        kit.run("alerts.scan");
        assertThat(events(rule.id())).isZero();

        for (int i = 30; i < 40; i++) {
            MarketTables.candle(dsl(), KEY, "day", DAY0 + i * 86_400_000L, closes[i], closes[i], closes[i], closes[i], 1000);
            clock.advance(Duration.ofMinutes(1));
            kit.run("alerts.scan");
        }
        assertThat(events(rule.id())).isEqualTo(1);
    }

    @Test
    void rulesAreCreatedListedDisabledAndDeleted() {
        AlertRules rules = rules();
        AlertRule a = rules.create(RuleSpec.priceAbove(KEY, 100).channels("email"));
        AlertRule b = rules.create(RuleSpec.of(RuleType.MACD_CROSS_ABOVE, KEY).interval("15m"));

        assertThat(rules.list()).extracting(AlertRule::id).containsExactlyInAnyOrder(a.id(), b.id());
        assertThat(rules.get(b.id()).orElseThrow().parameters()).containsEntry("fast", 12.0).containsEntry("slow", 26.0)
                .containsEntry("signal", 9.0);
        assertThat(rules.get(a.id()).orElseThrow().channels()).containsExactly("email");
        assertThat(rules.enable(a.id(), false)).isTrue();
        assertThat(rules.get(a.id()).orElseThrow().enabled()).isFalse();
        assertThat(rules.delete(b.id())).isTrue();
        assertThat(rules.delete(b.id())).isFalse();
        assertThat(rules.list(KEY)).extracting(AlertRule::id).containsExactly(a.id());
    }

    @Test
    void aDisabledRuleIsNotEvaluated() {
        MarketTables.closes(dsl(), KEY, DAY0, 90, 95, 98);
        AlertRule rule = rules().create(RuleSpec.priceAbove(KEY, 100));
        rules().enable(rule.id(), false);

        JobRun run = scanAt(101);

        assertThat(run.message()).isEqualTo("no enabled alert rules");
        assertThat(events(rule.id())).isZero();
    }
}
