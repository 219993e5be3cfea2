package io.tradingjobs.examples.demo;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.tradingjobs.alerts.rules.AlertRules;
import io.tradingjobs.alerts.rules.RuleSpec;
import io.tradingjobs.alerts.rules.RuleType;
import io.tradingjobs.core.spi.Job;
import io.tradingjobs.core.spi.JobContext;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.jooq.DSLContext;

/**
 * The demo's stand-in for what a real platform's users and broker provide: a few alert rules (once)
 * and a day's fills of two strategies on NIFTY names at the stored prices, in the {@code trades}
 * table the performance job reads. Idempotent per day: running it again changes nothing.
 */
public final class SimulatedTraderJob implements Job {
    /** The job id. */
    public static final String ID = "demo.simulated-trader";

    static final String RELIANCE = "NSE_EQ|INE002A01018";
    static final String TCS = "NSE_EQ|INE467B01029";
    static final String INFY = "NSE_EQ|INE009A01021";
    static final String HDFC_BANK = "NSE_EQ|INE040A01034";

    private final DSLContext dsl;
    private final AlertRules rules;

    @Inject
    SimulatedTraderJob(DSLContext dsl, AlertRules rules) {
        this.dsl = dsl;
        this.rules = rules;
    }

    @Override
    public void run(JobContext context) {
        int newRules = rules.list().isEmpty() ? createRules() : 0;
        LocalDate day = LocalDate.now(context.clock().withZone(ZoneId.of("Asia/Kolkata")));
        Instant at = context.clock().instant();
        int fills = 0;
        fills += fill(day, "momentum", RELIANCE, "BUY", 50, at.minusSeconds(3 * 3600), 0);
        fills += fill(day, "momentum", RELIANCE, "SELL", 20, at.minusSeconds(3600), 1);
        fills += fill(day, "momentum", TCS, "BUY", 10, at.minusSeconds(2 * 3600), 2);
        fills += fill(day, "mean-reversion", INFY, "BUY", 40, at.minusSeconds(4 * 3600), 3);
        fills += fill(day, "mean-reversion", INFY, "SELL", 40, at.minusSeconds(1800), 4);
        fills += fill(day, "mean-reversion", HDFC_BANK, "BUY", 25, at.minusSeconds(5400), 5);
        context.summary(fills + " simulated fills for " + day + (newRules > 0 ? ", " + newRules + " example alert rules" : ""));
    }

    private int createRules() {
        List<RuleSpec> specs = List.of(
                RuleSpec.priceAbove(RELIANCE, lastPrice(RELIANCE) * 0.99),
                RuleSpec.of(RuleType.RSI_OVERSOLD, INFY).interval("15m"),
                RuleSpec.of(RuleType.VOLUME_SPIKE, TCS),
                RuleSpec.of(RuleType.MACD_CROSS_ABOVE, HDFC_BANK).interval("5m"));
        specs.forEach(rules::create);
        return specs.size();
    }

    /** One fill at the last stored price, nudged by {@code n} so fills differ; inserts nothing if the day already has it. */
    private int fill(LocalDate day, String strategy, String key, String side, int quantity, Instant at, int n) {
        BigDecimal price = BigDecimal.valueOf(lastPrice(key)).multiply(BigDecimal.valueOf(1000 + (n % 3) - 1))
                .divide(BigDecimal.valueOf(1000), 2, RoundingMode.HALF_EVEN);
        BigDecimal fees = price.multiply(BigDecimal.valueOf(quantity)).multiply(new BigDecimal("0.0003")).setScale(2, RoundingMode.HALF_EVEN);
        return dsl.insertInto(table(name("trades")))
                .columns(field(name("trade_id")), field(name("strategy")), field(name("symbol")), field(name("side")),
                        field(name("quantity")), field(name("price")), field(name("fees")), field(name("traded_at")))
                .values(day + "-" + strategy + "-" + n, strategy, key, side, Integer.toString(quantity), price.toPlainString(),
                        fees.toPlainString(), at.toEpochMilli())
                .onConflictDoNothing().execute();
    }

    /** The latest stored quote, else the latest day close, else 1000 (before the first market sync). */
    private double lastPrice(String key) {
        Double quote = dsl.select(field(name("last_price"), Double.class)).from(table(name("latest_quotes")))
                .where(field(name("instrument_key")).eq(key)).fetchOne(field(name("last_price"), Double.class));
        if (quote != null) {
            return quote;
        }
        Double close = dsl.select(field(name("close_price"), Double.class)).from(table(name("candles")))
                .where(field(name("instrument_key")).eq(key)).and(field(name("candle_interval")).eq("day"))
                .orderBy(field(name("ts")).desc()).limit(1).fetchOne(field(name("close_price"), Double.class));
        return close != null ? close : 1000.0;
    }
}
