package io.tradingjobs.core.internal.ops;

import com.google.inject.Binding;
import com.google.inject.Injector;
import com.google.inject.Key;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.tradingjobs.core.JobRun;
import io.tradingjobs.core.RunStatus;
import io.tradingjobs.core.RunTrigger;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Micrometer meters. Loaded only when Micrometer is present (see {@link JobMetrics#create}).
 *
 * <ul>
 *   <li>{@code tradingjobs.job.duration} (timer; tags {@code job}, {@code outcome}): how long runs took</li>
 *   <li>{@code tradingjobs.job.runs} (counter; tags {@code job}, {@code outcome}): finished runs</li>
 *   <li>{@code tradingjobs.job.lateness} (timer; tag {@code job}): start minus due time of scheduled runs</li>
 *   <li>{@code tradingjobs.job.running} (gauge; tag {@code job}): runs in progress on any node</li>
 *   <li>{@code tradingjobs.notifications} (counter; tags {@code channel}, {@code outcome}): deliveries</li>
 * </ul>
 */
final class MicrometerJobMetrics implements JobMetrics {
    private final CompositeMeterRegistry registry = new CompositeMeterRegistry();
    private final MeterRegistry target;
    private final PrometheusScrape prometheus;

    MicrometerJobMetrics(Injector injector, Collection<String> jobIds, Supplier<Map<String, Integer>> running, boolean withPrometheus) {
        Binding<MeterRegistry> hosts = injector.getExistingBinding(Key.get(MeterRegistry.class));
        this.target = hosts != null ? hosts.getProvider().get() : Metrics.globalRegistry;
        registry.add(target);
        PrometheusScrape scrape = null;
        if (withPrometheus) {
            scrape = PrometheusScrape.find(target);
            if (scrape == null) {
                scrape = PrometheusScrape.create();
                registry.add(scrape.registry());
            }
        }
        this.prometheus = scrape;
        for (String job : jobIds) {
            Gauge.builder("tradingjobs.job.running", running, s -> s.get().getOrDefault(job, 0))
                    .description("Runs of the job in progress, on any node")
                    .tag("job", job)
                    .strongReference(true) // the supplier is a method reference nobody else holds
                    .register(registry);
        }
    }

    @Override
    public void runFinished(JobRun run) {
        String outcome = run.status().name().toLowerCase(Locale.ROOT);
        if (run.durationMs() != null) {
            Timer.builder("tradingjobs.job.duration").description("How long runs took")
                    .tags("job", run.jobId(), "outcome", outcome)
                    .register(registry).record(Duration.ofMillis(run.durationMs()));
        }
        Counter.builder("tradingjobs.job.runs").description("Finished runs")
                .tags("job", run.jobId(), "outcome", outcome)
                .register(registry).increment();
        // Lateness of runs that started: a misfired or skipped run never did, and its delay is in its message.
        if (run.scheduledAt() != null && run.startedAt() != null && run.trigger() != RunTrigger.MANUAL
                && run.status() != RunStatus.MISFIRED && run.status() != RunStatus.SKIPPED) {
            long late = Math.max(0, run.startedAt().toEpochMilli() - run.scheduledAt().toEpochMilli());
            Timer.builder("tradingjobs.job.lateness").description("How late runs started after their due time")
                    .tag("job", run.jobId())
                    .register(registry).record(Duration.ofMillis(late));
        }
    }

    @Override
    public void delivered(String channel, String outcome) {
        Counter.builder("tradingjobs.notifications").description("Notification deliveries")
                .tags("channel", channel, "outcome", outcome)
                .register(registry).increment();
    }

    @Override
    public Optional<String> scrape() {
        return prometheus == null ? Optional.empty() : Optional.of(prometheus.scrape());
    }

    @Override
    public void close() {
        // The host's registry outlives this scheduler: take our meters out of it (their gauges read our
        // database) and detach it before closing the composite, which closes what it still holds.
        for (Meter m : registry.getMeters()) {
            target.remove(m.getId());
        }
        registry.remove(target);
        registry.close();
    }
}
