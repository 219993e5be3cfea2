package io.tradingjobs.core.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tradingjobs.core.JobRun;
import io.tradingjobs.core.JobScheduler;
import io.tradingjobs.core.RunStatus;
import io.tradingjobs.core.spi.JobDefinition;
import io.tradingjobs.core.test.LocalHttpServer;
import io.tradingjobs.core.test.LocalHttpServer.Reply;
import io.tradingjobs.core.test.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceCallJobTest {
    @TempDir
    Path dir;
    private LocalHttpServer stockService;
    private JobScheduler scheduler;

    @BeforeEach
    void startScheduler() {
        stockService = LocalHttpServer.start();
        scheduler = JobScheduler.builder().discover(false).environment(Map.of()).workingDirectory(dir)
                .config(Map.of("jobs.database.url", TestDatabases.sqlite(dir),
                        "STOCK_SERVICE_URL", stockService.baseUrl(),
                        "http.retry.base-delay", "10ms",
                        "jobs.bvmt.stocks-refresh.body", "{\"market\":\"BVMT\"}"))
                .job(JobDefinition.builder("bvmt.stocks-refresh").schedule("manual").build(),
                        ServiceCallJob.post("services.stock.url", "/api/stocks/refresh"))
                .build();
        scheduler.start();
    }

    @AfterEach
    void stop() {
        scheduler.close();
        stockService.close();
    }

    private JobRun runToEnd() {
        String runId = scheduler.runNow("bvmt.stocks-refresh");
        await().atMost(Duration.ofSeconds(20)).until(() -> scheduler.run(runId).map(r -> r.status().isFinal()).orElse(false));
        return scheduler.run(runId).orElseThrow();
    }

    @Test
    void postsToTheServiceUrlFromTheSeedsEnvironmentNameAndRecordsTheOutcome() {
        stockService.on("POST", "/api/stocks/refresh", Reply.json("{\"refreshed\":82}"));

        JobRun run = runToEnd();

        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.message()).startsWith("POST " + stockService.baseUrl() + "/api/stocks/refresh -> 200 in ")
                .endsWith("{\"refreshed\":82}");
        assertThat(stockService.lastRequest().orElseThrow().bodyText()).isEqualTo("{\"market\":\"BVMT\"}");
    }

    @Test
    void aServerErrorIsRetriedByTheHttpLayerBeforeTheRunCounts() {
        stockService.on("POST", "/api/stocks/refresh", Reply.status(503), Reply.json("{}"));

        JobRun run = runToEnd();

        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(stockService.requestCount("POST", "/api/stocks/refresh")).isEqualTo(2);
    }

    @Test
    void aClientErrorFailsTheRunWithTheUrlAndStatus() {
        stockService.on("POST", "/api/stocks/refresh", Reply.status(404));

        JobRun run = runToEnd();

        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.message()).contains("/api/stocks/refresh").contains("404");
        assertThat(stockService.requestCount("POST", "/api/stocks/refresh")).isEqualTo(1);
    }
}
