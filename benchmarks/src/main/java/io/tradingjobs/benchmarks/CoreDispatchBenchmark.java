package io.tradingjobs.benchmarks;

import io.tradingjobs.core.JobRun;
import io.tradingjobs.core.JobScheduler;
import io.tradingjobs.core.RunStatus;
import io.tradingjobs.core.spi.JobDefinition;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;

/**
 * Dispatch throughput of one-shot jobs through our facade (history written for every run)
 * against raw Quartz on the same kind of SQLite store, in the same JVM and run; then fire
 * lateness of an every-second job for both.
 *
 * <p>Run: {@code java -cp benchmarks/target/trading-jobs-benchmarks.jar io.tradingjobs.benchmarks.CoreDispatchBenchmark
 * [--jobs 2000] [--rounds 3] [--lateness-seconds 60] [--threads 10]}
 */
public final class CoreDispatchBenchmark {
    static final ConcurrentLinkedQueue<Long> RAW_LATENESS = new ConcurrentLinkedQueue<>();
    static final int WARMUP_FIRES = 3;
    static volatile CountDownLatch rawDone;

    private CoreDispatchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int jobs = intArg(args, "--jobs", 2000);
        int rounds = intArg(args, "--rounds", 3);
        int latenessSeconds = intArg(args, "--lateness-seconds", 60);
        int threads = intArg(args, "--threads", 10);
        Path dir = Files.createTempDirectory("tj-bench");
        System.out.printf(Locale.ROOT, "CoreDispatchBenchmark: %d one-shot jobs per round, %d rounds, %d worker threads, SQLite (WAL) in %s, %s %s%n",
                jobs, rounds, threads, dir, System.getProperty("java.vm.name"), System.getProperty("java.version"));
        List<Double> ours = new ArrayList<>();
        List<Double> raw = new ArrayList<>();
        // Warm-up round of each, not counted.
        rawThroughput(dir, jobs / 4, threads);
        oursThroughput(dir, jobs / 4, threads);
        for (int r = 0; r < rounds; r++) {
            // Each side goes first in every other round, so neither always runs in the wake of the other
            // (its garbage, its file system writes, a CPU that has just been busy).
            if (r % 2 == 0) {
                raw.add(rawThroughput(dir, jobs, threads));
                ours.add(oursThroughput(dir, jobs, threads));
            } else {
                ours.add(oursThroughput(dir, jobs, threads));
                raw.add(rawThroughput(dir, jobs, threads));
            }
            System.out.printf(Locale.ROOT, "  round %d: raw Quartz %.0f jobs/s, trading-jobs facade %.0f jobs/s%n", r + 1,
                    raw.get(r), ours.get(r));
        }
        double rawMedian = median(raw);
        double oursMedian = median(ours);
        System.out.printf(Locale.ROOT, "throughput (median of %d): raw Quartz %.0f jobs/s, trading-jobs %.0f jobs/s, ratio %.2f (target >= 0.90)%n",
                rounds, rawMedian, oursMedian, oursMedian / rawMedian);
        if (latenessSeconds > 0) {
            long[] rawLate = rawLateness(dir, latenessSeconds, threads);
            long[] ourLate = oursLateness(dir, latenessSeconds, threads);
            System.out.printf(Locale.ROOT, "fire lateness of an every-second job over %d s: raw Quartz p50 %d ms p99 %d ms max %d ms (n=%d); "
                            + "trading-jobs p50 %d ms p99 %d ms max %d ms (n=%d) (target p99 <= 50 ms)%n", latenessSeconds,
                    rawLate[0], rawLate[1], rawLate[2], rawLate[3], ourLate[0], ourLate[1], ourLate[2], ourLate[3]);
        }
    }

    // ---- raw Quartz --------------------------------------------------------------------------

    /** The no-op raw Quartz job. */
    public static final class RawJob implements Job {
        @Override
        public void execute(JobExecutionContext context) {
            if (context.getMergedJobDataMap().containsKey("lateness")) {
                RAW_LATENESS.add(System.currentTimeMillis() - context.getScheduledFireTime().getTime());
                return;
            }
            rawDone.countDown();
        }
    }

    private static Scheduler rawScheduler(Path dir, int threads, String name) throws Exception {
        Path db = dir.resolve(name + ".db");
        String url = "jdbc:sqlite:" + db + "?journal_mode=WAL&synchronous=NORMAL&busy_timeout=30000&transaction_mode=IMMEDIATE";
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            String ddl = resource("db/tradingjobs/core/sqlite/V1__quartz_tables.sql").replaceAll("(?m)^--.*$", "");
            for (String stmt : ddl.split(";")) {
                if (!stmt.isBlank()) {
                    s.execute(stmt);
                }
            }
        }
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", name);
        p.setProperty("org.quartz.scheduler.batchTriggerAcquisitionMaxCount", String.valueOf(threads));
        p.setProperty("org.quartz.threadPool.threadCount", String.valueOf(threads));
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "io.tradingjobs.core.internal.quartz.SqliteDelegate");
        p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        p.setProperty("org.quartz.jobStore.dataSource", "raw");
        p.setProperty("org.quartz.dataSource.raw.provider", "hikaricp");
        p.setProperty("org.quartz.dataSource.raw.driver", "org.sqlite.JDBC");
        p.setProperty("org.quartz.dataSource.raw.URL", url);
        p.setProperty("org.quartz.dataSource.raw.maxConnections", String.valueOf(threads + 5));
        return new StdSchedulerFactory(p).getScheduler();
    }

    private static double rawThroughput(Path dir, int jobs, int threads) throws Exception {
        Scheduler s = rawScheduler(dir, threads, "raw-" + System.nanoTime());
        JobDetail detail = JobBuilder.newJob(RawJob.class).withIdentity("noop").storeDurably().build();
        s.addJob(detail, true);
        s.start();
        rawDone = new CountDownLatch(jobs);
        long t0 = System.nanoTime();
        for (int i = 0; i < jobs; i++) {
            s.scheduleJob(TriggerBuilder.newTrigger().forJob(detail).startNow()
                    .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow()).build());
        }
        rawDone.await(10, TimeUnit.MINUTES);
        double rate = jobs / ((System.nanoTime() - t0) / 1e9);
        s.shutdown(true);
        return rate;
    }

    private static long[] rawLateness(Path dir, int seconds, int threads) throws Exception {
        Scheduler s = rawScheduler(dir, threads, "raw-late-" + System.nanoTime());
        RAW_LATENESS.clear();
        JobDetail detail = JobBuilder.newJob(RawJob.class).withIdentity("tick").usingJobData("lateness", true).build();
        s.scheduleJob(detail, TriggerBuilder.newTrigger().startNow()
                .withSchedule(org.quartz.CronScheduleBuilder.cronSchedule("* * * * * ?")).build());
        s.start();
        Thread.sleep(seconds * 1000L);
        s.shutdown(true);
        return percentiles(new ArrayList<>(RAW_LATENESS));
    }

    // ---- trading-jobs facade -------------------------------------------------------------------

    private static JobScheduler ours(Path dir, int threads, String name, JobDefinition def, io.tradingjobs.core.spi.Job job) {
        return JobScheduler.builder().discover(false).environment(java.util.Map.of()).workingDirectory(dir)
                .config(java.util.Map.of("jobs.database.url", "jdbc:sqlite:" + dir.resolve(name + ".db"),
                        "jobs.threads", String.valueOf(threads), "jobs.scheduler.name", name))
                .job(def, job)
                .build();
    }

    private static double oursThroughput(Path dir, int jobs, int threads) throws Exception {
        String name = "ours-" + System.nanoTime();
        int limit = threads * 4;
        JobDefinition def = JobDefinition.builder("bench.noop").schedule("manual").maxConcurrent(limit).build();
        CountDownLatch done = new CountDownLatch(jobs);
        // runNow refuses while the job has maxConcurrent runs running or queued, so the submitter takes a slot
        // before each runNow and a finished run gives one back: it waits for room instead of spinning on refusals.
        java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(limit);
        try (JobScheduler s = ours(dir, threads, name, def, ctx -> { })) {
            s.onRunFinished(run -> {
                slots.release();
                if (run.status() == RunStatus.SUCCEEDED) {
                    done.countDown();
                }
            });
            s.start();
            long t0 = System.nanoTime();
            for (int i = 0; i < jobs; ) {
                slots.acquire();
                try {
                    s.runNow("bench.noop");
                    i++;
                } catch (io.tradingjobs.core.JobAlreadyRunningException full) {
                    // A finished run is announced a moment before its worker leaves the count: try again.
                    slots.release();
                    Thread.yield();
                }
            }
            done.await(10, TimeUnit.MINUTES);
            return jobs / ((System.nanoTime() - t0) / 1e9);
        }
    }

    private static long[] oursLateness(Path dir, int seconds, int threads) throws Exception {
        String name = "ours-late-" + System.nanoTime();
        ConcurrentLinkedQueue<Long> lateness = new ConcurrentLinkedQueue<>();
        JobDefinition def = JobDefinition.builder("bench.tick").schedule("* * * * * ?").build();
        try (JobScheduler s = ours(dir, threads, name, def,
                ctx -> lateness.add(System.currentTimeMillis() - ctx.scheduledFireTime().toEpochMilli()))) {
            s.start();
            Thread.sleep(seconds * 1000L);
            List<JobRun> runs = s.history("bench.tick", 10_000);
            if (runs.stream().anyMatch(r -> r.status() != RunStatus.SUCCEEDED && r.status() != RunStatus.RUNNING)) {
                System.out.println("  note: some lateness runs did not succeed: " + runs.stream().map(JobRun::status).distinct().toList());
            }
        }
        return percentiles(new ArrayList<>(lateness));
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static long[] percentiles(List<Long> all) {
        // The first fires after start include class loading and JIT warm-up: not counted.
        List<Long> values = new ArrayList<>(all.subList(Math.min(WARMUP_FIRES, all.size()), all.size()));
        if (values.isEmpty()) {
            return new long[] {-1, -1, -1, 0};
        }
        Collections.sort(values);
        System.out.println("  lateness (ms) of the 5 latest fires after warm-up: " + values.subList(Math.max(0, values.size() - 5), values.size())
                + "; warm-up fires: " + all.subList(0, Math.min(WARMUP_FIRES, all.size())));
        return new long[] {values.get(values.size() / 2), values.get((int) Math.ceil(values.size() * 0.99) - 1),
                values.get(values.size() - 1), values.size()};
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static String resource(String name) throws Exception {
        try (InputStream in = CoreDispatchBenchmark.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static int intArg(String[] args, String name, int def) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return def;
    }
}
