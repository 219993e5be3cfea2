package io.tradingjobs.core.discovery;

import io.tradingjobs.core.config.Config;
import io.tradingjobs.core.spi.Job;
import io.tradingjobs.core.spi.JobContext;
import io.tradingjobs.core.spi.JobDefinition;
import io.tradingjobs.core.spi.JobProvider;
import java.util.List;

/** Providers that the discovery tests list in services files: one healthy, one whose constructor throws. */
public final class SampleProviders {
    private SampleProviders() {
    }

    /** A job that does nothing. */
    public static final class NoopJob implements Job {
        @Override
        public void run(JobContext context) {
            context.summary("noop");
        }
    }

    /** Lists one job, {@code healthy.ping}. */
    public static final class HealthyProvider implements JobProvider {
        @Override
        public String name() {
            return "healthy";
        }

        @Override
        public List<ProvidedJob> jobs(Config config) {
            return List.of(JobProvider.job(JobDefinition.builder("healthy.ping").schedule("every 1 hour").build(), NoopJob.class));
        }
    }

    /** Breaks the "constructors do nothing" rule. */
    public static final class ExplodingConstructorProvider implements JobProvider {
        /** Throws. */
        public ExplodingConstructorProvider() {
            throw new IllegalStateException("constructor exploded: cannot reach the NSE archives");
        }

        @Override
        public String name() {
            return "exploding";
        }

        @Override
        public List<ProvidedJob> jobs(Config config) {
            return List.of();
        }
    }
}
