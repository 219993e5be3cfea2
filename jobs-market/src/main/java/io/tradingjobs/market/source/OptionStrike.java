package io.tradingjobs.market.source;

import java.time.LocalDate;

/**
 * One strike of an option chain: the call and the put side (either may be absent: its fields are
 * {@code null}).
 *
 * @param underlyingKey e.g. {@code NSE_INDEX|Nifty 50}
 * @param expiry the expiry date
 * @param strike the strike price
 * @param spot the underlying's price
 * @param pcr put-call ratio at this strike
 * @param call the call side, or {@code null}
 * @param put the put side, or {@code null}
 */
public record OptionStrike(String underlyingKey, LocalDate expiry, double strike, Double spot, Double pcr, Side call, Side put) {

    /**
     * One side of a strike.
     *
     * @param instrumentKey the option's key, e.g. {@code NSE_FO|43885}
     * @param ltp last price
     * @param openInterest open interest
     * @param volume volume
     * @param iv implied volatility
     * @param delta delta
     */
    public record Side(String instrumentKey, Double ltp, Long openInterest, Long volume, Double iv, Double delta) {
    }
}
