package io.tradingjobs.core.spi;

import com.google.inject.Module;
import io.tradingjobs.core.config.Config;
import java.util.List;
import java.util.Map;

/**
 * A module of jobs, found through {@link java.util.ServiceLoader}: list the implementation in
 * {@code META-INF/services/io.tradingjobs.core.spi.JobProvider}. Constructors must do nothing
 * (the scheduler calls the methods once, at build time).
 *
 * <p>Only {@link #name()} and {@link #jobs(Config)} are required; the rest are defaults.
 */
public interface JobProvider {

    /** A short lower-case name, e.g. {@code market}; also names the provider's migration history. */
    String name();

    /**
     * The provider's jobs. Called once at build time with the merged configuration, so a provider
     * can derive default schedules from settings (e.g. {@code MARKET_PULSE_INTERVAL}).
     */
    List<ProvidedJob> jobs(Config config);

    /** A Guice module binding the services the provider's jobs inject. */
    default Module module() {
        return binder -> { };
    }

    /**
     * Flyway locations of the provider's migrations, e.g. {@code classpath:db/tradingjobs/market};
     * {@code {vendor}} in a location becomes {@code sqlite} or {@code postgresql}. Applied at
     * start-up, with a migration history of their own ({@code flyway_history_<name>}).
     */
    default List<String> migrations() {
        return List.of();
    }

    /** Default values of the provider's settings; every key the provider reads should be here. */
    default Map<String, String> defaults() {
        return Map.of();
    }

    /**
     * Environment variable names the provider accepts for its settings, e.g.
     * {@code MARKET_PULSE_INTERVAL -> market.pulse.interval-minutes}, so an operator's
     * existing {@code .env} keeps working.
     */
    default Map<String, String> environmentAliases() {
        return Map.of();
    }

    /** A job definition with the class that runs it. */
    static ProvidedJob job(JobDefinition definition, Class<? extends Job> jobClass) {
        return new ProvidedJob(definition, jobClass);
    }

    /**
     * A job as a provider lists it.
     *
     * @param definition the definition
     * @param jobClass the class Guice creates for every run
     */
    record ProvidedJob(JobDefinition definition, Class<? extends Job> jobClass) {
        /** Validates. */
        public ProvidedJob {
            java.util.Objects.requireNonNull(definition, "definition");
            java.util.Objects.requireNonNull(jobClass, "jobClass");
        }
    }
}
