package io.tradingjobs.core.discovery.jarred;

import io.tradingjobs.core.config.Config;
import io.tradingjobs.core.discovery.SampleProviders.NoopJob;
import io.tradingjobs.core.spi.JobDefinition;
import io.tradingjobs.core.spi.JobProvider;
import java.util.List;

/** Packed into alpha.jar by the tests; defines {@code market.sync}. */
public final class AlphaProvider implements JobProvider {
    @Override
    public String name() {
        return "alpha";
    }

    @Override
    public List<ProvidedJob> jobs(Config config) {
        return List.of(JobProvider.job(JobDefinition.builder("market.sync").schedule("every 1 hour").build(), NoopJob.class));
    }
}
