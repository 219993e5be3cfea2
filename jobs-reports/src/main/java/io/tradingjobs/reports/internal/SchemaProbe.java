package io.tradingjobs.reports.internal;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;

/**
 * Asks the database whether another module's table exists (in the connection's own schema) and
 * which columns it has, so a report reads what is installed and leaves out the rest.
 */
public final class SchemaProbe {
    private SchemaProbe() {
    }

    /** The lower-case column names of {@code table}, or empty when there is no such table. */
    public static Optional<Set<String>> columns(DSLContext dsl, String table) {
        return dsl.connectionResult(c -> {
            DatabaseMetaData md = c.getMetaData();
            String schema = c.getSchema();
            Set<String> cols = new LinkedHashSet<>();
            for (String name : new String[] {table, table.toUpperCase(Locale.ROOT)}) {
                try (ResultSet rs = md.getColumns(c.getCatalog(), schema, name, null)) {
                    while (rs.next()) {
                        cols.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                    }
                }
                if (!cols.isEmpty()) {
                    break;
                }
            }
            return cols.isEmpty() ? Optional.<Set<String>>empty() : Optional.of(cols);
        });
    }

    /** Whether {@code table} exists with every one of {@code required} columns. */
    public static boolean has(DSLContext dsl, String table, String... required) {
        return columns(dsl, table).map(c -> c.containsAll(Set.of(required))).orElse(false);
    }

    /** The first of {@code candidates} that {@code columns} has, if any. */
    public static Optional<String> first(Set<String> columns, String... candidates) {
        for (String c : candidates) {
            if (columns.contains(c)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
