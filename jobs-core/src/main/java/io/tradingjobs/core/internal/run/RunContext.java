package io.tradingjobs.core.internal.run;

import io.tradingjobs.core.config.Config;
import io.tradingjobs.core.spi.JobContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

/** The {@link JobContext} of one attempt. */
final class RunContext implements JobContext {
    private static final long PROGRESS_WRITE_INTERVAL_MS = 1000;

    private final String jobId;
    private final String runId;
    private final Instant scheduled;
    private final Instant fired;
    private final int attempt;
    private final Clock clock;
    private final Config config;
    private final Config settings;
    private final BiConsumer<Long, Long> progressSink;
    private final AtomicReference<String> summary = new AtomicReference<>();
    private volatile String cancelReason;
    private volatile long lastProgressWrite;
    private volatile long progressDone = -1;
    private volatile long progressTotal = -1;

    RunContext(String jobId, String runId, Instant scheduled, Instant fired, int attempt, Clock clock, Config config,
               BiConsumer<Long, Long> progressSink) {
        this.jobId = jobId;
        this.runId = runId;
        this.scheduled = scheduled;
        this.fired = fired;
        this.attempt = attempt;
        this.clock = clock;
        this.config = config;
        this.settings = config.prefixed("jobs." + jobId + ".");
        this.progressSink = progressSink;
    }

    @Override
    public String jobId() {
        return jobId;
    }

    @Override
    public String runId() {
        return runId;
    }

    @Override
    public Instant scheduledFireTime() {
        return scheduled;
    }

    @Override
    public Instant fireTime() {
        return fired;
    }

    @Override
    public int attempt() {
        return attempt;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public Config settings() {
        return settings;
    }

    @Override
    public Config config() {
        return config;
    }

    @Override
    public void progress(long done, long total) {
        progressDone = done;
        progressTotal = total;
        long now = System.nanoTime() / 1_000_000;
        // Written at most once a second, and always when complete, so a tight loop does not flood the database.
        if (done >= total || now - lastProgressWrite >= PROGRESS_WRITE_INTERVAL_MS) {
            lastProgressWrite = now;
            progressSink.accept(done, total);
        }
    }

    /** The last progress reported, or null. */
    long[] lastProgress() {
        return progressDone < 0 ? null : new long[] {progressDone, progressTotal};
    }

    @Override
    public void summary(String text) {
        summary.set(text);
    }

    @Override
    public Optional<String> summary() {
        return Optional.ofNullable(summary.get());
    }

    @Override
    public boolean isCancelled() {
        return cancelReason != null;
    }

    void cancel(String reason) {
        if (cancelReason == null) {
            cancelReason = reason;
        }
    }

    String cancelReason() {
        return cancelReason;
    }
}
