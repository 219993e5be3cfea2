package io.tradingjobs.core.notify;

import org.jooq.DSLContext;

/**
 * Sends notifications through the outbox: the event is stored in {@code notification_events}
 * (the database log, always on) with one delivery row per channel, and a dispatcher delivers
 * them in the background, retrying with backoff, once per channel even across restarts and
 * cluster nodes.
 *
 * <p>Jobs and host services get it by injection ({@code @Inject Notifier notifier}); hosts also
 * from {@code JobScheduler.notifier()}. To write the event in the same transaction as what caused
 * it, so that neither exists without the other, pass that transaction:
 *
 * <pre>{@code
 * dsl.transaction(cfg -> {
 *     DSLContext tx = DSL.using(cfg);
 *     tx.insertInto(ALERT_HITS)...execute();
 *     notifier.notify(tx, Notification.of("alert-hit:" + hitId, Severity.WARNING, subject, body));
 * });
 * }</pre>
 *
 * <p>Channels: {@code email} ({@code notify.email.*}, the seeds' {@code EMAIL_*} and
 * {@code SMTP_*}), {@code telegram} ({@code notify.telegram.*}) and any
 * {@link NotificationChannel} the host binds with Guice's {@code Multibinder}. Thread-safe.
 */
public interface Notifier {

    /**
     * Stores the notification in its own transaction; delivery follows shortly.
     *
     * @return true when the event is new, false when an event with its key was already stored
     *     (then nothing is sent again)
     * @throws IllegalArgumentException when it names a channel that does not exist
     * @throws org.jooq.exception.DataAccessException when the database fails
     */
    boolean notify(Notification notification);

    /**
     * Stores the notification inside the caller's transaction: it is delivered only if that
     * transaction commits. Call it after the scheduler has started (the outbox tables are created
     * by its migrations).
     *
     * @param transaction a {@code DSLContext} bound to the open transaction
     * @return true when the event is new, false when its key was already stored
     * @throws IllegalArgumentException when it names a channel that does not exist
     */
    boolean notify(DSLContext transaction, Notification notification);
}
