package io.tradingjobs.core.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tradingjobs.core.JobScheduler;
import io.tradingjobs.core.RunStatus;
import io.tradingjobs.core.ops.OpsFixtures;
import io.tradingjobs.core.spi.JobDefinition;
import io.tradingjobs.core.test.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmokeTest {
    @TempDir
    Path dir;

    @Test
    void aManualRunIsRecorded() {
        try (JobScheduler s = JobScheduler.builder().discover(false).environment(Map.of()).workingDirectory(dir)
                .config("jobs.database.url", TestDatabases.sqlite(dir))
                .job(JobDefinition.builder("test.hello").schedule(OpsFixtures.NEVER_DURING_TESTS).build(), ctx -> ctx.summary("hello"))
                .build()) {
            s.start();
            String runId = s.runNow("test.hello");
            await().atMost(Duration.ofSeconds(10)).until(() -> s.run(runId).map(r -> r.status() == RunStatus.SUCCEEDED).orElse(false));
            assertThat(s.run(runId).orElseThrow().message()).isEqualTo("hello");
            assertThat(s.job("test.hello").orElseThrow().successCount()).isEqualTo(1);
            System.out.println(s.jobs());
        }
    }
}
