package io.tradingjobs.examples.upstox;

import io.tradingjobs.core.JobScheduler;
import io.tradingjobs.core.JobStatus;
import java.io.PrintStream;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The UPSTOX seed's trading platform as a host: its eight background jobs with the seed's
 * schedules, on Asia/Kolkata and the NSE calendar. Every job module is a Maven dependency; the
 * scheduler finds their jobs through {@code ServiceLoader}, and this class only says which of them
 * this platform runs and when.
 *
 * <p>Settings come as for every host ({@code trading-jobs.properties}, {@code .env}, the
 * environment): at least {@code MARKET_UPSTOX_TOKEN} (the Upstox access token) for the market data
 * sync, {@code NEWS_NEWSAPI_KEY} for NewsAPI, and the {@code EMAIL_*}/{@code SMTP_*} names of the
 * seed for mail. Everything set here is a default that those sources override.
 */
public final class UpstoxHost {
    /** The zone of the seed's scheduler. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Kolkata");

    /**
     * The seed's "Recommended Job Schedule", job id to schedule: the seed's job names are in the
     * comments.
     */
    public static final Map<String, String> SEED_JOBS = seedJobs();

    /**
     * Jobs of the same modules that support the seed's jobs: gap detection and backfill (the seed's
     * market sync "detects missing data and schedules backfill jobs") and the NSE holiday list,
     * which keeps the NSE calendar of every trading schedule current.
     */
    public static final List<String> SUPPORTING_JOBS = List.of("market.gaps", "market.backfill", "nse.holidays");

    /** Jobs on the classpath that belong to the BVMT seed, switched off here. */
    public static final List<String> OTHER_JOBS = List.of("market.pulse", "alerts.anomalies", "reports.daily", "reports.weekly",
            "maintenance.cleanup");

    /** Whose news is fetched: {@code SYMBOL:Company:Sector} (see the alerts module). */
    public static final String WATCHLIST = "RELIANCE:Reliance Industries:Energy,TCS:Tata Consultancy Services:IT,"
            + "INFY:Infosys:IT,HDFCBANK:HDFC Bank:Financials,ICICIBANK:ICICI Bank:Financials";

    /** The management API and dashboard port (the BVMT host has 8010). */
    public static final int PORT = 8011;

    private UpstoxHost() {
    }

    private static Map<String, String> seedJobs() {
        Map<String, String> jobs = new LinkedHashMap<>();
        jobs.put("alerts.scan", "every 1 minute during NSE market hours");            // alert_scanner
        jobs.put("market.sync", "every 1 hour during NSE market hours");              // market_data_sync
        jobs.put("alerts.news", "every 30 minutes");                                  // news_sentiment_update
        jobs.put("nse.indices", "30 23 * * * in Asia/Kolkata");                       // nse_index_update
        jobs.put("nse.corporate-actions", "0 23 * * * in Asia/Kolkata");              // corporate_announcements_fetch
        jobs.put("reports.performance", "daily at 16:00 on NSE trading days");        // calculate_performance_metrics
        jobs.put("maintenance.backup", "0 2 * * * in Asia/Kolkata");                  // daily_backup
        jobs.put("maintenance.database", "0 2 * * 0 in Asia/Kolkata");                // database_maintenance
        return Map.copyOf(jobs);
    }

    /** This host's defaults: zone, schedules, which jobs run, where the API listens. */
    public static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("jobs.timezone", ZONE.getId());
        d.put("jobs.http.port", Integer.toString(PORT));
        d.put("market.source", "upstox");
        d.put("alerts.watchlist", WATCHLIST);
        SEED_JOBS.forEach((id, schedule) -> d.put("jobs." + id + ".schedule", schedule));
        OTHER_JOBS.forEach(id -> d.put("jobs." + id + ".enabled", "false"));
        return d;
    }

    /** The host's scheduler, not built yet: a caller may add settings, services or jobs. */
    public static JobScheduler.Builder builder() {
        return JobScheduler.builder().defaults(defaults());
    }

    /** Starts the platform's scheduler and runs until the process is stopped (Ctrl+C, SIGTERM). */
    public static void main(String[] args) throws InterruptedException {
        JobScheduler scheduler = builder().build();
        Runtime.getRuntime().addShutdownHook(new Thread(scheduler::close, "upstox-host-shutdown"));
        start(scheduler, System.out);
        Thread.currentThread().join();
    }

    /**
     * What {@link #main} does before it waits: starts {@code scheduler} and prints where the
     * database is, each job with its schedule and next run (IST), and the dashboard's address.
     */
    public static void start(JobScheduler scheduler, PrintStream out) {
        scheduler.start();
        out.println("Upstox/NSE jobs on " + scheduler.database());
        for (JobStatus job : scheduler.jobs()) {
            out.printf("  %-24s %-10s %-42s next %s%n", job.id(), job.status().label(), job.schedule(),
                    job.nextRun() == null ? "-" : job.nextRun().atZone(ZONE).toLocalDateTime());
        }
        scheduler.managementPort().ifPresent(port -> out.println("  API and dashboard: http://127.0.0.1:" + port + "/"));
    }
}
