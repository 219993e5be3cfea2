package io.tradingjobs.examples.custom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tradingjobs.core.JobAlreadyRunningException;
import io.tradingjobs.core.JobRun;
import io.tradingjobs.core.JobScheduler;
import io.tradingjobs.core.JobStatus;
import io.tradingjobs.core.RunStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host as its main builds it, on a temporary SQLite file: the job is discovered, scheduled and runs. */
class CustomJobHostTest {
    @TempDir
    Path dir;

    @Test
    void discoversSchedulesAndRunsTheHostsJob() {
        // As main builds it, apart from this machine's environment and working directory.
        try (JobScheduler scheduler = CustomJobHost.builder().environment(Map.of()).workingDirectory(dir)
                .config("jobs.database.url", "jdbc:sqlite:" + dir.resolve("host.db")).build()) {
            scheduler.start();
            JobStatus job = scheduler.job(MarketClockJob.ID).orElseThrow();
            assertThat(job.nextRun()).isNotNull();

            // The seed's "every 5 minutes" stays, as the host runs it, so a scheduled run can start meanwhile and make
            // runNow refuse (JobAlreadyRunningException). Paused, the job fires no more; runNow is asked again until a
            // scheduled run already under way has ended. Only the run runNow returned is read.
            scheduler.pause(MarketClockJob.ID);
            String runId = await().atMost(Duration.ofSeconds(30)).ignoreException(JobAlreadyRunningException.class)
                    .until(() -> scheduler.runNow(MarketClockJob.ID), id -> id != null);
            JobRun run = await().atMost(Duration.ofSeconds(30)).until(() -> scheduler.run(runId).orElse(null),
                    r -> r != null && r.status().isFinal());

            assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(run.message()).contains("NSE").contains("BVMT").endsWith("watching RELIANCE, TCS, SFBT, BIAT");
        }
    }
}
