package io.tradingjobs.examples.demo;

import io.tradingjobs.core.JobAlreadyRunningException;
import io.tradingjobs.core.JobRun;
import io.tradingjobs.core.JobScheduler;
import io.tradingjobs.core.JobState;
import io.tradingjobs.core.JobStatus;
import io.tradingjobs.core.RunStatus;
import io.tradingjobs.core.spi.JobDefinition;
import io.tradingjobs.examples.bvmt.BvmtHost;
import io.tradingjobs.examples.upstox.UpstoxHost;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The README's first command: the jobs of both seeds' hosts (Upstox/NSE and BVMT) in one scheduler,
 * on the simulated market and a simulated outside world on a loopback port, with the embedded
 * SQLite default and the dashboard on http://127.0.0.1:8010. Every job runs once at start, in the
 * order data flows (market data and filings, then alerts and reports, then maintenance), then the
 * real schedules take over. Ctrl+C stops it.
 */
public final class Demo {
    /**
     * The order of the first runs: each phase reads what the one before wrote. Jobs not listed run
     * in the last phase.
     */
    static final List<List<String>> PHASES = List.of(
            List.of("market.sync", "market.pulse", "nse.holidays", "nse.indices", "nse.corporate-actions", "alerts.news"),
            List.of(SimulatedTraderJob.ID, "market.gaps", "market.backfill"),
            List.of("alerts.scan", "alerts.anomalies", "reports.performance", "reports.daily", "reports.weekly"),
            List.of("maintenance.database", "maintenance.cleanup", "maintenance.backup"));

    private Demo() {
    }

    /** Runs the demo; {@code --seconds N} stops it after N seconds (for a smoke test), else Ctrl+C. */
    public static void main(String[] args) throws InterruptedException {
        long seconds = args.length == 2 && args[0].equals("--seconds") ? Long.parseLong(args[1]) : -1;
        // Guice's generated classes need sun.misc.Unsafe, which JDK 24+ warns about; the jobs need no Guice AOP.
        if (System.getProperty("guice_bytecode_gen_option") == null) {
            System.setProperty("guice_bytecode_gen_option", "DISABLED");
        }
        SimulatedWorld world = SimulatedWorld.start(Clock.systemUTC());
        JobScheduler scheduler = builder(world).build();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            scheduler.close();
            world.close();
        }, "demo-shutdown"));
        scheduler.start();

        PrintStream out = System.out;
        out.println();
        out.println("trading-jobs demo: the Upstox/NSE and BVMT hosts' jobs on SIMULATED market data (nothing is fetched from the internet)");
        out.println("  database   " + scheduler.database());
        scheduler.managementPort().ifPresent(port -> out.println("  dashboard  http://127.0.0.1:" + port + "/   (API: http://127.0.0.1:" + port + "/api/jobs)"));
        out.println("  outside    NSE, BSE and news sources simulated at " + world.baseUrl());
        printJobs(scheduler, out);
        out.println("  every job runs once now; then each follows its schedule. Stop with Ctrl+C.");
        out.println();
        DateTimeFormatter clock = DateTimeFormatter.ofPattern("HH:mm:ss");
        scheduler.onRunFinished(run -> out.printf("  %s %-24s %-9s %s%n", clock.format((run.finishedAt() == null ? java.time.Instant.now() : run.finishedAt()).atZone(ZoneId.systemDefault())),
                run.jobId(), run.status(), run.message() == null ? "" : run.message()));
        Map<String, JobRun> first = runEveryJobOnce(scheduler, Duration.ofMinutes(5));
        long succeeded = first.values().stream().filter(r -> r.status() == RunStatus.SUCCEEDED).count();
        long failed = scheduler.jobs().stream().filter(j -> j.status() != JobState.DISABLED).count() - succeeded;
        out.println();
        out.println("  first runs: " + succeeded + " succeeded, " + failed + " did not"
                + scheduler.managementPort().stream().mapToObj(p -> "; see http://127.0.0.1:" + p + "/").findFirst().orElse(""));
        if (seconds > 0) {
            Thread.sleep(seconds * 1000);
            System.exit(failed == 0 ? 0 : 1);
        }
        Thread.currentThread().join();
    }

    /**
     * The demo's scheduler: both hosts' defaults, every seed job of either enabled, the simulated
     * market, the outside world at {@code world}, and the stand-in for users' rules and broker fills.
     */
    public static JobScheduler.Builder builder(SimulatedWorld world) {
        Map<String, String> defaults = new LinkedHashMap<>(BvmtHost.defaults());
        defaults.putAll(UpstoxHost.defaults());
        Set<String> enabled = new LinkedHashSet<>(UpstoxHost.SEED_JOBS.keySet());
        enabled.addAll(UpstoxHost.SUPPORTING_JOBS);
        enabled.addAll(BvmtHost.SEED_JOBS.keySet());
        enabled.forEach(id -> defaults.put("jobs." + id + ".enabled", "true"));
        defaults.put("jobs.http.port", Integer.toString(BvmtHost.PORT));
        defaults.put("alerts.watchlist", UpstoxHost.WATCHLIST + "," + BvmtHost.WATCHLIST);
        return JobScheduler.builder().defaults(defaults)
                .config("market.source", "simulated")
                .config("market.pulse.source", "simulated")
                .config(world.settings())
                .job(JobDefinition.builder(SimulatedTraderJob.ID).name("Simulated trader (demo)")
                        .description("Stands in for the users' alert rules and the broker's fills: a day of trades of two strategies")
                        .schedule("daily at 15:35 on NSE trading days").build(), SimulatedTraderJob.class);
    }

    private static void printJobs(JobScheduler scheduler, PrintStream out) {
        DateTimeFormatter time = DateTimeFormatter.ofPattern("EEE dd MMM HH:mm z");
        out.println("  jobs:");
        for (JobStatus job : scheduler.jobs()) {
            String next = job.nextRun() == null ? "-" : time.format(job.nextRun().atZone(ZoneId.systemDefault()));
            out.printf("    %-24s %-9s %-48s next %s%n", job.id(), job.status().label(), job.schedule(), next);
        }
    }

    /**
     * Runs every enabled job once, phase by phase ({@link #PHASES}). A job that is already running
     * (a scheduled run that fell due meanwhile) is not asked again: the run in progress counts. A
     * run that fails and will be retried counts as ended here: its retry follows the job's policy.
     *
     * @return the first run of each job that ended within {@code timeout}, by job id
     */
    public static Map<String, JobRun> runEveryJobOnce(JobScheduler scheduler, Duration timeout) throws InterruptedException {
        Map<String, JobRun> finished = new ConcurrentHashMap<>();
        Map<String, CountDownLatch> waiting = new ConcurrentHashMap<>();
        scheduler.onRunFinished(run -> {
            CountDownLatch latch = waiting.remove(run.jobId());
            if (latch != null) {
                finished.put(run.jobId(), run);
                latch.countDown();
            }
        });
        List<String> enabled = scheduler.jobs().stream().filter(j -> j.status() != JobState.DISABLED).map(JobStatus::id).toList();
        List<List<String>> phases = new ArrayList<>();
        List<String> rest = new ArrayList<>(enabled);
        for (List<String> phase : PHASES) {
            phases.add(phase.stream().filter(enabled::contains).toList());
            rest.removeAll(phase);
        }
        phases.add(rest);
        long deadline = System.nanoTime() + timeout.toNanos();
        for (List<String> phase : phases) {
            CountDownLatch latch = new CountDownLatch(phase.size());
            for (String id : phase) {
                waiting.put(id, latch); // before runNow: a fast run may end before runNow returns
                try {
                    scheduler.runNow(id);
                } catch (JobAlreadyRunningException running) {
                    // the run in progress ends the wait for this job
                }
            }
            if (!latch.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                break; // the caller sees which jobs are missing
            }
        }
        return Map.copyOf(finished);
    }
}
