package io.tradingjobs.core.ops;

import static io.tradingjobs.core.ops.OpsFixtures.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradingjobs.core.JobScheduler;
import io.tradingjobs.core.RunStatus;
import io.tradingjobs.core.internal.ops.JobMetrics;
import io.tradingjobs.core.test.TestDatabases;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Micrometer meters per job, on the host's registry; nothing when Micrometer is absent or turned off. */
class MetricsTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("with the host's MeterRegistry bound, each job gets duration timers and run counters by outcome, lateness and a running gauge; "
            + "close() takes them out of the host's registry")
    void meterPerJobOnTheHostsRegistry() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        OpsFixtures.Gate gate = new OpsFixtures.Gate();
        JobScheduler s = OpsFixtures.builder(dir, TestDatabases.sqlite(dir))
                .module(new AbstractModule() {
                    @Override
                    protected void configure() {
                        bind(MeterRegistry.class).toInstance(registry);
                    }
                })
                .job(OpsFixtures.hourly("test.ok", "Price sync"), OpsFixtures.ok())
                .job(OpsFixtures.hourly("test.fail", "Broken feed"), OpsFixtures.failing("boom"))
                .job(OpsFixtures.hourly("test.gate", "Long backfill"), gate)
                .build();
        try {
            s.start();
            for (String job : List.of("test.ok", "test.ok", "test.fail")) {
                String runId = s.runNow(job);
                await().atMost(WAIT).until(() -> s.run(runId).map(r -> r.status().isFinal()).orElse(false));
            }
            s.runNow("test.gate");
            gate.awaitStarted();

            await().atMost(WAIT).untilAsserted(() -> {
                Timer ok = registry.find("tradingjobs.job.duration").tags("job", "test.ok", "outcome", "succeeded").timer();
                assertThat(ok).isNotNull();
                assertThat(ok.count()).isEqualTo(2);
                assertThat(registry.find("tradingjobs.job.runs").tags("job", "test.fail", "outcome", "failed").counter().count()).isEqualTo(1.0);
                assertThat(registry.find("tradingjobs.job.running").tags("job", "test.gate").gauge().value()).isEqualTo(1.0);
                assertThat(registry.find("tradingjobs.job.running").tags("job", "test.ok").gauge().value()).isEqualTo(0.0);
            });
            assertThat(registry.find("tradingjobs.job.duration").tags("job", "test.ok").timer().totalTime(TimeUnit.NANOSECONDS)).isGreaterThanOrEqualTo(0);
        } finally {
            gate.release();
            s.close();
        }
        assertThat(registry.find("tradingjobs.job.running").gauges()).isEmpty();
        assertThat(registry.find("tradingjobs.job.duration").timers()).isEmpty();
    }

    @Test
    @DisplayName("with jobs.metrics.enabled=false /metrics is a 404 saying what to add, and the jobs run as before")
    void metricsTurnedOff() {
        JobScheduler s = OpsFixtures.builder(dir, TestDatabases.sqlite(dir)).config("jobs.http.port", "0").config("jobs.metrics.enabled", "false")
                .job(OpsFixtures.hourly("test.ok", "Price sync"), OpsFixtures.ok()).build();
        try {
            s.start();
            String runId = s.runNow("test.ok");
            await().atMost(WAIT).until(() -> s.run(runId).map(r -> r.status() == RunStatus.SUCCEEDED).orElse(false));
            ApiClient.Answer a = new ApiClient(OpsFixtures.baseUrl(s)).get("/metrics");
            assertThat(a.status()).isEqualTo(404);
            assertThat(a.json().get("message").asText()).contains("io.micrometer:micrometer-registry-prometheus");
        } finally {
            s.close();
        }
    }

    @Test
    @DisplayName("when Micrometer cannot be loaded (a class loader without it) the metrics do nothing and nothing fails")
    void withoutMicrometerOnTheClassPath() {
        ClassLoader withoutMicrometer = new ClassLoader(null) { };

        JobMetrics metrics = JobMetrics.create(true, Guice.createInjector(), List.of("test.ok"), Map::of, withoutMicrometer);

        assertThat(metrics).isSameAs(JobMetrics.NONE);
        assertThat(metrics.scrape()).isEmpty();
        assertThat(JobMetrics.present("io.micrometer.core.instrument.MeterRegistry", MetricsTest.class.getClassLoader())).isTrue();
    }
}
