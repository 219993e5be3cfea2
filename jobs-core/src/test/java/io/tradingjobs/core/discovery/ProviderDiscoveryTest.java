package io.tradingjobs.core.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.awaitility.Awaitility.await;

import com.google.inject.Inject;
import io.tradingjobs.core.JobScheduler;
import io.tradingjobs.core.JobStatus;
import io.tradingjobs.core.RunStatus;
import io.tradingjobs.core.SchedulerBuildException;
import io.tradingjobs.core.SchedulerBuildException.Problem;
import io.tradingjobs.core.config.Config;
import io.tradingjobs.core.config.LogCapture;
import io.tradingjobs.core.discovery.SampleProviders.ExplodingConstructorProvider;
import io.tradingjobs.core.discovery.SampleProviders.HealthyProvider;
import io.tradingjobs.core.discovery.SampleProviders.NoopJob;
import io.tradingjobs.core.discovery.jarred.AlphaProvider;
import io.tradingjobs.core.discovery.jarred.BetaProvider;
import io.tradingjobs.core.discovery.jarred.BrokenJobsProvider;
import io.tradingjobs.core.spi.Job;
import io.tradingjobs.core.spi.JobContext;
import io.tradingjobs.core.spi.JobDefinition;
import io.tradingjobs.core.test.TestDatabases;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Enumeration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Discovery survives mistakes, as SLF4J's does: a provider that fails to load is reported with its
 * class and the file that lists it and the others still load; duplicate job ids and a provider
 * whose job list throws fail {@code build()} naming the providers and their jars.
 */
class ProviderDiscoveryTest {
    private static final String MISSING = "io.tradingjobs.core.discovery.NoSuchProvider";

    @TempDir
    Path dir;

    private JobScheduler.Builder builder(ClassLoader loader) {
        return JobScheduler.builder().classLoader(loader).environment(Map.of()).workingDirectory(dir)
                .config("jobs.database.url", TestDatabases.sqlite(dir));
    }

    @Test
    void aProviderThatFailsToLoadIsReportedAndTheHealthyOnesStillLoad() throws IOException {
        Path classes = Files.createDirectories(dir.resolve("host-classes"));
        Path services = ProviderJars.servicesFile(classes, "# providers of the host",
                MISSING, ExplodingConstructorProvider.class.getName(), NoopJob.class.getName(), HealthyProvider.class.getName());

        try (URLClassLoader loader = ProviderJars.loaderOver(classes);
             LogCapture logs = LogCapture.start();
             JobScheduler s = builder(loader).build()) {
            assertThat(s.jobs()).extracting(JobStatus::id).containsExactly("healthy.ping");
            assertThat(logs.warnings()).anySatisfy(w -> assertThat(w)
                    .contains("provider " + MISSING).contains("not found")
                    .contains("listed in " + services.toUri().toURL())
                    .contains("the others are"));
            assertThat(logs.warnings()).anySatisfy(w -> assertThat(w)
                    .contains("provider " + ExplodingConstructorProvider.class.getName())
                    .contains("could not be instantiated").contains("constructor exploded: cannot reach the NSE archives")
                    .contains("listed in " + services.toUri().toURL())
                    .contains("no-argument constructor that does nothing"));
            assertThat(logs.warnings()).anySatisfy(w -> assertThat(w)
                    .contains("provider " + NoopJob.class.getName()).contains("not a subtype")
                    .contains("listed in " + services.toUri().toURL()));
            assertThat(logs.lines()).anySatisfy(line -> assertThat(line)
                    .contains("provider healthy (" + HealthyProvider.class.getName() + ")").contains("1 job"));
        }
    }

    @Test
    void twoProvidersDefiningOneJobIdFailTheBuildNamingBothAndTheirJars() throws IOException {
        Path alpha = ProviderJars.jar(dir.resolve("jobs-alpha.jar"), AlphaProvider.class);
        Path beta = ProviderJars.jar(dir.resolve("jobs-beta.jar"), BetaProvider.class);

        try (URLClassLoader loader = ProviderJars.loaderOver(alpha, beta)) {
            SchedulerBuildException e = buildFails(builder(loader));

            assertThat(e.problems()).singleElement().satisfies(p -> {
                assertThat(p.where()).isEqualTo("job market.sync");
                assertThat(p.problem()).contains("defined twice")
                        .contains("provider alpha").contains(alpha.toString())
                        .contains("provider beta").contains(beta.toString());
                assertThat(p.fix()).contains("remove one of them");
            });
        }
    }

    @Test
    void aProviderWhoseJobListThrowsFailsTheBuildNamingItAndItsJar() throws IOException {
        Path broken = ProviderJars.jar(dir.resolve("jobs-broken.jar"), BrokenJobsProvider.class);
        Path alpha = ProviderJars.jar(dir.resolve("jobs-alpha.jar"), AlphaProvider.class);

        try (URLClassLoader loader = ProviderJars.loaderOver(alpha, broken)) {
            SchedulerBuildException e = buildFails(builder(loader));

            assertThat(e.problems()).extracting(Problem::where).containsExactly("provider broken");
            assertThat(e.problems().get(0).problem()).contains("could not list its jobs")
                    .contains("job id 'NSE Holidays' is not valid")
                    .contains(BrokenJobsProvider.class.getName()).contains(broken.toString());
            assertThat(e.problems().get(0).fix()).contains("remove its jar");
        }
    }

    @Test
    void aClassLoaderThatCannotListServicesFilesIsReportedOnceInsteadOfLoopingForever() {
        ClassLoader failing = new ClassLoader(ProviderJars.testLoaderWithoutProviders()) {
            @Override
            public Enumeration<URL> getResources(String name) throws IOException {
                if (name.equals(ProviderJars.SERVICES)) {
                    throw new IOException("disk error while listing " + name);
                }
                return super.getResources(name);
            }
        };

        try (LogCapture logs = LogCapture.start()) {
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                try (JobScheduler s = builder(failing).job(JobDefinition.builder("host.ping").build(), ctx -> { }).build()) {
                    assertThat(s.job("host.ping")).isPresent();
                }
            });
            assertThat(logs.warnings()).filteredOn(w -> w.contains("Error locating configuration files")).singleElement()
                    .satisfies(w -> assertThat(w).contains("disk error while listing"));
        }
    }

    @Test
    void noProvidersAndNoJobsWarnWhatToAdd() {
        try (LogCapture logs = LogCapture.start();
             JobScheduler s = builder(ProviderJars.testLoaderWithoutProviders()).build()) {
            assertThat(s.jobs()).isEmpty();
            assertThat(logs.warnings()).anySatisfy(w -> assertThat(w)
                    .contains("no JobProvider on the classpath and none given to the builder")
                    .contains("io.tradingjobs:jobs-market").contains("Builder.job("));
        }
    }

    /** Created by Guice for every run. */
    public static final class GreetingJob implements Job {
        @Inject
        Config config;

        @Override
        public void run(JobContext context) {
            context.summary("hello from " + config.string("host.greeting.name", "nobody"));
        }
    }

    /** One instance serves every run; its members are injected once. */
    public static final class CountingJob implements Job {
        final AtomicInteger runs = new AtomicInteger();
        @Inject
        Clock clock;

        @Override
        public void run(JobContext context) {
            context.summary("run " + runs.incrementAndGet() + " with the scheduler's clock: " + (clock != null));
        }
    }

    @Test
    void jobsGivenToTheBuilderAsAClassOrAnInstanceRunWithoutDiscovery() {
        CountingJob counting = new CountingJob();

        try (JobScheduler s = builder(ProviderJars.testLoaderWithoutProviders()).discover(false)
                .config("host.greeting.name", "the host")
                .job(JobDefinition.builder("host.greeting").name("Greeting").schedule("manual").build(), GreetingJob.class)
                .job(JobDefinition.builder("host.counter").name("Counter").schedule("manual").build(), counting)
                .build()) {
            s.start();
            String greeting = s.runNow("host.greeting");
            String count = s.runNow("host.counter");

            await().atMost(Duration.ofSeconds(10)).until(() -> succeeded(s, greeting) && succeeded(s, count));
            assertThat(s.jobs()).extracting(JobStatus::id, JobStatus::name)
                    .containsExactly(tuple("host.counter", "Counter"),
                            tuple("host.greeting", "Greeting"));
            assertThat(s.run(greeting).orElseThrow().message()).isEqualTo("hello from the host");
            assertThat(s.run(count).orElseThrow().message()).isEqualTo("run 1 with the scheduler's clock: true");
            assertThat(counting.runs).hasValue(1);
        }
    }

    private static boolean succeeded(JobScheduler s, String runId) {
        return s.run(runId).map(r -> r.status() == RunStatus.SUCCEEDED).orElse(false);
    }

    /** Builds, expecting a {@link SchedulerBuildException}; a scheduler built by mistake is closed. */
    private static SchedulerBuildException buildFails(JobScheduler.Builder builder) {
        try (JobScheduler unexpected = builder.build()) {
            throw new AssertionError("build() succeeded with jobs " + unexpected.jobs());
        } catch (SchedulerBuildException e) {
            return e;
        }
    }
}
