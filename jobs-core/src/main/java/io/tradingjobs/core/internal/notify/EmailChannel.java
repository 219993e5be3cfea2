package io.tradingjobs.core.internal.notify;

import io.tradingjobs.core.internal.ops.OpsSettings;
import io.tradingjobs.core.notify.Notification;
import io.tradingjobs.core.notify.NotificationChannel;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Date;
import java.util.HexFormat;
import java.util.Properties;

/**
 * E-mail over SMTP (Jakarta Mail, Angus): STARTTLS required when {@code notify.email.smtp.starttls}
 * is on (the default; the password is then never sent in clear), login when a user is set, the
 * seeds' {@code EMAIL_*}/{@code SMTP_*} settings. Plain text, UTF-8. The Message-ID derives from
 * the event key, so a mail client would fold a repeated message into one.
 */
public final class EmailChannel implements NotificationChannel {
    /** The channel's name. */
    public static final String NAME = "email";

    private final OpsSettings.Email settings;
    private final Session session;

    public EmailChannel(OpsSettings.Email settings) {
        this.settings = settings;
        this.session = session(settings);
    }

    /** The SMTP session of {@code settings}, shared with {@link SmtpMailer}. */
    static Session session(OpsSettings.Email settings) {
        Properties p = new Properties();
        String ms = String.valueOf(settings.timeout().toMillis());
        p.put("mail.transport.protocol", "smtp");
        p.put("mail.smtp.host", settings.host());
        p.put("mail.smtp.port", String.valueOf(settings.port()));
        p.put("mail.smtp.auth", String.valueOf(settings.user() != null));
        p.put("mail.smtp.starttls.enable", String.valueOf(settings.starttls()));
        p.put("mail.smtp.starttls.required", String.valueOf(settings.starttls()));
        p.put("mail.smtp.ssl.checkserveridentity", "true");
        p.put("mail.smtp.connectiontimeout", ms);
        p.put("mail.smtp.timeout", ms);
        p.put("mail.smtp.writetimeout", ms);
        return Session.getInstance(p);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void deliver(Notification n) throws Exception {
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", "<" + digest(n.eventKey()) + "@trading-jobs>");
            }
        };
        message.setFrom(new InternetAddress(settings.from()));
        message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(String.join(",", settings.to())));
        message.setSubject(n.subject(), StandardCharsets.UTF_8.name());
        message.setText(n.body().isEmpty() ? n.subject() : n.body(), StandardCharsets.UTF_8.name());
        message.setSentDate(new Date());
        message.setHeader("X-Trading-Jobs-Event", n.eventKey());
        message.setHeader("X-Priority", n.severity() == Notification.Severity.CRITICAL ? "1" : "3");
        transport(settings, message);
    }

    /** Sends {@code message}, logging in when a user is set; shared with {@link SmtpMailer}. */
    static void transport(OpsSettings.Email settings, MimeMessage message) throws MessagingException, UndeliverableException {
        try {
            if (settings.user() != null) {
                Transport.send(message, settings.user(), settings.password());
            } else {
                Transport.send(message);
            }
        } catch (SendFailedException e) {
            if (e.getValidSentAddresses() == null || e.getValidSentAddresses().length == 0) {
                if (e.getInvalidAddresses() != null && e.getInvalidAddresses().length > 0) {
                    throw new UndeliverableException("the SMTP server " + settings.host() + " refused the recipients: " + e.getMessage());
                }
            }
            throw e;
        }
    }

    private static String digest(String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
