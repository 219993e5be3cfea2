package io.tradingjobs.core.internal.ops;

import static io.tradingjobs.core.internal.db.generated.Tables.JOB_RUNS;

import com.google.inject.AbstractModule;
import com.google.inject.Binding;
import com.google.inject.ConfigurationException;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.spi.Message;
import io.tradingjobs.core.RunStatus;
import io.tradingjobs.core.internal.db.Database;
import io.tradingjobs.core.internal.notify.Dispatcher;
import io.tradingjobs.core.internal.notify.EmailChannel;
import io.tradingjobs.core.internal.notify.FailureAlerts;
import io.tradingjobs.core.internal.notify.Outbox;
import io.tradingjobs.core.internal.notify.OutboxNotifier;
import io.tradingjobs.core.internal.notify.Scrubber;
import io.tradingjobs.core.internal.notify.SmtpMailer;
import io.tradingjobs.core.internal.notify.TelegramChannel;
import io.tradingjobs.core.internal.run.RegisteredJob;
import io.tradingjobs.core.internal.run.SchedulerCore;
import io.tradingjobs.core.notify.Mailer;
import io.tradingjobs.core.notify.NotificationChannel;
import io.tradingjobs.core.notify.Notifier;
import io.tradingjobs.core.ops.ReportsEndpoint;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.WeakHashMap;
import org.jooq.Record2;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the operations surface into a scheduler: the notifier and its outbox dispatcher, the
 * failure alerts, the metrics and the management server. Bootstrap creates it, binds its
 * {@link #module()}, {@link #connect connects} it to the injector and {@link #attach attaches} it
 * to the engine; the engine's start runs {@link #start()}, the facade's close {@link #close()}.
 */
public final class Operations implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Operations.class);
    private static final Map<SchedulerCore, Operations> BY_CORE = Collections.synchronizedMap(new WeakHashMap<>());
    private static final Set<String> BUILT_IN = Set.of(EmailChannel.NAME, TelegramChannel.NAME, OutboxNotifier.LOG_CHANNEL);

    private final OpsSettings settings;
    private final Database db;
    private final ZoneId zone;
    private final String nodeId;
    private final Scrubber scrubber;
    private final Outbox outbox;
    private final OutboxNotifier notifier;
    private final Map<String, NotificationChannel> channels = new LinkedHashMap<>();
    private Optional<ReportsEndpoint> reports = Optional.empty();
    private Injector injector;
    private SchedulerCore core;
    private JobMetrics metrics = JobMetrics.NONE;
    private FailureAlerts alerts;
    private Dispatcher dispatcher;
    private ManagementServer server;
    private volatile boolean started;
    private volatile boolean closed;
    private volatile long runningReadAt;
    private volatile Map<String, Integer> running = Map.of();

    public Operations(OpsSettings settings, Database db, Clock clock, String nodeId, ZoneId zone) {
        this.settings = settings;
        this.db = db;
        this.zone = zone;
        this.nodeId = nodeId;
        this.scrubber = new Scrubber(settings.secrets());
        this.outbox = new Outbox(db.dsl());
        this.notifier = new OutboxNotifier(db.dsl(), outbox, clock, nodeId, Set.of(EmailChannel.NAME, TelegramChannel.NAME));
    }

    /**
     * Binds {@link Notifier} and {@link Mailer} for jobs and declares the set hosts add
     * {@link NotificationChannel}s to.
     */
    public Module module() {
        return new AbstractModule() {
            @Override
            protected void configure() {
                bind(Notifier.class).toInstance(notifier);
                bind(Mailer.class).toInstance(new SmtpMailer(settings.email()));
                Multibinder.newSetBinder(binder(), NotificationChannel.class);
            }
        };
    }

    /**
     * Collects the channels (built-in ones that are enabled, and the host's), the reports endpoint
     * and the meter registry from the injector.
     *
     * @throws ConfigurationException when two channels share a name or one is invalid
     */
    public void connect(Injector injector) {
        this.injector = injector;
        if (settings.email().enabled()) {
            channels.put(EmailChannel.NAME, new EmailChannel(settings.email()));
        }
        if (settings.telegram().enabled()) {
            channels.put(TelegramChannel.NAME, new TelegramChannel(settings.telegram()));
        }
        Set<NotificationChannel> hosts = injector.getInstance(Key.get(new TypeLiteral<Set<NotificationChannel>>() { }));
        Map<String, NotificationChannel> seen = new HashMap<>();
        for (NotificationChannel c : hosts) {
            String name = c.name();
            if (name == null || !name.matches("[a-z0-9][a-z0-9_-]{0,63}")) {
                throw new ConfigurationException(List.of(new Message("notification channel " + c.getClass().getName() + " is named '" + name
                        + "'; use lower-case letters, digits, - and _ (at most 64)")));
            }
            NotificationChannel other = seen.putIfAbsent(name, c);
            if (BUILT_IN.contains(name) || other != null) {
                throw new ConfigurationException(List.of(new Message("two notification channels are named '" + name + "': "
                        + (other != null ? other.getClass().getName() : "the built-in one") + " and " + c.getClass().getName()
                        + "; give the host's channel another name")));
            }
            channels.put(name, c);
        }
        Binding<ReportsEndpoint> binding = injector.getExistingBinding(Key.get(ReportsEndpoint.class));
        reports = binding == null ? Optional.empty() : Optional.of(binding.getProvider().get());
    }

    /** Hooks into the engine: run listeners for alerts and metrics, the start hook. */
    public void attach(SchedulerCore core) {
        this.core = core;
        List<String> jobIds = core.jobs().stream().map(RegisteredJob::id).sorted().toList();
        metrics = JobMetrics.create(settings.metricsEnabled(), injector, jobIds, this::runningCounts, Operations.class.getClassLoader());
        alerts = new FailureAlerts(db.dsl(), notifier, outbox, settings.failures(), this::jobNames, zone);
        dispatcher = new Dispatcher(outbox, channels, settings.dispatch(), nodeId, scrubber, this::housekeeping, metrics);
        notifier.connect(channels, () -> {
            if (!started) {
                core.migrate();
            }
        }, dispatcher::wake);
        core.onRunFinished(metrics::runFinished);
        core.onRunFinished(alerts::runFinished);
        core.onStarted(this::start);
        BY_CORE.put(core, this);
    }

    /** The operations of {@code core}, if attached. */
    public static Optional<Operations> of(SchedulerCore core) {
        return Optional.ofNullable(BY_CORE.get(core));
    }

    /**
     * Starts the dispatcher, sends alerts a crash left unsent, and opens the management server when
     * {@code jobs.http.port} is set. Runs after migrations, before jobs fire.
     *
     * @throws IllegalStateException when the server cannot listen
     */
    public synchronized void start() {
        if (started || closed) {
            return;
        }
        if (settings.server().port() != null && server == null) {
            server = new ManagementServer(settings.server(), core, db.dsl(), () -> reports, metrics, scrubber);
            server.start();
        }
        started = true;
        alerts.sweep(jobIds());
        dispatcher.start();
        LOG.debug("notifications: database log{}", channels.isEmpty() ? " only" : " and " + String.join(", ", channels.keySet()));
    }

    private void housekeeping() {
        alerts.sweep(jobIds());
        int pruned = outbox.prune(System.currentTimeMillis() - settings.dispatch().logRetention().toMillis(), 500);
        if (pruned > 0) {
            LOG.info("pruned {} notification{} older than {}", pruned, pruned == 1 ? "" : "s", settings.dispatch().logRetention());
        }
    }

    private List<String> jobIds() {
        return core.jobs().stream().map(RegisteredJob::id).toList();
    }

    private Map<String, String> jobNames() {
        Map<String, String> out = new TreeMap<>();
        for (RegisteredJob j : core.jobs()) {
            out.put(j.id(), j.definition().name());
        }
        return out;
    }

    /** Runs in progress per job on any node, read at most once a second (gauges are read on every scrape). */
    private Map<String, Integer> runningCounts() {
        long now = System.currentTimeMillis();
        if (now - runningReadAt > 1000 && !closed) {
            try {
                Map<String, Integer> m = new HashMap<>();
                for (Record2<String, Integer> r : db.dsl().select(JOB_RUNS.JOB_ID, DSL.count()).from(JOB_RUNS)
                        .where(JOB_RUNS.STATUS.eq(RunStatus.RUNNING.name())).groupBy(JOB_RUNS.JOB_ID).fetch()) {
                    m.put(r.value1(), r.value2());
                }
                running = m;
                runningReadAt = now;
            } catch (RuntimeException e) {
                LOG.debug("could not count running jobs for metrics: {}", e.getMessage());
            }
        }
        return running;
    }

    /** The notifier. */
    public Notifier notifier() {
        return notifier;
    }

    /** The management server's port, once it listens. */
    public synchronized OptionalInt port() {
        return server == null || server.port() < 0 ? OptionalInt.empty() : OptionalInt.of(server.port());
    }

    /** Stops the server, finishes queued alert checks, stops the dispatcher and unregisters the meters. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (server != null) {
            server.close();
        }
        if (alerts != null) {
            alerts.close();
        }
        if (dispatcher != null) {
            dispatcher.close();
        }
        metrics.close();
        if (core != null) {
            BY_CORE.remove(core);
        }
    }
}
