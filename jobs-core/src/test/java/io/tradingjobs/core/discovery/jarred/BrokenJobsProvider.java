package io.tradingjobs.core.discovery.jarred;

import io.tradingjobs.core.config.Config;
import io.tradingjobs.core.discovery.SampleProviders.NoopJob;
import io.tradingjobs.core.spi.JobDefinition;
import io.tradingjobs.core.spi.JobProvider;
import java.util.List;

/** Packed into broken.jar by the tests; its job list throws (an id that is not valid). */
public final class BrokenJobsProvider implements JobProvider {
    @Override
    public String name() {
        return "broken";
    }

    @Override
    public List<ProvidedJob> jobs(Config config) {
        return List.of(JobProvider.job(JobDefinition.builder("NSE Holidays").build(), NoopJob.class));
    }
}
