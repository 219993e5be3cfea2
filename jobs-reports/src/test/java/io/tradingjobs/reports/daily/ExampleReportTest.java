package io.tradingjobs.reports.daily;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingjobs.core.testing.JobTestKit;
import io.tradingjobs.core.testing.SettableClock;
import io.tradingjobs.reports.ReportsJobProvider;
import io.tradingjobs.reports.internal.ReportStore;
import io.tradingjobs.reports.test.BvmtFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Renders the example reports that docs/ shows (from the test fixture) into
 * {@code target/example-reports/}, as the browser gets them from the API.
 */
class ExampleReportTest {

    @Test
    @DisplayName("the example daily and weekly reports render as standalone HTML files")
    void renderExamples() throws Exception {
        Path out = Path.of("target", "example-reports");
        Files.createDirectories(out);
        try (JobTestKit kit = JobTestKit.builder().clock(SettableClock.at("2026-02-06T18:00", "Africa/Tunis"))
                .provider(new ReportsJobProvider()).config("jobs.timezone", "Africa/Tunis").build()) {
            BvmtFixture.seed(kit.dsl(), DailyReportContract.DAY, true);
            kit.run(ReportsJobProvider.DAILY);
            kit.run(ReportsJobProvider.WEEKLY);
            ReportStore store = new ReportStore(kit.dsl());
            String daily = store.browserHtml("daily-2026-02-06").orElseThrow();
            String weekly = store.browserHtml("weekly-2026-02-02").orElseThrow();
            Files.writeString(out.resolve("report-daily-example.html"), daily, StandardCharsets.UTF_8);
            Files.writeString(out.resolve("report-weekly-example.html"), weekly, StandardCharsets.UTF_8);
            assertThat(daily).startsWith("<!doctype html>").doesNotContain("cid:");
            assertThat(weekly).contains("Outlook").doesNotContain("cid:");
        }
    }
}
