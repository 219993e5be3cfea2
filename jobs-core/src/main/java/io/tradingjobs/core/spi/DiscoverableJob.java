package io.tradingjobs.core.spi;

import io.tradingjobs.core.config.Config;
import java.util.List;

/**
 * A job that is its own {@link JobProvider}: one class plus one line in
 * {@code META-INF/services/io.tradingjobs.core.spi.JobProvider} adds it to every scheduler that
 * has it on the classpath.
 *
 * <pre>{@code
 * public final class HeartbeatJob extends DiscoverableJob {
 *     @Override protected JobDefinition definition() {
 *         return JobDefinition.builder("host.heartbeat").schedule("every 1 minute").build();
 *     }
 *     @Override public void run(JobContext context) { context.summary("alive"); }
 * }
 * }</pre>
 *
 * The subclass needs a public no-argument constructor (for {@code ServiceLoader}); it may also
 * have an {@code @Inject} constructor, which Guice uses to create the instance for each run.
 */
public abstract class DiscoverableJob implements Job, JobProvider {

    /** The job's definition; called once at build time. */
    protected abstract JobDefinition definition();

    /** The provider's name: the job id. */
    @Override
    public String name() {
        return definition().id();
    }

    @Override
    public final List<ProvidedJob> jobs(Config config) {
        return List.of(JobProvider.job(definition(), getClass()));
    }
}
