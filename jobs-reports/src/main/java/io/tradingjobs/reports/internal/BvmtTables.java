package io.tradingjobs.reports.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.tradingjobs.reports.charts.Charts;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/**
 * Reads what jobs-market's market pulse stores ({@code pulse_snapshots}, {@code sector_performance},
 * {@code top_movers}, {@code index_values}) through the schema only. Every method answers
 * "nothing" when the table is not there. Times are epoch ms; a window is {@code [from, to)}.
 */
public final class BvmtTables {
    private static final Field<Long> SNAPSHOT_AT = field(name("snapshot_at"), Long.class);

    /** The market at one pulse snapshot. */
    public record Summary(Instant snapshotAt, int stocks, long volume, double tradedValue, double capitalisation, int advancers,
                          int decliners, int unchanged) {
    }

    /** An index through a window, with the last value before it. */
    public record IndexDay(String key, List<Charts.Point> points, Double previousClose, double last, Double changePercent) {
        /** The change from the previous close in points, or null. */
        public Double change() {
            return previousClose == null ? null : last - previousClose;
        }
    }

    /** A sector at a snapshot. */
    public record Sector(String name, int stocks, int advancers, int decliners, double avgChangePercent, double tradedValue) {
    }

    /** A stock's move. */
    public record Mover(String ticker, String name, Double lastPrice, double changePercent) {
    }

    private BvmtTables() {
    }

    /** The latest snapshot time of {@code tableName} in the window. */
    static Optional<Long> lastSnapshot(DSLContext dsl, String tableName, long from, long to) {
        if (!SchemaProbe.has(dsl, tableName, "snapshot_at")) {
            return Optional.empty();
        }
        return Optional.ofNullable(dsl.select(max(SNAPSHOT_AT)).from(table(name(tableName)))
                .where(SNAPSHOT_AT.ge(from)).and(SNAPSHOT_AT.lt(to)).fetchOne(0, Long.class));
    }

    /** Volume, traded value, capitalisation and breadth at the window's last pulse snapshot. */
    public static Optional<Summary> summary(DSLContext dsl, long from, long to) {
        Optional<Long> at = lastSnapshot(dsl, "pulse_snapshots", from, to);
        if (at.isEmpty()) {
            return Optional.empty();
        }
        int stocks = 0;
        int up = 0;
        int down = 0;
        long volume = 0;
        double value = 0;
        double caps = 0;
        for (Record r : dsl.select(field(name("volume"), Long.class), field(name("traded_value"), Double.class),
                        field(name("caps"), Double.class), field(name("change_percent"), Double.class))
                .from(table(name("pulse_snapshots"))).where(SNAPSHOT_AT.eq(at.get())).fetch()) {
            stocks++;
            volume += r.get(0) == null ? 0 : r.get(0, Long.class);
            value += r.get(1) == null ? 0 : r.get(1, Double.class);
            caps += r.get(2) == null ? 0 : r.get(2, Double.class);
            Double c = r.get(3, Double.class);
            if (c != null && c > 0) {
                up++;
            } else if (c != null && c < 0) {
                down++;
            }
        }
        return Optional.of(new Summary(Instant.ofEpochMilli(at.get()), stocks, volume, value, caps, up, down, stocks - up - down));
    }

    /** The index's values in the window, and its last value before it. */
    public static Optional<IndexDay> index(DSLContext dsl, String key, long from, long to) {
        if (!SchemaProbe.has(dsl, "index_values", "index_key", "ts", "index_value")) {
            return Optional.empty();
        }
        Table<?> t = table(name("index_values"));
        Field<String> k = field(name("index_key"), String.class);
        Field<Long> ts = field(name("ts"), Long.class);
        Field<Double> v = field(name("index_value"), Double.class);
        Field<Double> pct = field(name("change_percent"), Double.class);
        List<Charts.Point> points = new ArrayList<>();
        Double lastPct = null;
        for (Record r : dsl.select(ts, v, pct).from(t).where(k.eq(key)).and(ts.ge(from)).and(ts.lt(to)).orderBy(ts).fetch()) {
            points.add(new Charts.Point(Instant.ofEpochMilli(r.get(ts)), r.get(v)));
            lastPct = r.get(pct);
        }
        if (points.isEmpty()) {
            return Optional.empty();
        }
        Double prev = dsl.select(v).from(t).where(k.eq(key)).and(ts.lt(from)).orderBy(ts.desc()).limit(1).fetchOptional(v).orElse(null);
        double last = points.get(points.size() - 1).value();
        // Boxed on both sides: a ternary of double and a null Double would unbox the null.
        Double change = prev != null && prev != 0 ? Double.valueOf((last / prev - 1) * 100) : lastPct;
        return Optional.of(new IndexDay(key, points, prev, last, change));
    }

    /** The index's last value of each day from {@code first} to {@code last}, in {@code zone}. */
    public static NavigableMap<LocalDate, Double> dailyCloses(DSLContext dsl, String key, LocalDate first, LocalDate last, ZoneId zone) {
        NavigableMap<LocalDate, Double> out = new TreeMap<>();
        if (!SchemaProbe.has(dsl, "index_values", "index_key", "ts", "index_value")) {
            return out;
        }
        Field<String> k = field(name("index_key"), String.class);
        Field<Long> ts = field(name("ts"), Long.class);
        Field<Double> v = field(name("index_value"), Double.class);
        long from = first.atStartOfDay(zone).toInstant().toEpochMilli();
        long to = last.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
        for (Record r : dsl.select(ts, v).from(table(name("index_values"))).where(k.eq(key)).and(ts.ge(from)).and(ts.lt(to))
                .orderBy(ts).fetch()) {
            out.put(Instant.ofEpochMilli(r.get(ts)).atZone(zone).toLocalDate(), r.get(v));
        }
        return out;
    }

    /** Sectors at the window's last {@code sector_performance} snapshot, best first. */
    public static List<Sector> sectors(DSLContext dsl, long from, long to) {
        Optional<Long> at = lastSnapshot(dsl, "sector_performance", from, to);
        if (at.isEmpty()) {
            return List.of();
        }
        List<Sector> out = new ArrayList<>();
        for (Record r : dsl.select(field(name("sector"), String.class), field(name("stocks"), Integer.class),
                        field(name("advancers"), Integer.class), field(name("decliners"), Integer.class),
                        field(name("avg_change_percent"), Double.class), field(name("traded_value"), Double.class))
                .from(table(name("sector_performance"))).where(SNAPSHOT_AT.eq(at.get())).fetch()) {
            out.add(new Sector(r.get(0, String.class), r.get(1, Integer.class), r.get(2, Integer.class), r.get(3, Integer.class),
                    r.get(4, Double.class), r.get(5, Double.class)));
        }
        out.sort(Comparator.comparingDouble(Sector::avgChangePercent).reversed());
        return out;
    }

    /**
     * The biggest gainers (best first) and losers (worst first), at most {@code n} each: from
     * {@code top_movers} at the window's last snapshot, else from the last pulse snapshot's stocks.
     */
    public static Map<String, List<Mover>> movers(DSLContext dsl, long from, long to, int n) {
        List<Mover> all = new ArrayList<>();
        Optional<Long> at = lastSnapshot(dsl, "top_movers", from, to);
        if (at.isPresent()) {
            Map<String, String> names = stockNames(dsl, from, to);
            for (Record r : dsl.select(field(name("ticker"), String.class), field(name("isin"), String.class),
                            field(name("last_price"), Double.class), field(name("change_percent"), Double.class))
                    .from(table(name("top_movers"))).where(SNAPSHOT_AT.eq(at.get())).fetch()) {
                String ticker = r.get(0, String.class) == null ? r.get(1, String.class) : r.get(0, String.class);
                all.add(new Mover(ticker, names.get(r.get(1, String.class)), r.get(2, Double.class), r.get(3, Double.class)));
            }
        } else {
            Optional<Long> pulse = lastSnapshot(dsl, "pulse_snapshots", from, to);
            if (pulse.isPresent()) {
                for (Record r : dsl.select(field(name("ticker"), String.class), field(name("stock_name"), String.class),
                                field(name("last_price"), Double.class), field(name("change_percent"), Double.class))
                        .from(table(name("pulse_snapshots"))).where(SNAPSHOT_AT.eq(pulse.get())).fetch()) {
                    if (r.get(3) != null) {
                        all.add(new Mover(r.get(0, String.class), r.get(1, String.class), r.get(2, Double.class), r.get(3, Double.class)));
                    }
                }
            }
        }
        return split(all, n);
    }

    /** Gainers and losers of a list of moves. */
    public static Map<String, List<Mover>> split(List<Mover> all, int n) {
        List<Mover> gainers = all.stream().filter(m -> m.changePercent() > 0)
                .sorted(Comparator.comparingDouble(Mover::changePercent).reversed()).limit(n).toList();
        List<Mover> losers = all.stream().filter(m -> m.changePercent() < 0)
                .sorted(Comparator.comparingDouble(Mover::changePercent)).limit(n).toList();
        Map<String, List<Mover>> out = new HashMap<>();
        out.put("gainers", gainers);
        out.put("losers", losers);
        return out;
    }

    /**
     * Each stock's move over a window: from its reference price at the window's first pulse
     * snapshot to its last price at the last one.
     */
    public static List<Mover> periodMoves(DSLContext dsl, long from, long to) {
        if (!SchemaProbe.has(dsl, "pulse_snapshots", "snapshot_at", "isin", "last_price", "reference_price")) {
            return List.of();
        }
        Field<Long> min = org.jooq.impl.DSL.min(SNAPSHOT_AT);
        Long first = dsl.select(min).from(table(name("pulse_snapshots"))).where(SNAPSHOT_AT.ge(from)).and(SNAPSHOT_AT.lt(to))
                .fetchOne(0, Long.class);
        Optional<Long> last = lastSnapshot(dsl, "pulse_snapshots", from, to);
        if (first == null || last.isEmpty()) {
            return List.of();
        }
        Map<String, Double> start = new HashMap<>();
        for (Record r : dsl.select(field(name("isin"), String.class), field(name("reference_price"), Double.class))
                .from(table(name("pulse_snapshots"))).where(SNAPSHOT_AT.eq(first)).fetch()) {
            start.put(r.get(0, String.class), r.get(1, Double.class));
        }
        List<Mover> out = new ArrayList<>();
        for (Record r : dsl.select(field(name("isin"), String.class), field(name("ticker"), String.class),
                        field(name("stock_name"), String.class), field(name("last_price"), Double.class))
                .from(table(name("pulse_snapshots"))).where(SNAPSHOT_AT.eq(last.get())).fetch()) {
            Double s = start.get(r.get(0, String.class));
            Double p = r.get(3, Double.class);
            if (s != null && p != null && s > 0) {
                out.add(new Mover(r.get(1, String.class), r.get(2, String.class), p, (p / s - 1) * 100));
            }
        }
        return out;
    }

    private static Map<String, String> stockNames(DSLContext dsl, long from, long to) {
        Map<String, String> out = new HashMap<>();
        Optional<Long> at = lastSnapshot(dsl, "pulse_snapshots", from, to);
        at.ifPresent(a -> dsl.select(field(name("isin"), String.class), field(name("stock_name"), String.class))
                .from(table(name("pulse_snapshots"))).where(SNAPSHOT_AT.eq(a)).forEach(r -> out.put(r.value1(), r.value2())));
        return out;
    }
}
