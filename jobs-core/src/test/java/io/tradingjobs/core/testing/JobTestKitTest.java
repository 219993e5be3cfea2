package io.tradingjobs.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingjobs.core.JobRun;
import io.tradingjobs.core.RunStatus;
import io.tradingjobs.core.spi.Job;
import io.tradingjobs.core.spi.JobContext;
import io.tradingjobs.core.spi.JobDefinition;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

class JobTestKitTest {

    /** A job as a host writes it: reads the clock and a setting, writes a row. */
    static final class StampJob implements Job {
        private final DSLContext dsl;

        @Inject
        StampJob(DSLContext dsl) {
            this.dsl = dsl;
        }

        @Override
        public void run(JobContext context) {
            String label = context.settings().string("label", "none");
            dsl.execute("CREATE TABLE IF NOT EXISTS stamps (at BIGINT, label TEXT)");
            dsl.execute("INSERT INTO stamps VALUES (?, ?)", context.clock().millis(), label);
            context.summary(label + " at " + context.clock().instant());
        }
    }

    @Test
    void aJobRunsOnceOnTheCallingThreadWithTheGivenClockAndSettings() {
        SettableClock clock = SettableClock.at("2026-03-02T16:00", "Asia/Kolkata");
        try (JobTestKit kit = JobTestKit.builder().clock(clock).config("jobs.test.stamp.label", "close")
                .job(JobDefinition.builder("test.stamp").schedule("daily at 16:00 on NSE trading days").build(), StampJob.class)
                .build()) {
            JobRun first = kit.run("test.stamp");
            clock.advance(Duration.ofDays(1));
            JobRun second = kit.run("test.stamp");

            assertThat(first.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(first.startedAt()).isEqualTo(Instant.parse("2026-03-02T10:30:00Z"));
            assertThat(first.message()).isEqualTo("close at 2026-03-02T10:30:00Z");
            assertThat(second.startedAt()).isEqualTo(Instant.parse("2026-03-03T10:30:00Z"));
            assertThat(kit.dsl().fetchCount(DSL.table("stamps"))).isEqualTo(2);
            assertThat(kit.scheduler().history("test.stamp", 10)).extracting(JobRun::runId).containsExactly(second.runId(), first.runId());
        }
    }

    @Test
    void aFailingJobIsRecordedNotThrown() {
        try (JobTestKit kit = JobTestKit.builder()
                .job(JobDefinition.builder("test.broken").build(), ctx -> {
                    throw new IllegalStateException("feed answered HTML");
                })
                .build()) {
            JobRun run = kit.run("test.broken");
            assertThat(run.status()).isEqualTo(RunStatus.FAILED);
            assertThat(run.errorSummary()).hasValueSatisfying(e -> assertThat(e).contains("feed answered HTML"));
        }
    }
}
