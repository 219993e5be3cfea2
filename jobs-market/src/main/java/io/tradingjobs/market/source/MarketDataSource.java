package io.tradingjobs.market.source;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Where the market jobs get their data: a broker or exchange API, or the simulated market.
 *
 * <p>The built-in sources are {@code upstox}, {@code bvmt} and {@code simulated}; the setting
 * {@code market.source} picks the one {@code market.sync}, {@code market.gaps} and
 * {@code market.backfill} use. A host binds its own broker through Guice, overriding the default:
 * <pre>{@code
 * builder.module(binder -> OptionalBinder.newOptionalBinder(binder, MarketDataSource.class)
 *         .setBinding().to(MyBrokerSource.class));
 * }</pre>
 * and sets {@code market.source} to any other name (e.g. {@code host}) so that no Upstox token is
 * required. Implementations are called from several threads at once and must be thread-safe. Every method
 * throws {@link MarketDataException} naming the instrument and URL when a fetch fails; only
 * {@link #candles} is required, the rest answer "not supported" by default.
 */
public interface MarketDataSource {

    /** A short name stored with the data, e.g. {@code upstox}. */
    String name();

    /** Whether the data is made up (the demo's simulated market); shown wherever it appears. */
    default boolean isSimulated() {
        return false;
    }

    /** The zone in which the source's days are counted (Asia/Kolkata for NSE). */
    default ZoneId zone() {
        return ZoneId.of("Asia/Kolkata");
    }

    /** The trading calendar code whose sessions the candles follow ({@code NSE}, {@code BVMT}). */
    default String calendar() {
        return "NSE";
    }

    /**
     * The candles of {@code instrumentKey} from the start of day {@code from} to the end of day
     * {@code to} (both in {@link #zone()}), oldest first; minutes without trades are missing.
     *
     * @throws MarketDataException when the fetch fails or the answer is malformed
     */
    List<Candle> candles(String instrumentKey, CandleInterval interval, LocalDate from, LocalDate to) throws MarketDataException;

    /**
     * The latest quotes of {@code instrumentKeys}, by the key as given; keys the source does not
     * know are absent.
     *
     * @throws MarketDataException when the fetch fails
     */
    default Map<String, Quote> quotes(Collection<String> instrumentKeys) throws MarketDataException {
        throw new UnsupportedOperationException(name() + " does not serve quotes");
    }

    /**
     * The option chain of {@code underlyingKey} for {@code expiry}, by strike.
     *
     * @throws MarketDataException when the fetch fails
     */
    default List<OptionStrike> optionChain(String underlyingKey, LocalDate expiry) throws MarketDataException {
        throw new UnsupportedOperationException(name() + " does not serve option chains");
    }

    /**
     * The current values of {@code indexKeys}.
     *
     * @throws MarketDataException when the fetch fails
     */
    default List<IndexValue> indices(Collection<String> indexKeys) throws MarketDataException {
        throw new UnsupportedOperationException(name() + " does not serve index values");
    }

    /**
     * The whole board with its indices (BVMT).
     *
     * @throws MarketDataException when the fetch fails
     */
    default Board board() throws MarketDataException {
        throw new UnsupportedOperationException(name() + " does not serve a board");
    }
}
