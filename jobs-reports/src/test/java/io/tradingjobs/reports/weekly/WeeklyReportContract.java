package io.tradingjobs.reports.weekly;

import static io.tradingjobs.reports.internal.db.Tables.REPORTS;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradingjobs.core.JobRun;
import io.tradingjobs.core.RunStatus;
import io.tradingjobs.core.testing.JobTestKit;
import io.tradingjobs.core.testing.SettableClock;
import io.tradingjobs.reports.ReportsJobProvider;
import io.tradingjobs.reports.test.BvmtFixture;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** reports.weekly on a real database; subclasses supply it. */
abstract class WeeklyReportContract {
    JobTestKit kit;

    abstract String databaseUrl();

    @BeforeEach
    void start() {
        kit = JobTestKit.builder().clock(SettableClock.at("2026-02-06T17:00", "Africa/Tunis")).provider(new ReportsJobProvider())
                .config("jobs.database.url", databaseUrl()).build();
    }

    @AfterEach
    void stop() {
        kit.close();
    }

    @Test
    @DisplayName("the weekly report covers Monday to Sunday with performance, risk, the rule-based outlook and the week's events")
    void weeklyReport() {
        BvmtFixture.seed(kit.dsl(), LocalDate.of(2026, 2, 6), true);
        JobRun run = kit.run(ReportsJobProvider.WEEKLY);
        assertThat(run.status()).as(String.valueOf(run.error())).isEqualTo(RunStatus.SUCCEEDED);
        var row = kit.dsl().selectFrom(REPORTS).fetchSingle();
        assertThat(row.getReportId()).isEqualTo("weekly-2026-02-02");
        assertThat(row.getPeriodStart()).isEqualTo("2026-02-02");
        assertThat(row.getPeriodEnd()).isEqualTo("2026-02-08");
        assertThat(row.getSections()).isEqualTo("performance,risk,outlook,events");
        assertThat(row.getHtml()).contains("Weekly performance", "VaR 95 % (1 day)", "Max drawdown", "Trend up: last close",
                "Breadth broad: 13 advancers, 7 decliners", "VOLUME_SPIKE", "Next week", "src=\"cid:index-weeks\"", "src=\"cid:week-movers\"");
    }

    @Test
    @DisplayName("with nothing stored the weekly report is the outlook with every rule unknown, and says what is missing")
    void emptyWeek() {
        JobRun run = kit.run(ReportsJobProvider.WEEKLY);
        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        String html = kit.dsl().select(REPORTS.HTML).from(REPORTS).fetchSingle().value1();
        assertThat(html).contains("Trend unknown", "Not in this report: market performance");
    }
}
