package io.tradingjobs.core.internal.quartz;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.quartz.JobPersistenceException;
import org.quartz.impl.jdbcjobstore.JobStoreTX;
import org.quartz.spi.OperableTrigger;

/**
 * Quartz's {@link JobStoreTX} with two changes.
 *
 * <p>On a single node (in-process trigger lock), the misfire handler takes the trigger lock before
 * its connection, as every other store transaction does. Quartz's handler takes the connection
 * first, and on SQLite switching a connection out of auto-commit takes the database's write lock
 * (our {@code SqliteWriteGate}, or SQLite's own with {@code BEGIN IMMEDIATE}): the handler then held
 * the write lock while waiting for the trigger lock, and the scheduler thread held the trigger lock
 * while waiting for the write lock. After a downtime (misfired triggers) this stalled start-up and
 * every fire for the write lock's time-out, again and again.
 *
 * <p>For clusters, a short random pause before each trigger acquisition. Without it the node that
 * has just fired a recurring trigger re-acquires it at once, every time, while the other nodes sleep
 * through their idle wait, so one node does all the work. Triggers are acquired ahead of their fire time, so the pause (well under the poll
 * interval) does not make fires late. While acquisitions come back full (a backlog) there is no
 * pause, so bulk throughput is not capped.
 */
public class TradingJobStore extends JobStoreTX {
    private long acquireJitterMillis;
    private volatile boolean lastAcquisitionFull;

    /** Set by Quartz from {@code org.quartz.jobStore.acquireJitterMillis}. */
    public void setAcquireJitterMillis(long millis) {
        this.acquireJitterMillis = millis;
    }

    @Override
    protected RecoverMisfiredJobsResult doRecoverMisfires() throws JobPersistenceException {
        if (getLockHandler().requiresConnection()) {
            // Database row locks (a cluster): the lock is taken on the connection, so Quartz's order is the only one.
            return super.doRecoverMisfires();
        }
        return executeInNonManagedTXLock(LOCK_TRIGGER_ACCESS, conn -> {
            try {
                return getDelegate().countMisfiredTriggersInState(conn, STATE_WAITING, getMisfireTime()) == 0
                        ? RecoverMisfiredJobsResult.NO_OP : recoverMisfiredJobs(conn, false);
            } catch (java.sql.SQLException e) {
                throw new JobPersistenceException("Database error recovering from misfires.", e);
            }
        }, null);
    }

    @Override
    public List<OperableTrigger> acquireNextTriggers(long noLaterThan, int maxCount, long timeWindow) throws JobPersistenceException {
        // Under load (the last acquisition filled every free thread) there is work for all nodes:
        // no pause, or the pause would cap throughput at a few batches a second.
        if (isClustered() && acquireJitterMillis > 0 && !lastAcquisitionFull) {
            try {
                Thread.sleep(ThreadLocalRandom.current().nextLong(acquireJitterMillis + 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<OperableTrigger> acquired = super.acquireNextTriggers(noLaterThan, maxCount, timeWindow);
        lastAcquisitionFull = acquired.size() >= maxCount && maxCount > 0;
        return acquired;
    }
}
