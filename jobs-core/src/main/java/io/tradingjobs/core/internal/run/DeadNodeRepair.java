package io.tradingjobs.core.internal.run;

import io.tradingjobs.core.RunStatus;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record1;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In a cluster, marks the runs of nodes that stopped checking in as {@code INTERRUPTED}, so a
 * dead node's work is never left saying RUNNING. A node counts as dead by Quartz's own rule (its
 * last check-in plus its check-in interval plus 7.5 s is past), the same moment Quartz starts
 * re-running its recoverable jobs elsewhere.
 */
final class DeadNodeRepair implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(DeadNodeRepair.class);
    private static final long QUARTZ_GRACE_MS = 7_500;

    private final DSLContext dsl;
    private final RunHistory history;
    private final String schedulerName;
    private final String nodeId;
    private final Clock clock;

    DeadNodeRepair(DSLContext dsl, RunHistory history, String schedulerName, String nodeId, Clock clock) {
        this.dsl = dsl;
        this.history = history;
        this.schedulerName = schedulerName;
        this.nodeId = nodeId;
        this.clock = clock;
    }

    @Override
    public void run() {
        try {
            long now = System.currentTimeMillis();
            List<String> alive = new ArrayList<>();
            for (var r : dsl.fetch("SELECT INSTANCE_NAME, LAST_CHECKIN_TIME, CHECKIN_INTERVAL FROM QRTZ_SCHEDULER_STATE WHERE SCHED_NAME = ?",
                    schedulerName)) {
                long last = ((Number) r.get(1)).longValue();
                long interval = ((Number) r.get(2)).longValue();
                if (last + interval + QUARTZ_GRACE_MS >= now) {
                    alive.add((String) r.get(0));
                }
            }
            alive.add(nodeId);
            List<String> dead = new ArrayList<>();
            for (Record1<String> r : dsl.selectDistinct(io.tradingjobs.core.internal.db.generated.Tables.JOB_RUNS.NODE_ID)
                    .from(io.tradingjobs.core.internal.db.generated.Tables.JOB_RUNS)
                    .where(io.tradingjobs.core.internal.db.generated.Tables.JOB_RUNS.STATUS.eq(RunStatus.RUNNING.name()))
                    .and(io.tradingjobs.core.internal.db.generated.Tables.JOB_RUNS.NODE_ID.notIn(alive))
                    .fetch()) {
                dead.add(r.value1());
            }
            for (String node : dead) {
                int n = history.markInterrupted(List.of(node), clock.instant(), "interrupted: node " + node
                        + " stopped checking in with the cluster (found by " + nodeId + ")");
                if (n > 0) {
                    LOG.warn("node {} stopped checking in; marked its {} running run{} INTERRUPTED", node, n, n == 1 ? "" : "s");
                }
            }
        } catch (RuntimeException e) {
            LOG.debug("dead-node check failed: {}", e.getMessage());
        }
    }
}
