package io.tradingjobs.market.backfill;

import io.tradingjobs.core.JobAlreadyRunningException;
import io.tradingjobs.core.JobScheduler;
import io.tradingjobs.market.MarketJobProvider;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * A host process for the crash test: starts a scheduler with the market jobs on a database, runs
 * {@code market.backfill} (or lets recovery run it), prints {@code DONE} when that run ends with no gap open, and
 * exits. Arguments: database URL, Upstox base URL, working directory.
 */
public final class BackfillNode {
    private BackfillNode() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> config = new HashMap<>();
        config.put("jobs.database.url", args[0]);
        config.put("market.upstox.base-url", args[1]);
        config.put("market.upstox.token", "crash-test-token");
        config.put("market.backfill.concurrency", "2");
        config.put("http.retry.base-delay", "10ms");
        for (String job : new String[] {"market.sync", "market.gaps", "market.backfill", "market.pulse"}) {
            config.put("jobs." + job + ".schedule", "manual");
        }
        try (JobScheduler scheduler = JobScheduler.builder().discover(false).environment(Map.of()).workingDirectory(Path.of(args[2]))
                .provider(new MarketJobProvider()).config(config).build()) {
            java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(1);
            scheduler.onRunFinished(run -> {
                if (run.jobId().equals(MarketJobProvider.BACKFILL) && run.status().isFinal()) {
                    finished.countDown();
                }
            });
            scheduler.start();
            try {
                System.out.println("RUN " + scheduler.runNow(MarketJobProvider.BACKFILL));
            } catch (JobAlreadyRunningException e) {
                System.out.println("RECOVERING " + e.getMessage());
            }
            finished.await();
            System.out.println(openGaps(args[0]) == 0 ? "DONE" : "OPEN GAPS LEFT");
        }
        System.exit(0);
    }

    private static long openGaps(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM data_gaps WHERE status = 'OPEN'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
