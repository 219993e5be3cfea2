package io.tradingjobs.examples.custom;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingjobs.core.JobRun;
import io.tradingjobs.core.RunStatus;
import io.tradingjobs.core.testing.JobTestKit;
import io.tradingjobs.core.testing.SettableClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The custom job tested as a job author does: a manual clock, one run on the test's thread, no schedule. */
class MarketClockJobTest {
    private final SettableClock clock = SettableClock.at("2026-03-02T10:00", "Asia/Kolkata"); // a Monday

    private JobTestKit kit() {
        // The kit discovers the job through its services line, as a host would, and binds the host service.
        return JobTestKit.builder().discover(true).clock(clock)
                .module(binder -> binder.bind(Watchlist.class).toInstance(new Watchlist(List.of("RELIANCE", "SFBT"))))
                .build();
    }

    @Test
    void saysWhichMarketsAreOpenAtTheClocksTime() {
        try (JobTestKit kit = kit()) {
            JobRun run = kit.run(MarketClockJob.ID);

            assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
            // 10:00 IST is 05:30 in Tunis: NSE is in its session, BVMT opens at 09:00 local time.
            assertThat(run.message()).isEqualTo("NSE open until 15:30; BVMT closed, opens 2026-03-02T09:00; watching RELIANCE, SFBT");
        }
    }

    @Test
    void followsTheClockIntoTheNextSession() {
        try (JobTestKit kit = kit()) {
            clock.advance(Duration.ofHours(5)); // 15:00 IST, 10:30 in Tunis

            JobRun run = kit.run(MarketClockJob.ID);

            // 2 March 2026 falls in Ramadan, when the BVMT calendar has the shortened session.
            assertThat(run.message()).startsWith("NSE open until 15:30; BVMT open until 12:00");
            assertThat(kit.scheduler().history(MarketClockJob.ID, 10)).extracting(JobRun::runId).containsExactly(run.runId());
        }
    }
}
