package io.tradingjobs.reports.trades;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One fill of a strategy.
 *
 * @param id unique per trade (the broker's order or fill id)
 * @param strategy the strategy it belongs to, e.g. {@code momentum-nifty}
 * @param symbol the instrument key whose stored day candles mark it to market, e.g. {@code NSE_EQ|INE002A01018}
 * @param side buy or sell
 * @param quantity units, positive
 * @param price price per unit
 * @param fees what the fill cost (brokerage, taxes), zero or positive
 * @param time when it was filled
 */
public record Trade(String id, String strategy, String symbol, Side side, BigDecimal quantity, BigDecimal price, BigDecimal fees,
                    Instant time) {

    /** Buy or sell. */
    public enum Side {
        /** Buys: opens or adds to a long, or covers a short. */
        BUY,
        /** Sells: closes or reduces a long, or opens a short. */
        SELL
    }

    /**
     * Validates.
     *
     * @throws IllegalArgumentException naming the trade and the bad value
     */
    public Trade {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(time, "time");
        fees = fees == null ? BigDecimal.ZERO : fees;
        if (quantity.signum() <= 0) {
            throw new IllegalArgumentException("trade " + id + ": quantity must be positive, was " + quantity.toPlainString());
        }
        if (price.signum() < 0) {
            throw new IllegalArgumentException("trade " + id + ": price must not be negative, was " + price.toPlainString());
        }
        if (fees.signum() < 0) {
            throw new IllegalArgumentException("trade " + id + ": fees must not be negative, was " + fees.toPlainString());
        }
    }

    /** +1 for a buy, -1 for a sell. */
    public int sign() {
        return side == Side.BUY ? 1 : -1;
    }
}
