package io.tradingjobs.core.notify;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Something to tell the operators: an alert, a job failure, a report being ready.
 *
 * <pre>{@code
 * notifier.notify(Notification.of("alert:RELIANCE:rsi-overbought:2026-02-08", Notification.Severity.WARNING,
 *         "RELIANCE RSI above 70", "RSI(14) is 73.2 at 10:15 IST"));
 * }</pre>
 *
 * @param eventKey identifies the event for de-duplication: a second notification with the same key
 *     is ignored, on any node and after restarts (at most 300 characters, e.g.
 *     {@code job-failed:nse.indices:<runId>})
 * @param severity how urgent it is
 * @param subject one line (the e-mail subject, the first line of a Telegram message)
 * @param body plain text, may be empty
 * @param channels channel names to deliver to ({@code email}, {@code telegram} or a host
 *     channel's name); empty for every enabled channel. The database log always records it.
 */
public record Notification(String eventKey, Severity severity, String subject, String body, List<String> channels) {

    /** The longest event key. */
    public static final int MAX_KEY_LENGTH = 300;

    private static final Pattern CHANNEL_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    /** How urgent a notification is. */
    public enum Severity {
        /** For the record: a report is ready, a job recovered. */
        INFO,
        /** Someone should look soon. */
        WARNING,
        /** Someone should look now: a job failed, a critical alert fired. */
        CRITICAL;

        /** Lower-case name, as stored and shown. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException when the key or subject is blank, the key is too long, or a
     *     channel name is not lower-case letters, digits, {@code -} and {@code _}
     */
    public Notification {
        Objects.requireNonNull(eventKey, "eventKey");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(subject, "subject");
        if (eventKey.isBlank()) {
            throw new IllegalArgumentException("the event key is blank; give each event a stable key such as 'alert:RELIANCE:2026-02-08'");
        }
        if (eventKey.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("the event key is " + eventKey.length() + " characters long, over " + MAX_KEY_LENGTH
                    + ": '" + eventKey.substring(0, 60) + "...'; use a shorter key (hash long parts)");
        }
        if (subject.isBlank()) {
            throw new IllegalArgumentException("the subject of notification '" + eventKey + "' is blank");
        }
        body = body == null ? "" : body;
        channels = channels == null ? List.of() : List.copyOf(channels);
        for (String c : channels) {
            if (!CHANNEL_NAME.matcher(c).matches()) {
                throw new IllegalArgumentException("channel name '" + c + "' of notification '" + eventKey
                        + "' is not valid; use lower-case names such as email, telegram");
            }
        }
    }

    /** A notification for every enabled channel. */
    public static Notification of(String eventKey, Severity severity, String subject, String body) {
        return new Notification(eventKey, severity, subject, body, List.of());
    }

    /** This notification, delivered only to {@code channelNames} (and the database log). */
    public Notification onlyTo(String... channelNames) {
        return new Notification(eventKey, severity, subject, body, List.of(channelNames));
    }

    /** The subject and body as one text: the subject, an empty line, the body. */
    public String text() {
        return body.isEmpty() ? subject : subject + "\n\n" + body;
    }
}
