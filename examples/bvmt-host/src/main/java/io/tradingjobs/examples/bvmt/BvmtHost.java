package io.tradingjobs.examples.bvmt;

import io.tradingjobs.core.JobScheduler;
import io.tradingjobs.core.JobStatus;
import java.io.PrintStream;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The BVMT seed's jobs service as a host: its six scheduled jobs on Africa/Tunis and the BVMT
 * calendar, with the job management API of the seed on port 8010 ({@code GET /api/jobs},
 * {@code POST /api/jobs/{id}/run}, ...). The seed's {@code .env} works as it is:
 * {@code DATABASE_URL}, {@code ENABLE_SCHEDULER}, {@code TIMEZONE}, the {@code *_SERVICE_URL}s,
 * {@code MARKET_PULSE_INTERVAL}, {@code ANOMALY_CHECK_INTERVAL}, {@code SENTIMENT_SCAN_INTERVAL},
 * {@code DAILY_REPORT_TIME}, {@code WEEKLY_REPORT_DAY} and {@code WEEKLY_REPORT_TIME}.
 *
 * <p>As in the seed, the jobs also call the platform's services: the market pulse POSTs
 * {@code STOCK_SERVICE_URL/api/stocks/refresh} (a failure fails the run), the anomaly scan POSTs
 * its batch to {@code ANOMALY_SERVICE_URL/api/anomalies/batch} and the sentiment scan asks
 * {@code SENTIMENT_SERVICE_URL/api/sentiment/scrape} to scrape (failures of these two are noted in
 * the run's message; what the job stored stays).
 */
public final class BvmtHost {
    /** The seed's {@code TIMEZONE}. */
    public static final ZoneId ZONE = ZoneId.of("Africa/Tunis");

    /** The seed's monitoring API port. */
    public static final int PORT = 8010;

    /**
     * The seed's scheduled jobs, job id to schedule. The pulse, anomaly and sentiment intervals and
     * the report times come from the seed's {@code .env} names, so they are not fixed here.
     */
    public static final Map<String, String> SEED_JOBS = seedJobs();

    /** Whose news and sentiment are followed: {@code SYMBOL:Company:Sector} (see the alerts module). */
    public static final String WATCHLIST = "SFBT:SFBT:Agroalimentaire,BIAT:BIAT:Banques,PGH:Poulina Group Holding:Holdings,"
            + "SAH:SAH Lilas:Biens de consommation,TLNET:Telnet Holding:Technologie";

    /** Jobs on the classpath that belong to the Upstox/NSE platform, switched off here. */
    public static final List<String> OTHER_JOBS = List.of("market.sync", "market.gaps", "market.backfill", "alerts.scan",
            "reports.performance", "maintenance.backup", "maintenance.database");

    private BvmtHost() {
    }

    private static Map<String, String> seedJobs() {
        Map<String, String> jobs = new LinkedHashMap<>();
        jobs.put("market.pulse", "every MARKET_PULSE_INTERVAL (15) minutes during BVMT market hours"); // 1. Market Pulse
        jobs.put("alerts.anomalies", "every ANOMALY_CHECK_INTERVAL (60) minutes");                    // 2. Anomaly Detection Scan
        jobs.put("alerts.news", "every SENTIMENT_SCAN_INTERVAL (30) minutes");                        // 3. Sentiment Analysis
        jobs.put("reports.daily", "daily at DAILY_REPORT_TIME (18:00)");                               // 4. Daily Market Report
        jobs.put("reports.weekly", "weekly on WEEKLY_REPORT_DAY at WEEKLY_REPORT_TIME (friday 17:00)"); // 5. Weekly Performance Report
        jobs.put("maintenance.cleanup", "0 3 * * * in Africa/Tunis");                                   // 6. Database Cleanup
        return Map.copyOf(jobs);
    }

    /** This host's defaults: zone, port, which jobs run, the cleanup's time. */
    public static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("jobs.timezone", ZONE.getId());
        d.put("jobs.http.port", Integer.toString(PORT));
        d.put("market.pulse.source", "bvmt");
        d.put("alerts.watchlist", WATCHLIST);
        d.put("reports.market.timezone", ZONE.getId());
        d.put("market.pulse.refresh", "true");          // Endpoint triggered: POST /api/stocks/refresh
        d.put("alerts.anomalies.post-batch", "true");   // Endpoint triggered: POST /api/anomalies/batch
        d.put("alerts.news.post-scrape", "true");       // Endpoint triggered: POST /api/sentiment/scrape
        d.put("jobs.maintenance.cleanup.schedule", SEED_JOBS.get("maintenance.cleanup"));
        OTHER_JOBS.forEach(id -> d.put("jobs." + id + ".enabled", "false"));
        return d;
    }

    /** The host's scheduler, not built yet: a caller may add settings, services or jobs. */
    public static JobScheduler.Builder builder() {
        return JobScheduler.builder().defaults(defaults());
    }

    /** Starts the jobs service and runs until the process is stopped (Ctrl+C, SIGTERM). */
    public static void main(String[] args) throws InterruptedException {
        JobScheduler scheduler = builder().build();
        Runtime.getRuntime().addShutdownHook(new Thread(scheduler::close, "bvmt-host-shutdown"));
        start(scheduler, System.out);
        Thread.currentThread().join();
    }

    /**
     * What {@link #main} does before it waits: starts {@code scheduler} and prints where the
     * database is, each job with its schedule and next run (Tunis time), and the job API's address.
     */
    public static void start(JobScheduler scheduler, PrintStream out) {
        scheduler.start();
        out.println("BVMT jobs service on " + scheduler.database());
        for (JobStatus job : scheduler.jobs()) {
            out.printf("  %-22s %-10s %-45s next %s%n", job.id(), job.status().label(), job.schedule(),
                    job.nextRun() == null ? "-" : job.nextRun().atZone(ZONE).toLocalDateTime());
        }
        scheduler.managementPort().ifPresent(port -> out.println("  job management API: http://127.0.0.1:" + port + "/api/jobs"));
    }
}
