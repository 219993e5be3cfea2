package io.tradingjobs.reports.daily;

import static io.tradingjobs.reports.internal.db.Tables.REPORTS;
import static io.tradingjobs.reports.internal.db.Tables.REPORT_PARTS;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradingjobs.core.JobRun;
import io.tradingjobs.core.RunStatus;
import io.tradingjobs.core.testing.JobTestKit;
import io.tradingjobs.core.testing.SettableClock;
import io.tradingjobs.reports.ReportsJobProvider;
import io.tradingjobs.reports.internal.ReportStore;
import io.tradingjobs.reports.test.BvmtFixture;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** reports.daily on a real database; subclasses supply it. */
abstract class DailyReportContract {
    static final LocalDate DAY = LocalDate.of(2026, 2, 6);
    JobTestKit kit;

    abstract String databaseUrl();

    JobTestKit kit() {
        kit = JobTestKit.builder().clock(SettableClock.at("2026-02-06T18:00", "Africa/Tunis")).provider(new ReportsJobProvider())
                .config("jobs.database.url", databaseUrl()).config("jobs.timezone", "Africa/Tunis").build();
        return kit;
    }

    @AfterEach
    void stop() {
        if (kit != null) {
            kit.close();
        }
    }

    @Test
    @DisplayName("with every input stored the report has all sections and three PNG charts, and is archived with its period and kind")
    void fullReport() {
        JobTestKit k = kit();
        BvmtFixture.seed(k.dsl(), DAY, true);
        JobRun run = k.run(ReportsJobProvider.DAILY);
        assertThat(run.status()).as(String.valueOf(run.error())).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.message()).startsWith("daily-2026-02-06: market, movers, sectors, anomalies, sentiment, calendar, 3 charts; archived, not e-mailed");

        var row = k.dsl().selectFrom(REPORTS).fetchSingle();
        assertThat(row.getKind()).isEqualTo("daily");
        assertThat(row.getPeriodStart()).isEqualTo("2026-02-06");
        assertThat(row.getPeriodEnd()).isEqualTo("2026-02-06");
        assertThat(row.getHtml()).contains("TUNINDEX", "Top movers", "Sector breakdown", "Anomalies detected", "VOLUME_SPIKE",
                "Sentiment", "Next session's calendar — Monday 9 February 2026", "BIAT", "Dividend TND 0.750 per share",
                "src=\"cid:index-intraday\"", "src=\"cid:sectors\"", "src=\"cid:movers\"");
        assertThat(k.dsl().fetchCount(REPORT_PARTS)).isEqualTo(3);
        // Sentiment from jobs-alerts' daily symbol buckets: 20 articles, 10 positive, 4 negative, the mean weighted by
        // articles (3.31 / 20 = 0.1655); the sector bucket is not counted.
        assertThat(row.getHtml()).contains("Readings</div><div class=\"v \">20</div>", "Average score</div><div class=\"v up\">0.17</div>",
                "<span class=\"up\">10</span> / <span class=\"down\">4</span>", "Most positive: BIAT (0.62), TLNET (0.44), SFBT (0.35)");

        String browser = new ReportStore(k.dsl()).browserHtml("daily-2026-02-06").orElseThrow();
        assertThat(browser).doesNotContain("cid:").contains("src=\"data:image/png;base64,iVBORw0KGgo");
    }

    @Test
    @DisplayName("an index stored without a change percent and with no earlier value (a first day) shows no change instead of failing")
    void firstDayOfAnIndexWithoutChangePercent() {
        JobTestKit k = kit();
        io.tradingjobs.reports.test.OtherModules.market(k.dsl());
        long at = DAY.atTime(10, 0).atZone(BvmtFixture.TUNIS).toInstant().toEpochMilli();
        for (int i = 0; i < 3; i++) {
            k.dsl().insertInto(org.jooq.impl.DSL.table(org.jooq.impl.DSL.name("index_values")))
                    .set(org.jooq.impl.DSL.field(org.jooq.impl.DSL.name("index_key")), "TUNINDEX")
                    .set(org.jooq.impl.DSL.field(org.jooq.impl.DSL.name("ts")), at + i * 900_000L)
                    .set(org.jooq.impl.DSL.field(org.jooq.impl.DSL.name("index_value")), 11_300.0 + i)
                    .set(org.jooq.impl.DSL.field(org.jooq.impl.DSL.name("source")), "simulated").execute();
        }
        JobRun run = k.run(ReportsJobProvider.DAILY);
        assertThat(run.status()).as(String.valueOf(run.error())).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(k.dsl().select(REPORTS.HTML).from(REPORTS).fetchSingle().value1()).contains("TUNINDEX", "11,302");
    }

    @Test
    @DisplayName("without the alerts and news modules the report is shorter, says what is missing, and does not fail")
    void missingInputsGiveAShorterReport() {
        JobTestKit k = kit();
        BvmtFixture.seed(k.dsl(), DAY, false);
        JobRun run = k.run(ReportsJobProvider.DAILY);
        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        String html = k.dsl().select(REPORTS.HTML).from(REPORTS).fetchSingle().value1();
        assertThat(html).contains("Market summary", "Sector breakdown").doesNotContain("Anomalies detected")
                .contains("Not in this report: anomalies (jobs-alerts not installed); sentiment (no news module installed); "
                        + "calendar events (jobs-nse not installed)");
        assertThat(k.dsl().select(REPORTS.SECTIONS).from(REPORTS).fetchSingle().value1()).isEqualTo("market,movers,sectors");
    }

    @Test
    @DisplayName("with no market data at all the report still generates, with only the notes")
    void emptyDatabase() {
        JobTestKit k = kit();
        JobRun run = k.run(ReportsJobProvider.DAILY);
        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(k.dsl().select(REPORTS.SECTIONS).from(REPORTS).fetchSingle().value1()).isEmpty();
    }

    @Test
    @DisplayName("generating the same day again replaces the archived report and its charts")
    void regeneratingReplaces() {
        JobTestKit k = kit();
        BvmtFixture.seed(k.dsl(), DAY, true);
        k.run(ReportsJobProvider.DAILY);
        k.run(ReportsJobProvider.DAILY);
        assertThat(k.dsl().fetchCount(REPORTS)).isEqualTo(1);
        assertThat(k.dsl().fetchCount(REPORT_PARTS)).isEqualTo(3);
        assertThat(new ReportStore(k.dsl()).list(10)).singleElement()
                .satisfies(e -> assertThat(e.parts()).containsExactly("index-intraday", "movers", "sectors"));
    }
}
