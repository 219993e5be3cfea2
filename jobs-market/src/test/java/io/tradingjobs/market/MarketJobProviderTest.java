package io.tradingjobs.market;

import com.google.inject.multibindings.OptionalBinder;
import io.tradingjobs.core.JobRun;
import io.tradingjobs.core.JobScheduler;
import io.tradingjobs.core.RunStatus;
import io.tradingjobs.core.spi.JobProvider;
import io.tradingjobs.core.test.TestDatabases;
import io.tradingjobs.market.source.Candle;
import io.tradingjobs.market.source.CandleInterval;
import io.tradingjobs.market.source.MarketDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class MarketJobProviderTest {
    @TempDir
    Path dir;

    @Test
    void theProviderIsFoundThroughTheServiceLoader() {
        assertThat(ServiceLoader.load(JobProvider.class).stream().map(p -> p.type().getName()))
                .contains(MarketJobProvider.class.getName());
    }

    @Test
    void theDefaultSchedulesComeFromTheSeedsAndMarketPulseIntervalSetsThePulse() {
        Map<String, String> config = new HashMap<>(Map.of("jobs.database.url", TestDatabases.sqlite(dir), "market.source", "simulated"));
        try (JobScheduler scheduler = JobScheduler.builder().discover(false).environment(Map.of("MARKET_PULSE_INTERVAL", "5"))
                .workingDirectory(dir).provider(new MarketJobProvider()).config(config).build()) {
            assertThat(scheduler.job("market.sync").orElseThrow().schedule()).isEqualTo("every 1 hour during NSE market hours");
            assertThat(scheduler.job("market.pulse").orElseThrow().schedule()).isEqualTo("every 5 minutes during BVMT market hours");
            assertThat(scheduler.job("market.gaps").orElseThrow().schedule()).isEqualTo("30 minutes after NSE close");
            assertThat(scheduler.job("market.backfill").orElseThrow().schedule()).isEqualTo("manual");
        }
        assertThat(new MarketJobProvider().defaults()).containsEntry("market.upstox.base-url", "https://api.upstox.com")
                .containsEntry("market.bvmt.base-url", "https://www.bvmt.com.tn/rest_api/rest")
                .containsKeys("market.upstox.token", "market.watchlist", "market.intervals");
    }

    @Test
    void theUpstoxSourceWithoutATokenIsRefusedAtBuildNamingTheSetting() {
        assertThatThrownBy(() -> JobScheduler.builder().discover(false).environment(Map.of()).workingDirectory(dir)
                .provider(new MarketJobProvider()).config(Map.of("jobs.database.url", TestDatabases.sqlite(dir))).build())
                .hasMessageContaining("market.upstox.token").hasMessageContaining("market.sync");
    }

    /** A host's own broker. */
    static final class HostBroker implements MarketDataSource {
        @Override
        public String name() {
            return "hostbroker";
        }

        @Override
        public List<Candle> candles(String key, CandleInterval interval, LocalDate from, LocalDate to) {
            return List.of(new Candle(key, interval, Instant.parse("2026-01-29T03:45:00Z"), 10, 11, 9, 10.5, 100, 0));
        }
    }

    @Test
    void aHostBindsItsOwnBrokerInPlaceOfTheBuiltInSource() throws Exception {
        String url = TestDatabases.sqlite(dir);
        Map<String, String> config = Map.of("jobs.database.url", url, "market.source", "simulated", "market.watchlist", "NSE_EQ|X",
                "market.intervals", "1m", "market.indices", "", "market.sync.quotes", "false", "jobs.market.sync.schedule", "manual");
        try (JobScheduler scheduler = JobScheduler.builder().discover(false).environment(Map.of()).workingDirectory(dir)
                .provider(new MarketJobProvider()).config(config)
                .module(binder -> OptionalBinder.newOptionalBinder(binder, MarketDataSource.class).setBinding().to(HostBroker.class))
                .build()) {
            scheduler.start();
            String runId = scheduler.runNow("market.sync");
            await().atMost(Duration.ofSeconds(30)).until(() -> scheduler.run(runId).map(r -> r.status().isFinal()).orElse(false));
            JobRun run = scheduler.run(runId).orElseThrow();

            assertThat(run.status()).as(run.message()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(run.message()).startsWith("hostbroker: 1 new candles");
        }
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT source FROM candles")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("hostbroker");
        }
    }
}
