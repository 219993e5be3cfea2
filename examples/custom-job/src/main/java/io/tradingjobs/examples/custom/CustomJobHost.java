package io.tradingjobs.examples.custom;

import com.google.inject.AbstractModule;
import io.tradingjobs.core.JobScheduler;
import java.util.List;
import java.util.Map;

/**
 * A host with one job of its own: {@link MarketClockJob}, found through its
 * {@code META-INF/services} line, with the {@link Watchlist} it injects bound here. Run it with
 * {@code mvn -q -pl examples/custom-job exec:java} or from an IDE; Ctrl+C stops it.
 */
public final class CustomJobHost {
    private CustomJobHost() {
    }

    /** Starts the host and runs until the process is stopped. */
    public static void main(String[] args) throws InterruptedException {
        JobScheduler scheduler = start(Map.of());
        Runtime.getRuntime().addShutdownHook(new Thread(scheduler::close, "host-shutdown"));
        System.out.println("database " + scheduler.database() + "; jobs:");
        scheduler.jobs().forEach(job -> System.out.println("  " + job.id() + "  " + job.schedule() + "  next " + job.nextRun()));
        Thread.currentThread().join();
    }

    /**
     * Builds and starts the scheduler.
     *
     * @param settings overrides of every other source (a test passes its temporary database here)
     */
    public static JobScheduler start(Map<String, String> settings) {
        JobScheduler scheduler = JobScheduler.builder()
                .module(new AbstractModule() {
                    @Override
                    protected void configure() {
                        bind(Watchlist.class).toInstance(new Watchlist(List.of("RELIANCE", "TCS", "SFBT", "BIAT")));
                    }
                })
                .config(settings)
                .build();
        scheduler.start();
        return scheduler;
    }
}
