package io.tradingjobs.benchmarks;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tradingjobs.core.JobScheduler;
import io.tradingjobs.core.RunStatus;
import io.tradingjobs.core.spi.JobDefinition;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.jdbcjobstore.JobStoreTX;
import org.quartz.impl.jdbcjobstore.PostgreSQLDelegate;
import org.quartz.simpl.SimpleThreadPool;

/**
 * Cluster throughput and fire lateness on PostgreSQL, 1..3 nodes, for three systems side by side:
 * the trading-jobs facade ({@link JobScheduler} with {@code jobs.cluster.enabled=true}), raw Quartz
 * 2.5 with its clustered {@code JobStoreTX}, and db-scheduler. Every node is a child JVM running this
 * same class with {@code --node}; the parent JVM submits the jobs and reads the nodes' reports.
 *
 * <p>Throughput: per scenario (system x node count) a fresh schema, N nodes started and ready, a
 * warm-up batch submitted and drained, then the measured batch. Time runs from the first
 * submission to the last completion on any node (both {@code System.currentTimeMillis()} on one
 * machine). Each node counts the completions of its no-op job and reports the count and the time of
 * its latest completion; the sums must equal what was submitted (and the database is checked:
 * nothing left queued, and for the facade exactly one {@code SUCCEEDED} row in {@code job_runs} per
 * submission).
 *
 * <p>Lateness: per system and node count a fresh schema, N nodes, an every-second recurring job;
 * after a short warm-up, every fire whose scheduled time falls in the window is kept: lateness = the
 * job's first {@code System.currentTimeMillis()} minus the scheduled fire time the system hands the
 * job. The systems run side by side in one window (each on its own schema and nodes), so background
 * noise hits them alike; {@code --lateness-serial} runs them one at a time instead.
 *
 * <p>Run: {@code java -cp benchmarks/target/trading-jobs-benchmarks.jar io.tradingjobs.benchmarks.ClusterBenchmark
 * [--jobs 3000] [--warmup 200] [--threads 10] [--nodes 1,2,3] [--systems ours,quartz,dbs]
 * [--lateness-seconds 30] [--lateness-serial] [--poll-ms 1000] [--dbs-poll-ms 1000] [--url jdbc:postgresql://127.0.0.1:5432/test?user=postgres]}.
 * Diagnostic systems, not in the default run: {@code quartz-jitter} (raw Quartz on our
 * {@code TradingJobStore} with its 250 ms acquisition jitter) and {@code quartz-single} (raw Quartz,
 * one {@code scheduleJob} call per job instead of one bulk {@code scheduleJobs}).
 */
public final class ClusterBenchmark {
    static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    static final String QUARTZ_NAME = "bench";
    static final String OURS_NOOP = "bench.noop";
    static final String OURS_TICK = "bench.tick";
    static final String JITTER_STORE = "io.tradingjobs.core.internal.quartz.TradingJobStore";

    private ClusterBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--node")) {
            NodeMain.run(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        new Orchestrator(args).run();
    }

    // =============================================================================================
    // The parent: schemas, submitters, child nodes, figures.
    // =============================================================================================

    static final class Orchestrator {
        final int jobs;
        final int warmup;
        final int threads;
        final List<Integer> nodeCounts;
        final List<String> systems;
        final int latenessSeconds;
        final int latenessWarmupSeconds;
        final boolean latenessSerial;
        final long pollMs;
        final long dbsPollMs;
        final String baseUrl;
        final String heap;
        final long timeoutSeconds;
        final Path logDir;
        final List<String[]> throughputRows = new ArrayList<>();
        final List<String[]> latenessRows = new ArrayList<>();
        final List<String> problems = new java.util.concurrent.CopyOnWriteArrayList<>();
        final Set<String> liveSchemas = java.util.concurrent.ConcurrentHashMap.newKeySet();

        Orchestrator(String[] args) throws IOException {
            jobs = intArg(args, "--jobs", 3000);
            warmup = intArg(args, "--warmup", 200);
            threads = intArg(args, "--threads", 10);
            nodeCounts = Arrays.stream(strArg(args, "--nodes", "1,2,3").split(",")).map(String::trim).map(Integer::parseInt).toList();
            systems = Arrays.stream(strArg(args, "--systems", "ours,quartz,dbs").split(",")).map(String::trim).toList();
            latenessSeconds = intArg(args, "--lateness-seconds", 30);
            latenessWarmupSeconds = intArg(args, "--lateness-warmup", 3);
            latenessSerial = Arrays.asList(args).contains("--lateness-serial");
            pollMs = intArg(args, "--poll-ms", 1000);
            dbsPollMs = intArg(args, "--dbs-poll-ms", (int) pollMs);
            baseUrl = strArg(args, "--url", DEFAULT_URL);
            heap = strArg(args, "--node-heap", "256m");
            timeoutSeconds = intArg(args, "--timeout-seconds", 300);
            logDir = Files.createTempDirectory("tj-cluster-bench");
            for (String s : systems) {
                if (!List.of("ours", "quartz", "dbs", "quartz-jitter", "quartz-single").contains(s)) {
                    throw new IllegalArgumentException("unknown system " + s + " (ours, quartz, dbs, quartz-jitter, quartz-single)");
                }
            }
        }

        void run() throws Exception {
            long started = System.currentTimeMillis();
            // Interrupted (Ctrl-C, kill): stop the child nodes and drop the schemas left behind.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                for (NodeProc p : NodeProc.LIVE) {
                    p.process.destroyForcibly();
                }
                for (String schema : List.copyOf(liveSchemas)) {
                    dropSchema(schema);
                }
            }, "cluster-benchmark-cleanup"));
            printMachine();
            System.out.printf(Locale.ROOT, "settings: %d measured + %d warm-up no-op jobs per throughput scenario, %d worker threads per node, "
                            + "nodes %s, poll %d ms (db-scheduler %d ms), lateness window %d s after %d s warm-up (%s); node JVMs -Xmx%s; node logs in %s%n%n",
                    jobs, warmup, threads, nodeCounts, pollMs, dbsPollMs, latenessSeconds, latenessWarmupSeconds,
                    latenessSerial ? "one system at a time" : "systems side by side", heap, logDir);
            if (jobs > 0) {
                for (int n : nodeCounts) {
                    for (String system : systems) {
                        try {
                            throughput(system, n);
                        } catch (Exception e) {
                            problems.add("throughput " + system + " x" + n + ": " + e);
                            throughputRows.add(new String[] {system, String.valueOf(n), "-", "-", "-", "-", "-", "FAILED: " + e.getMessage(), load()});
                        }
                    }
                }
            }
            if (latenessSeconds > 0) {
                List<String> latenessSystems = systems.stream().filter(x -> !x.equals("quartz-single")).toList(); // a submission variant only
                List<List<String>> groups = latenessSerial ? latenessSystems.stream().map(List::of).toList() : List.of(latenessSystems);
                for (int n : nodeCounts) {
                    for (List<String> group : groups) {
                        try {
                            lateness(group, n);
                        } catch (Exception e) {
                            problems.add("lateness " + group + " x" + n + ": " + e);
                            for (String system : group) {
                                latenessRows.add(new String[] {system, String.valueOf(n), "-", "-", "-", "-", "FAILED: " + e.getMessage(), load()});
                            }
                        }
                    }
                }
            }
            System.out.println();
            System.out.println("== Figures ==");
            printMachine();
            if (!throughputRows.isEmpty()) {
                System.out.printf(Locale.ROOT, "%nThroughput: %d no-op one-shot jobs, first submission -> last completion (%d threads per node)%n", jobs, threads);
                table(new String[] {"system", "nodes", "submit s", "1st run s", "total s", "jobs/s", "drain/s", "runs per node (checks)", "load1"}, throughputRows);
                System.out.println("submit s: time to queue the batch; 1st run s: first submission -> first completion; total s: first submission -> "
                        + "last completion; jobs/s = jobs / total s; drain/s = jobs from the first completion to the last, per second");
            }
            if (!latenessRows.isEmpty()) {
                System.out.printf(Locale.ROOT, "%nFire lateness of an every-second job over %d s (ms; actual start - scheduled fire time)%n", latenessSeconds);
                table(new String[] {"system", "nodes", "p50", "p99", "max", "min", "fires per node (checks)", "load1"}, latenessRows);
            }
            System.out.printf(Locale.ROOT, "%nsystems: ours = trading-jobs facade (JobScheduler, clustered; runNow, job_runs); quartz = Quartz %s JobStoreTX clustered; "
                    + "dbs = db-scheduler %s%n", org.quartz.core.QuartzScheduler.getVersionMajor() + "." + org.quartz.core.QuartzScheduler.getVersionMinor()
                    + "." + org.quartz.core.QuartzScheduler.getVersionIteration(), dbSchedulerVersion());
            System.out.printf(Locale.ROOT, "whole run: %.0f s%n", (System.currentTimeMillis() - started) / 1000.0);
            if (!problems.isEmpty()) {
                System.out.println("PROBLEMS:");
                problems.forEach(p -> System.out.println("  " + p));
                System.exit(1);
            }
        }

        // ---- throughput --------------------------------------------------------------------

        void throughput(String system, int n) throws Exception {
            System.out.printf(Locale.ROOT, "throughput %s x%d ...%n", system, n);
            String schema = newSchema();
            String url = withSchema(schema);
            List<NodeProc> nodes = new ArrayList<>();
            Submitter sub = null;
            try {
                sub = Submitter.create(system, url, threads, pollMs, false);
                for (int i = 1; i <= n; i++) {
                    nodes.add(NodeProc.start(system, "throughput", url, system + "-t" + n + "-n" + i, threads, pollFor(system), heap, logDir));
                }
                for (NodeProc p : nodes) {
                    p.awaitReady(Duration.ofSeconds(120));
                }
                sub.submit("w", warmup);
                awaitCount(nodes, warmup, "warm-up");
                for (NodeProc p : nodes) {
                    p.mark(); // from here on each node also notes its first completion
                }
                long t0 = System.currentTimeMillis();
                sub.submit("m", jobs);
                long submitted = System.currentTimeMillis();
                awaitCount(nodes, (long) warmup + jobs, "measured batch");
                long end = nodes.stream().mapToLong(NodeProc::lastEnd).max().orElseThrow();
                long first = nodes.stream().mapToLong(NodeProc::firstAfterMark).filter(x -> x > 0).min().orElseThrow();
                String load = load();
                for (NodeProc p : nodes) {
                    p.stop();
                }
                long finalTotal = 0;
                List<String> shares = new ArrayList<>();
                for (NodeProc p : nodes) {
                    long c = p.finalCount();
                    finalTotal += c;
                    shares.add(String.valueOf(c));
                }
                String check = (finalTotal == (long) warmup + jobs ? "exact" : "COUNT " + finalTotal + " != " + (warmup + jobs))
                        + ", " + sub.verify(warmup + jobs);
                if (!check.startsWith("exact") || !check.endsWith("db ok")) {
                    problems.add("throughput " + system + " x" + n + ": " + check);
                }
                double secs = (end - t0) / 1000.0;
                double drain = (jobs - 1) / Math.max(0.001, (end - first) / 1000.0);
                throughputRows.add(new String[] {system, String.valueOf(n), fmt1((submitted - t0) / 1000.0), fmt1((first - t0) / 1000.0), fmt1(secs),
                        String.format(Locale.ROOT, "%.0f", jobs / secs), String.format(Locale.ROOT, "%.0f", drain),
                        String.join("/", shares) + " (" + check + ")", load});
                System.out.printf(Locale.ROOT, "  %s x%d: %.0f jobs/s (submit %.1f s, first run after %.1f s, total %.1f s, %.0f jobs/s from first to last), "
                                + "per node %s, %s%n", system, n, jobs / secs, (submitted - t0) / 1000.0, (first - t0) / 1000.0, secs, drain, shares, check);
            } finally {
                for (NodeProc p : nodes) {
                    p.kill();
                }
                if (sub != null) {
                    sub.close();
                }
                dropSchema(schema);
            }
        }

        long pollFor(String system) {
            return system.equals("dbs") ? dbsPollMs : pollMs;
        }

        void awaitCount(List<NodeProc> nodes, long target, String what) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            while (true) {
                long total = nodes.stream().mapToLong(NodeProc::count).sum();
                if (total >= target) {
                    return;
                }
                for (NodeProc p : nodes) {
                    if (!p.isAlive()) {
                        throw new IllegalStateException("node " + p.name + " died; see " + p.log);
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(what + ": only " + total + " of " + target + " completed within " + timeoutSeconds + " s");
                }
                Thread.sleep(10);
            }
        }

        // ---- lateness ----------------------------------------------------------------------

        /**
         * One lateness scenario per system for {@code n} nodes. Side by side (the default) every system
         * gets its own schema and nodes and they all share one window, so background noise hits them
         * alike; the load each adds is one no-op run per second plus its polling.
         */
        void lateness(List<String> group, int n) throws Exception {
            System.out.printf(Locale.ROOT, "lateness %s x%d ...%n", group, n);
            Map<String, String> schemas = new java.util.LinkedHashMap<>();
            Map<String, List<NodeProc>> nodes = new java.util.LinkedHashMap<>();
            try {
                for (String system : group) {
                    String schema = newSchema();
                    schemas.put(system, schema);
                    try (Submitter sub = Submitter.create(system, withSchema(schema), threads, pollMs, true)) {
                        sub.prepareTick();
                    }
                }
                for (String system : group) {
                    List<NodeProc> mine = new ArrayList<>();
                    for (int i = 1; i <= n; i++) {
                        mine.add(NodeProc.start(system, "lateness", withSchema(schemas.get(system)), system + "-l" + n + "-n" + i, threads,
                                pollFor(system), heap, logDir));
                    }
                    nodes.put(system, mine);
                }
                for (List<NodeProc> list : nodes.values()) {
                    for (NodeProc p : list) {
                        p.awaitReady(Duration.ofSeconds(120));
                    }
                }
                long windowStart = (System.currentTimeMillis() / 1000 + latenessWarmupSeconds + 1) * 1000;
                long windowEnd = windowStart + latenessSeconds * 1000L;
                // Wait for the window to pass plus a grace for a late last fire.
                long waitUntil = windowEnd + 2500;
                while (System.currentTimeMillis() < waitUntil) {
                    for (List<NodeProc> list : nodes.values()) {
                        for (NodeProc p : list) {
                            if (!p.isAlive()) {
                                throw new IllegalStateException("node " + p.name + " died; see " + p.log);
                            }
                        }
                    }
                    Thread.sleep(200);
                }
                String load = load();
                for (String system : group) {
                    latenessFigures(system, n, nodes.get(system), windowStart, windowEnd, load);
                }
                for (List<NodeProc> list : nodes.values()) {
                    for (NodeProc p : list) {
                        p.stdin.close(); // all stop at once
                    }
                }
                for (List<NodeProc> list : nodes.values()) {
                    for (NodeProc p : list) {
                        p.stop();
                    }
                }
            } finally {
                for (List<NodeProc> list : nodes.values()) {
                    for (NodeProc p : list) {
                        p.kill();
                    }
                }
                schemas.values().forEach(this::dropSchema);
            }
        }

        void latenessFigures(String system, int n, List<NodeProc> nodes, long windowStart, long windowEnd, String load) {
            List<Long> values = new ArrayList<>();
            Map<Long, Integer> perFire = new HashMap<>();
            List<String> shares = new ArrayList<>();
            for (NodeProc p : nodes) {
                int mine = 0;
                for (long[] s : p.lateness) {
                    if (s[0] >= windowStart && s[0] < windowEnd) {
                        values.add(s[1]);
                        perFire.merge(s[0], 1, Integer::sum);
                        mine++;
                    }
                }
                shares.add(String.valueOf(mine));
            }
            // Fires are identified by their scheduled time; a system whose next fire is computed from
            // the previous run's end may leave the whole-second grid (db-scheduler's cron does), so
            // fires are counted, not matched against the grid.
            int expected = latenessSeconds;
            long fires = perFire.size();
            long dups = perFire.values().stream().filter(c -> c > 1).count();
            long offGrid = perFire.keySet().stream().filter(t -> t % 1000 != 0).count();
            String check = fires + "/" + expected + " fires" + (dups == 0 ? "" : ", " + dups + " RUN TWICE")
                    + (offGrid == 0 ? "" : ", " + offGrid + " off the whole second");
            if (dups != 0) {
                problems.add("lateness " + system + " x" + n + ": " + check); // a fire run twice is a correctness failure
            }
            long[] pc = percentiles(values);
            latenessRows.add(new String[] {system, String.valueOf(n), String.valueOf(pc[0]), String.valueOf(pc[1]),
                    String.valueOf(pc[2]), String.valueOf(pc[3]), String.join("/", shares) + " (" + check + ")", load});
            System.out.printf(Locale.ROOT, "  %s x%d: p50 %d ms, p99 %d ms, max %d ms, min %d ms (n=%d), per node %s, %s%n", system, n,
                    pc[0], pc[1], pc[2], pc[3], values.size(), shares, check);
        }

        // ---- database and machine ----------------------------------------------------------

        String newSchema() throws SQLException {
            String schema = "tjbench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            try (Connection c = DriverManager.getConnection(baseUrl); Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA " + schema);
            }
            liveSchemas.add(schema);
            return schema;
        }

        String withSchema(String schema) {
            return baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        }

        void dropSchema(String schema) {
            try (Connection c = DriverManager.getConnection(baseUrl); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                liveSchemas.remove(schema);
            } catch (SQLException e) {
                problems.add("could not drop schema " + schema + ": " + e.getMessage());
            }
        }

        void printMachine() {
            String pg = "?";
            try (Connection c = DriverManager.getConnection(baseUrl); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT version()")) {
                rs.next();
                pg = rs.getString(1).replaceAll(" on .*", "");
            } catch (SQLException e) {
                pg = "unreachable: " + e.getMessage();
            }
            System.out.printf(Locale.ROOT, "machine: %d cores (%s), %s %s (%s), %s %s; %s at %s; load %s; %s%n",
                    Runtime.getRuntime().availableProcessors(), cpuModel(), System.getProperty("java.vm.name"), System.getProperty("java.version"),
                    System.getProperty("java.vendor"), System.getProperty("os.name"), System.getProperty("os.version"), pg,
                    baseUrl.replaceAll("\\?.*", ""), load(), OffsetDateTime.now().withNano(0));
        }

        static String cpuModel() {
            try {
                return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                        .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("?");
            } catch (IOException e) {
                return "?";
            }
        }

        static String dbSchedulerVersion() {
            Package p = com.github.kagkarlsson.scheduler.Scheduler.class.getPackage();
            String v = p == null ? null : p.getImplementationVersion();
            if (v != null) {
                return v;
            }
            try (InputStream in = ClusterBenchmark.class.getClassLoader()
                    .getResourceAsStream("META-INF/maven/com.github.kagkarlsson/db-scheduler/pom.properties")) {
                if (in != null) {
                    Properties props = new Properties();
                    props.load(in);
                    return props.getProperty("version", "?");
                }
            } catch (IOException ignored) {
                // fall through
            }
            return "?";
        }
    }

    static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0];
        } catch (IOException e) {
            return "?";
        }
    }

    // =============================================================================================
    // Submitters (in the parent JVM): each system's own way of queueing one-shot work.
    // =============================================================================================

    abstract static class Submitter implements AutoCloseable {
        static Submitter create(String system, String url, int threads, long pollMs, boolean lateness) throws Exception {
            return switch (system) {
                case "ours" -> new OursSubmitter(url, threads, lateness);
                case "quartz", "quartz-jitter" -> new QuartzSubmitter(url, threads, pollMs, false);
                case "quartz-single" -> new QuartzSubmitter(url, threads, pollMs, true);
                case "dbs" -> new DbsSubmitter(url, threads);
                default -> throw new IllegalArgumentException(system);
            };
        }

        /** Queues {@code count} one-shot no-op jobs, ids {@code prefix-i}. */
        abstract void submit(String prefix, int count) throws Exception;

        /** Stores the every-second job where the system wants it stored before the nodes start. */
        abstract void prepareTick() throws Exception;

        /** Checks the database after a throughput run; ends with "db ok" when all is well. */
        abstract String verify(int expected) throws Exception;

        @Override
        public abstract void close();
    }

    /**
     * The facade: a JobScheduler in the parent with {@code jobs.scheduler.enabled=false} (stores
     * schedules and takes {@code runNow}, runs nothing); it applies the migrations before the nodes
     * start. The facade has no bulk submission: one {@code runNow} per job.
     */
    static final class OursSubmitter extends Submitter {
        final JobScheduler scheduler;
        final String url;

        OursSubmitter(String url, int threads, boolean lateness) throws IOException {
            this.url = url;
            JobScheduler.Builder b = JobScheduler.builder().discover(false).environment(Map.of())
                    .workingDirectory(Files.createTempDirectory("tj-bench-submitter"))
                    .config(oursConfig(url, "submitter", threads))
                    .config("jobs.scheduler.enabled", "false");
            if (lateness) {
                b.job(JobDefinition.builder(OURS_TICK).schedule("* * * * * ?").build(), ctx -> { });
            } else {
                b.job(JobDefinition.builder(OURS_NOOP).schedule("manual").maxConcurrent(1_000_000).build(), ctx -> { });
            }
            scheduler = b.build();
            scheduler.start();
        }

        @Override
        void submit(String prefix, int count) {
            for (int i = 0; i < count; i++) {
                scheduler.runNow(OURS_NOOP);
            }
        }

        @Override
        void prepareTick() {
            // start() stored the trigger.
        }

        @Override
        String verify(int expected) throws SQLException {
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                long ok = single(s, "SELECT count(DISTINCT run_id) FROM job_runs WHERE job_id = '" + OURS_NOOP + "' AND status = '" + RunStatus.SUCCEEDED + "'");
                long rows = single(s, "SELECT count(*) FROM job_runs WHERE job_id = '" + OURS_NOOP + "'");
                long left = single(s, "SELECT count(*) FROM qrtz_triggers WHERE job_name = '" + OURS_NOOP + "'")
                        + single(s, "SELECT count(*) FROM qrtz_fired_triggers");
                return ok == expected && rows == expected && left == 0 ? "job_runs " + ok + " SUCCEEDED, db ok"
                        : "job_runs " + ok + " SUCCEEDED of " + rows + " rows, " + left + " triggers left: db NOT ok";
            }
        }

        @Override
        public void close() {
            scheduler.close();
        }
    }

    /**
     * Raw Quartz: the Quartz tables from jobs-core's migration, a Quartz scheduler in the parent
     * that is never started (so it never checks in as a node) and only stores: one bulk
     * {@code scheduleJobs} (one transaction) per batch, or one {@code scheduleJob} per job for
     * {@code quartz-single}.
     */
    static final class QuartzSubmitter extends Submitter {
        final Scheduler scheduler;
        final String url;
        final boolean single;
        final JobDetail noop;

        QuartzSubmitter(String url, int threads, long pollMs, boolean single) throws Exception {
            this.url = url;
            this.single = single;
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                String ddl = resource("db/tradingjobs/core/postgresql/V1__quartz_tables.sql").replaceAll("(?m)^--.*$", "");
                for (String stmt : ddl.split(";")) {
                    if (!stmt.isBlank()) {
                        s.execute(stmt);
                    }
                }
            }
            scheduler = new StdSchedulerFactory(quartzProperties(url, "submitter-" + UUID.randomUUID(), threads, pollMs, false)).getScheduler();
            noop = JobBuilder.newJob(RawNoop.class).withIdentity("noop", QUARTZ_NAME).storeDurably().build();
            scheduler.addJob(noop, true);
        }

        @Override
        void submit(String prefix, int count) throws Exception {
            if (single) {
                for (int i = 0; i < count; i++) {
                    scheduler.scheduleJob(oneShot(prefix + "-" + i));
                }
                return;
            }
            Set<Trigger> triggers = new LinkedHashSet<>();
            for (int i = 0; i < count; i++) {
                triggers.add(oneShot(prefix + "-" + i));
            }
            scheduler.scheduleJobs(Map.of(noop, triggers), true);
        }

        private Trigger oneShot(String name) {
            return TriggerBuilder.newTrigger().withIdentity(name, QUARTZ_NAME).forJob(noop).startNow()
                    .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow()).build();
        }

        @Override
        void prepareTick() throws Exception {
            JobDetail tick = JobBuilder.newJob(RawTick.class).withIdentity("tick", QUARTZ_NAME).build();
            // Misfire instruction as ours with coalesce: a fire that is late past the threshold fires once now.
            scheduler.scheduleJob(tick, TriggerBuilder.newTrigger().withIdentity("tick", QUARTZ_NAME).startNow()
                    .withSchedule(CronScheduleBuilder.cronSchedule("* * * * * ?").withMisfireHandlingInstructionFireAndProceed()).build());
        }

        @Override
        String verify(int expected) throws SQLException {
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                long left = single(s, "SELECT count(*) FROM qrtz_triggers") + single(s, "SELECT count(*) FROM qrtz_fired_triggers");
                return left == 0 ? "db ok" : left + " triggers left: db NOT ok";
            }
        }

        @Override
        public void close() {
            try {
                scheduler.shutdown(false);
            } catch (org.quartz.SchedulerException e) {
                throw new IllegalStateException("could not shut the submitting Quartz scheduler down", e);
            }
        }
    }

    /**
     * db-scheduler: its documented PostgreSQL table, a {@code SchedulerClient} in the parent, one
     * {@code scheduleBatch} (JDBC batch insert) per batch.
     */
    static final class DbsSubmitter extends Submitter {
        final HikariDataSource ds;
        final SchedulerClient client;
        final OneTimeTask<Void> noop;

        DbsSubmitter(String url, int threads) throws SQLException {
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                // db-scheduler's PostgreSQL table definition (db-scheduler/src/test/resources/postgresql_tables.sql, 16.x).
                s.execute("CREATE TABLE scheduled_tasks (task_name TEXT NOT NULL, task_instance TEXT NOT NULL, task_data BYTEA, "
                        + "execution_time TIMESTAMP WITH TIME ZONE NOT NULL, picked BOOLEAN NOT NULL, picked_by TEXT, "
                        + "last_success TIMESTAMP WITH TIME ZONE, last_failure TIMESTAMP WITH TIME ZONE, consecutive_failures INT, "
                        + "last_heartbeat TIMESTAMP WITH TIME ZONE, version BIGINT NOT NULL, priority SMALLINT, "
                        + "PRIMARY KEY (task_name, task_instance))");
                s.execute("CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time)");
                s.execute("CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat)");
                s.execute("CREATE INDEX priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC)");
            }
            ds = dataSource(url, threads + 5, "dbs-submitter");
            noop = Tasks.oneTime("noop").execute((inst, ctx) -> { });
            client = SchedulerClient.Builder.create(ds, noop).build();
        }

        @Override
        void submit(String prefix, int count) {
            List<TaskInstance<?>> batch = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                batch.add(noop.instance(prefix + "-" + i));
            }
            client.scheduleBatch(batch, Instant.now());
        }

        @Override
        void prepareTick() {
            // Nodes start the recurring task themselves (startTasks), as db-scheduler intends.
        }

        @Override
        String verify(int expected) throws SQLException {
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                long left = single(s, "SELECT count(*) FROM scheduled_tasks WHERE task_name = 'noop'");
                return left == 0 ? "db ok" : left + " executions left: db NOT ok";
            }
        }

        @Override
        public void close() {
            ds.close();
        }
    }

    // =============================================================================================
    // Nodes: child JVMs running this class with --node.
    // =============================================================================================

    /** A node in a child JVM; reads its reports. */
    static final class NodeProc {
        static final Set<NodeProc> LIVE = java.util.concurrent.ConcurrentHashMap.newKeySet();
        final String name;
        final Process process;
        final Path log;
        final PrintWriter stdin;
        final ConcurrentLinkedQueue<long[]> lateness = new ConcurrentLinkedQueue<>();
        volatile boolean ready;
        volatile long count;
        volatile long lastEnd;
        volatile long firstAfterMark;
        volatile boolean marked;
        volatile long finalCount = -1;

        private NodeProc(String name, Process process, Path log) {
            this.name = name;
            this.process = process;
            this.log = log;
            this.stdin = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
            Thread reader = new Thread(this::read, "node-output-" + name);
            reader.setDaemon(true);
            reader.start();
        }

        static NodeProc start(String system, String mode, String url, String name, int threads, long pollMs, String heap, Path logDir)
                throws IOException {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + heap, "-cp", System.getProperty("java.class.path"), ClusterBenchmark.class.getName(), "--node",
                    system, mode, url, name, String.valueOf(threads), String.valueOf(pollMs)));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            NodeProc node = new NodeProc(name, p, logDir.resolve(name + ".log"));
            LIVE.add(node);
            return node;
        }

        private void read() {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                 PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith("STATS ")) {
                        String[] f = line.split(" ");
                        lastEnd = Long.parseLong(f[2]);
                        firstAfterMark = Long.parseLong(f[3]);
                        count = Long.parseLong(f[1]);
                        continue;
                    }
                    if (line.startsWith("LATE ")) {
                        String[] f = line.split(" ");
                        lateness.add(new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
                        out.println(line);
                        continue;
                    }
                    if (line.startsWith("READY")) {
                        ready = true;
                    } else if (line.startsWith("MARKED")) {
                        marked = true;
                    } else if (line.startsWith("FINAL ")) {
                        finalCount = Long.parseLong(line.substring(6).trim());
                    }
                    out.println(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }

        void awaitReady(Duration wait) throws Exception {
            long deadline = System.nanoTime() + wait.toNanos();
            while (!ready) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("node " + name + " exited before it was ready; see " + log);
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("node " + name + " not ready after " + wait + "; see " + log);
                }
                Thread.sleep(20);
            }
        }

        long count() {
            return count;
        }

        long firstAfterMark() {
            return firstAfterMark;
        }

        /** Tells the node to note its first completion from now on; waits for its answer. */
        void mark() throws Exception {
            stdin.println("mark");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!marked) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    throw new IllegalStateException("node " + name + " did not answer 'mark'; see " + log);
                }
                Thread.sleep(1);
            }
        }

        long lastEnd() {
            return lastEnd;
        }

        boolean isAlive() {
            return process.isAlive();
        }

        /** Closes stdin: the node stops its scheduler, prints FINAL and exits. */
        void stop() throws InterruptedException {
            stdin.close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            Thread.sleep(50); // let the reader take the last lines
            LIVE.remove(this);
        }

        long finalCount() {
            return finalCount;
        }

        void kill() throws InterruptedException {
            if (process.isAlive()) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            LIVE.remove(this);
        }
    }

    /** Per-JVM counters the nodes' jobs update (one node per JVM). */
    static final AtomicLong COUNT = new AtomicLong();
    static final AtomicLong LAST_END = new AtomicLong();
    static final AtomicLong FIRST_AFTER_MARK = new AtomicLong();
    static volatile boolean marked;

    static void completed() {
        long now = System.currentTimeMillis();
        if (marked) {
            FIRST_AFTER_MARK.accumulateAndGet(now, (a, b) -> a == 0 ? b : Math.min(a, b));
        }
        LAST_END.accumulateAndGet(now, Math::max);
        COUNT.incrementAndGet();
    }

    static void late(long now, long scheduledMillis) {
        System.out.println("LATE " + scheduledMillis + " " + (now - scheduledMillis));
    }

    /** The raw Quartz no-op job. */
    public static final class RawNoop implements org.quartz.Job {
        @Override
        public void execute(JobExecutionContext context) {
            completed();
        }
    }

    /** The raw Quartz every-second job. */
    public static final class RawTick implements org.quartz.Job {
        @Override
        public void execute(JobExecutionContext context) {
            long now = System.currentTimeMillis();
            late(now, context.getScheduledFireTime().getTime());
        }
    }

    static final class NodeMain {
        private NodeMain() {
        }

        static void run(String[] a) throws Exception {
            String system = a[0];
            boolean throughput = a[1].equals("throughput");
            String url = a[2];
            String name = a[3];
            int threads = Integer.parseInt(a[4]);
            long pollMs = Long.parseLong(a[5]);
            AutoCloseable running = switch (system) {
                case "ours" -> ours(url, name, threads, throughput);
                case "quartz", "quartz-single" -> quartz(url, name, threads, pollMs, false, throughput);
                case "quartz-jitter" -> quartz(url, name, threads, pollMs, true, throughput);
                case "dbs" -> dbs(url, name, threads, pollMs, throughput);
                default -> throw new IllegalArgumentException(system);
            };
            Thread reporter = new Thread(() -> {
                long reported = -1;
                while (!Thread.currentThread().isInterrupted()) {
                    long c = COUNT.get();
                    if (c != reported) {
                        System.out.println("STATS " + c + " " + LAST_END.get() + " " + FIRST_AFTER_MARK.get());
                        reported = c;
                    }
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "stats-reporter");
            reporter.setDaemon(true);
            reporter.start();
            System.out.println("READY " + name);
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null) {
                // One command: "mark" (note the first completion from now on); end of input stops the node.
                if (line.trim().equals("mark")) {
                    marked = true;
                    System.out.println("MARKED");
                }
            }
            running.close();
            reporter.interrupt();
            System.out.println("FINAL " + COUNT.get());
            System.out.flush();
            System.exit(0);
        }

        static AutoCloseable ours(String url, String name, int threads, boolean throughput) throws IOException {
            JobScheduler.Builder b = JobScheduler.builder().discover(false).environment(Map.of())
                    .workingDirectory(Files.createTempDirectory("tj-bench-node"))
                    .config(oursConfig(url, name, threads));
            if (throughput) {
                b.job(JobDefinition.builder(OURS_NOOP).schedule("manual").maxConcurrent(1_000_000).build(), ctx -> { });
            } else {
                b.job(JobDefinition.builder(OURS_TICK).schedule("* * * * * ?").build(), ctx -> {
                    long now = System.currentTimeMillis();
                    late(now, ctx.scheduledFireTime().toEpochMilli());
                });
            }
            JobScheduler s = b.build();
            if (throughput) {
                // Counted once the run's end is recorded in job_runs, which is what the facade promises.
                s.onRunFinished(run -> {
                    if (run.status() == RunStatus.SUCCEEDED) {
                        completed();
                    }
                });
            }
            s.start();
            return s;
        }

        static AutoCloseable quartz(String url, String name, int threads, long pollMs, boolean jitter, boolean throughput) throws Exception {
            Scheduler s = new StdSchedulerFactory(quartzProperties(url, name, threads, pollMs, jitter)).getScheduler();
            s.start();
            return () -> s.shutdown(true);
        }

        static AutoCloseable dbs(String url, String name, int threads, long pollMs, boolean throughput) {
            HikariDataSource ds = dataSource(url, threads + 5, "dbs-" + name);
            List<Task<?>> known = new ArrayList<>();
            com.github.kagkarlsson.scheduler.SchedulerBuilder b;
            if (throughput) {
                known.add(Tasks.oneTime("noop").execute((inst, ctx) -> completed()));
                b = com.github.kagkarlsson.scheduler.Scheduler.create(ds, known);
            } else {
                RecurringTask<Void> tick = Tasks.recurring("tick", Schedules.cron("* * * * * *")).execute((inst, ctx) -> {
                    long now = System.currentTimeMillis();
                    late(now, ctx.getExecution().executionTime.toEpochMilli());
                });
                b = com.github.kagkarlsson.scheduler.Scheduler.create(ds, known).startTasks(tick);
            }
            com.github.kagkarlsson.scheduler.Scheduler s = b.threads(threads)
                    .pollingInterval(Duration.ofMillis(pollMs))
                    // db-scheduler's recommended strategy for PostgreSQL: SELECT ... FOR UPDATE SKIP LOCKED.
                    .pollUsingLockAndFetch(0.5, 1.0)
                    .schedulerName(new SchedulerName.Fixed(name))
                    .shutdownMaxWait(Duration.ofSeconds(5))
                    .build();
            s.start();
            return () -> {
                s.stop();
                ds.close();
            };
        }
    }

    // =============================================================================================
    // Shared configuration: same threads, pool size and poll interval for every system.
    // =============================================================================================

    static Map<String, String> oursConfig(String url, String node, int threads) {
        Map<String, String> c = new HashMap<>();
        c.put("jobs.database.url", url);
        c.put("jobs.cluster.enabled", "true");
        c.put("jobs.cluster.node-id", node);
        c.put("jobs.threads", String.valueOf(threads));
        c.put("jobs.shutdown.timeout", "5s");
        return c;
    }

    /**
     * Raw Quartz configured like {@code QuartzSetup} configures ours for a cluster (same batch size,
     * poll, check-in interval, misfire threshold, lock around acquisition, pool size) but on Quartz's
     * own {@link JobStoreTX}; {@code jitter} swaps in our {@code TradingJobStore} with its 250 ms jitter.
     */
    static Properties quartzProperties(String url, String instanceId, int threads, long pollMs, boolean jitter) {
        Properties p = new Properties();
        p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, QUARTZ_NAME);
        p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_ID, instanceId);
        p.setProperty(StdSchedulerFactory.PROP_SCHED_BATCH_TIME_WINDOW, "0");
        p.setProperty(StdSchedulerFactory.PROP_SCHED_MAX_BATCH_SIZE, String.valueOf(threads));
        p.setProperty(StdSchedulerFactory.PROP_SCHED_INTERRUPT_JOBS_ON_SHUTDOWN, "false");
        p.setProperty("org.quartz.scheduler.idleWaitTime", String.valueOf(pollMs));
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty(StdSchedulerFactory.PROP_THREAD_POOL_CLASS, SimpleThreadPool.class.getName());
        p.setProperty("org.quartz.threadPool.threadCount", String.valueOf(threads));
        p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        p.setProperty(StdSchedulerFactory.PROP_JOB_STORE_CLASS, jitter ? JITTER_STORE : JobStoreTX.class.getName());
        if (jitter) {
            p.setProperty("org.quartz.jobStore.acquireJitterMillis", "250");
        }
        p.setProperty("org.quartz.jobStore.driverDelegateClass", PostgreSQLDelegate.class.getName());
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", "7500");
        p.setProperty("org.quartz.jobStore.misfireThreshold", "10000");
        p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        p.setProperty("org.quartz.jobStore.dataSource", "bench");
        p.setProperty("org.quartz.dataSource.bench.provider", "hikaricp");
        p.setProperty("org.quartz.dataSource.bench.driver", "org.postgresql.Driver");
        p.setProperty("org.quartz.dataSource.bench.URL", url);
        p.setProperty("org.quartz.dataSource.bench.maxConnections", String.valueOf(threads + 5));
        return p;
    }

    static HikariDataSource dataSource(String url, int size, String name) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(url);
        hc.setMaximumPoolSize(size);
        hc.setMinimumIdle(Math.min(2, size));
        hc.setPoolName(name);
        return new HikariDataSource(hc);
    }

    // =============================================================================================
    // Helpers
    // =============================================================================================

    static long single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** p50, p99, max, min (nearest rank). */
    static long[] percentiles(List<Long> values) {
        if (values.isEmpty()) {
            return new long[] {-1, -1, -1, -1};
        }
        List<Long> v = new ArrayList<>(values);
        Collections.sort(v);
        return new long[] {rank(v, 0.50), rank(v, 0.99), v.get(v.size() - 1), v.get(0)};
    }

    static long rank(List<Long> sorted, double q) {
        int i = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    static void table(String[] header, List<String[]> rows) {
        int[] w = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            w[i] = header[i].length();
            for (String[] r : rows) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, header, w);
        StringBuilder sep = new StringBuilder("|");
        for (int x : w) {
            sep.append("-".repeat(x + 2)).append('|');
        }
        sb.append(sep).append('\n');
        for (String[] r : rows) {
            line(sb, r, w);
        }
        System.out.print(sb);
    }

    private static void line(StringBuilder sb, String[] cells, int[] w) {
        sb.append('|');
        for (int i = 0; i < cells.length; i++) {
            sb.append(' ').append(String.format(Locale.ROOT, "%-" + w[i] + "s", cells[i])).append(" |");
        }
        sb.append('\n');
    }

    static String fmt1(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
    }

    static String resource(String name) throws IOException {
        try (InputStream in = ClusterBenchmark.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("resource " + name + " not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static int intArg(String[] args, String name, int def) {
        String v = strArg(args, name, null);
        return v == null ? def : Integer.parseInt(v);
    }

    static String strArg(String[] args, String name, String def) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return def;
    }
}
