package io.tradingjobs.core.internal.http;

import org.apache.hc.core5.concurrent.Cancellable;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Aborts exchanges whose calling thread was interrupted. Blocking socket reads ignore
 * {@link Thread#interrupt()}, so without this a cancelled job would sit in a read until the
 * response time-out. One daemon thread, which polls every {@value #POLL_MILLIS} ms while
 * exchanges are in flight and parks otherwise.
 */
final class InterruptWatchdog implements AutoCloseable {
    static final long POLL_MILLIS = 20;

    private final Map<Cancellable, Thread> inFlight = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean closed;

    InterruptWatchdog(String name) {
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Watches {@code exchange} for as long as the returned handle is open. */
    Watch watch(Cancellable exchange) {
        inFlight.put(exchange, Thread.currentThread());
        LockSupport.unpark(thread);
        return () -> inFlight.remove(exchange);
    }

    private void run() {
        while (!closed) {
            if (inFlight.isEmpty()) {
                LockSupport.park(this);
                continue;
            }
            inFlight.forEach((exchange, caller) -> {
                if (caller.isInterrupted()) {
                    inFlight.remove(exchange);
                    exchange.cancel();
                }
            });
            LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS));
        }
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
    }

    /** An open watch; closing it stops watching. */
    interface Watch extends AutoCloseable {
        @Override
        void close();
    }
}
