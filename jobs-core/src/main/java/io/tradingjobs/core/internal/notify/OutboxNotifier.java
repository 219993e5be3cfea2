package io.tradingjobs.core.internal.notify;

import io.tradingjobs.core.notify.Notification;
import io.tradingjobs.core.notify.Notifier;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The {@link Notifier}: stores the event and one delivery row per channel in one transaction and
 * wakes the dispatcher. Channels named by the notification must exist; those that exist but are
 * not enabled on this node (e-mail off) are left out, and {@code log} means the stored event only.
 */
public final class OutboxNotifier implements Notifier {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxNotifier.class);

    /** The database log: the event row itself. */
    public static final String LOG_CHANNEL = "log";

    private final DSLContext dsl;
    private final Outbox outbox;
    private final Clock clock;
    private final String nodeId;
    private final Set<String> builtIn;
    private volatile Map<String, ?> enabled = Map.of();
    private volatile Runnable beforeWrite = () -> { };
    private volatile Runnable afterWrite = () -> { };

    /**
     * @param builtIn the names of the built-in channels, enabled or not ({@code email}, {@code telegram})
     */
    public OutboxNotifier(DSLContext dsl, Outbox outbox, Clock clock, String nodeId, Set<String> builtIn) {
        this.dsl = dsl;
        this.outbox = outbox;
        this.clock = clock;
        this.nodeId = nodeId;
        this.builtIn = Set.copyOf(builtIn);
    }

    /**
     * Completes the wiring once the channels and the engine are known.
     *
     * @param enabledChannels the channels this scheduler delivers, by name
     * @param beforeWrite makes sure the outbox tables exist (migrations)
     * @param afterWrite wakes the dispatcher
     */
    public void connect(Map<String, ?> enabledChannels, Runnable beforeWrite, Runnable afterWrite) {
        this.enabled = Map.copyOf(enabledChannels);
        this.beforeWrite = beforeWrite;
        this.afterWrite = afterWrite;
    }

    @Override
    public boolean notify(Notification notification) {
        Objects.requireNonNull(notification, "notification");
        List<String> channels = channelsFor(notification);
        beforeWrite.run();
        AtomicBoolean inserted = new AtomicBoolean();
        dsl.transaction(cfg -> inserted.set(store(DSL.using(cfg), notification, channels)));
        if (inserted.get()) {
            LOG.info("notification {} [{}] {}: stored for {}", notification.eventKey(), notification.severity().label(),
                    notification.subject(), channels.isEmpty() ? "the database log only" : "the log and " + String.join(", ", channels));
            afterWrite.run();
        } else {
            LOG.debug("notification {} was already stored; not sent again", notification.eventKey());
        }
        return inserted.get();
    }

    @Override
    public boolean notify(DSLContext transaction, Notification notification) {
        Objects.requireNonNull(transaction, "transaction");
        Objects.requireNonNull(notification, "notification");
        boolean inserted = store(transaction, notification, channelsFor(notification));
        if (inserted) {
            LOG.debug("notification {} stored in the caller's transaction", notification.eventKey());
            // Usually not committed yet: the dispatcher's next poll finds it if this pass is too early.
            afterWrite.run();
        }
        return inserted;
    }

    private boolean store(DSLContext tx, Notification n, List<String> channels) {
        long now = clock.millis();
        return outbox.insert(tx, n, channels, MDC.get("job_id"), nodeId, now, System.currentTimeMillis());
    }

    private List<String> channelsFor(Notification n) {
        Map<String, ?> on = enabled;
        if (n.channels().isEmpty()) {
            return new ArrayList<>(new TreeSet<>(on.keySet()));
        }
        Set<String> out = new LinkedHashSet<>();
        for (String c : n.channels()) {
            if (c.equals(LOG_CHANNEL)) {
                continue;
            }
            if (on.containsKey(c)) {
                out.add(c);
            } else if (!builtIn.contains(c)) {
                Set<String> known = new TreeSet<>(builtIn);
                known.addAll(on.keySet());
                known.add(LOG_CHANNEL);
                throw new IllegalArgumentException("notification " + n.eventKey() + " names channel '" + c + "', which does not exist; "
                        + "channels: " + String.join(", ", known));
            }
        }
        return new ArrayList<>(out);
    }
}
