package io.tradingjobs.core.internal.ops;

import com.google.inject.Injector;
import io.tradingjobs.core.JobRun;
import io.tradingjobs.core.internal.notify.Dispatcher;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-job metrics. Micrometer is optional: this interface names none of its types, and the
 * implementation is loaded only when {@code io.micrometer.core.instrument.MeterRegistry} is on the
 * classpath; without it every method does nothing.
 */
public interface JobMetrics extends Dispatcher.Listener, AutoCloseable {

    /** Records a finished run: duration and outcome, lateness. */
    void runFinished(JobRun run);

    /** The Prometheus text exposition of the meters; empty when the Prometheus registry is absent. */
    Optional<String> scrape();

    @Override
    void close();

    /** What {@code /metrics} serves when there is nothing to scrape. */
    String MISSING = "metrics are not available: add io.micrometer:micrometer-core and io.micrometer:micrometer-registry-prometheus "
            + "to the classpath and keep jobs.metrics.enabled=true";

    /** Does nothing. */
    JobMetrics NONE = new JobMetrics() {
        @Override
        public void runFinished(JobRun run) {
        }

        @Override
        public Optional<String> scrape() {
            return Optional.empty();
        }

        @Override
        public void delivered(String channel, String outcome) {
        }

        @Override
        public void close() {
        }
    };

    /** Whether a class can be loaded by {@code loader}. */
    static boolean present(String className, ClassLoader loader) {
        try {
            Class.forName(className, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * Micrometer metrics when enabled and on the classpath (on the host's {@code MeterRegistry}
     * bound in Guice, else Micrometer's global registry, plus a Prometheus registry for
     * {@code /metrics} when that is present), else {@link #NONE}.
     *
     * @param running job id to runs in progress, read when a gauge is scraped
     */
    static JobMetrics create(boolean enabled, Injector injector, Collection<String> jobIds, Supplier<Map<String, Integer>> running,
                             ClassLoader loader) {
        Logger log = LoggerFactory.getLogger(JobMetrics.class);
        if (!enabled) {
            return NONE;
        }
        if (!present("io.micrometer.core.instrument.MeterRegistry", loader)) {
            log.debug("Micrometer is not on the classpath: no job metrics");
            return NONE;
        }
        boolean prometheus = present("io.micrometer.prometheusmetrics.PrometheusMeterRegistry", loader);
        return new MicrometerJobMetrics(injector, jobIds, running, prometheus);
    }
}
