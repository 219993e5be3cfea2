package io.tradingjobs.reports.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradingjobs.core.JobScheduler;
import io.tradingjobs.core.test.TestDatabases;
import io.tradingjobs.core.testing.SettableClock;
import io.tradingjobs.reports.ReportsJobProvider;
import io.tradingjobs.reports.test.BvmtFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /api/reports through the core's management server. */
class ReportsApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;
    JobScheduler scheduler;
    String base;

    @BeforeEach
    void start() {
        String url = TestDatabases.sqlite(dir);
        scheduler = JobScheduler.builder().discover(false).environment(Map.of()).workingDirectory(dir)
                .clock(SettableClock.at("2026-02-06T18:30", "Africa/Tunis"))
                .provider(new ReportsJobProvider())
                .config("jobs.database.url", url).config("jobs.http.port", "0").config("jobs.scheduler.enabled", "false")
                .config("jobs.scheduler.name", "reports-api-" + System.nanoTime()).build();
        scheduler.start();
        base = "http://127.0.0.1:" + scheduler.managementPort().orElseThrow();
        BvmtFixture.seed(DSL.using(url), LocalDate.of(2026, 2, 6), true);
    }

    @AfterEach
    void stop() {
        scheduler.close();
    }

    private HttpResponse<byte[]> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @DisplayName("POST /api/reports/generate with kind and date generates the report now and answers its id; the list, the HTML and each chart follow")
    void generateListAndDownload() throws Exception {
        HttpResponse<String> generated = post("/api/reports/generate", "{\"kind\":\"daily\",\"date\":\"2026-02-06\"}");
        assertThat(generated.statusCode()).as(generated.body()).isEqualTo(202);
        JsonNode g = JSON.readTree(generated.body());
        assertThat(g.get("id").asText()).isEqualTo("daily-2026-02-06");
        assertThat(g.get("url").asText()).isEqualTo("api/reports/daily-2026-02-06");

        JsonNode list = JSON.readTree(get("/api/reports").body());
        assertThat(list.get("reports")).hasSize(1);
        JsonNode entry = list.get("reports").get(0);
        assertThat(entry.get("kind").asText()).isEqualTo("daily");
        assertThat(entry.get("period_start").asText()).isEqualTo("2026-02-06");
        assertThat(entry.get("parts").toString()).contains("api/reports/daily-2026-02-06.sectors.png");

        HttpResponse<byte[]> html = get("/api/reports/daily-2026-02-06");
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(new String(html.body(), java.nio.charset.StandardCharsets.UTF_8)).contains("Daily market report", "data:image/png;base64,")
                .doesNotContain("cid:");

        HttpResponse<byte[]> png = get("/api/reports/daily-2026-02-06.sectors.png");
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(Arrays.copyOf(png.body(), 4)).isEqualTo(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    }

    @Test
    @DisplayName("the weekly and performance kinds generate too; the date defaults to today in the market's zone")
    void otherKinds() throws Exception {
        HttpResponse<String> weekly = post("/api/reports/generate", "{\"kind\":\"weekly\"}");
        assertThat(weekly.statusCode()).as(weekly.body()).isEqualTo(202);
        assertThat(JSON.readTree(weekly.body()).get("id").asText()).isEqualTo("weekly-2026-02-02");
        HttpResponse<String> perf = post("/api/reports/generate", "{\"kind\":\"performance\",\"date\":\"2026-02-06\"}");
        assertThat(perf.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(perf.body()).get("summary").asText()).isEqualTo("no trades up to 2026-02-06; nothing written");
    }

    @Test
    @DisplayName("an unknown kind or a bad date is a 400 that says what to send; an unknown report is a 404")
    void badRequests() throws Exception {
        HttpResponse<String> kind = post("/api/reports/generate", "{\"kind\":\"hourly\"}");
        assertThat(kind.statusCode()).isEqualTo(400);
        assertThat(kind.body()).contains("kind 'hourly' is not known; use daily, weekly or performance");
        HttpResponse<String> date = post("/api/reports/generate", "{\"kind\":\"daily\",\"date\":\"06/02/2026\"}");
        assertThat(date.statusCode()).isEqualTo(400);
        assertThat(date.body()).contains("write it as 2026-02-06");
        assertThat(get("/api/reports/daily-2020-01-01").statusCode()).isEqualTo(404);
        assertThat(get("/api/reports/daily-2026-02-06.nothing.png").statusCode()).isEqualTo(404);
    }
}
