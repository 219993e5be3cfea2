package io.tradingjobs.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tradingjobs.core.JobScheduler;
import io.tradingjobs.core.RunStatus;
import io.tradingjobs.core.test.TestDatabases;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiscoverableJobTest {
    @TempDir
    Path dir;

    /** The host's one class. */
    public static final class HeartbeatJob extends DiscoverableJob {
        @Override
        protected JobDefinition definition() {
            return JobDefinition.builder("host.heartbeat").name("Heartbeat").schedule("every 1 minute").build();
        }

        @Override
        public void run(JobContext context) {
            context.summary("alive at " + context.clock().instant());
        }
    }

    @Test
    void oneClassAndOneServicesLineAddAJob() throws Exception {
        Path services = dir.resolve("classes/META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(JobProvider.class.getName()), HeartbeatJob.class.getName() + "\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.resolve("classes").toUri().toURL()}, getClass().getClassLoader());
             JobScheduler scheduler = JobScheduler.builder().classLoader(loader).environment(Map.of()).workingDirectory(dir)
                     .config("jobs.database.url", TestDatabases.sqlite(dir)).build()) {
            scheduler.start();
            assertThat(scheduler.job("host.heartbeat")).hasValueSatisfying(s -> {
                assertThat(s.name()).isEqualTo("Heartbeat");
                assertThat(s.schedule()).isEqualTo("every 1 minute");
                assertThat(s.nextRun()).isNotNull();
            });
            String runId = scheduler.runNow("host.heartbeat");
            await().until(() -> scheduler.run(runId).map(r -> r.status() == RunStatus.SUCCEEDED).orElse(false));
            assertThat(scheduler.run(runId).orElseThrow().message()).startsWith("alive at ");
        }
    }
}
