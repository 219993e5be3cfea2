package io.tradingjobs.reports.trades;

import static io.tradingjobs.reports.internal.db.Tables.TRADES;

import io.tradingjobs.reports.internal.db.tables.records.TradesRecord;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The default {@link TradeSource}: the {@code trades} table, which the host fills (quantities,
 * prices and fees as exact decimal text, time as epoch milliseconds), directly or through
 * {@link #save(Collection)}.
 */
public final class TableTradeSource implements TradeSource {
    private final DSLContext dsl;

    @Inject
    public TableTradeSource(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public List<Trade> tradesBefore(Instant end) {
        return dsl.selectFrom(TRADES).where(TRADES.TRADED_AT.lt(end.toEpochMilli()))
                .orderBy(TRADES.TRADED_AT, TRADES.TRADE_ID).fetch(TableTradeSource::toTrade);
    }

    /** Inserts or replaces trades by id, in one transaction. */
    public void save(Collection<Trade> trades) {
        dsl.transaction(cfg -> {
            var tx = DSL.using(cfg);
            for (Trade t : trades) {
                tx.deleteFrom(TRADES).where(TRADES.TRADE_ID.eq(t.id())).execute();
                tx.insertInto(TRADES).set(TRADES.TRADE_ID, t.id()).set(TRADES.STRATEGY, t.strategy()).set(TRADES.SYMBOL, t.symbol())
                        .set(TRADES.SIDE, t.side().name()).set(TRADES.QUANTITY, t.quantity().toPlainString())
                        .set(TRADES.PRICE, t.price().toPlainString()).set(TRADES.FEES, t.fees().toPlainString())
                        .set(TRADES.TRADED_AT, t.time().toEpochMilli()).execute();
            }
        });
    }

    private static Trade toTrade(TradesRecord r) {
        String side = r.getSide().trim().toUpperCase(Locale.ROOT);
        Trade.Side s = switch (side) {
            case "BUY", "B" -> Trade.Side.BUY;
            case "SELL", "S" -> Trade.Side.SELL;
            default -> throw new IllegalStateException("trade " + r.getTradeId() + " has side '" + r.getSide() + "'; use BUY or SELL");
        };
        return new Trade(r.getTradeId(), r.getStrategy(), r.getSymbol(), s, decimal(r, "quantity", r.getQuantity()),
                decimal(r, "price", r.getPrice()), decimal(r, "fees", r.getFees()), Instant.ofEpochMilli(r.getTradedAt()));
    }

    private static BigDecimal decimal(TradesRecord r, String column, String text) {
        try {
            return new BigDecimal(text.trim());
        } catch (RuntimeException e) {
            throw new IllegalStateException("trade " + r.getTradeId() + " has " + column + " '" + text + "'; store exact decimal text such as 101.25");
        }
    }
}
