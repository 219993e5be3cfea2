package io.tradingjobs.core.ops;

import io.tradingjobs.core.JobScheduler;
import io.tradingjobs.core.spi.Job;
import io.tradingjobs.core.spi.JobContext;
import io.tradingjobs.core.spi.JobDefinition;
import io.tradingjobs.core.spi.RetryPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** Schedulers and jobs shared by the operations and notification tests. */
public final class OpsFixtures {
    private static final AtomicInteger NAMES = new AtomicInteger();

    private OpsFixtures() {
    }

    /** A builder on {@code databaseUrl} with nothing discovered, no environment, a unique scheduler name. */
    public static JobScheduler.Builder builder(Path dir, String databaseUrl) {
        return JobScheduler.builder()
                .discover(false)
                .environment(Map.of())
                .workingDirectory(dir)
                .config("jobs.database.url", databaseUrl)
                .config("jobs.scheduler.name", "ops-" + NAMES.incrementAndGet())
                .config("jobs.shutdown.timeout", "5s")
                .config("jobs.timezone", "Asia/Kolkata");
    }

    /** The fixtures' schedule: a real one with a next fire time, far enough away never to fire during a test. */
    public static final String NEVER_DURING_TESTS = "0 0 0 1 1 ? 2099";

    /**
     * A scheduled definition that tests run by hand, without retries. (It used to fire every hour on
     * the hour, so a test that began just before one saw a run it had not asked for.)
     */
    public static JobDefinition hourly(String id, String name) {
        return JobDefinition.builder(id).name(name).description("test job " + id).schedule(NEVER_DURING_TESTS).retry(RetryPolicy.none()).build();
    }

    /** Succeeds with a summary. */
    public static Job ok() {
        return ctx -> ctx.summary("priced 42 instruments");
    }

    /** Always fails with {@code message}. */
    public static Job failing(String message) {
        return ctx -> {
            throw new IllegalStateException(message);
        };
    }

    /** Fails while {@code failing} is set, else succeeds. */
    public static Job flaky(AtomicBoolean failing) {
        return ctx -> {
            if (failing.get()) {
                throw new IllegalStateException("upstream answered 503 Service Unavailable");
            }
            ctx.summary("ok again");
        };
    }

    /** A job that reports progress 3 of 10 and waits until released. */
    public static final class Gate implements Job {
        public final CountDownLatch started = new CountDownLatch(1);
        private final CountDownLatch release = new CountDownLatch(1);

        @Override
        public void run(JobContext ctx) throws Exception {
            ctx.progress(3, 10);
            started.countDown();
            release.await(30, TimeUnit.SECONDS);
        }

        /** Lets the run finish. */
        public void release() {
            release.countDown();
        }

        /** Waits until a run started. */
        public void awaitStarted() throws InterruptedException {
            if (!started.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("the gate job did not start");
            }
        }
    }

    /** The scheduler's management URL. */
    public static String baseUrl(JobScheduler s) {
        return "http://127.0.0.1:" + s.managementPort().orElseThrow(() -> new AssertionError("the management server is not listening"));
    }

    /** Used by tests waiting for asynchronous outcomes. */
    public static final Duration WAIT = Duration.ofSeconds(20);
}
