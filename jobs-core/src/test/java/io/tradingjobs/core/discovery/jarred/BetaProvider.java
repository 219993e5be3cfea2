package io.tradingjobs.core.discovery.jarred;

import io.tradingjobs.core.config.Config;
import io.tradingjobs.core.discovery.SampleProviders.NoopJob;
import io.tradingjobs.core.spi.JobDefinition;
import io.tradingjobs.core.spi.JobProvider;
import java.util.List;

/** Packed into beta.jar by the tests; defines {@code market.sync} too, and {@code beta.report}. */
public final class BetaProvider implements JobProvider {
    @Override
    public String name() {
        return "beta";
    }

    @Override
    public List<ProvidedJob> jobs(Config config) {
        return List.of(JobProvider.job(JobDefinition.builder("beta.report").schedule("daily at 18:00").build(), NoopJob.class),
                JobProvider.job(JobDefinition.builder("market.sync").schedule("every 15 minutes").build(), NoopJob.class));
    }
}
