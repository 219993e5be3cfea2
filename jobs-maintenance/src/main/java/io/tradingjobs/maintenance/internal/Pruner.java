package io.tradingjobs.maintenance.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes rows beyond their retention in small batches, each batch its own short transaction, so
 * other jobs keep writing meanwhile (on SQLite a batch holds the write lock for milliseconds).
 * Tables that do not exist are skipped (the module that owns them may not be installed).
 */
public final class Pruner {
    private static final Logger LOG = LoggerFactory.getLogger(Pruner.class);
    private static final List<String> TIME_COLUMNS = List.of("ts", "timestamp", "time", "datetime", "date", "candle_time",
            "created_at", "started_at");
    private static final long MILLIS_THRESHOLD = 100_000_000_000L; // 1973 in ms, 5138 in s

    private final DSLContext dsl;
    private final int batchSize;
    private final Runnable checkCancelled;

    /**
     * @param dsl the database
     * @param batchSize rows per delete transaction
     * @param checkCancelled called between batches; throws to stop
     */
    public Pruner(DSLContext dsl, int batchSize, Runnable checkCancelled) {
        this.dsl = dsl;
        this.batchSize = batchSize;
        this.checkCancelled = checkCancelled;
    }

    /**
     * Applies every rule.
     *
     * @return rows deleted per table, in rule order; tables that do not exist are absent
     */
    public Map<String, Long> prune(List<RetentionRule> rules, Instant now) {
        Map<String, Long> deleted = new LinkedHashMap<>();
        for (RetentionRule rule : rules) {
            Map<String, String> columns = columns(rule.table());
            if (columns.isEmpty()) {
                LOG.debug("retention: table {} does not exist, skipped", rule.table());
                continue;
            }
            String column = rule.column() != null ? rule.column().toLowerCase(Locale.ROOT) : defaultColumn(rule.table(), columns)
                    .orElseThrow(() -> new IllegalStateException("retention of table " + rule.table() + ": no time column found among "
                            + columns.keySet() + "; set maintenance.retention." + rule.table() + ".column"));
            if (!columns.containsKey(column)) {
                throw new IllegalStateException("retention of table " + rule.table() + ": column " + column + " does not exist (columns: "
                        + columns.keySet() + "); fix maintenance.retention." + rule.table() + ".column");
            }
            Instant cutoff = now.minus(rule.maxAge());
            RetentionRule.Unit unit = rule.unit() != null ? rule.unit() : detectUnit(rule.table(), column, columns.get(column));
            Object bound = cutoffValue(unit, cutoff, rule.table(), column);
            long n = deleteOlder(rule.table(), column, bound, unit == RetentionRule.Unit.TIMESTAMP ? "CAST(? AS timestamptz)" : "?");
            deleted.put(rule.table(), n);
            if (n > 0) {
                LOG.info("retention: deleted {} rows of {} with {} before {}", n, rule.table(), column, cutoff);
            }
        }
        return deleted;
    }

    private boolean sqlite() {
        return dsl.dialect().family() == SQLDialect.SQLITE;
    }

    /** Column name (lower case) to declared type; empty when the table does not exist. */
    private Map<String, String> columns(String table) {
        Map<String, String> out = new LinkedHashMap<>();
        if (sqlite()) {
            for (Record r : dsl.fetch("SELECT name, type FROM pragma_table_info(?)", table)) {
                out.put(r.get(0, String.class).toLowerCase(Locale.ROOT), String.valueOf(r.get(1, String.class)).toLowerCase(Locale.ROOT));
            }
        } else {
            for (Record r : dsl.fetch("SELECT column_name, data_type FROM information_schema.columns "
                    + "WHERE table_schema = current_schema() AND table_name = ?", table.toLowerCase(Locale.ROOT))) {
                out.put(r.get(0, String.class).toLowerCase(Locale.ROOT), r.get(1, String.class).toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    private static Optional<String> defaultColumn(String table, Map<String, String> columns) {
        if (table.equalsIgnoreCase("job_runs")) {
            return Optional.of("started_at");
        }
        return TIME_COLUMNS.stream().filter(columns::containsKey).findFirst();
    }

    private RetentionRule.Unit detectUnit(String table, String column, String type) {
        if (type.contains("timestamp") || type.equals("date")) {
            return sqlite() ? RetentionRule.Unit.TEXT : RetentionRule.Unit.TIMESTAMP;
        }
        // Read the sample as text: a driver may map a declared INTEGER to a Java int and wrap epoch millis.
        Record sample = dsl.fetchOne("SELECT " + (sqlite() ? "typeof(" + q(column) + ")" : "'" + type.replace("'", "") + "'") + ", CAST("
                + q(column) + " AS TEXT) FROM " + q(table) + " WHERE " + q(column) + " IS NOT NULL LIMIT 1");
        if (sample == null) {
            return type.contains("int") ? RetentionRule.Unit.EPOCH_MILLIS : RetentionRule.Unit.TEXT;
        }
        String kind = sample.get(0, String.class).toLowerCase(Locale.ROOT);
        boolean numeric = kind.contains("int") || kind.equals("real") || kind.contains("numeric") || kind.contains("double");
        if (numeric) {
            double v = Double.parseDouble(sample.get(1, String.class));
            return Math.abs(v) >= MILLIS_THRESHOLD ? RetentionRule.Unit.EPOCH_MILLIS : RetentionRule.Unit.EPOCH_SECONDS;
        }
        return RetentionRule.Unit.TEXT;
    }

    private Object cutoffValue(RetentionRule.Unit unit, Instant cutoff, String table, String column) {
        switch (unit) {
            case EPOCH_MILLIS: return cutoff.toEpochMilli();
            case EPOCH_SECONDS: return cutoff.getEpochSecond();
            case TIMESTAMP: return OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC).toString();
            default:
                Record sample = dsl.fetchOne("SELECT CAST(" + q(column) + " AS TEXT) FROM " + q(table) + " WHERE " + q(column)
                        + " IS NOT NULL LIMIT 1");
                LocalDateTime t = LocalDateTime.ofInstant(cutoff, ZoneOffset.UTC);
                String s = sample == null || sample.get(0) == null ? "" : sample.get(0, String.class);
                if (s.length() == 10) {
                    return t.toLocalDate().toString();
                }
                return t.format(DateTimeFormatter.ofPattern(s.length() > 10 && s.charAt(10) == 'T' ? "yyyy-MM-dd'T'HH:mm:ss" : "yyyy-MM-dd HH:mm:ss"));
        }
    }

    private long deleteOlder(String table, String column, Object cutoff, String param) {
        String sql = sqlite()
                ? "DELETE FROM " + q(table) + " WHERE rowid IN (SELECT rowid FROM " + q(table) + " WHERE " + q(column) + " < " + param + " LIMIT " + batchSize + ")"
                : "DELETE FROM " + q(table) + " WHERE ctid = ANY(ARRAY(SELECT ctid FROM " + q(table) + " WHERE " + q(column) + " < " + param + " LIMIT "
                        + batchSize + "))";
        long total = 0;
        while (true) {
            checkCancelled.run();
            int n = dsl.transactionResult(cfg -> DSL.using(cfg).execute(sql, cutoff));
            total += n;
            if (n < batchSize) {
                return total;
            }
        }
    }

    private String q(String identifier) {
        return dsl.render(DSL.name(identifier));
    }

    /** The tables among {@code rules} that exist, for reports. */
    public List<String> existing(List<RetentionRule> rules) {
        List<String> out = new ArrayList<>();
        for (RetentionRule r : rules) {
            if (!columns(r.table()).isEmpty()) {
                out.add(r.table());
            }
        }
        return out;
    }
}
