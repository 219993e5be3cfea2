package io.tradingjobs.core.internal.notify;

import io.tradingjobs.core.internal.ops.OpsSettings;
import io.tradingjobs.core.notify.Mailer;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@link Mailer} over the {@code notify.email.*} SMTP server, with {@link EmailChannel}'s session
 * and transport rules. The session is built on first use, so a scheduler with e-mail off never
 * needs an SMTP host.
 */
public final class SmtpMailer implements Mailer {
    private static final Pattern CONTENT_ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    private final OpsSettings.Email settings;
    private volatile Session session;

    public SmtpMailer(OpsSettings.Email settings) {
        this.settings = settings;
    }

    @Override
    public boolean enabled() {
        return settings.enabled();
    }

    @Override
    public List<String> defaultRecipients() {
        return settings.to();
    }

    @Override
    public void send(String subject, String html, Map<String, byte[]> inlinePngByContentId, List<String> to) throws Exception {
        if (!settings.enabled()) {
            throw new IllegalStateException("e-mail is off: set notify.email.enabled=true (EMAIL_ENABLED) and the SMTP settings");
        }
        List<String> recipients = to == null || to.isEmpty() ? settings.to() : to;
        if (recipients.isEmpty()) {
            throw new IllegalStateException("no recipient: pass one, or set notify.email.to (EMAIL_TO)");
        }
        MimeMessage message = new MimeMessage(session());
        message.setFrom(new InternetAddress(settings.from()));
        message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(String.join(",", recipients)));
        message.setSubject(subject, StandardCharsets.UTF_8.name());
        message.setSentDate(new Date());

        MimeMultipart related = new MimeMultipart("related");
        MimeBodyPart body = new MimeBodyPart();
        body.setText(html, StandardCharsets.UTF_8.name(), "html");
        related.addBodyPart(body);
        for (Map.Entry<String, byte[]> image : inlinePngByContentId.entrySet()) {
            String id = image.getKey();
            if (id == null || !CONTENT_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("inline image id '" + id + "' is not valid; use letters, digits, '.', '-' and '_'");
            }
            MimeBodyPart part = new MimeBodyPart();
            part.setDataHandler(new DataHandler(new ByteArrayDataSource(image.getValue(), "image/png")));
            part.setContentID("<" + id + ">");
            part.setDisposition(Part.INLINE);
            part.setFileName(id.endsWith(".png") ? id : id + ".png");
            related.addBodyPart(part);
        }
        message.setContent(related);
        message.saveChanges();
        EmailChannel.transport(settings, message);
    }

    private Session session() {
        Session s = session;
        if (s == null) {
            synchronized (this) {
                if (session == null) {
                    session = EmailChannel.session(settings);
                }
                s = session;
            }
        }
        return s;
    }
}
