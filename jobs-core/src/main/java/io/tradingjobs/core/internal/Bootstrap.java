package io.tradingjobs.core.internal;

import com.google.inject.AbstractModule;
import com.google.inject.ConfigurationException;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Provides;
import io.tradingjobs.core.JobScheduler;
import io.tradingjobs.core.SchedulerBuildException;
import io.tradingjobs.core.SchedulerBuildException.Problem;
import io.tradingjobs.core.config.Config;
import io.tradingjobs.core.config.ConfigException;
import io.tradingjobs.core.calendar.CalendarStore;
import io.tradingjobs.core.http.Http;
import io.tradingjobs.core.internal.calendar.StoredCalendars;
import io.tradingjobs.core.internal.config.CheckedSettings;
import io.tradingjobs.core.internal.config.ConfigLoader;
import io.tradingjobs.core.internal.db.Database;
import io.tradingjobs.core.internal.db.DatabaseUrl;
import io.tradingjobs.core.internal.db.Migrations;
import io.tradingjobs.core.internal.discovery.ProviderDiscovery;
import io.tradingjobs.core.internal.http.ApacheHttp;
import io.tradingjobs.core.internal.ops.Operations;
import io.tradingjobs.core.internal.ops.OpsSettings;
import io.tradingjobs.core.internal.quartz.QuartzSetup;
import io.tradingjobs.core.internal.run.RegisteredJob;
import io.tradingjobs.core.internal.run.SchedulerCore;
import io.tradingjobs.core.internal.schedule.ActiveCalendars;
import io.tradingjobs.core.spi.Job;
import io.tradingjobs.core.spi.JobDefinition;
import io.tradingjobs.core.spi.JobProvider;
import io.tradingjobs.core.spi.JobProvider.ProvidedJob;
import io.tradingjobs.core.spi.RetryPolicy;
import io.tradingjobs.core.spi.Schedule;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.quartz.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a builder's request into a running engine: discovers providers, merges configuration,
 * applies per-job settings, checks everything, opens the database, wires Guice and Quartz. All
 * problems are collected and thrown together.
 */
public final class Bootstrap {
    private static final Logger LOG = LoggerFactory.getLogger(JobScheduler.class);
    private static final String HOST = "host";

    private Bootstrap() {
    }

    /** A job given to the builder: a class for Guice or an instance. */
    public record HostJob(JobDefinition definition, Class<? extends Job> jobClass, Job instance) {
    }

    /** What the builder collected. */
    public record Request(Map<String, String> config, Map<String, String> hostDefaults, List<HostJob> jobs, List<Module> modules, List<JobProvider> providers,
                          DataSource dataSource,
                          Clock clock, boolean discover, ClassLoader loader, Map<String, String> environment,
                          Path workingDirectory) {
    }

    /** The engine, what to do on close, and a hook to hand the facade to Guice-injected jobs. */
    public record Built(SchedulerCore core, Runnable onClose, String databaseDescription, Consumer<JobScheduler> schedulerRef) {
    }

    private record Candidate(JobDefinition definition, Class<? extends Job> jobClass, Job instance, String provider, String origin) {
    }

    /** Builds, or throws {@link SchedulerBuildException} with every problem. */
    public static Built build(Request req) {
        List<Problem> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();

        // 1. Providers.
        List<ProviderDiscovery.Found> providers = new ArrayList<>();
        if (req.discover()) {
            ProviderDiscovery.Result found = ProviderDiscovery.discover(req.loader());
            providers.addAll(found.providers());
            for (Problem p : found.failures()) {
                warnings.add(p + " This provider's jobs are not loaded; the others are.");
            }
        }
        for (JobProvider p : req.providers()) {
            providers.add(new ProviderDiscovery.Found(p, ProviderDiscovery.origin(p.getClass())));
        }
        Map<String, String> defaults = new LinkedHashMap<>(ConfigLoader.readResource(Bootstrap.class.getClassLoader(),
                "io/tradingjobs/core/defaults.properties"));
        Map<String, String> aliases = new LinkedHashMap<>(ConfigLoader.CORE_ALIASES);
        Map<String, ProviderDiscovery.Found> providerByName = new LinkedHashMap<>();
        for (ProviderDiscovery.Found f : providers) {
            try {
                String name = f.provider().name();
                ProviderDiscovery.Found other = providerByName.putIfAbsent(name, f);
                if (other != null) {
                    problems.add(new Problem("provider " + name, null, "two providers are named '" + name + "': "
                            + other.provider().getClass().getName() + " (" + other.origin() + ") and "
                            + f.provider().getClass().getName() + " (" + f.origin() + ")",
                            "keep one of the jars on the classpath, or give each provider its own name()"));
                    continue;
                }
                defaults.putAll(f.provider().defaults());
                aliases.putAll(f.provider().environmentAliases());
            } catch (RuntimeException e) {
                problems.add(new Problem("provider " + f.provider().getClass().getName(), null,
                        "failed while describing itself: " + e + " (" + f.origin() + ")", "fix or remove the provider's jar"));
            }
        }

        // 2. Configuration, first pass (provider job lists may depend on it).
        Set<String> hostIds = req.jobs().stream().map(j -> j.definition().id()).collect(Collectors.toSet());
        ConfigLoader.Loaded first = ConfigLoader.load(defaults, req.hostDefaults(), aliases, hostIds, req.environment(), req.config(),
                req.workingDirectory());

        // 3. Jobs.
        List<Candidate> candidates = new ArrayList<>();
        for (HostJob hj : req.jobs()) {
            String origin = hj.jobClass() != null ? ProviderDiscovery.origin(hj.jobClass()) : ProviderDiscovery.origin(hj.instance().getClass());
            candidates.add(new Candidate(hj.definition(), hj.jobClass(), hj.instance(), HOST, origin));
        }
        for (ProviderDiscovery.Found f : providerByName.values()) {
            try {
                List<ProvidedJob> list = f.provider().jobs(first.config());
                for (ProvidedJob pj : list) {
                    candidates.add(new Candidate(pj.definition(), pj.jobClass(), null, f.provider().name(), f.origin()));
                }
            } catch (RuntimeException e) {
                problems.add(new Problem("provider " + f.provider().name(), null, "could not list its jobs: " + e.getMessage()
                        + " (" + f.provider().getClass().getName() + ", " + f.origin() + ")",
                        "fix the provider's job definitions (its message says which), or remove its jar"));
            }
        }
        Map<String, Candidate> byId = new LinkedHashMap<>();
        for (Candidate c : candidates) {
            Candidate other = byId.putIfAbsent(c.definition().id(), c);
            if (other != null) {
                problems.add(new Problem("job " + c.definition().id(), null, "defined twice: by " + describe(other) + " and by " + describe(c),
                        "remove one of them, or give one another id"));
            }
        }
        if (byId.isEmpty() && problems.isEmpty()) {
            warnings.add("no jobs: no JobProvider on the classpath and none given to the builder. Add a job module such as "
                    + "io.tradingjobs:jobs-market, or call Builder.job(...)");
        }

        // 4. Configuration, final pass: now every job id is known, so JOBS_<ID>_SCHEDULE etc. are found.
        ConfigLoader.Loaded loaded = ConfigLoader.load(defaults, req.hostDefaults(), aliases, byId.keySet(), req.environment(),
                req.config(), req.workingDirectory());
        warnings.addAll(loaded.warnings());
        Config config = loaded.config();

        // 5. Core settings.
        CheckedSettings s = new CheckedSettings(config, problems);
        ZoneId defaultZone = s.get("jobs.timezone", k -> config.zone(k, ZoneId.systemDefault()), ZoneId.systemDefault(),
                "use a region id such as Asia/Kolkata, Africa/Tunis or UTC");
        int threads = s.get("jobs.threads", k -> config.integer(k, 10), 10, "use a whole number such as 10");
        if (threads < 1) {
            problems.add(new Problem("jobs.threads", String.valueOf(threads), "must be at least 1", "use a whole number such as 10"));
            threads = 1;
        }
        Duration misfireThreshold = s.duration("jobs.misfire-threshold", Duration.ofSeconds(10));
        Duration shutdownTimeout = s.duration("jobs.shutdown.timeout", Duration.ofSeconds(30));
        Duration retention = s.duration("jobs.history.retention", Duration.ofDays(90));
        Duration connectTimeout = s.duration("jobs.database.connect-timeout", Duration.ofSeconds(10));
        Duration busyTimeout = s.duration("jobs.database.sqlite.busy-timeout", Duration.ofSeconds(30));
        Duration checkin = s.duration("jobs.cluster.checkin-interval", Duration.ofMillis(7500));
        boolean clustered = s.get("jobs.cluster.enabled", k -> config.bool(k, false), false, "use true or false");
        boolean schedulerEnabled = s.get("jobs.scheduler.enabled", k -> config.bool(k, true), true, "use true or false");
        int poolSize = s.get("jobs.database.pool-size", k -> config.integer(k, 0), 0, "use a whole number such as 15");
        String schedulerName = config.string("jobs.scheduler.name", "trading-jobs");
        String nodeId = config.get("jobs.cluster.node-id").orElseGet(Bootstrap::defaultNodeId);
        OpsSettings opsSettings = OpsSettings.read(config, problems);

        // 6. Unknown job ids in per-job settings.
        for (String key : config.keys()) {
            if (key.startsWith("JOBS_") && !key.contains(".")) {
                // An environment-style name in the host's code (defaults, config) or a properties file that matched no job: a
                // typo. The environment's and .env's unmatched names never get here (they are warned about).
                ConfigLoader.JOB_SETTINGS.stream().filter(suffix -> key.endsWith("_" + ConfigLoader.environmentName(suffix))).findFirst()
                        .ifPresent(suffix -> problems.add(new Problem(key, config.get(key).map(v -> Config.printable(key, v)).orElse(null),
                                "matches no job's setting (per-job names are JOBS_<ID>_" + ConfigLoader.environmentName(suffix)
                                        + " with the id's dots and dashes as underscores)",
                                "use one of the job ids: " + String.join(", ", new TreeMap<>(byId).keySet()))));
                continue;
            }
            if (!key.startsWith("jobs.") || defaults.containsKey(key)) {
                continue;
            }
            for (String suffix : ConfigLoader.JOB_SETTINGS) {
                if (key.endsWith("." + suffix) && key.length() > 5 + suffix.length() + 1) {
                    String id = key.substring(5, key.length() - suffix.length() - 1);
                    if (!byId.containsKey(id)) {
                        problems.add(new Problem(key, config.get(key).map(v -> Config.printable(key, v)).orElse(null),
                                "there is no job '" + id + "'" + suggestion(id, byId.keySet()),
                                "use one of the job ids: " + String.join(", ", new TreeMap<>(byId).keySet())));
                    }
                    break;
                }
            }
        }

        // 7. Per-job settings.
        Map<String, RegisteredJob> jobs = new TreeMap<>();
        for (Candidate c : byId.values()) {
            RegisteredJob rj = effective(c, config, problems);
            if (rj != null) {
                jobs.put(rj.id(), rj);
            }
        }

        // 8. Database.
        Database db = null;
        if (problems.isEmpty() || req.dataSource() != null || config.get("jobs.database.url").isPresent()) {
            try {
                if (req.dataSource() != null) {
                    db = Database.wrap(req.dataSource());
                } else {
                    DatabaseUrl url = DatabaseUrl.parse(config.require("jobs.database.url"));
                    if (clustered && url.kind() == DatabaseUrl.Kind.SQLITE) {
                        problems.add(new Problem("jobs.cluster.enabled", "true", "clustering needs PostgreSQL; the database is SQLite ("
                                + url.printable() + "), a file that several machines cannot share safely",
                                "set jobs.database.url (or DATABASE_URL) to a PostgreSQL URL, or jobs.cluster.enabled=false"));
                    } else {
                        db = Database.open(url, poolSize > 0 ? poolSize : threads + 5, connectTimeout, busyTimeout, "tradingjobs-" + schedulerName);
                    }
                }
                if (db != null && clustered && db.kind() == DatabaseUrl.Kind.SQLITE) {
                    problems.add(new Problem("jobs.cluster.enabled", "true", "clustering needs PostgreSQL; the host's data source is SQLite",
                            "use a PostgreSQL data source, or jobs.cluster.enabled=false"));
                }
            } catch (IllegalArgumentException e) {
                problems.add(new Problem("jobs.database.url", config.get("jobs.database.url").map(v -> Config.printable("database.url", v))
                        .orElse(null), e.getMessage(), "set jobs.database.url or DATABASE_URL to a supported URL"));
            } catch (RuntimeException e) {
                problems.add(new Problem("jobs.database.url", config.get("jobs.database.url").map(v -> Config.printable("database.url", v))
                        .orElse(null), e.getMessage(), "start the database or fix the URL, user and password"));
            }
        }
        if (QuartzSetup.nameInUse(schedulerName)) {
            problems.add(new Problem("jobs.scheduler.name", schedulerName, "another scheduler with this name is running in this JVM",
                    "close it first, or give each scheduler its own jobs.scheduler.name"));
        }

        for (String w : warnings) {
            LOG.warn(w);
        }
        if (!problems.isEmpty()) {
            if (db != null) {
                db.close();
            }
            throw new SchedulerBuildException(problems);
        }

        // 9. Guice, Quartz, the engine.
        Clock clock = req.clock() != null ? req.clock() : Clock.system(defaultZone);
        Http http = new ApacheHttp(config);
        AtomicReference<JobScheduler> schedulerRef = new AtomicReference<>();
        Database database = db;
        AtomicReference<SchedulerCore> coreRef = new AtomicReference<>();
        CalendarStore calendarStore = new StoredCalendars(database.dsl(), clock, () -> coreRef.get().migrate());
        List<Module> modules = new ArrayList<>();
        modules.add(new CoreModule(config, clock, database.dsl(), http, schedulerRef, calendarStore));
        Operations operations = new Operations(opsSettings, database, clock, nodeId, defaultZone);
        modules.add(operations.module());
        for (ProviderDiscovery.Found f : providerByName.values()) {
            modules.add(f.provider().module());
        }
        modules.addAll(req.modules());
        Injector injector;
        try {
            injector = Guice.createInjector(modules);
            operations.connect(injector);
            for (RegisteredJob job : jobs.values()) {
                if (job.instance() != null) {
                    injector.injectMembers(job.instance());
                } else {
                    injector.getBinding(job.jobClass());
                }
            }
        } catch (CreationException | ConfigurationException e) {
            closeQuietly(http);
            database.close();
            throw new SchedulerBuildException(List.of(new Problem("injection", null, "Guice cannot create the jobs' services: "
                    + e.getMessage(), "bind the missing services with Builder.module(...) or in the provider's module()")));
        }
        Map<String, List<String>> migrations = new LinkedHashMap<>();
        migrations.put("core", Migrations.coreLocations());
        for (ProviderDiscovery.Found f : providerByName.values()) {
            List<String> locs = f.provider().migrations();
            if (!locs.isEmpty()) {
                migrations.put(f.provider().name(), locs);
            }
        }
        SchedulerCore core;
        Scheduler quartz = null;
        try {
            quartz = QuartzSetup.create(database, new QuartzSetup.Options(schedulerName, nodeId, clustered, threads,
                    misfireThreshold, checkin));
            core = new SchedulerCore(new SchedulerCore.Parts(config, database, jobs, injector, clock, nodeId, defaultZone, clustered,
                    quartz, shutdownTimeout, retention, migrations, req.loader(), schedulerEnabled, calendarStore, checkin));
            coreRef.set(core);
            operations.attach(core);
        } catch (Exception e) {
            if (quartz != null) {
                try {
                    quartz.shutdown(false); // frees the scheduler name for a later build in this JVM
                } catch (Exception ignored) {
                    // already failing
                }
            }
            closeQuietly(http);
            database.close();
            throw new SchedulerBuildException(List.of(new Problem("quartz", null, "the Quartz scheduler could not be created: "
                    + e.getMessage(), "see the cause; check jobs.threads and the database")));
        }

        for (ProviderDiscovery.Found f : providerByName.values()) {
            long n = jobs.values().stream().filter(j -> j.provider().equals(f.provider().name())).count();
            LOG.info("provider {} ({}) from {}: {} job{}", f.provider().name(), f.provider().getClass().getName(), f.origin(), n,
                    n == 1 ? "" : "s");
        }
        LOG.info("trading-jobs {} on {}: node {}, zone {}, {} worker threads, {} job{}{}; configuration {}",
                clustered ? "cluster" : "scheduler", database.description(), nodeId, defaultZone, threads, jobs.size(),
                jobs.size() == 1 ? "" : "s", schedulerEnabled ? "" : " (ENABLE_SCHEDULER=false: this node runs no jobs)",
                effectiveConfiguration(config, loaded.sources()));
        Runnable onClose = () -> {
            operations.close();
            closeQuietly(http);
            database.close();
        };
        return new Built(core, onClose, database.description(), schedulerRef::set);
    }

    private static RegisteredJob effective(Candidate c, Config config, List<Problem> problems) {
        JobDefinition def = c.definition();
        String p = "jobs." + def.id() + ".";
        JobDefinition.Builder b = def.toBuilder();
        int before = problems.size();
        config.get(p + "schedule").ifPresent(text -> {
            try {
                b.schedule(Schedule.parse(text));
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(p + "schedule", text, e.getMessage(), "write one of the forms listed; see docs/configuration.md"));
            }
        });
        CheckedSettings s = new CheckedSettings(config, problems);
        s.optional(p + "timeout", k -> config.duration(k, null)).ifPresent(b::timeout);
        s.optional(p + "misfire-grace", k -> config.duration(k, null)).ifPresent(b::misfireGrace);
        s.optional(p + "coalesce", k -> config.bool(k, true)).ifPresent(b::coalesce);
        s.optional(p + "max-concurrent", k -> config.integer(k, 1)).ifPresent(n -> {
            if (n < 1) {
                problems.add(new Problem(p + "max-concurrent", String.valueOf(n), "must be at least 1", "use 1 or more"));
            } else {
                b.maxConcurrent(n);
            }
        });
        RetryPolicy retry = def.retry();
        Integer attempts = s.optional(p + "retry.max-attempts", k -> config.integer(k, 1)).orElse(null);
        if (attempts != null) {
            if (attempts < 1) {
                problems.add(new Problem(p + "retry.max-attempts", String.valueOf(attempts), "must be at least 1", "use 1 for no retries"));
            } else {
                retry = retry.withMaxAttempts(attempts);
            }
        }
        Duration delay = s.optional(p + "retry.delay", k -> config.duration(k, null)).orElse(null);
        if (delay != null) {
            retry = new RetryPolicy(retry.maxAttempts(), delay, retry.multiplier(), retry.maxDelay());
        }
        b.retry(retry);
        boolean enabled = s.optional(p + "enabled", k -> config.bool(k, true)).orElse(def.enabledByDefault());
        JobDefinition effective = b.build();
        String disabledReason = enabled ? null : "jobs." + def.id() + ".enabled=false";
        Schedule schedule = effective.schedule();
        if (schedule.calendar().isPresent() && ActiveCalendars.find(schedule.calendar().get()).isEmpty()) {
            problems.add(new Problem(p + "schedule", schedule.text(), "unknown trading calendar '" + schedule.calendar().get() + "'",
                    "use one of " + io.tradingjobs.core.calendar.TradingCalendars.codes()));
        }
        if (enabled) {
            for (String required : effective.requiredSettings()) {
                if (config.get(required).isEmpty()) {
                    problems.add(new Problem(required, null, "job " + def.id() + " needs it and it is not set",
                            "set " + required + " (environment " + ConfigLoader.environmentName(required) + "), or disable the job with "
                                    + p + "enabled=false"));
                }
            }
        }
        if (problems.size() > before) {
            return null;
        }
        return new RegisteredJob(effective, c.jobClass(), c.instance(), c.provider(), c.origin(), enabled, disabledReason);
    }

    private static String describe(Candidate c) {
        return (c.provider().equals(HOST) ? "the host application (Builder.job)" : "provider " + c.provider())
                + " [" + (c.jobClass() != null ? c.jobClass().getName() : c.instance().getClass().getName()) + ", " + c.origin() + "]";
    }

    private static String suggestion(String id, Set<String> known) {
        return known.stream().min(Comparator.comparingInt(k -> distance(k, id)))
                .filter(k -> distance(k, id) <= Math.max(2, id.length() / 3))
                .map(k -> "; did you mean '" + k + "'?").orElse("");
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static String effectiveConfiguration(Config config, Map<String, String> sources) {
        Set<String> shown = new LinkedHashSet<>();
        for (String key : config.keys()) {
            String source = sources.getOrDefault(key, "default");
            if (!source.equals("default")) {
                shown.add(key + "=" + Config.printable(key, config.get(key).orElse("")) + " (" + source + ")");
            }
        }
        return shown.isEmpty() ? "(all defaults)" : String.join(", ", shown);
    }

    static String defaultNodeId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "localhost";
        }
        return host + "-" + ProcessHandle.current().pid();
    }

    private static void closeQuietly(Http http) {
        if (http instanceof AutoCloseable) {
            try {
                ((AutoCloseable) http).close();
            } catch (Exception ignored) {
                // closing
            }
        }
    }

    /** The core's bindings for jobs to inject. */
    private static final class CoreModule extends AbstractModule {
        private final Config config;
        private final Clock clock;
        private final DSLContext dsl;
        private final Http http;
        private final AtomicReference<JobScheduler> scheduler;
        private final CalendarStore calendars;

        CoreModule(Config config, Clock clock, DSLContext dsl, Http http, AtomicReference<JobScheduler> scheduler,
                   CalendarStore calendars) {
            this.calendars = calendars;
            this.config = config;
            this.clock = clock;
            this.dsl = dsl;
            this.http = http;
            this.scheduler = scheduler;
        }

        @Override
        protected void configure() {
            bind(Config.class).toInstance(config);
            bind(Clock.class).toInstance(clock);
            bind(DSLContext.class).toInstance(dsl);
            bind(Http.class).toInstance(http);
            bind(CalendarStore.class).toInstance(calendars);
        }

        @Provides
        JobScheduler scheduler() {
            return scheduler.get();
        }
    }
}
