package io.tradingjobs.reports.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads other modules' signals through the schema only: jobs-alerts' {@code alert_anomalies}
 * (or a host's {@code anomalies}) and {@code sentiment_history}, jobs-nse's {@code earnings_calendar} and
 * {@code corporate_announcements}. A missing table, or one without the columns needed, reads as
 * empty (the report is then shorter). Column names are matched among the usual candidates, and
 * times are epoch milliseconds.
 */
public final class SignalTables {
    private static final Logger LOG = LoggerFactory.getLogger(SignalTables.class);

    /** An anomaly as reported. */
    public record Anomaly(Instant at, String symbol, String type, String severity, String description) {
    }

    /** Sentiment over a window. */
    public record Sentiment(int readings, double averageScore, int positive, int negative, int neutral,
                            List<Map.Entry<String, Double>> mostPositive, List<Map.Entry<String, Double>> mostNegative) {
    }

    /** A dated event of the corporate calendar. */
    public record CalendarEvent(LocalDate date, String symbol, String company, String kind, String detail) {
    }

    private SignalTables() {
    }

    /** Anomalies detected in {@code [from, to)}, most severe and newest first; empty when the table is missing. */
    public static Optional<List<Anomaly>> anomalies(DSLContext dsl, long from, long to, int limit) {
        String tableName = "alert_anomalies";
        Optional<Set<String>> cols = SchemaProbe.columns(dsl, tableName);
        if (cols.isEmpty()) {
            tableName = "anomalies";
            cols = SchemaProbe.columns(dsl, tableName);
        }
        if (cols.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> time = SchemaProbe.first(cols.get(), "detected_at", "created_at", "ts", "observed_at", "occurred_at");
        if (time.isEmpty()) {
            LOG.warn("{} has no time column (detected_at, created_at, ts); leaving anomalies out of the report", tableName);
            return Optional.empty();
        }
        Field<Long> ts = field(name(time.get()), Long.class);
        Field<String> symbol = text(cols.get(), "symbol", "ticker", "isin", "instrument_key");
        Field<String> type = text(cols.get(), "anomaly_type", "type", "kind", "rule");
        Field<String> severity = text(cols.get(), "severity", "level");
        Field<String> description = text(cols.get(), "description", "message", "details", "summary");
        try {
            List<Anomaly> out = new ArrayList<>();
            for (Record r : dsl.select(ts, symbol, type, severity, description).from(table(name(tableName)))
                    .where(ts.ge(from)).and(ts.lt(to)).orderBy(ts.desc()).limit(500).fetch()) {
                out.add(new Anomaly(Instant.ofEpochMilli(r.get(ts)), r.get(symbol), r.get(type), r.get(severity), r.get(description)));
            }
            out.sort(Comparator.comparingInt((Anomaly a) -> rank(a.severity())).thenComparing(Anomaly::at, Comparator.reverseOrder()));
            return Optional.of(out.size() > limit ? out.subList(0, limit) : out);
        } catch (DataAccessException e) {
            LOG.warn("could not read anomalies ({}); leaving them out of the report", e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Sentiment in {@code [from, to)}; empty when the table is missing. Reads jobs-alerts' daily
     * buckets ({@code scope = 'symbol'}, {@code subject}, {@code articles}, {@code positive},
     * {@code negative}, {@code neutral}, {@code avg_score}, {@code bucket_start}), the average
     * weighted by articles; or, in a table of single readings, {@code score} per row.
     */
    public static Optional<Sentiment> sentiment(DSLContext dsl, long from, long to) {
        Optional<Set<String>> cols = SchemaProbe.columns(dsl, "sentiment_history");
        if (cols.isEmpty()) {
            return Optional.empty();
        }
        Set<String> c = cols.get();
        Optional<String> time = SchemaProbe.first(c, "bucket_start", "recorded_at", "computed_at", "created_at", "ts", "snapshot_at");
        Optional<String> score = SchemaProbe.first(c, "avg_score", "score", "sentiment_score", "average_score");
        if (time.isEmpty() || score.isEmpty()) {
            LOG.warn("sentiment_history has no time or score column; leaving sentiment out of the report");
            return Optional.empty();
        }
        boolean buckets = c.containsAll(Set.of("articles", "positive", "negative", "neutral"));
        Field<Long> ts = field(name(time.get()), Long.class);
        Field<Double> sc = field(name(score.get()), Double.class);
        Field<String> symbol = text(c, "subject", "symbol", "ticker", "isin", "entity");
        Field<Integer> articles = buckets ? field(name("articles"), Integer.class) : org.jooq.impl.DSL.inline(1);
        Field<Integer> pos = buckets ? field(name("positive"), Integer.class) : org.jooq.impl.DSL.inline(-1);
        Field<Integer> neg = buckets ? field(name("negative"), Integer.class) : org.jooq.impl.DSL.inline(-1);
        org.jooq.Condition where = ts.ge(from).and(ts.lt(to));
        if (c.contains("scope")) {
            where = where.and(field(name("scope"), String.class).eq("symbol"));
        }
        try {
            int n = 0;
            int positive = 0;
            int negative = 0;
            double sum = 0;
            Map<String, double[]> bySymbol = new HashMap<>();
            for (Record r : dsl.select(sc, symbol, articles, pos, neg).from(table(name("sentiment_history"))).where(where).fetch()) {
                Double s = r.get(sc);
                int weight = r.get(articles) == null ? 0 : r.get(articles);
                if (s == null || s.isNaN() || weight <= 0) {
                    continue;
                }
                n += weight;
                sum += s * weight;
                if (buckets) {
                    positive += r.get(pos);
                    negative += r.get(neg);
                } else {
                    positive += s > 0.05 ? 1 : 0;
                    negative += s < -0.05 ? 1 : 0;
                }
                String sym = r.get(symbol);
                if (sym != null) {
                    double[] acc = bySymbol.computeIfAbsent(sym, k -> new double[2]);
                    acc[0] += s * weight;
                    acc[1] += weight;
                }
            }
            if (n == 0) {
                return Optional.of(new Sentiment(0, Double.NaN, 0, 0, 0, List.of(), List.of()));
            }
            List<Map.Entry<String, Double>> avg = new ArrayList<>();
            bySymbol.forEach((k, v) -> avg.add(Map.entry(k, v[0] / v[1])));
            avg.sort(Map.Entry.comparingByValue(Comparator.reverseOrder()));
            List<Map.Entry<String, Double>> best = avg.stream().filter(e -> e.getValue() > 0.05).limit(3).toList();
            List<Map.Entry<String, Double>> worst = avg.stream().filter(e -> e.getValue() < -0.05)
                    .sorted(Map.Entry.comparingByValue()).limit(3).toList();
            return Optional.of(new Sentiment(n, sum / n, positive, negative, n - positive - negative, best, worst));
        } catch (DataAccessException e) {
            LOG.warn("could not read sentiment_history ({}); leaving it out of the report", e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Earnings meetings and corporate actions (by ex-date or event date) from {@code first} to
     * {@code last}; empty when neither table exists.
     */
    public static Optional<List<CalendarEvent>> calendar(DSLContext dsl, LocalDate first, LocalDate last) {
        boolean earnings = SchemaProbe.has(dsl, "earnings_calendar", "symbol", "meeting_date", "purpose");
        boolean actions = SchemaProbe.has(dsl, "corporate_announcements", "symbol", "action_type", "ex_date", "event_date", "subject");
        if (!earnings && !actions) {
            return Optional.empty();
        }
        String a = first.toString();
        String b = last.toString();
        List<CalendarEvent> out = new ArrayList<>();
        if (earnings) {
            Field<String> date = field(name("meeting_date"), String.class);
            for (Record r : dsl.select(date, field(name("symbol"), String.class), field(name("company_name"), String.class),
                    field(name("purpose"), String.class)).from(table(name("earnings_calendar"))).where(date.between(a, b)).fetch()) {
                out.add(new CalendarEvent(LocalDate.parse(r.get(0, String.class)), r.get(1, String.class), r.get(2, String.class),
                        "Earnings", r.get(3, String.class)));
            }
        }
        if (actions) {
            Field<String> ex = field(name("ex_date"), String.class);
            Field<String> ev = field(name("event_date"), String.class);
            for (Record r : dsl.select(ex, ev, field(name("symbol"), String.class), field(name("company_name"), String.class),
                            field(name("action_type"), String.class), field(name("subject"), String.class))
                    .from(table(name("corporate_announcements"))).where(ex.between(a, b).or(ev.between(a, b))).fetch()) {
                String d = r.get(0, String.class) != null && r.get(0, String.class).compareTo(a) >= 0 && r.get(0, String.class).compareTo(b) <= 0
                        ? r.get(0, String.class) : r.get(1, String.class);
                String kind = r.get(4, String.class);
                out.add(new CalendarEvent(LocalDate.parse(d), r.get(2, String.class), r.get(3, String.class),
                        kind == null ? "Corporate action" : kind.substring(0, 1).toUpperCase(Locale.ROOT) + kind.substring(1).toLowerCase(Locale.ROOT),
                        r.get(5, String.class)));
            }
        }
        out.sort(Comparator.comparing(CalendarEvent::date).thenComparing(CalendarEvent::symbol));
        return Optional.of(out);
    }

    private static Field<String> text(Set<String> cols, String... candidates) {
        return SchemaProbe.first(cols, candidates).map(c -> field(name(c), String.class))
                .orElse(org.jooq.impl.DSL.inline((String) null, String.class));
    }

    private static int rank(String severity) {
        if (severity == null) {
            return 5;
        }
        return switch (severity.toLowerCase(Locale.ROOT)) {
            case "critical" -> 0;
            case "high" -> 1;
            case "warning", "medium" -> 2;
            case "low" -> 3;
            case "info" -> 4;
            default -> 5;
        };
    }
}
