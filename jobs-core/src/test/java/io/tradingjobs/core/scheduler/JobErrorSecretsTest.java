package io.tradingjobs.core.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tradingjobs.core.JobRun;
import io.tradingjobs.core.JobScheduler;
import io.tradingjobs.core.spi.JobDefinition;
import io.tradingjobs.core.test.TestDatabases;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobErrorSecretsTest {
    @TempDir
    Path dir;

    @Test
    void aTokenQuotedInAJobsExceptionIsMaskedInTheStoredRun() {
        String token = "upstox-secret-token-123456";
        try (JobScheduler s = JobScheduler.builder().discover(false).environment(Map.of()).workingDirectory(dir)
                .config(Map.of("jobs.database.url", TestDatabases.sqlite(dir), "market.upstox.token", token))
                .job(JobDefinition.builder("test.leaky").build(), ctx -> {
                    throw new IllegalStateException("request with Authorization: Bearer " + ctx.config().require("market.upstox.token") + " failed");
                })
                .build()) {
            s.start();
            String runId = s.runNow("test.leaky");
            await().until(() -> s.run(runId).map(r -> r.status().isFinal()).orElse(false));
            JobRun run = s.run(runId).orElseThrow();
            assertThat(run.error()).contains("Bearer ****").doesNotContain(token);
            assertThat(run.message()).contains("Bearer ****").doesNotContain(token);
        }
    }
}
