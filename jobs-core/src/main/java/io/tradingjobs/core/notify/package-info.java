/**
 * Notifications: {@link io.tradingjobs.core.notify.Notifier} to send them through the outbox,
 * {@link io.tradingjobs.core.notify.Notification} for what is sent, and
 * {@link io.tradingjobs.core.notify.NotificationChannel} for hosts adding their own channels.
 * Job failures are notified by the core itself (see {@code notify.failures.*}).
 */
package io.tradingjobs.core.notify;
