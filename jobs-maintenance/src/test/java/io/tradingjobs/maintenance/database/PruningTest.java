package io.tradingjobs.maintenance.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tradingjobs.core.config.Config;
import io.tradingjobs.core.test.TestDatabases;
import io.tradingjobs.maintenance.TestSqlite;
import io.tradingjobs.maintenance.internal.MaintenanceSettings;
import io.tradingjobs.maintenance.internal.Pruner;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PruningTest {
    @TempDir
    Path dir;

    private static final Instant NOW = Instant.parse("2026-02-08T02:00:00Z");
    private static final long DAY = Duration.ofDays(1).toMillis();

    /** Inserts fresh rows in its own transactions until stopped. */
    private static final class Writer implements AutoCloseable {
        final AtomicLong inserted = new AtomicLong();
        final AtomicReference<Throwable> error = new AtomicReference<>();
        private final AtomicBoolean stop = new AtomicBoolean();
        private final Thread thread;

        Writer(DSLContext dsl, String insertSql, Object freshTime) {
            thread = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        dsl.transaction(cfg -> DSL.using(cfg).execute(insertSql, freshTime));
                        inserted.incrementAndGet();
                    }
                } catch (Throwable t) {
                    error.set(t);
                }
            }, "test-writer");
            thread.start();
        }

        /** Stops inserting and waits for the last insert to finish. */
        void stop() {
            stop.set(true);
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            stop();
        }
    }

    private static MaintenanceSettings settings(Map<String, String> values) {
        return new MaintenanceSettings(Config.of(values));
    }

    @Test
    void rowsBeyondRetentionGoAndTheOthersStayWhileAWriterKeepsInsertingOnSqlite() throws Exception {
        try (TestSqlite db = TestSqlite.open(dir.resolve("jobs.db"))) {
            DSLContext dsl = db.dsl();
            dsl.execute("CREATE TABLE candles (id INTEGER PRIMARY KEY, symbol TEXT, ts INTEGER NOT NULL)");
            long fiveYears = Duration.ofDays(1826).toMillis();
            // 12,000 candles older than 5 years, 3,000 younger (one of them a day inside the limit).
            dsl.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 12000) "
                    + "INSERT INTO candles (symbol, ts) SELECT 'OLD', ? - i * 60000 FROM n", NOW.toEpochMilli() - fiveYears - DAY);
            dsl.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000) "
                    + "INSERT INTO candles (symbol, ts) SELECT 'KEEP', ? + i * 60000 FROM n", NOW.toEpochMilli() - fiveYears + DAY);
            dsl.execute("CREATE TABLE job_runs (run_id TEXT PRIMARY KEY, started_at BIGINT NOT NULL)");
            for (int i = 0; i < 200; i++) {
                dsl.execute("INSERT INTO job_runs VALUES (?, ?)", "r" + i, NOW.toEpochMilli() - (i < 150 ? 91 : 89) * DAY);
            }

            Map<String, Long> pruned;
            try (Writer writer = new Writer(dsl, "INSERT INTO candles (symbol, ts) VALUES ('NEW', ?)", NOW.toEpochMilli())) {
                await().until(() -> writer.inserted.get() > 20);
                // Between two batches, wait for the writer to commit: pruning must not hold the write lock for
                // its whole run. Waiting here, not timing the run, keeps this independent of the machine's speed.
                AtomicLong committedBetweenBatches = new AtomicLong(-1);
                AtomicInteger batchesDone = new AtomicInteger();
                Runnable betweenBatches = () -> {
                    if (batchesDone.incrementAndGet() == 2) {
                        long seen = writer.inserted.get();
                        await().atMost(Duration.ofSeconds(10)).until(() -> writer.inserted.get() > seen);
                        committedBetweenBatches.set(writer.inserted.get() - seen);
                    }
                };
                long before = writer.inserted.get();
                pruned = new DatabaseMaintenance(dsl, settings(Map.of("maintenance.database.prune-batch-size", "500")),
                        java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC), null, betweenBatches).prune();
                assertThat(committedBetweenBatches.get()).as("the writer committed between two pruning batches").isPositive();
                assertThat(writer.inserted.get()).isGreaterThan(before);
                await().until(() -> writer.inserted.get() > before + 20);
                writer.stop();
                assertThat(writer.error.get()).isNull();
                assertThat(dsl.fetchOne("SELECT COUNT(*) FROM candles WHERE symbol = 'NEW'").get(0, Long.class)).isEqualTo(writer.inserted.get());
            }

            assertThat(pruned).containsEntry("candles", 12000L).containsEntry("job_runs", 150L);
            assertThat(dsl.fetchOne("SELECT COUNT(*) FROM candles WHERE symbol = 'OLD'").get(0, Long.class)).isZero();
            assertThat(dsl.fetchOne("SELECT COUNT(*) FROM candles WHERE symbol = 'KEEP'").get(0, Long.class)).isEqualTo(3000);
            assertThat(dsl.fetchOne("SELECT COUNT(*) FROM job_runs").get(0, Long.class)).isEqualTo(50);
        }
    }

    @Test
    void tablesThatDoNotExistAreSkippedAndTextDatesCompareAsIsoDates() throws Exception {
        try (TestSqlite db = TestSqlite.open(dir.resolve("jobs.db"))) {
            DSLContext dsl = db.dsl();
            dsl.execute("CREATE TABLE daily_performance (day TEXT NOT NULL, pnl TEXT)");
            dsl.execute("INSERT INTO daily_performance VALUES ('2025-02-07', '1'), ('2025-02-08', '2'), ('2025-02-09', '3')");

            Map<String, Long> pruned = new DatabaseMaintenance(dsl, settings(Map.of("maintenance.retention.daily_performance", "365d",
                    "maintenance.retention.daily_performance.column", "day")), java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC), null,
                    () -> { }).prune();

            assertThat(pruned).containsOnlyKeys("daily_performance").containsEntry("daily_performance", 1L);
            assertThat(dsl.fetch("SELECT day FROM daily_performance ORDER BY day").getValues(0, String.class))
                    .containsExactly("2025-02-08", "2025-02-09");
        }
    }

    @Test
    void rowsBeyondRetentionGoWhileAWriterKeepsInsertingOnPostgres() throws Exception {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(TestDatabases.postgresSchema());
        hc.setMaximumPoolSize(4);
        try (HikariDataSource ds = new HikariDataSource(hc)) {
            DSLContext dsl = DSL.using(ds, SQLDialect.POSTGRES);
            dsl.execute("CREATE TABLE candles (id BIGSERIAL PRIMARY KEY, symbol TEXT, ts TIMESTAMPTZ NOT NULL)");
            dsl.execute("INSERT INTO candles (symbol, ts) SELECT 'OLD', ?::timestamptz - (i || ' minutes')::interval FROM generate_series(1, 8000) i",
                    NOW.minus(Duration.ofDays(1827)).toString());
            dsl.execute("INSERT INTO candles (symbol, ts) SELECT 'KEEP', ?::timestamptz + (i || ' minutes')::interval FROM generate_series(1, 2000) i",
                    NOW.minus(Duration.ofDays(1825)).toString());

            Map<String, Long> pruned;
            try (Writer writer = new Writer(dsl, "INSERT INTO candles (symbol, ts) VALUES ('NEW', ?::timestamptz)", NOW.toString())) {
                await().until(() -> writer.inserted.get() > 20);
                pruned = new Pruner(dsl, 500, () -> { }).prune(settings(Map.of()).retentionRules(), NOW);
                writer.stop();
                assertThat(writer.error.get()).isNull();
                assertThat(dsl.fetchOne("SELECT COUNT(*) FROM candles WHERE symbol = 'NEW'").get(0, Long.class)).isEqualTo(writer.inserted.get());
            }

            assertThat(pruned).containsOnlyKeys("candles").containsEntry("candles", 8000L);
            assertThat(dsl.fetchOne("SELECT COUNT(*) FROM candles WHERE symbol = 'OLD'").get(0, Long.class)).isZero();
            assertThat(dsl.fetchOne("SELECT COUNT(*) FROM candles WHERE symbol = 'KEEP'").get(0, Long.class)).isEqualTo(2000);
        }
    }
}
