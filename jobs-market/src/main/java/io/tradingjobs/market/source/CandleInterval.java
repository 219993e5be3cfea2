package io.tradingjobs.market.source;

import java.time.Duration;
import java.util.Locale;

/** The candle intervals the market jobs store: {@code 1m}, {@code 5m}, {@code 15m} and {@code day}. */
public enum CandleInterval {
    /** One minute. */
    ONE_MINUTE("1m", Duration.ofMinutes(1)),
    /** Five minutes. */
    FIVE_MINUTES("5m", Duration.ofMinutes(5)),
    /** Fifteen minutes. */
    FIFTEEN_MINUTES("15m", Duration.ofMinutes(15)),
    /** One trading day; its timestamp is midnight of the day in the exchange's zone. */
    DAY("day", Duration.ofDays(1));

    private final String code;
    private final Duration length;

    CandleInterval(String code, Duration length) {
        this.code = code;
        this.length = length;
    }

    /** The code stored in the {@code candle_interval} column and used in settings: {@code 1m}, {@code day}. */
    public String code() {
        return code;
    }

    /** The bar length (a day for {@link #DAY}). */
    public Duration length() {
        return length;
    }

    /** Whether bars are shorter than a day. */
    public boolean isIntraday() {
        return this != DAY;
    }

    /**
     * The interval for a code such as {@code 1m}, {@code 5m}, {@code 15m}, {@code day} (also
     * {@code 1minute}, {@code 1d}).
     *
     * @throws IllegalArgumentException naming the bad code and the valid ones
     */
    public static CandleInterval of(String code) {
        String c = code == null ? "" : code.trim().toLowerCase(Locale.ROOT);
        switch (c) {
            case "1m": case "1min": case "1minute": return ONE_MINUTE;
            case "5m": case "5min": case "5minute": return FIVE_MINUTES;
            case "15m": case "15min": case "15minute": return FIFTEEN_MINUTES;
            case "day": case "1d": case "d": return DAY;
            default:
                throw new IllegalArgumentException("candle interval '" + code + "' is not known; use 1m, 5m, 15m or day");
        }
    }
}
