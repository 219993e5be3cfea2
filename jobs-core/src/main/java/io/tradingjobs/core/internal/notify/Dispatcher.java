package io.tradingjobs.core.internal.notify;

import io.tradingjobs.core.internal.ops.OpsSettings;
import io.tradingjobs.core.notify.NotificationChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox on one thread ({@code tradingjobs-notify}): claims due deliveries with a
 * lease, hands each to its channel, and marks it sent, or releases it for a retry with
 * exponential backoff (or after the wait the receiver asked for), or failed once
 * {@code notify.dispatch.max-attempts} are used up. Several nodes may dispatch from one database:
 * the lease makes each delivery go out once. Wall-clock time is used for leases and backoff,
 * whatever clock the scheduler was given.
 */
public final class Dispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final int BATCH = 20;
    private static final Duration HOUSEKEEPING = Duration.ofMinutes(5);

    /** Told about each delivery's outcome (metrics). */
    public interface Listener {
        /** @param outcome {@code sent}, {@code retry} or {@code failed} */
        void delivered(String channel, String outcome);
    }

    private final Outbox outbox;
    private final Map<String, NotificationChannel> channels;
    private final OpsSettings.Dispatch settings;
    private final String nodeId;
    private final Scrubber scrubber;
    private final Runnable housekeeping;
    private final Listener listener;
    private final Map<String, Long> heldUntil = new ConcurrentHashMap<>();
    private final Map<String, Boolean> failing = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wakeUp = lock.newCondition();
    private boolean woken;
    private volatile boolean stopping;
    private Thread thread;
    private long nextHousekeeping;

    /**
     * @param channels the channels this node delivers, by name
     * @param housekeeping run every few minutes on the dispatcher thread (pruning, the failure-alert sweep)
     */
    public Dispatcher(Outbox outbox, Map<String, NotificationChannel> channels, OpsSettings.Dispatch settings, String nodeId,
                      Scrubber scrubber, Runnable housekeeping, Listener listener) {
        this.outbox = outbox;
        this.channels = Map.copyOf(channels);
        this.settings = settings;
        this.nodeId = nodeId;
        this.scrubber = scrubber;
        this.housekeeping = housekeeping;
        this.listener = listener;
    }

    /** Starts the thread; idempotent. */
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        thread = new Thread(this::loop, "tradingjobs-notify");
        thread.setDaemon(true);
        thread.start();
    }

    /** Asks for a pass now (a notification was just stored). */
    public void wake() {
        lock.lock();
        try {
            woken = true;
            wakeUp.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        nextHousekeeping = System.currentTimeMillis() + HOUSEKEEPING.toMillis();
        while (!stopping) {
            int done;
            try {
                done = pass();
                if (System.currentTimeMillis() >= nextHousekeeping) {
                    nextHousekeeping = System.currentTimeMillis() + HOUSEKEEPING.toMillis();
                    housekeeping.run();
                }
            } catch (RuntimeException e) {
                done = 0;
                if (!stopping) {
                    LOG.warn("notification dispatch failed: {}; trying again in {}", scrubber.scrub(e.getMessage()), settings.interval());
                }
            }
            if (done == 0) {
                await(settings.interval());
            }
        }
    }

    private void await(Duration d) {
        lock.lock();
        try {
            long nanos = d.toNanos();
            while (!woken && !stopping && nanos > 0) {
                nanos = wakeUp.awaitNanos(nanos);
            }
            woken = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Delivers what is due now, once.
     *
     * @return how many deliveries were attempted
     */
    public int pass() {
        long now = System.currentTimeMillis();
        List<String> ready = new ArrayList<>();
        for (String name : channels.keySet()) {
            if (heldUntil.getOrDefault(name, 0L) <= now) {
                ready.add(name);
            }
        }
        int attempted = 0;
        for (Outbox.Due due : outbox.due(ready, now, BATCH)) {
            if (stopping) {
                break;
            }
            if (heldUntil.getOrDefault(due.channel(), 0L) > System.currentTimeMillis()) {
                continue;
            }
            long claimAt = System.currentTimeMillis();
            if (!outbox.claim(due.eventId(), due.channel(), nodeId, claimAt, claimAt + settings.lease().toMillis())) {
                continue; // another node has it
            }
            attempted++;
            deliver(due);
        }
        return attempted;
    }

    private void deliver(Outbox.Due due) {
        Optional<Outbox.Event> event = outbox.event(due.eventId());
        int attempts = due.attempts() + 1;
        if (event.isEmpty()) {
            return; // pruned meanwhile
        }
        NotificationChannel channel = channels.get(due.channel());
        String key = event.get().eventKey();
        try {
            channel.deliver(event.get().toNotification(due.channel()));
            outbox.sent(due.eventId(), due.channel(), nodeId, attempts, System.currentTimeMillis());
            if (failing.remove(due.channel()) != null) {
                LOG.info("notification channel {} delivers again", due.channel());
            }
            LOG.info("notification {} sent by {}", key, due.channel());
            listener.delivered(due.channel(), "sent");
        } catch (NotificationChannel.UndeliverableException e) {
            String error = scrubber.scrub(e.getMessage());
            outbox.failed(due.eventId(), due.channel(), nodeId, attempts, error);
            LOG.error("notification {} cannot be delivered by {}: {}", key, due.channel(), error);
            listener.delivered(due.channel(), "failed");
        } catch (NotificationChannel.RetryLaterException e) {
            long wait = Math.max(1000, e.after().toMillis());
            long at = System.currentTimeMillis() + wait;
            heldUntil.put(due.channel(), at);
            // The whole channel waits, so the deliveries queued behind this one do not hit the limit too.
            if (attempts >= settings.maxAttempts()) {
                outbox.failed(due.eventId(), due.channel(), nodeId, attempts, scrubber.scrub(e.getMessage()));
                LOG.error("notification {} not delivered by {} after {} attempts, giving up: {}", key, due.channel(), attempts,
                        scrubber.scrub(e.getMessage()));
                listener.delivered(due.channel(), "failed");
                return;
            }
            outbox.retry(due.eventId(), due.channel(), nodeId, attempts, at, scrubber.scrub(e.getMessage()));
            LOG.info("notification channel {} asked to wait {} ms ({}); notification {} goes then", due.channel(), wait,
                    scrubber.scrub(e.getMessage()), key);
            listener.delivered(due.channel(), "retry");
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            String error = scrubber.scrub(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            if (attempts >= settings.maxAttempts()) {
                outbox.failed(due.eventId(), due.channel(), nodeId, attempts, error);
                LOG.error("notification {} not delivered by {} after {} attempts, giving up: {}", key, due.channel(), attempts, error);
                listener.delivered(due.channel(), "failed");
            } else {
                long delay = backoff(attempts);
                outbox.retry(due.eventId(), due.channel(), nodeId, attempts, System.currentTimeMillis() + delay, error);
                // A repeated problem is logged once at WARN, then at DEBUG until the channel works again.
                if (failing.putIfAbsent(due.channel(), Boolean.TRUE) == null) {
                    LOG.warn("notification {} not delivered by {} (attempt {} of {}): {}; retrying in {} s", key, due.channel(), attempts,
                            settings.maxAttempts(), error, delay / 1000);
                } else {
                    LOG.debug("notification {} not delivered by {} (attempt {} of {}): {}", key, due.channel(), attempts,
                            settings.maxAttempts(), error);
                }
                listener.delivered(due.channel(), "retry");
            }
        }
    }

    private long backoff(int attempts) {
        long base = settings.backoff().toMillis();
        double factor = Math.pow(2, Math.min(30, attempts - 1));
        long delay = (long) Math.min(settings.maxBackoff().toMillis(), base * factor);
        return delay + ThreadLocalRandom.current().nextLong(Math.max(1, delay / 10));
    }

    /** Stops after the delivery in progress; undelivered rows stay for the next start (or another node). */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            t = thread;
        }
        stopping = true;
        wake();
        if (t != null) {
            try {
                t.join(10_000);
                if (t.isAlive()) {
                    t.interrupt();
                    t.join(2_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
