package io.tradingjobs.core.internal.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tradingjobs.core.internal.db.DatabaseUrl.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * The library's one connection pool and jOOQ context. SQLite connections run in WAL mode with a
 * busy timeout and {@code BEGIN IMMEDIATE} transactions, so concurrent writers queue instead of
 * failing with {@code SQLITE_BUSY} (with the driver's default deferred transactions a reader that
 * later writes can deadlock another writer, which SQLite answers with an immediate BUSY error).
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final DataSource dataSource;
    private final HikariDataSource ownedPool;
    private final Kind kind;
    private final DSLContext dsl;
    private final String description;
    private final java.nio.file.Path sqliteFile;

    private Database(DataSource dataSource, HikariDataSource ownedPool, Kind kind, String description, java.nio.file.Path sqliteFile) {
        this.sqliteFile = sqliteFile;
        this.dataSource = dataSource;
        this.ownedPool = ownedPool;
        this.kind = kind;
        this.description = description;
        Settings settings = new Settings().withExecuteLogging(false).withRenderSchema(false);
        this.dsl = DSL.using(dataSource, kind == Kind.SQLITE ? SQLDialect.SQLITE : SQLDialect.POSTGRES, settings);
    }

    /**
     * Opens a pool for {@code url}; creates an SQLite file's directory.
     *
     * @throws IllegalStateException naming the (masked) URL when the database cannot be reached
     */
    public static Database open(DatabaseUrl url, int poolSize, Duration connectTimeout, Duration busyTimeout, String poolName) {
        HikariConfig hc = new HikariConfig();
        hc.setPoolName(poolName);
        hc.setJdbcUrl(url.jdbcUrl());
        hc.setMaximumPoolSize(poolSize);
        hc.setMinimumIdle(Math.min(2, poolSize));
        hc.setConnectionTimeout(Math.max(250, connectTimeout.toMillis()));
        hc.setInitializationFailTimeout(Math.max(1, connectTimeout.toMillis()));
        if (url.kind() == Kind.SQLITE) {
            createDirectory(url.sqliteFile());
            SQLiteConfig sc = new SQLiteConfig();
            sc.setJournalMode(SQLiteConfig.JournalMode.WAL);
            sc.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
            sc.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, busyTimeout.toMillis()));
            sc.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            sc.enforceForeignKeys(true);
            hc.setDataSourceProperties(sc.toProperties());
        } else {
            if (url.user() != null) {
                hc.setUsername(url.user());
            }
            if (url.password() != null) {
                hc.setPassword(url.password());
            }
            hc.addDataSourceProperty("connectTimeout", String.valueOf(Math.max(1, connectTimeout.toSeconds())));
            hc.addDataSourceProperty("ApplicationName", "trading-jobs");
        }
        try {
            HikariDataSource pool = new HikariDataSource(hc);
            DataSource ds = url.kind() == Kind.SQLITE ? new SqliteWriteGate(pool, busyTimeout.toMillis()) : pool;
            return new Database(ds, pool, url.kind(), url.kind() == Kind.SQLITE
                    ? "SQLite file " + url.sqliteFile().toAbsolutePath().normalize() : url.printable(),
                    url.kind() == Kind.SQLITE ? url.sqliteFile() : null);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot connect to the database " + url.printable() + ": " + rootMessage(e), e);
        }
    }

    /** Uses a host-supplied data source; the host keeps ownership (it is not closed here). */
    public static Database wrap(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            Kind kind;
            if (product.contains("sqlite")) {
                kind = Kind.SQLITE;
            } else if (product.contains("postgres")) {
                kind = Kind.POSTGRESQL;
            } else {
                throw new IllegalStateException("the data source is " + product + "; trading-jobs supports SQLite and PostgreSQL");
            }
            String url = c.getMetaData().getURL();
            return new Database(dataSource, null, kind, io.tradingjobs.core.config.Config.printable("database.url", url) + " (host data source)",
                    null);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect through the host's data source: " + e.getMessage(), e);
        }
    }

    private static void createDirectory(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the database directory " + dir + ": " + e.getMessage(), e);
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** The pool. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** The jOOQ context over the pool, in the database's dialect. */
    public DSLContext dsl() {
        return dsl;
    }

    /** The SQLite file the library opened itself (none for PostgreSQL or a host's data source). */
    public java.util.Optional<java.nio.file.Path> sqliteFile() {
        return java.util.Optional.ofNullable(sqliteFile);
    }

    /** Which database. */
    public Kind kind() {
        return kind;
    }

    /** For logs: the URL without credentials. */
    public String description() {
        return description;
    }

    @Override
    public void close() {
        if (ownedPool != null && !ownedPool.isClosed()) {
            ownedPool.close();
            LOG.debug("closed connection pool for {}", description);
        }
    }
}
