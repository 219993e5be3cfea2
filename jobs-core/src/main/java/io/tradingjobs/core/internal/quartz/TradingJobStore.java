package io.tradingjobs.core.internal.quartz;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.quartz.JobPersistenceException;
import org.quartz.impl.jdbcjobstore.JobStoreTX;
import org.quartz.spi.OperableTrigger;

/**
 * Quartz's {@link JobStoreTX} with one addition for clusters: a short random pause before each
 * trigger acquisition. Without it the node that has just fired a recurring trigger re-acquires it
 * at once, every time, while the other nodes sleep through their idle wait, so one node does all
 * the work. Triggers are acquired ahead of their fire time, so the pause (well under the poll
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
