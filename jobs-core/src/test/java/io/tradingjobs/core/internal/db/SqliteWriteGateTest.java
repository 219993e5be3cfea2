package io.tradingjobs.core.internal.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An interrupt while waiting for the SQLite write lock: a job body stops (its time-out or the
 * shutdown must end it), the scheduler's own threads wait on as in SQLite's busy handler.
 */
class SqliteWriteGateTest {
    @TempDir
    Path dir;
    Database db;

    @BeforeEach
    void open() {
        db = Database.open(DatabaseUrl.parse("jdbc:sqlite:" + dir.resolve("gate.db")), 4, Duration.ofSeconds(5), Duration.ofSeconds(30), "gate-test");
        db.dsl().execute("CREATE TABLE t (n INTEGER)");
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** Holds the write lock in a transaction until {@code release} counts down. */
    private CompletableFuture<Void> holdWriteLock(CountDownLatch holding, CountDownLatch release) {
        return CompletableFuture.runAsync(() -> {
            try (Connection c = db.dataSource().getConnection()) {
                c.setAutoCommit(false);
                c.createStatement().execute("INSERT INTO t VALUES (1)");
                holding.countDown();
                release.await(30, TimeUnit.SECONDS);
                c.commit();
            } catch (SQLException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private Thread writer(boolean inJob, AtomicReference<Throwable> failure, AtomicBoolean interruptKept, CountDownLatch done) {
        return new Thread(() -> {
            SqliteWriteGate.runningJob(inJob);
            try (Connection c = db.dataSource().getConnection()) {
                c.setAutoCommit(false);
                c.createStatement().execute("INSERT INTO t VALUES (2)");
                c.commit();
                interruptKept.set(Thread.currentThread().isInterrupted());
            } catch (SQLException e) {
                failure.set(e);
            } finally {
                SqliteWriteGate.runningJob(false);
                done.countDown();
            }
        });
    }

    @Test
    void aJobInterruptedWhileWaitingStopsWithAnError() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = holdWriteLock(holding, release);
        holding.await(10, TimeUnit.SECONDS);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Thread job = writer(true, failure, new AtomicBoolean(), done);
        job.start();
        awaitWaiting(job);

        job.interrupt();

        assertThat(done.await(10, TimeUnit.SECONDS)).as("the job's write ended without the lock being released").isTrue();
        assertThat(failure.get()).isInstanceOf(SQLException.class).hasMessageContaining("interrupted while waiting for the SQLite write lock");
        release.countDown();
        holder.get(10, TimeUnit.SECONDS);
        assertThat(db.dsl().fetchCount(org.jooq.impl.DSL.table("t"))).isEqualTo(1);
    }

    @Test
    void theSchedulersOwnThreadsWaitThroughAnInterruptAndKeepIt() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = holdWriteLock(holding, release);
        holding.await(10, TimeUnit.SECONDS);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean interruptKept = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        Thread quartzLike = writer(false, failure, interruptKept, done);
        quartzLike.start();
        awaitWaiting(quartzLike);

        quartzLike.interrupt();
        assertThat(done.await(300, TimeUnit.MILLISECONDS)).as("still waiting for the lock after the interrupt").isFalse();
        release.countDown();

        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        holder.get(10, TimeUnit.SECONDS);
        assertThat(failure.get()).isNull();
        assertThat(interruptKept.get()).as("the interrupt is kept for the caller").isTrue();
        assertThat(db.dsl().fetchCount(org.jooq.impl.DSL.table("t"))).isEqualTo(2);
    }

    /**
     * Until the thread is waiting at the gate for the write lock (the holder has it, so it cannot get
     * past). Its state alone would not tell: a thread waiting for a pooled connection is WAITING too.
     * Inside the gate's acquire an interrupt is met by tryLock, whether it is already parked or not.
     */
    private static void awaitWaiting(Thread t) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> java.util.Arrays.stream(t.getStackTrace())
                .anyMatch(f -> f.getClassName().startsWith(SqliteWriteGate.class.getName()) && f.getMethodName().equals("acquire")));
    }
}
