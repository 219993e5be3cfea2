package io.tradingjobs.core.internal.quartz;

import io.tradingjobs.core.internal.db.Database;
import io.tradingjobs.core.internal.db.DatabaseUrl;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.jdbcjobstore.PostgreSQLDelegate;
import org.quartz.simpl.SimpleThreadPool;
import org.quartz.utils.DBConnectionManager;

/** Creates the Quartz scheduler on the library's pool, with the JDBC job store for its database. */
public final class QuartzSetup {

    /** What the Quartz scheduler needs to know. */
    public record Options(String schedulerName, String nodeId, boolean clustered, int threads, Duration misfireThreshold,
                          Duration checkinInterval) {
    }

    private QuartzSetup() {
    }

    /** Whether a Quartz scheduler of that name is already alive in this JVM. */
    public static boolean nameInUse(String schedulerName) {
        return SchedulerRepository.getInstance().lookup(schedulerName) != null;
    }

    /** Creates (does not start) the scheduler. */
    public static Scheduler create(Database db, Options o) throws SchedulerException {
        String dataSourceName = "tradingjobs-" + UUID.randomUUID();
        DBConnectionManager.getInstance().addConnectionProvider(dataSourceName, new PooledConnectionProvider(db.dataSource()));
        Properties p = new Properties();
        p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, o.schedulerName());
        // Non-clustered recovery finds its own in-flight triggers by instance id, so it must survive
        // a restart: a fixed id there, the node id in a cluster.
        p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_ID, o.clustered() ? o.nodeId() : "NON_CLUSTERED");
        p.setProperty(StdSchedulerFactory.PROP_SCHED_INTERRUPT_JOBS_ON_SHUTDOWN, "false");
        p.setProperty(StdSchedulerFactory.PROP_SCHED_BATCH_TIME_WINDOW, "0");
        p.setProperty(StdSchedulerFactory.PROP_SCHED_MAX_BATCH_SIZE, String.valueOf(Math.max(1, o.threads())));
        p.setProperty(StdSchedulerFactory.PROP_THREAD_POOL_CLASS, SimpleThreadPool.class.getName());
        p.setProperty("org.quartz.threadPool.threadCount", String.valueOf(o.threads()));
        p.setProperty("org.quartz.threadPool.threadNamePrefix", "tradingjobs-worker");
        p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        p.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
        p.setProperty(StdSchedulerFactory.PROP_JOB_STORE_CLASS, TradingJobStore.class.getName());
        p.setProperty("org.quartz.jobStore.dataSource", dataSourceName);
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.setProperty("org.quartz.jobStore.useProperties", "false");
        p.setProperty("org.quartz.jobStore.misfireThreshold", String.valueOf(o.misfireThreshold().toMillis()));
        // With batch acquisition Quartz requires the lock around acquisition (in-process on SQLite).
        p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        p.setProperty("org.quartz.jobStore.dbRetryInterval", "2000");
        if (db.kind() == DatabaseUrl.Kind.SQLITE) {
            p.setProperty("org.quartz.jobStore.driverDelegateClass", SqliteDelegate.class.getName());
            p.setProperty("org.quartz.jobStore.isClustered", "false");
        } else {
            p.setProperty("org.quartz.jobStore.driverDelegateClass", PostgreSQLDelegate.class.getName());
            p.setProperty("org.quartz.jobStore.isClustered", String.valueOf(o.clustered()));
            if (o.clustered()) {
                p.setProperty("org.quartz.jobStore.clusterCheckinInterval", String.valueOf(o.checkinInterval().toMillis()));
                // Idle nodes poll every second (Quartz's default is 30 s), so they can take fires too.
                p.setProperty("org.quartz.scheduler.idleWaitTime", "1000");
                p.setProperty("org.quartz.jobStore.acquireJitterMillis", "250");
            }
        }
        return new StdSchedulerFactory(p).getScheduler();
    }
}
