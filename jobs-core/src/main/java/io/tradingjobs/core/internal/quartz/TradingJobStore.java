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
 * interval) does not make fires late.
 */
public class TradingJobStore extends JobStoreTX {
    private long acquireJitterMillis;

    /** Set by Quartz from {@code org.quartz.jobStore.acquireJitterMillis}. */
    public void setAcquireJitterMillis(long millis) {
        this.acquireJitterMillis = millis;
    }

    @Override
    public List<OperableTrigger> acquireNextTriggers(long noLaterThan, int maxCount, long timeWindow) throws JobPersistenceException {
        if (isClustered() && acquireJitterMillis > 0) {
            try {
                Thread.sleep(ThreadLocalRandom.current().nextLong(acquireJitterMillis + 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return super.acquireNextTriggers(noLaterThan, maxCount, timeWindow);
    }
}
