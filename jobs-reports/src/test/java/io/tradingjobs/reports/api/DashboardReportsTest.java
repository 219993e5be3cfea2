package io.tradingjobs.reports.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingjobs.core.JobScheduler;
import io.tradingjobs.core.ops.Browser;
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
import java.util.List;
import java.util.Map;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The dashboard's Reports section, in headless Chromium, with the reports module installed. */
class DashboardReportsTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("with the reports module the dashboard lists the archived reports with links to the HTML and each chart")
    void dashboardListsReports() throws Exception {
        String url = TestDatabases.sqlite(dir);
        try (JobScheduler s = JobScheduler.builder().discover(false).environment(Map.of()).workingDirectory(dir)
                .clock(SettableClock.at("2026-02-06T18:30", "Africa/Tunis")).provider(new ReportsJobProvider())
                .config("jobs.database.url", url).config("jobs.http.port", "0").config("jobs.scheduler.enabled", "false")
                .config("jobs.scheduler.name", "reports-dash-" + System.nanoTime()).build()) {
            s.start();
            BvmtFixture.seed(DSL.using(url), LocalDate.of(2026, 2, 6), true);
            String base = "http://127.0.0.1:" + s.managementPort().orElseThrow() + "/";
            HttpResponse<String> generated = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "api/reports/generate"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"kind\":\"daily\",\"date\":\"2026-02-06\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(generated.statusCode()).isEqualTo(202);

            try (Browser browser = new Browser(dir.resolve("profile"))) {
                browser.driver().get(base);
                // The page rebuilds the reports table on every refresh (3 s), which makes a found row stale: everything is
                // read inside the wait, which ignores StaleElementReferenceException and then reads a fresh row again.
                record Row(String title, String href, List<String> charts) { }
                Row row = browser.waiting().until(d -> {
                    var rows = d.findElements(By.cssSelector("#reports tbody tr[data-report-id='daily-2026-02-06']"));
                    if (rows.isEmpty() || !d.findElement(By.id("reports-section")).isDisplayed()) {
                        return null;
                    }
                    WebElement link = rows.get(0).findElement(By.cssSelector("td a"));
                    return new Row(link.getText(), link.getAttribute("href"),
                            rows.get(0).findElements(By.cssSelector("a.chip")).stream().map(WebElement::getText).toList());
                });
                assertThat(row.title()).isEqualTo("Daily market report — 2026-02-06");
                assertThat(row.href()).isEqualTo(base + "api/reports/daily-2026-02-06");
                assertThat(row.charts()).containsExactly("index-intraday", "movers", "sectors");
                browser.fullPageScreenshot(Path.of("target", "dashboard-reports.png"), 1360);
            }
        }
    }
}
