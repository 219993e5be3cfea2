package io.tradingjobs.core.testing;

import com.google.inject.Module;
import io.tradingjobs.core.JobRun;
import io.tradingjobs.core.JobScheduler;
import io.tradingjobs.core.internal.Engines;
import io.tradingjobs.core.spi.Job;
import io.tradingjobs.core.spi.JobDefinition;
import io.tradingjobs.core.spi.JobProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jooq.DSLContext;

/**
 * Runs jobs in a test without threads or sleeps: a scheduler on a temporary SQLite file
 * (migrations applied, nothing scheduled to fire), with the clock, settings, services and jobs
 * you give it. {@link #run(String)} runs one attempt on the calling thread and returns the
 * finished, recorded run.
 *
 * <pre>{@code
 * SettableClock clock = SettableClock.at("2026-03-02T16:00", "Asia/Kolkata");
 * try (JobTestKit kit = JobTestKit.builder().clock(clock).config("jobs.timezone", "Asia/Kolkata")
 *         .job(JobDefinition.builder("host.report").build(), ReportJob.class).build()) {
 *     JobRun run = kit.run("host.report");
 *     assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
 *     assertThat(kit.dsl().fetchCount(DSL.table("reports"))).isEqualTo(1);
 * }
 * }</pre>
 *
 * Closing the kit closes the scheduler and deletes the temporary database (unless a database URL
 * was given).
 */
public final class JobTestKit implements AutoCloseable {
    private final JobScheduler scheduler;
    private final Path tempDir;

    private JobTestKit(JobScheduler scheduler, Path tempDir) {
        this.scheduler = scheduler;
        this.tempDir = tempDir;
    }

    /** Starts describing a kit. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs one attempt of {@code jobId} on the calling thread; a failure is recorded, not thrown.
     *
     * @return the finished run, as stored in {@code job_runs}
     */
    public JobRun run(String jobId) {
        return Engines.of(scheduler).runInline(jobId);
    }

    /** The scheduler under test (for {@code history}, {@code jobs()}, ...); not started. */
    public JobScheduler scheduler() {
        return scheduler;
    }

    /** The database the jobs wrote to. */
    public DSLContext dsl() {
        return Engines.of(scheduler).database().dsl();
    }

    @Override
    public void close() {
        scheduler.close();
        if (tempDir != null) {
            try (Stream<Path> files = Files.walk(tempDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Describes a {@link JobTestKit}. */
    public static final class Builder {
        private final JobScheduler.Builder scheduler = JobScheduler.builder().discover(false).environment(Map.of());
        private final Map<String, String> config = new LinkedHashMap<>();

        private Builder() {
        }

        /** A setting, as {@code JobScheduler.Builder.config}. */
        public Builder config(String key, String value) {
            config.put(key, value);
            return this;
        }

        /** Settings. */
        public Builder config(Map<String, String> values) {
            config.putAll(values);
            return this;
        }

        /** The clock jobs read (e.g. a {@link SettableClock}). */
        public Builder clock(Clock clock) {
            scheduler.clock(clock);
            return this;
        }

        /** A job; Guice creates {@code jobClass} for each run. */
        public Builder job(JobDefinition definition, Class<? extends Job> jobClass) {
            scheduler.job(definition, jobClass);
            return this;
        }

        /** A job instance. */
        public Builder job(JobDefinition definition, Job instance) {
            scheduler.job(definition, instance);
            return this;
        }

        /** All jobs, services and migrations of a provider (a job module). */
        public Builder provider(JobProvider provider) {
            scheduler.provider(provider);
            return this;
        }

        /** Host services for jobs to inject. */
        public Builder module(Module module) {
            scheduler.module(module);
            return this;
        }

        /** Also loads the providers on the classpath (off by default, so a test sees only what it names). */
        public Builder discover(boolean value) {
            scheduler.discover(value);
            return this;
        }

        /** Builds the kit on a new temporary SQLite file (or on {@code jobs.database.url} if set). */
        public JobTestKit build() {
            Path dir = null;
            try {
                if (!config.containsKey("jobs.database.url")) {
                    dir = Files.createTempDirectory("trading-jobs-test");
                    config.put("jobs.database.url", "jdbc:sqlite:" + dir.resolve("jobs.db"));
                }
                config.putIfAbsent("jobs.scheduler.name", "test-kit-" + java.util.UUID.randomUUID());
                config.putIfAbsent("jobs.threads", "1");
                Path wd = dir != null ? dir : Path.of("").toAbsolutePath();
                JobScheduler s = scheduler.workingDirectory(wd).config(config).build();
                List.of(s.jobs()); // applies migrations now, so the test can read the tables at once
                return new JobTestKit(s, dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
