package io.tradingjobs.core.notify;

import java.time.Duration;
import java.util.Objects;

/**
 * A way of delivering notifications, beside the built-in {@code email} and {@code telegram}.
 * A host adds one with Guice:
 *
 * <pre>{@code
 * Multibinder.newSetBinder(binder(), NotificationChannel.class).addBinding().to(SlackChannel.class);
 * }</pre>
 *
 * <p>The dispatcher calls {@link #deliver} on its own thread, one delivery at a time, and at most
 * once per event on the whole cluster when it returns normally. A delivery that throws is retried
 * with backoff (after {@link RetryLaterException#after()} when given) until
 * {@code notify.dispatch.max-attempts}; one that throws {@link UndeliverableException} is not
 * retried. Keep deliveries bounded in time (use time-outs well under {@code notify.dispatch.lease}).
 */
public interface NotificationChannel {

    /** The channel's name: lower-case letters, digits, {@code -} and {@code _}; unique; not {@code log}. */
    String name();

    /**
     * Delivers one notification.
     *
     * @throws RetryLaterException when the receiver asked to wait (a rate limit)
     * @throws UndeliverableException when trying again cannot help (a rejected address)
     * @throws Exception any other failure, retried with backoff
     */
    void deliver(Notification notification) throws Exception;

    /** The receiver asked to wait before the next try, e.g. Telegram's 429 with {@code retry_after}. */
    final class RetryLaterException extends Exception {
        private static final long serialVersionUID = 1L;
        private final Duration after;

        /**
         * @param message what happened (no secrets)
         * @param after how long to wait before trying this channel again
         */
        public RetryLaterException(String message, Duration after) {
            super(message);
            this.after = Objects.requireNonNull(after, "after");
        }

        /** How long to wait. */
        public Duration after() {
            return after;
        }
    }

    /** Trying again cannot help: the delivery is marked failed at once. */
    final class UndeliverableException extends Exception {
        private static final long serialVersionUID = 1L;

        /** @param message what happened (no secrets) */
        public UndeliverableException(String message) {
            super(message);
        }
    }
}
