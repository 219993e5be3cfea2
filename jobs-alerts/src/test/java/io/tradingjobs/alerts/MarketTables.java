package io.tradingjobs.alerts;

import io.tradingjobs.core.config.Config;
import io.tradingjobs.core.spi.JobProvider;
import java.util.List;
import org.jooq.DSLContext;

/** Creates jobs-market's tables from its own migration scripts (a test dependency) and writes rows into them with plain SQL. */
public final class MarketTables implements JobProvider {

    @Override
    public String name() {
        return "test-market";
    }

    @Override
    public List<ProvidedJob> jobs(Config config) {
        return List.of();
    }

    @Override
    public List<String> migrations() {
        return List.of("classpath:db/tradingjobs/market/common");
    }

    /** Inserts one candle. */
    public static void candle(DSLContext dsl, String key, String interval, long ts, double o, double h, double l, double c, long volume) {
        dsl.execute("INSERT INTO candles (instrument_key, candle_interval, ts, open_price, high_price, low_price, close_price, volume, "
                + "open_interest, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 'test')", key, interval, ts, o, h, l, c, volume);
    }

    /** Inserts daily candles with the given closes (open = high = low = close), one day apart from {@code startMs}. */
    public static void closes(DSLContext dsl, String key, long startMs, double... closes) {
        for (int i = 0; i < closes.length; i++) {
            candle(dsl, key, "day", startMs + i * 86_400_000L, closes[i], closes[i], closes[i], closes[i], 1000);
        }
    }

    /** Sets the latest quote of {@code key}. */
    public static void quote(DSLContext dsl, String key, double price, long time) {
        dsl.execute("DELETE FROM latest_quotes WHERE instrument_key = ?", key);
        dsl.execute("INSERT INTO latest_quotes (instrument_key, symbol, last_price, quote_time, source, updated_at) "
                + "VALUES (?, ?, ?, ?, 'test', ?)", key, key, price, time, time);
    }
}
