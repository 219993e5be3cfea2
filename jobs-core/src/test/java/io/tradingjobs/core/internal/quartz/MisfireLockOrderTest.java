package io.tradingjobs.core.internal.quartz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobPersistenceException;
import org.quartz.Scheduler;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;

/**
 * The misfire handler's lock order on a single node. Every other store transaction takes Quartz's
 * in-process trigger lock, then a connection; taking a connection out of auto-commit takes SQLite's
 * write lock. Quartz's own handler took the connection first, so it could hold the write lock while
 * waiting for the trigger lock that the scheduler thread held while waiting for the write lock: a
 * child-JVM test saw a restarted SQLite node stall at start-up for minutes that way.
 */
class MisfireLockOrderTest {
    @TempDir
    Path dir;

    /** Records, for each connection the store takes, whether the thread held the trigger lock then. */
    public static final class ProbeStore extends TradingJobStore {
        static volatile ProbeStore last;
        final List<Boolean> connectionTakenHoldingTheTriggerLock = new CopyOnWriteArrayList<>();

        public ProbeStore() {
            last = this;
        }

        @Override
        protected Connection getNonManagedTXConnection() throws JobPersistenceException {
            connectionTakenHoldingTheTriggerLock.add(((org.quartz.impl.jdbcjobstore.SimpleSemaphore) getLockHandler()).isLockOwner(LOCK_TRIGGER_ACCESS));
            return super.getNonManagedTXConnection();
        }

        /** Runs the misfire handler's pass; returns, per connection it took, whether the trigger lock was held then. */
        List<Boolean> recoverMisfiresNow(int[] handled) throws JobPersistenceException {
            connectionTakenHoldingTheTriggerLock.clear();
            handled[0] = doRecoverMisfires().getProcessedMisfiredTriggerCount();
            return List.copyOf(connectionTakenHoldingTheTriggerLock);
        }
    }

    /** Never runs: the scheduler is not started. */
    public static final class NoOp implements Job {
        @Override
        public void execute(JobExecutionContext context) {
        }
    }

    @Test
    void theMisfireHandlerTakesTheTriggerLockBeforeTheWriteLock() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("quartz.db");
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            String ddl = resource("db/tradingjobs/core/sqlite/V1__quartz_tables.sql").replaceAll("(?m)^--.*$", "");
            for (String statement : ddl.split(";")) {
                if (!statement.isBlank()) {
                    s.execute(statement);
                }
            }
        }
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "misfire-order");
        p.setProperty("org.quartz.threadPool.threadCount", "1");
        p.setProperty("org.quartz.jobStore.class", ProbeStore.class.getName());
        p.setProperty("org.quartz.jobStore.driverDelegateClass", SqliteDelegate.class.getName());
        p.setProperty("org.quartz.jobStore.misfireThreshold", "1000");
        p.setProperty("org.quartz.jobStore.dataSource", "db");
        p.setProperty("org.quartz.dataSource.db.provider", "hikaricp");
        p.setProperty("org.quartz.dataSource.db.driver", "org.sqlite.JDBC");
        p.setProperty("org.quartz.dataSource.db.URL", url + "?journal_mode=WAL&transaction_mode=IMMEDIATE&busy_timeout=30000");
        p.setProperty("org.quartz.dataSource.db.maxConnections", "3");
        Scheduler scheduler = new StdSchedulerFactory(p).getScheduler();
        try {
            ProbeStore store = ProbeStore.last;
            JobDetail job = JobBuilder.newJob(NoOp.class).withIdentity("tick").build();
            // Due an hour ago, every second: a process that has been down for an hour finds it misfired.
            Trigger trigger = TriggerBuilder.newTrigger().withIdentity("tick").startAt(java.util.Date.from(Instant.now().minusSeconds(3600)))
                    .withSchedule(SimpleScheduleBuilder.repeatSecondlyForever()).build();
            scheduler.scheduleJob(job, trigger);

            int[] handled = new int[1];
            List<Boolean> lockHeldPerConnection = store.recoverMisfiresNow(handled);

            assertThat(handled[0]).as("misfired triggers handled").isEqualTo(1);
            assertThat(scheduler.getTrigger(TriggerKey.triggerKey("tick")).getNextFireTime()).isAfter(java.util.Date.from(Instant.now()
                    .minusSeconds(60)));
            assertThat(lockHeldPerConnection).as("for each connection the misfire handler took: was the trigger lock "
                    + "already held").isNotEmpty().containsOnly(true);
        } finally {
            scheduler.shutdown(false);
        }
    }

    private static String resource(String name) throws Exception {
        try (InputStream in = MisfireLockOrderTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
