package io.tradingjobs.examples.custom;

import com.google.inject.AbstractModule;
import io.tradingjobs.core.JobScheduler;
import java.util.List;

/**
 * A host with one job of its own: {@link MarketClockJob}, found through its
 * {@code META-INF/services} line, with the {@link Watchlist} it injects bound here. Run it from an
 * IDE, or after {@code mvn -q install -DskipTests} with
 * {@code mvn -q -pl examples/custom-job exec:java -Dexec.mainClass=io.tradingjobs.examples.custom.CustomJobHost};
 * Ctrl+C stops it.
 */
public final class CustomJobHost {
    private CustomJobHost() {
    }

    /** Starts the host and runs until the process is stopped. */
    public static void main(String[] args) throws InterruptedException {
        JobScheduler scheduler = builder().build();
        Runtime.getRuntime().addShutdownHook(new Thread(scheduler::close, "host-shutdown"));
        scheduler.start();
        System.out.println("database " + scheduler.database() + "; jobs:");
        scheduler.jobs().forEach(job -> System.out.println("  " + job.id() + "  " + job.schedule() + "  next " + job.nextRun()));
        Thread.currentThread().join();
    }

    /** The host's scheduler, not built yet: the host service bound; a caller may add settings. */
    public static JobScheduler.Builder builder() {
        return JobScheduler.builder()
                .module(new AbstractModule() {
                    @Override
                    protected void configure() {
                        bind(Watchlist.class).toInstance(new Watchlist(List.of("RELIANCE", "TCS", "SFBT", "BIAT")));
                    }
                });
    }
}
