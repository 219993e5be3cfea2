package io.tradingjobs.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingjobs.core.JobScheduler;
import io.tradingjobs.core.JobStatus;
import io.tradingjobs.core.config.Config;
import io.tradingjobs.core.spi.JobProvider;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertsJobProviderTest {
    @TempDir
    Path dir;

    @Test
    void theProviderIsFoundByServiceLoader() {
        assertThat(ServiceLoader.load(JobProvider.class).stream().map(p -> p.type().getName()))
                .contains(AlertsJobProvider.class.getName());
    }

    @Test
    void theSeedSchedulesAreTheDefaults() {
        Map<String, String> schedules = schedules(Map.of());
        assertThat(schedules).containsEntry("alerts.scan", "every 1 minute during NSE market hours")
                .containsEntry("alerts.anomalies", "every 1 hour").containsEntry("alerts.news", "every 30 minutes");
    }

    @Test
    void theSeedIntervalVariablesSetTheAnomalyAndSentimentSchedules() {
        Map<String, String> schedules = schedules(Map.of("ANOMALY_CHECK_INTERVAL", "45", "SENTIMENT_SCAN_INTERVAL", "120"));
        assertThat(schedules).containsEntry("alerts.anomalies", "every 45 minutes").containsEntry("alerts.news", "every 2 hours");
    }

    @Test
    void anIntervalBelowOneMinuteIsRefusedWithTheSetting() {
        assertThatThrownBy(() -> new AlertsJobProvider().jobs(Config.of(Map.of("alerts.anomalies.interval-minutes", "0"))))
                .hasMessageContaining("alerts.anomalies.interval-minutes");
    }

    private Map<String, String> schedules(Map<String, String> environment) {
        try (JobScheduler s = JobScheduler.builder().discover(false).environment(environment).workingDirectory(dir)
                .provider(new AlertsJobProvider()).config(Map.of("jobs.database.url", "jdbc:sqlite:" + dir.resolve("p.db"),
                        "jobs.scheduler.name", "provider-test-" + System.nanoTime())).build()) {
            Map<String, String> out = new java.util.TreeMap<>();
            for (JobStatus j : s.jobs()) {
                out.put(j.id(), j.schedule());
            }
            return out;
        }
    }
}
