package io.tradingjobs.maintenance;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.sqlite.SQLiteConfig;

/** An SQLite pool configured as the library's own (WAL, busy timeout, IMMEDIATE transactions). */
public final class TestSqlite implements AutoCloseable {
    private final HikariDataSource pool;
    private final DSLContext dsl;
    private final Path file;

    private TestSqlite(Path file) {
        this.file = file;
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl("jdbc:sqlite:" + file);
        hc.setMaximumPoolSize(4);
        SQLiteConfig sc = new SQLiteConfig();
        sc.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sc.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        sc.setBusyTimeout(30_000);
        sc.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        hc.setDataSourceProperties(sc.toProperties());
        this.pool = new HikariDataSource(hc);
        this.dsl = DSL.using(pool, SQLDialect.SQLITE);
    }

    /** Opens (creating) {@code file}. */
    public static TestSqlite open(Path file) {
        return new TestSqlite(file);
    }

    /** The jOOQ context over the pool. */
    public DSLContext dsl() {
        return dsl;
    }

    /** The file. */
    public Path file() {
        return file;
    }

    @Override
    public void close() {
        pool.close();
    }

    /** Runs statements on a plain connection to {@code file}. */
    public static void exec(Path file, String... sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }

    /** A single long from a query on a plain connection. */
    public static long queryLong(Path file, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Creates a small database whose index {@code ix_widgets_name} is damaged: the table still
     * reads, {@code PRAGMA integrity_check} fails.
     */
    public static void createWithDamagedIndex(Path file) throws SQLException, IOException {
        exec(file, "PRAGMA journal_mode=DELETE", "CREATE TABLE widgets (id INTEGER PRIMARY KEY, name TEXT)",
                "CREATE INDEX ix_widgets_name ON widgets (name)",
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50) INSERT INTO widgets SELECT i, 'w' || i FROM n");
        long root = queryLong(file, "SELECT rootpage FROM sqlite_master WHERE name = 'ix_widgets_name'");
        long pageSize = queryLong(file, "PRAGMA page_size");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek((root - 1) * pageSize + 8);
            byte[] garbage = new byte[64];
            java.util.Arrays.fill(garbage, (byte) 0x7f);
            raf.write(garbage);
        }
    }

    /** Overwrites pages 2 to 4 of {@code file} (the first table's pages) with garbage, as a failing disk would. */
    public static void corrupt(Path file) throws IOException, SQLException {
        exec(file, "PRAGMA wal_checkpoint(TRUNCATE)", "PRAGMA journal_mode=DELETE");
        long pageSize = queryLong(file, "PRAGMA page_size");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            byte[] garbage = new byte[(int) pageSize * 3];
            java.util.Arrays.fill(garbage, (byte) 0x5a);
            raf.seek(pageSize);
            raf.write(garbage);
        }
    }
}
