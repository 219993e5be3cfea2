package io.tradingjobs.core.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingjobs.core.JobScheduler;
import io.tradingjobs.core.SchedulerBuildException;
import io.tradingjobs.core.test.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who may call the management server: loopback and beyond, with and without a token. */
class ManagementAuthTest {
    private static final String TOKEN = "tok-5f1c9a7e2b8d4c6f";

    @TempDir
    Path dir;

    private final List<JobScheduler> open = new ArrayList<>();

    @AfterEach
    void close() {
        open.forEach(JobScheduler::close);
    }

    private JobScheduler start(String... settings) {
        JobScheduler.Builder b = OpsFixtures.builder(dir, TestDatabases.sqlite(dir))
                .config("jobs.http.port", "0")
                .job(OpsFixtures.hourly("test.ok", "Price sync"), OpsFixtures.ok());
        for (int i = 0; i + 1 < settings.length; i += 2) {
            b.config(settings[i], settings[i + 1]);
        }
        JobScheduler s = b.build();
        open.add(s);
        s.start();
        return s;
    }

    @Test
    @DisplayName("on loopback without a token, reads and POSTs are open")
    void loopbackWithoutTokenIsOpen() {
        ApiClient api = new ApiClient(OpsFixtures.baseUrl(start()));

        assertThat(api.get("/api/jobs").status()).isEqualTo(200);
        assertThat(api.post("/api/jobs/test.ok/run").status()).isEqualTo(202);
        assertThat(api.get("/").status()).isEqualTo(200);
    }

    @Test
    @DisplayName("on loopback with a token, reads stay open but every POST needs it: none or a wrong one is a 401, Bearer or Basic passes")
    void loopbackWithTokenGuardsPosts() {
        ApiClient api = new ApiClient(OpsFixtures.baseUrl(start("jobs.http.token", TOKEN)));

        assertThat(api.get("/api/jobs").status()).isEqualTo(200);
        assertThat(api.get("/api/jobs/history").status()).isEqualTo(200);
        ApiClient.Answer none = api.post("/api/jobs/test.ok/run");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"trading-jobs\"");
        assertThat(none.json().get("error").asText()).isEqualTo("unauthorized");
        assertThat(none.json().get("message").asText()).contains("Authorization: Bearer");
        ApiClient.Answer wrong = api.post("/api/jobs/test.ok/pause", "Authorization", "Bearer " + TOKEN + "x");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().get("message").asText()).isEqualTo("the token is not valid");
        assertThat(api.post("/api/jobs/test.ok/run", "Authorization", "Bearer " + TOKEN).status()).isEqualTo(202);
        assertThat(api.post("/api/jobs/test.ok/pause", "Authorization", basic("ops", TOKEN)).status()).isEqualTo(200);
        assertThat(api.post("/api/jobs/test.ok/resume", "Authorization", basic("ops", "guess")).status()).isEqualTo(401);
        assertThat(api.bodies()).noneMatch(b -> b.contains(TOKEN));
    }

    @Test
    @DisplayName("bound beyond loopback (0.0.0.0), everything needs the token: API, dashboard (Basic challenge), /metrics and /health")
    void beyondLoopbackEverythingNeedsTheToken() {
        JobScheduler s = start("jobs.http.bind", "0.0.0.0", "jobs.http.token", TOKEN);
        ApiClient api = new ApiClient(OpsFixtures.baseUrl(s));

        for (String path : List.of("/api/jobs", "/api/jobs/test.ok", "/api/jobs/history", "/api/jobs/history/failed", "/metrics", "/health",
                "/api/reports")) {
            assertThat(api.get(path).status()).as(path).isEqualTo(401);
            assertThat(api.get(path, "Authorization", "Bearer nope-nope-nope-nope").status()).as(path).isEqualTo(401);
        }
        ApiClient.Answer page = api.get("/");
        assertThat(page.status()).isEqualTo(401);
        assertThat(page.header("WWW-Authenticate")).startsWith("Basic realm=\"trading-jobs\"");
        assertThat(api.get("/static/app.js").status()).isEqualTo(401);
        assertThat(api.post("/api/jobs/test.ok/run").status()).isEqualTo(401);

        String bearer = "Bearer " + TOKEN;
        assertThat(api.get("/api/jobs", "Authorization", bearer).status()).isEqualTo(200);
        assertThat(api.get("/health", "Authorization", bearer).status()).isEqualTo(200);
        assertThat(api.get("/", "Authorization", basic("anyone", TOKEN)).status()).isEqualTo(200);
        assertThat(api.post("/api/jobs/test.ok/run", "Authorization", bearer).status()).isEqualTo(202);
    }

    @Test
    @DisplayName("jobs.http.health.public=true opens /health, and only /health, to load balancers that cannot send a token")
    void publicHealth() {
        JobScheduler s = start("jobs.http.bind", "0.0.0.0", "jobs.http.token", TOKEN, "jobs.http.health.public", "true");
        ApiClient api = new ApiClient(OpsFixtures.baseUrl(s));

        assertThat(api.get("/health").status()).isEqualTo(200);
        assertThat(api.get("/health").json().has("node")).isFalse();
        assertThat(api.get("/api/jobs").status()).isEqualTo(401);
    }

    @Test
    @DisplayName("binding beyond loopback without a token, a short token or a bad port fail build() with the key and the fix")
    void unsafeOrBadSettingsFailTheBuild() {
        assertThatThrownBy(() -> OpsFixtures.builder(dir, TestDatabases.sqlite(dir))
                .config("jobs.http.port", "8010").config("jobs.http.bind", "0.0.0.0").build())
                .isInstanceOf(SchedulerBuildException.class)
                .hasMessageContaining("jobs.http.bind")
                .hasMessageContaining("without a token")
                .hasMessageContaining("set jobs.http.token");
        assertThatThrownBy(() -> OpsFixtures.builder(dir, TestDatabases.sqlite(dir))
                .config("jobs.http.port", "99999").config("jobs.http.token", "tiny-tok").build())
                .isInstanceOf(SchedulerBuildException.class)
                .hasMessageContaining("jobs.http.port")
                .hasMessageContaining("99999")
                .hasMessageContaining("jobs.http.token")
                .hasMessageContaining("at least 16")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("tiny-tok"));
    }

    @Test
    @DisplayName("without jobs.http.port there is no server, and a taken port fails start() saying which and what to do")
    void noPortNoServerAndATakenPortFailsClearly() {
        JobScheduler quiet = OpsFixtures.builder(dir, TestDatabases.sqlite(dir)).job(OpsFixtures.hourly("test.ok", "Price sync"), OpsFixtures.ok()).build();
        open.add(quiet);
        quiet.start();
        assertThat(quiet.managementPort()).isEmpty();

        JobScheduler first = start();
        int taken = first.managementPort().orElseThrow();
        JobScheduler second = OpsFixtures.builder(dir, TestDatabases.sqlite(dir)).config("jobs.http.port", String.valueOf(taken))
                .job(OpsFixtures.hourly("test.ok", "Price sync"), OpsFixtures.ok()).build();
        open.add(second);
        assertThatThrownBy(second::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("127.0.0.1:" + taken)
                .hasMessageContaining("jobs.http.port");
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
