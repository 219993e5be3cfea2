package io.tradingjobs.core;

import com.google.inject.Module;
import io.tradingjobs.core.internal.Bootstrap;
import io.tradingjobs.core.internal.ops.Operations;
import io.tradingjobs.core.internal.run.SchedulerCore;
import io.tradingjobs.core.notify.Notifier;
import io.tradingjobs.core.spi.Job;
import io.tradingjobs.core.spi.JobDefinition;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.quartz.SchedulerException;

/**
 * The scheduler a host application embeds: one per process (or per cluster node).
 *
 * <pre>{@code
 * try (JobScheduler scheduler = JobScheduler.builder()
 *         .config(Map.of("jobs.timezone", "Asia/Kolkata"))
 *         .job(JobDefinition.builder("host.heartbeat").schedule("every 1 minute").build(), HeartbeatJob.class)
 *         .build()) {
 *     scheduler.start();
 *     ...
 * }
 * }</pre>
 *
 * <p>It runs the jobs of every {@link io.tradingjobs.core.spi.JobProvider} on the classpath plus
 * those given to the builder, on Quartz with its JDBC job store in the library's database (an
 * SQLite file by default), so schedules, pauses and missed runs survive restarts. Every attempt
 * is a row in {@code job_runs}.
 *
 * <p>Thread-safe. The scheduler owns its threads (Quartz workers named {@code tradingjobs-worker-*})
 * and the connection pool it created; {@link #close()} stops them. A host-supplied
 * {@link DataSource} stays the host's.
 */
public final class JobScheduler implements AutoCloseable {

    private final SchedulerCore core;
    private final Runnable onClose;
    private final String databaseDescription;

    private JobScheduler(SchedulerCore core, Runnable onClose, String databaseDescription) {
        this.core = core;
        this.onClose = onClose;
        this.databaseDescription = databaseDescription;
        io.tradingjobs.core.internal.Engines.register(this, core);
    }

    /** Starts describing a scheduler. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Applies migrations, marks runs left {@code RUNNING} by a dead process as
     * {@code INTERRUPTED}, brings stored schedules in line with the definitions and starts firing.
     * With {@code jobs.scheduler.enabled=false} (the seeds' {@code ENABLE_SCHEDULER=false}) this
     * node stores schedules and serves queries but runs nothing. Calling it twice does nothing.
     *
     * @throws IllegalStateException when the database or Quartz fails, or the management server
     *     ({@code jobs.http.port}) cannot listen
     */
    public void start() {
        try {
            core.start();
        } catch (SchedulerException e) {
            throw new IllegalStateException("the scheduler could not start: " + e.getMessage(), e);
        }
    }

    /**
     * Stops firing, waits for running jobs up to {@code jobs.shutdown.timeout} (30 s by default),
     * interrupts those still running and records them as {@code INTERRUPTED}, then releases
     * threads and the connection pool. Calling it twice does nothing.
     */
    @Override
    public void close() {
        try {
            core.close();
        } finally {
            onClose.run();
        }
    }

    /** Every job, ordered by id, with its state, next and last run and counts. */
    public List<JobStatus> jobs() {
        return core.statuses();
    }

    /** One job's status; empty when no job has that id. */
    public Optional<JobStatus> job(String id) {
        return core.status(id);
    }

    /**
     * Runs a job now, recorded like any other run (trigger {@code MANUAL}). An operator's explicit
     * request: it runs even while the job's schedule is paused. Refused while the job already
     * runs (or has manual runs waiting) as often as its {@code maxConcurrent} allows.
     *
     * @return the new run's id, under which it appears in {@link #history(String, int)} once started
     * @throws UnknownJobException when no job has that id
     * @throws JobAlreadyRunningException when the job already runs as often as it may
     * @throws IllegalStateException when the job is disabled
     */
    public String runNow(String id) {
        try {
            return core.runNow(id);
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not start job " + id + ": " + e.getMessage(), e);
        }
    }

    /**
     * Pauses a job's schedule and its pending retries; persisted, so it stays paused across
     * restarts. A run in progress continues.
     *
     * @throws UnknownJobException when no job has that id
     */
    public void pause(String id) {
        try {
            core.pause(id);
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not pause job " + id + ": " + e.getMessage(), e);
        }
    }

    /**
     * Resumes a paused job from its next fire time; runs missed while paused are not made up.
     *
     * @throws UnknownJobException when no job has that id
     */
    public void resume(String id) {
        try {
            core.resume(id);
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not resume job " + id + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs newest first.
     *
     * @param idOrNull a job id, or null for all jobs
     * @param limit the most rows to return
     * @throws UnknownJobException when {@code idOrNull} names no job
     */
    public List<JobRun> history(String idOrNull, int limit) {
        return core.history(idOrNull, limit);
    }

    /** Failed, retrying and interrupted runs, newest first. */
    public List<JobRun> failures(int limit) {
        return core.failures(limit);
    }

    /** One run by id; empty when unknown (or pruned). */
    public Optional<JobRun> run(String runId) {
        return core.run(runId);
    }

    /**
     * Registers a listener told about every run that ends on this node (after it is recorded),
     * e.g. for notifications or metrics. Listeners run on the worker thread; keep them short.
     */
    public void onRunFinished(Consumer<JobRun> listener) {
        core.onRunFinished(listener);
    }

    /** The node id runs are recorded under ({@code jobs.cluster.node-id}, default host name and pid). */
    public String nodeId() {
        return core.nodeId();
    }

    /**
     * The port of the management server (API, dashboard, {@code /health}, {@code /metrics}) once
     * {@link #start()} opened it; empty when {@code jobs.http.port} is not set or before start.
     * With {@code jobs.http.port=0} this is the free port that was picked.
     */
    public OptionalInt managementPort() {
        return Operations.of(core).map(Operations::port).orElse(OptionalInt.empty());
    }

    /**
     * Sends notifications through the outbox (e-mail, Telegram, the database log); the same
     * instance jobs get by injecting {@link Notifier}.
     */
    public Notifier notifier() {
        return Operations.of(core).map(Operations::notifier)
                .orElseThrow(() -> new IllegalStateException("this scheduler has no notifier; it was not built by JobScheduler.builder()"));
    }

    /** The database in use, for logs and consoles: the URL without credentials. */
    public String database() {
        return databaseDescription;
    }

    /**
     * Describes a {@link JobScheduler}. Validation happens in {@link #build()}, which reports every
     * problem at once.
     */
    public static final class Builder {
        private final Map<String, String> config = new LinkedHashMap<>();
        private final Map<String, String> defaults = new LinkedHashMap<>();
        private final List<Bootstrap.HostJob> jobs = new ArrayList<>();
        private final List<Module> modules = new ArrayList<>();
        private final List<io.tradingjobs.core.spi.JobProvider> providers = new ArrayList<>();
        private DataSource dataSource;
        private Clock clock;
        private boolean discover = true;
        private ClassLoader classLoader;
        private Map<String, String> environment;
        private Path workingDirectory;

        private Builder() {
        }

        /** Adds settings; later calls win. Keys may also be environment-style names ({@code DATABASE_URL}). */
        public Builder config(Map<String, String> values) {
            Objects.requireNonNull(values, "values").forEach((k, v) -> config.put(k, v));
            return this;
        }

        /**
         * Adds the host's own defaults: they replace the built-in defaults, and the properties
         * file, {@code .env}, the environment and {@link #config(Map)} still override them. A host
         * sets {@code jobs.timezone} here so that its users' {@code TIMEZONE} still wins. Later
         * calls win; keys may be environment-style names.
         */
        public Builder defaults(Map<String, String> values) {
            Objects.requireNonNull(values, "values").forEach((k, v) -> defaults.put(k, v));
            return this;
        }

        /** Adds settings from properties; later calls win. */
        public Builder config(Properties values) {
            Objects.requireNonNull(values, "values").stringPropertyNames().forEach(k -> config.put(k, values.getProperty(k)));
            return this;
        }

        /** Adds one setting. */
        public Builder config(String key, String value) {
            config.put(Objects.requireNonNull(key, "key"), value);
            return this;
        }

        /**
         * Uses the host's data source instead of {@code jobs.database.url}. The host keeps
         * ownership. For SQLite it should be configured as the library's own pool is: WAL,
         * a busy timeout, {@code transaction_mode=IMMEDIATE}.
         */
        public Builder dataSource(DataSource value) {
            this.dataSource = Objects.requireNonNull(value, "dataSource");
            return this;
        }

        /** The clock jobs read and run history is stamped with (default: the system clock). */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** Adds a job that is not discovered; Guice creates {@code jobClass} for every run. */
        public Builder job(JobDefinition definition, Class<? extends Job> jobClass) {
            jobs.add(new Bootstrap.HostJob(Objects.requireNonNull(definition, "definition"), Objects.requireNonNull(jobClass, "jobClass"), null));
            return this;
        }

        /** Adds a job that is not discovered; this instance serves every run (members are injected once). */
        public Builder job(JobDefinition definition, Job instance) {
            jobs.add(new Bootstrap.HostJob(Objects.requireNonNull(definition, "definition"), null, Objects.requireNonNull(instance, "instance")));
            return this;
        }

        /**
         * Adds a provider explicitly, as if it had been discovered (for hosts that do not use
         * {@code ServiceLoader}, e.g. when a shaded jar lost the service files).
         */
        public Builder provider(io.tradingjobs.core.spi.JobProvider value) {
            providers.add(Objects.requireNonNull(value, "provider"));
            return this;
        }

        /** Binds host services for jobs to inject. */
        public Builder module(Module value) {
            modules.add(Objects.requireNonNull(value, "module"));
            return this;
        }

        /** Whether to load {@link io.tradingjobs.core.spi.JobProvider}s with {@code ServiceLoader} (default true). */
        public Builder discover(boolean value) {
            this.discover = value;
            return this;
        }

        /** The class loader providers are discovered through (default: the context class loader). */
        public Builder classLoader(ClassLoader value) {
            this.classLoader = Objects.requireNonNull(value, "classLoader");
            return this;
        }

        /** Replaces the process environment as a configuration source (tests; hosts that filter it). */
        public Builder environment(Map<String, String> value) {
            this.environment = Map.copyOf(Objects.requireNonNull(value, "environment"));
            return this;
        }

        /** Where {@code ./trading-jobs.properties} and {@code ./.env} are looked for (default: the working directory). */
        public Builder workingDirectory(Path value) {
            this.workingDirectory = Objects.requireNonNull(value, "workingDirectory");
            return this;
        }

        /**
         * Validates everything and creates the scheduler (not started).
         *
         * @throws SchedulerBuildException listing every problem found, each with the bad value and the fix
         */
        public JobScheduler build() {
            Bootstrap.Built built = Bootstrap.build(new Bootstrap.Request(Map.copyOf(withoutNulls(config)), Map.copyOf(withoutNulls(defaults)), List.copyOf(jobs),
                    List.copyOf(modules), List.copyOf(providers), dataSource, clock, discover,
                    classLoader != null ? classLoader : Thread.currentThread().getContextClassLoader(),
                    environment != null ? environment : System.getenv(),
                    workingDirectory != null ? workingDirectory : Path.of("").toAbsolutePath()));
            JobScheduler scheduler = new JobScheduler(built.core(), built.onClose(), built.databaseDescription());
            built.schedulerRef().accept(scheduler);
            return scheduler;
        }

        private static Map<String, String> withoutNulls(Map<String, String> m) {
            Map<String, String> out = new LinkedHashMap<>();
            m.forEach((k, v) -> {
                if (v != null) {
                    out.put(k, v);
                }
            });
            return out;
        }
    }
}
