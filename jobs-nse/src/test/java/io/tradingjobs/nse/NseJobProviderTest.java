package io.tradingjobs.nse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingjobs.core.JobScheduler;
import io.tradingjobs.core.JobStatus;
import io.tradingjobs.core.config.Config;
import io.tradingjobs.core.spi.JobProvider;
import io.tradingjobs.core.test.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NseJobProviderTest {
    @TempDir
    Path dir;

    @Test
    void theProviderIsFoundByServiceLoader() {
        assertThat(ServiceLoader.load(JobProvider.class).stream().map(p -> p.type().getName()))
                .contains(NseJobProvider.class.getName());
    }

    @Test
    void everyOutsideAddressDefaultsToTheRealPublicHost() {
        Map<String, String> defaults = new NseJobProvider().defaults();

        assertThat(defaults).containsEntry("nse.base-url", "https://www.nseindia.com")
                .containsEntry("nse.archives-url", "https://archives.nseindia.com")
                .containsEntry("nse.archives-fallback-url", "https://nsearchives.nseindia.com")
                .containsEntry("bse.base-url", "https://api.bseindia.com")
                .containsEntry("nse.indices.list", "NIFTY 50,NIFTY NEXT 50,NIFTY 100,NIFTY 200,NIFTY 500,"
                        + "NIFTY MIDCAP 150,NIFTY SMALLCAP 250,NIFTY BANK,NIFTY IT")
                .containsKeys("nse.rate-limit", "bse.rate-limit", "nse.watchlist", "nse.corporate.lookback-days",
                        "nse.corporate.lookahead-days", "nse.indices.max-loss", "bse.corporate.enabled", "nse.holidays.segment");
        assertThat(io.tradingjobs.nse.internal.NseSettings.problems(Config.of(defaults))).isEmpty();
    }

    @Test
    void aDiscoveredSchedulerHasTheThreeJobsOnTheSeedsIndianSchedulesAndTheTablesMigrated() throws Exception {
        String url = TestDatabases.sqlite(dir);
        try (JobScheduler scheduler = JobScheduler.builder().environment(Map.of()).workingDirectory(dir)
                .config("jobs.database.url", url).build()) {
            scheduler.start();

            assertThat(scheduler.jobs()).extracting(JobStatus::id).contains("nse.indices", "nse.corporate-actions", "nse.holidays");
            JobStatus indices = scheduler.job("nse.indices").orElseThrow();
            assertThat(indices.schedule()).isEqualTo("30 23 * * * in Asia/Kolkata");
            ZonedDateTime next = indices.nextRun().atZone(ZoneId.of("Asia/Kolkata"));
            assertThat(List.of(next.getHour(), next.getMinute())).containsExactly(23, 30);
            assertThat(scheduler.job("nse.corporate-actions").orElseThrow().schedule()).isEqualTo("0 23 * * * in Asia/Kolkata");
        }
        try (Connection c = DriverManager.getConnection(url);
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM flyway_history_nse WHERE success = 1 AND version = '1'")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void badNseSettingsAreAllReportedWhenTheSchedulerIsBuilt() {
        assertThatThrownBy(() -> JobScheduler.builder().discover(false).environment(Map.of()).workingDirectory(dir)
                .config(Map.of("jobs.database.url", TestDatabases.sqlite(dir), "nse.base-url", "www.nseindia.com",
                        "nse.rate-limit", "fast", "nse.indices.max-loss", "2"))
                .provider(new NseJobProvider()).build())
                .hasMessageContaining("nse.base-url = 'www.nseindia.com' is not an absolute http(s) URL")
                .hasMessageContaining("nse.rate-limit: Rate limit 'fast' is not valid")
                .hasMessageContaining("nse.indices.max-loss must be above 0 and at most 1");
    }
}
