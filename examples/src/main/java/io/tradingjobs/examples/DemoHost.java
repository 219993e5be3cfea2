package io.tradingjobs.examples;

import com.google.inject.AbstractModule;
import io.tradingjobs.core.JobScheduler;
import io.tradingjobs.core.JobStatus;
import io.tradingjobs.core.jobs.ServiceCallJob;
import io.tradingjobs.core.spi.JobDefinition;
import java.time.format.DateTimeFormatter;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The demo host: embeds one {@link JobScheduler} on the embedded SQLite default
 * ({@code ./data/trading-jobs.db}), with a custom job that injects a host service, and every job
 * on the classpath. Runs every job once at start, then follows the schedules until Ctrl+C.
 */
public final class DemoHost {
    private DemoHost() {
    }

    /** Starts the demo; stops on Ctrl+C (or after {@code --seconds N}). */
    public static void main(String[] args) throws InterruptedException {
        long seconds = args.length == 2 && args[0].equals("--seconds") ? Long.parseLong(args[1]) : -1;
        JobScheduler scheduler = JobScheduler.builder()
                // The management API and dashboard on the BVMT seed's port (JOBS_HTTP_PORT to change it, 0 for any free port).
                .config("jobs.http.port", System.getenv().getOrDefault("JOBS_HTTP_PORT", "8010"))
                .module(new AbstractModule() {
                    @Override
                    protected void configure() {
                        bind(Watchlist.class).toInstance(new Watchlist(List.of("RELIANCE", "TCS", "INFY", "SFBT", "BIAT")));
                    }
                })
                .job(JobDefinition.builder("demo.market-clock").name("Market clock")
                        .description("Says whether NSE and BVMT are open, and when they next open or close")
                        .schedule("every 1 minute").build(), MarketClockJob.class)
                .job(JobDefinition.builder("demo.stocks-refresh").name("Stock service refresh (BVMT seed's market pulse endpoint)")
                        .description("POSTs to STOCK_SERVICE_URL/api/stocks/refresh; off unless jobs.demo.stocks-refresh.enabled=true")
                        .schedule("every 15 minutes during BVMT market hours").enabledByDefault(false).build(),
                        ServiceCallJob.post("services.stock.url", "/api/stocks/refresh"))
                .build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            scheduler.close();
            stopped.countDown();
        }, "demo-shutdown"));
        scheduler.start();

        System.out.println();
        System.out.println("trading-jobs demo (simulated host; no market data is fetched)");
        System.out.println("  database : " + scheduler.database());
        System.out.println("  node     : " + scheduler.nodeId());
        scheduler.managementPort().ifPresent(port -> System.out.println("  dashboard: http://127.0.0.1:" + port + "/  (API: /api/jobs)"));
        System.out.println("  jobs     :");
        DateTimeFormatter fmt = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z");
        for (JobStatus job : scheduler.jobs()) {
            String next = job.nextRun() == null ? "-" : fmt.format(job.nextRun().atZone(ZoneId.systemDefault()));
            System.out.printf("    %-22s %-10s %-45s next %s%n", job.id(), job.status().label(), job.schedule(), next);
            if (job.status() != io.tradingjobs.core.JobState.DISABLED) {
                scheduler.runNow(job.id());
            }
        }
        System.out.println("  every enabled job runs once now, then on its schedule. Stop with Ctrl+C.");
        System.out.println();
        if (seconds > 0) {
            Thread.sleep(seconds * 1000);
            scheduler.history(null, 20).forEach(r -> System.out.printf("  run %s %-20s %-9s %s%n", r.startedAt(), r.jobId(), r.status(),
                    r.message() == null ? "" : r.message()));
            System.exit(0);
        }
        stopped.await();
    }
}
