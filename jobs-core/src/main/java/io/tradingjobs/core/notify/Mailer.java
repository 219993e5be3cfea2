package io.tradingjobs.core.notify;

import java.util.List;
import java.util.Map;

/**
 * Sends an HTML e-mail with inline PNG images right away, over the SMTP server of the
 * {@code notify.email.*} settings (the seeds' {@code EMAIL_*} and {@code SMTP_*}), with the same
 * session rules as the e-mail notification channel (STARTTLS required when
 * {@code notify.email.smtp.starttls} is on, login when a user is set, time-outs).
 *
 * <p>For mail a person reads, such as a report: unlike {@link Notifier} it does not go through the
 * outbox, so a caller that must not send twice records what it sent. Jobs get it by injection
 * ({@code @Inject Mailer mailer}). Thread-safe. Experimental.
 */
public interface Mailer {

    /** Whether e-mail is configured on ({@code notify.email.enabled}); when false {@link #send} throws. */
    boolean enabled();

    /** The recipients of {@code notify.email.to} ({@code EMAIL_TO}); empty when not set. */
    List<String> defaultRecipients();

    /**
     * Sends one message: {@code multipart/related} with the HTML as UTF-8 and each image as an
     * inline part whose {@code Content-ID} is the map key, so the HTML refers to it as
     * {@code <img src="cid:KEY">}.
     *
     * @param subject the subject
     * @param html the HTML body
     * @param inlinePngByContentId PNG bytes by content id (letters, digits, {@code .-_}); may be empty
     * @param to the recipients; {@link #defaultRecipients()} when empty
     * @throws IllegalStateException when e-mail is off or there is no recipient
     * @throws IllegalArgumentException when a content id or address is not valid
     * @throws Exception when the SMTP server cannot be reached or refuses the message
     */
    void send(String subject, String html, Map<String, byte[]> inlinePngByContentId, List<String> to) throws Exception;
}
