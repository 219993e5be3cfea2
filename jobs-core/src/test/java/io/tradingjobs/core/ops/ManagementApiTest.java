package io.tradingjobs.core.ops;

import static io.tradingjobs.core.ops.OpsFixtures.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.inject.AbstractModule;
import io.tradingjobs.core.JobScheduler;
import io.tradingjobs.core.test.TestDatabases;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every endpoint of the management server bound to loopback without a token: status codes,
 * the seed's JSON fields and the error answers. One scheduler serves all tests of the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManagementApiTest {
    private static final String ISO = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,3})?Z";
    private static final List<String> SEED_FIELDS = List.of("id", "name", "schedule", "status", "next_run", "last_run", "last_status",
            "execution_time_ms", "success_count", "failure_count");

    private Path dir;
    private JobScheduler scheduler;
    private JobScheduler withReports;
    private ApiClient api;
    private final OpsFixtures.Gate gate = new OpsFixtures.Gate();

    @BeforeAll
    void start(@TempDir Path tempDir) {
        dir = tempDir;
        scheduler = OpsFixtures.builder(dir, TestDatabases.sqlite(dir))
                .config("jobs.http.port", "0")
                .config("jobs.test.off.enabled", "false")
                .job(OpsFixtures.hourly("test.ok", "Price sync"), OpsFixtures.ok())
                .job(OpsFixtures.hourly("test.fail", "Broken feed"), OpsFixtures.failing("upstream answered 503"))
                .job(OpsFixtures.hourly("test.gate", "Long backfill"), gate)
                .job(OpsFixtures.hourly("test.off", "Switched off"), OpsFixtures.ok())
                .build();
        scheduler.start();
        api = new ApiClient(OpsFixtures.baseUrl(scheduler));
        String ok = scheduler.runNow("test.ok");
        String failed = scheduler.runNow("test.fail");
        await().atMost(WAIT).until(() -> scheduler.run(ok).filter(r -> r.finishedAt() != null).isPresent()
                && scheduler.run(failed).filter(r -> r.finishedAt() != null).isPresent());
    }

    @AfterAll
    void stop() {
        gate.release();
        if (scheduler != null) {
            scheduler.close();
        }
        if (withReports != null) {
            withReports.close();
        }
    }

    @Test
    @DisplayName("GET /api/jobs lists every job by id with the seed's fields, ISO-8601 UTC times and the run counts")
    void jobsListHasTheSeedShape() {
        ApiClient.Answer a = api.get("/api/jobs");

        assertThat(a.status()).isEqualTo(200);
        assertThat(a.header("Content-Type")).startsWith("application/json");
        JsonNode jobs = a.json().get("jobs");
        List<String> ids = new ArrayList<>();
        jobs.forEach(j -> ids.add(j.get("id").asText()));
        assertThat(ids).containsExactly("test.fail", "test.gate", "test.off", "test.ok");
        for (JsonNode j : jobs) {
            for (String f : SEED_FIELDS) {
                assertThat(j.has(f)).as("%s has %s", j.get("id"), f).isTrue();
            }
        }
        JsonNode ok = byId(jobs, "test.ok");
        assertThat(ok.get("name").asText()).isEqualTo("Price sync");
        assertThat(ok.get("schedule").asText()).isEqualTo(OpsFixtures.NEVER_DURING_TESTS);
        assertThat(ok.get("status").asText()).isEqualTo("scheduled");
        assertThat(ok.get("next_run").asText()).matches(ISO);
        assertThat(ok.get("last_run").asText()).matches(ISO);
        assertThat(ok.get("last_status").asText()).isEqualTo("success");
        assertThat(ok.get("execution_time_ms").isIntegralNumber()).isTrue();
        assertThat(ok.get("success_count").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(ok.get("failure_count").asLong()).isZero();
        JsonNode fail = byId(jobs, "test.fail");
        assertThat(fail.get("last_status").asText()).isEqualTo("failed");
        assertThat(fail.get("failure_count").asLong()).isEqualTo(1);
        JsonNode off = byId(jobs, "test.off");
        assertThat(off.get("status").asText()).isEqualTo("disabled");
        assertThat(off.get("next_run").isNull()).isTrue();
        assertThat(off.get("last_run").isNull()).isTrue();
        assertThat(a.json().get("node").asText()).isEqualTo(scheduler.nodeId());
    }

    @Test
    @DisplayName("GET /api/jobs/{id} answers one job with its recent runs; an unknown id is a 404 naming the known jobs")
    void oneJobAndUnknownJob() {
        ApiClient.Answer a = api.get("/api/jobs/test.ok");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().get("id").asText()).isEqualTo("test.ok");
        assertThat(a.json().get("recent_runs").get(0).get("status").asText()).isEqualTo("success");

        ApiClient.Answer missing = api.get("/api/jobs/test.nope");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("error").asText()).isEqualTo("not found");
        assertThat(missing.json().get("message").asText()).contains("test.nope").contains("test.ok");
    }

    @Test
    @DisplayName("POST /api/jobs/{id}/run answers 202 with the run id, and the run appears in the job's history as success")
    void runNowStartsARun() {
        ApiClient.Answer a = api.post("/api/jobs/test.ok/run");

        assertThat(a.status()).isEqualTo(202);
        String runId = a.json().get("run_id").asText();
        assertThat(a.json().get("job_id").asText()).isEqualTo("test.ok");
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode runs = api.get("/api/jobs/test.ok/history").json().get("runs");
            JsonNode run = null;
            for (JsonNode r : runs) {
                if (r.get("run_id").asText().equals(runId)) {
                    run = r;
                }
            }
            assertThat(run).isNotNull();
            assertThat(run.get("status").asText()).isEqualTo("success");
            assertThat(run.get("trigger").asText()).isEqualTo("manual");
            assertThat(run.get("node").asText()).isEqualTo(scheduler.nodeId());
            assertThat(run.get("message").asText()).isEqualTo("priced 42 instruments");
            assertThat(run.get("started_at").asText()).matches(ISO);
            assertThat(run.get("finished_at").asText()).matches(ISO);
        });
    }

    @Test
    @DisplayName("a running job shows status running with its progress; a second run now is a 409 saying it already runs")
    void runningJobShowsProgressAndRefusesASecondRun() throws Exception {
        assertThat(api.post("/api/jobs/test.gate/run").status()).isEqualTo(202);
        gate.awaitStarted();
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode job = byId(api.get("/api/jobs").json().get("jobs"), "test.gate");
            assertThat(job.get("status").asText()).isEqualTo("running");
            assertThat(job.get("progress").get("done").asLong()).isEqualTo(3);
            assertThat(job.get("progress").get("total").asLong()).isEqualTo(10);
            assertThat(job.get("progress").get("percent").asLong()).isEqualTo(30);
        });

        ApiClient.Answer second = api.post("/api/jobs/test.gate/run");

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().get("error").asText()).isEqualTo("conflict");
        assertThat(second.json().get("message").asText()).contains("already running");
        gate.release();
        await().atMost(WAIT).until(() -> !byId(api.get("/api/jobs").json().get("jobs"), "test.gate").get("status").asText().equals("running"));
    }

    @Test
    @DisplayName("POST pause shows the job paused without a next run; POST resume brings it back; both answer the job")
    void pauseAndResume() {
        ApiClient.Answer paused = api.post("/api/jobs/test.ok/pause");
        assertThat(paused.status()).isEqualTo(200);
        assertThat(paused.json().get("status").asText()).isEqualTo("paused");
        assertThat(paused.json().get("next_run").isNull()).isTrue();
        assertThat(byId(api.get("/api/jobs").json().get("jobs"), "test.ok").get("status").asText()).isEqualTo("paused");

        ApiClient.Answer resumed = api.post("/api/jobs/test.ok/resume");
        assertThat(resumed.status()).isEqualTo(200);
        assertThat(resumed.json().get("status").asText()).isEqualTo("scheduled");
        assertThat(resumed.json().get("next_run").asText()).matches(ISO);
    }

    @Test
    @DisplayName("a disabled job answers 409 to run, pause and resume; an unknown one 404")
    void disabledAndUnknownJobsRefuseControl() {
        for (String action : List.of("run", "pause", "resume")) {
            ApiClient.Answer a = api.post("/api/jobs/test.off/" + action);
            assertThat(a.status()).as(action).isEqualTo(409);
            assertThat(a.json().get("message").asText()).contains("disabled");
            assertThat(api.post("/api/jobs/test.nope/" + action).status()).isEqualTo(404);
        }
    }

    @Test
    @DisplayName("history endpoints: all runs, one job's, failed ones with the error text; ?limit= is honoured and checked")
    void historyEndpoints() {
        JsonNode all = api.get("/api/jobs/history").json();
        assertThat(all.get("runs").size()).isGreaterThanOrEqualTo(2);
        assertThat(all.get("count").asInt()).isEqualTo(all.get("runs").size());
        assertThat(api.get("/api/jobs/history?limit=1").json().get("runs").size()).isEqualTo(1);

        JsonNode failed = api.get("/api/jobs/history/failed").json().get("runs");
        assertThat(failed.size()).isEqualTo(1);
        JsonNode run = failed.get(0);
        assertThat(run.get("job_id").asText()).isEqualTo("test.fail");
        assertThat(run.get("status").asText()).isEqualTo("failed");
        assertThat(run.get("error_summary").asText()).isEqualTo("java.lang.IllegalStateException: upstream answered 503");
        assertThat(run.get("error").asText()).contains("upstream answered 503").contains("\tat ");
        assertThat(run.get("execution_time_ms").isIntegralNumber()).isTrue();
        for (String f : List.of("run_id", "job_id", "status", "trigger", "attempt", "scheduled_at", "started_at", "finished_at",
                "execution_time_ms", "node", "message", "error_summary", "error", "progress_done", "progress_total")) {
            assertThat(run.has(f)).as(f).isTrue();
        }

        JsonNode one = api.get("/api/jobs/test.fail/history?limit=5").json().get("runs");
        one.forEach(r -> assertThat(r.get("job_id").asText()).isEqualTo("test.fail"));
        assertThat(api.get("/api/jobs/test.nope/history").status()).isEqualTo(404);

        for (String bad : List.of("0", "abc", "1001", "-3")) {
            ApiClient.Answer a = api.get("/api/jobs/history?limit=" + bad);
            assertThat(a.status()).as(bad).isEqualTo(400);
            assertThat(a.json().get("message").asText()).contains("limit=" + bad).contains("1 to 1000");
        }
    }

    @Test
    @DisplayName("a wrong method is a 405 with Allow; an unknown path a JSON 404")
    void wrongMethodAndUnknownPath() {
        ApiClient.Answer getRun = api.get("/api/jobs/test.ok/run");
        assertThat(getRun.status()).isEqualTo(405);
        assertThat(getRun.header("Allow")).isEqualTo("POST");
        assertThat(getRun.json().get("error").asText()).isEqualTo("method not allowed");

        ApiClient.Answer postList = api.post("/api/jobs");
        assertThat(postList.status()).isEqualTo(405);
        assertThat(postList.header("Allow")).isEqualTo("GET, HEAD");
        assertThat(api.send("DELETE", "/api/jobs/test.ok", null).status()).isEqualTo(405);

        ApiClient.Answer unknown = api.get("/api/nothing");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("status").asInt()).isEqualTo(404);
        assertThat(api.get("/api/jobs/test.ok/frobnicate").status()).isEqualTo(404);
        assertThat(api.get("/static/../pom.xml").status()).isEqualTo(404);
    }

    @Test
    @DisplayName("without the reports module every reports endpoint is a 404 saying which module to add")
    void reportsWithoutTheModule() {
        for (ApiClient.Answer a : List.of(api.get("/api/reports"), api.get("/api/reports/daily-1"), api.post("/api/reports/generate"))) {
            assertThat(a.status()).isEqualTo(404);
            assertThat(a.json().get("error").asText()).isEqualTo("reports module not installed");
            assertThat(a.json().get("message").asText()).isEqualTo("add io.tradingjobs:jobs-reports");
        }
    }

    @Test
    @DisplayName("with a ReportsEndpoint bound, /api/reports lists, downloads and generates reports")
    void reportsThroughABoundEndpoint() {
        ReportsEndpoint endpoint = new ReportsEndpoint() {
            @Override
            public List<?> list(int limit) {
                return List.of(Map.of("id", "daily-2026-02-08", "title", "Daily market report"));
            }

            @Override
            public Optional<ReportFile> get(String id) {
                return id.equals("daily-2026-02-08")
                        ? Optional.of(new ReportFile("daily-2026-02-08.txt", "text/plain", "TUNINDEX +0.4%".getBytes(StandardCharsets.UTF_8)))
                        : Optional.empty();
            }

            @Override
            public Object generate(Map<String, Object> request) {
                if (!request.containsKey("type")) {
                    throw new IllegalArgumentException("give the report type, e.g. {\"type\":\"daily\"}");
                }
                return Map.of("report_id", "daily-2026-02-09", "type", request.get("type"));
            }
        };
        withReports = OpsFixtures.builder(dir, TestDatabases.sqlite(dir))
                .config("jobs.http.port", "0")
                .module(new AbstractModule() {
                    @Override
                    protected void configure() {
                        bind(ReportsEndpoint.class).toInstance(endpoint);
                    }
                })
                .job(OpsFixtures.hourly("test.ok", "Price sync"), OpsFixtures.ok())
                .build();
        withReports.start();
        ApiClient r = new ApiClient(OpsFixtures.baseUrl(withReports));

        assertThat(r.get("/api/reports").json().get("reports").get(0).get("id").asText()).isEqualTo("daily-2026-02-08");
        ApiClient.Answer file = r.get("/api/reports/daily-2026-02-08");
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.body()).isEqualTo("TUNINDEX +0.4%");
        assertThat(file.header("Content-Disposition")).isEqualTo("attachment; filename=\"daily-2026-02-08.txt\"");
        assertThat(r.get("/api/reports/nope").status()).isEqualTo(404);
        ApiClient.Answer generated = r.send("POST", "/api/reports/generate", "{\"type\":\"daily\"}", "Content-Type", "application/json");
        assertThat(generated.status()).isEqualTo(202);
        assertThat(generated.json().get("report_id").asText()).isEqualTo("daily-2026-02-09");
        ApiClient.Answer bad = r.send("POST", "/api/reports/generate", "{}", "Content-Type", "application/json");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("message").asText()).contains("report type");
        assertThat(r.send("POST", "/api/reports/generate", "not json", "Content-Type", "application/json").status()).isEqualTo(400);
    }

    @Test
    @DisplayName("GET /health answers UP for load balancers; HEAD answers without a body")
    void health() {
        ApiClient.Answer a = api.get("/health");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().get("status").asText()).isEqualTo("UP");
        assertThat(a.json().get("database").asText()).isEqualTo("UP");
        ApiClient.Answer head = api.send("HEAD", "/health", null);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }

    @Test
    @DisplayName("GET /metrics serves Prometheus text with per-job duration, run counts by outcome and the running gauge")
    void prometheusMetrics() {
        // The metrics hear of a run after its end is recorded, which is what start() waited for.
        await().atMost(WAIT).untilAsserted(() -> {
            ApiClient.Answer a = api.get("/metrics");

            assertThat(a.status()).isEqualTo(200);
            assertThat(a.header("Content-Type")).startsWith("text/plain");
            assertThat(a.body())
                    .contains("tradingjobs_job_duration_seconds_count{job=\"test.ok\",outcome=\"succeeded\"}")
                    .contains("tradingjobs_job_runs_total{job=\"test.fail\",outcome=\"failed\"} 1.0")
                    .contains("tradingjobs_job_running{job=\"test.gate\"}");
        });
    }

    @Test
    @DisplayName("the dashboard page and its files are served from the jar with their types and a strict content policy")
    void dashboardAssets() {
        ApiClient.Answer page = api.get("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'self'");
        assertThat(page.body()).contains("<title>trading-jobs</title>").contains("static/app.js").doesNotContain("http://", "https://");
        assertThat(api.get("/static/app.js").header("Content-Type")).startsWith("text/javascript");
        assertThat(api.get("/static/app.css").header("Content-Type")).startsWith("text/css");
        assertThat(api.get("/static/favicon.svg").status()).isEqualTo(200);
        assertThat(api.get("/static/nothing.js").status()).isEqualTo(404);
    }

    @Test
    @DisplayName("on loopback a request whose Host is another site (DNS rebinding) is a 403, and so is a POST from another site's page")
    void foreignHostsAndCrossSitePostsAreRefused() throws Exception {
        int port = scheduler.managementPort().orElseThrow();
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = s.getOutputStream();
            out.write(("GET /api/jobs HTTP/1.1\r\nHost: evil.example:" + port + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            assertThat(status).startsWith("HTTP/1.1 403");
        }
        ApiClient.Answer crossSite = api.post("/api/jobs/test.ok/pause", "Origin", "http://evil.example");
        assertThat(crossSite.status()).isEqualTo(403);
        assertThat(byId(api.get("/api/jobs").json().get("jobs"), "test.ok").get("status").asText()).isNotEqualTo("paused");
        ApiClient.Answer sameSite = api.post("/api/jobs/test.ok/resume", "Origin", OpsFixtures.baseUrl(scheduler));
        assertThat(sameSite.status()).isEqualTo(200);
    }

    static JsonNode byId(JsonNode jobs, String id) {
        for (JsonNode j : jobs) {
            if (j.get("id").asText().equals(id)) {
                return j;
            }
        }
        throw new AssertionError("no job " + id + " in " + jobs);
    }
}
