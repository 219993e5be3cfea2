package io.tradingjobs.maintenance.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.sqlite.SQLiteConfig;

/** Plain SQLite operations on files: connections of our own, integrity checks, sizes. */
public final class SqliteFiles {

    private SqliteFiles() {
    }

    /**
     * A connection of its own to {@code file} (never the library's pool), with a busy timeout.
     * It does not change the file's journal mode.
     */
    public static Connection open(Path file, int busyTimeoutMillis) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(busyTimeoutMillis);
        return config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
    }

    /**
     * The SQLite file behind {@code dsl} ({@code PRAGMA database_list}); empty for PostgreSQL or an
     * in-memory database.
     */
    public static Optional<Path> mainFile(DSLContext dsl) {
        if (dsl.dialect().family() != SQLDialect.SQLITE) {
            return Optional.empty();
        }
        for (Record r : dsl.fetch("PRAGMA database_list")) {
            if ("main".equals(r.get("name", String.class))) {
                String file = r.get("file", String.class);
                return file == null || file.isBlank() ? Optional.empty() : Optional.of(Path.of(file).toAbsolutePath().normalize());
            }
        }
        return Optional.empty();
    }

    /**
     * Runs {@code PRAGMA integrity_check} (or {@code quick_check}).
     *
     * @return the problems found; empty when the database is sound
     */
    public static List<String> integrityProblems(Connection c, boolean quick) throws SQLException {
        List<String> problems = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(quick ? "PRAGMA quick_check" : "PRAGMA integrity_check")) {
            while (rs.next()) {
                String line = rs.getString(1);
                if (!"ok".equalsIgnoreCase(line) && !line.startsWith("*** in database")) {
                    problems.add(line);
                }
            }
        }
        return problems;
    }

    /** Row count per user table, ordered by name. */
    public static Map<String, Long> rowCounts(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String t : tables) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM \"" + t.replace("\"", "\"\"") + "\"")) {
                rs.next();
                counts.put(t, rs.getLong(1));
            }
        }
        return counts;
    }

    /** Bytes on disk of the database file plus its WAL. */
    public static long sizeOnDisk(Path file) {
        return size(file) + size(Path.of(file + "-wal"));
    }

    private static long size(Path p) {
        try {
            return Files.exists(p) ? Files.size(p) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** Whether the SQLite error is a corrupt or non-database file. */
    public static boolean isCorruption(SQLException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("SQLITE_CORRUPT") || m.contains("SQLITE_NOTADB") || m.contains("malformed") || m.contains("not a database");
    }

    /** {@code bytes} as text, e.g. {@code 12.3 MB}. */
    public static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double v = bytes;
        String[] units = {"KB", "MB", "GB", "TB"};
        int i = -1;
        while (v >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[i]);
    }
}
