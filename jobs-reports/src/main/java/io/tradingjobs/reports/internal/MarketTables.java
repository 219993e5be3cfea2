package io.tradingjobs.reports.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;

/**
 * Reads jobs-market's {@code candles} through the schema only: day candles (interval {@code day},
 * timestamp = midnight of the day in the exchange's zone). A missing table reads as no data.
 */
public final class MarketTables {
    private static final Field<String> KEY = field(name("instrument_key"), String.class);
    private static final Field<String> INTERVAL = field(name("candle_interval"), String.class);
    private static final Field<Long> TS = field(name("ts"), Long.class);
    private static final Field<Double> CLOSE = field(name("close_price"), Double.class);

    private MarketTables() {
    }

    /** Day closes per instrument key up to and including {@code through}. */
    public static Map<String, NavigableMap<LocalDate, Double>> dayCloses(DSLContext dsl, Collection<String> keys, LocalDate through,
                                                                         ZoneId zone) {
        Map<String, NavigableMap<LocalDate, Double>> out = new HashMap<>();
        if (keys.isEmpty() || !SchemaProbe.has(dsl, "candles", "instrument_key", "candle_interval", "ts", "close_price")) {
            return out;
        }
        long end = through.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
        for (Record r : dsl.select(KEY, TS, CLOSE).from(table(name("candles")))
                .where(KEY.in(keys)).and(INTERVAL.eq("day")).and(TS.lt(end)).orderBy(KEY, TS).fetch()) {
            LocalDate d = Instant.ofEpochMilli(r.get(TS)).atZone(zone).toLocalDate();
            out.computeIfAbsent(r.get(KEY), k -> new TreeMap<>()).put(d, r.get(CLOSE));
        }
        return out;
    }
}
