package io.tradingjobs.core.ops;

import io.tradingjobs.core.JobScheduler;
import io.tradingjobs.core.spi.Job;
import io.tradingjobs.core.spi.JobContext;
import io.tradingjobs.core.spi.JobDefinition;
import io.tradingjobs.core.spi.RetryPolicy;
import io.tradingjobs.core.test.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Takes the dashboard screenshots in {@code docs/} from a scheduler with real runs: several
 * succeeded, one failed, one paused job, one running with progress. A tool, not a test:
 * {@code java -cp <test classpath> io.tradingjobs.core.ops.DashboardScreenshot docs}.
 */
public final class DashboardScreenshot {
    private DashboardScreenshot() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs");
        Path dir = Files.createTempDirectory("dashboard-shot");
        CountDownLatch release = new CountDownLatch(1);
        try (JobScheduler s = OpsFixtures.builder(dir, TestDatabases.sqlite(dir))
                .config("jobs.http.port", "0")
                .config("jobs.timezone", "Asia/Kolkata")
                .job(def("nse.indices", "NSE index constituents", "30 23 * * *", "Download NIFTY index constituents"), work(420, "9 indices, 1 912 rows"))
                .job(def("market.sync", "Market data sync", "0 9-15 * * 1-5", "Candles, quotes and option chains"), work(1350, "synced 182 instruments"))
                .job(def("bvmt.market-pulse", "Market Pulse Update", "*/15 * * * *", "BVMT prices and TUNINDEX"), work(240, "82 stocks, TUNINDEX +0.42%"))
                .job(def("alerts.scan", "Alert scanner", "every 1 minute", "Price, RSI and volume alert rules"), ctx -> {
                    LockSupport.parkNanos(Duration.ofMillis(90).toNanos());
                    throw new IllegalStateException("RSI service answered 502 Bad Gateway");
                })
                .job(def("market.backfill", "Gap backfill", "0 2 * * *", "Fill gaps found in data_gaps"), ctx -> {
                    ctx.progress(640, 1000);
                    release.await(60, TimeUnit.SECONDS);
                })
                .job(def("maintenance.backup", "Database backup", "0 2 * * *", "Verified backups with retention"), work(800, "backup verified, 7 kept"))
                .build()) {
            s.start();
            for (String job : new String[] {"nse.indices", "market.sync", "bvmt.market-pulse", "nse.indices", "bvmt.market-pulse",
                    "maintenance.backup", "market.sync", "alerts.scan"}) {
                String runId = s.runNow(job);
                while (s.run(runId).map(r -> r.finishedAt() == null).orElse(true)) {
                    LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
                }
            }
            s.pause("bvmt.market-pulse");
            s.runNow("market.backfill");
            try (Browser browser = new Browser(dir.resolve("chrome"))) {
                browser.size(1360, 900);
                browser.driver().get(OpsFixtures.baseUrl(s) + "/");
                browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-job-id='market.backfill'] .progress")));
                browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#runs tr[data-status='failed']")));
                browser.driver().findElement(By.cssSelector("#runs tr[data-status='failed'] .error-summary")).click();
                browser.fullPageScreenshot(out.resolve("dashboard.png"), 1360);
                browser.size(390, 844);
                browser.driver().navigate().refresh();
                browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-job-id='market.backfill'] .progress")));
                browser.screenshot(out.resolve("dashboard-phone.png"));
            } finally {
                release.countDown();
            }
        }
        System.out.println("wrote " + out.resolve("dashboard.png") + " and " + out.resolve("dashboard-phone.png"));
    }

    private static JobDefinition def(String id, String name, String schedule, String description) {
        return JobDefinition.builder(id).name(name).description(description).schedule(schedule).retry(RetryPolicy.none()).build();
    }

    /** A job that works for about {@code millis} and reports a summary. */
    private static Job work(long millis, String summary) {
        return (JobContext ctx) -> {
            LockSupport.parkNanos(Duration.ofMillis(millis).toNanos());
            ctx.summary(summary);
        };
    }
}
