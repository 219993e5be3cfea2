package io.tradingjobs.core.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.tradingjobs.core.JobScheduler;
import io.tradingjobs.core.RunStatus;
import io.tradingjobs.core.ops.OpsFixtures;
import io.tradingjobs.core.spi.JobDefinition;
import io.tradingjobs.core.test.TestDatabases;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The {@link Mailer} jobs inject, through a real SMTP server (GreenMail). */
class MailerTest {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0};

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    @TempDir
    Path dir;

    /** Sends one HTML mail with an inline image through the injected Mailer. */
    static final class SendsReport implements io.tradingjobs.core.spi.Job {
        static final AtomicReference<Mailer> SEEN = new AtomicReference<>();
        private final Mailer mailer;

        @Inject
        SendsReport(Mailer mailer) {
            this.mailer = mailer;
        }

        @Override
        public void run(io.tradingjobs.core.spi.JobContext ctx) throws Exception {
            SEEN.set(mailer);
            mailer.send("Daily report", "<p>Index <img src=\"cid:chart\"></p>", Map.of("chart", PNG), List.of());
        }
    }

    @Test
    @DisplayName("a job's injected Mailer sends multipart/related HTML with the image inline under its content id, to notify.email.to")
    void sendsHtmlWithInlineImages() throws Exception {
        JobScheduler s = OpsFixtures.builder(dir, TestDatabases.sqlite(dir))
                .config("notify.email.enabled", "true").config("notify.email.from", "jobs@example.com")
                .config("notify.email.to", "desk@example.com").config("notify.email.smtp.host", "127.0.0.1")
                .config("notify.email.smtp.port", String.valueOf(MAIL.getSmtp().getPort())).config("notify.email.smtp.starttls", "false")
                .job(JobDefinition.builder("host.report").build(), SendsReport.class).build();
        try (s) {
            s.start();
            String runId = s.runNow("host.report");
            org.awaitility.Awaitility.await().atMost(OpsFixtures.WAIT)
                    .until(() -> s.run(runId).map(r -> r.status() == RunStatus.SUCCEEDED).orElse(false));
            assertThat(SendsReport.SEEN.get().enabled()).isTrue();
            assertThat(SendsReport.SEEN.get().defaultRecipients()).containsExactly("desk@example.com");
            MimeMessage m = MAIL.getReceivedMessages()[0];
            assertThat(m.getSubject()).isEqualTo("Daily report");
            assertThat(m.getAllRecipients()[0].toString()).isEqualTo("desk@example.com");
            MimeMultipart related = (MimeMultipart) m.getContent();
            assertThat(related.getContentType()).startsWith("multipart/related");
            assertThat((String) related.getBodyPart(0).getContent()).contains("cid:chart");
            MimeBodyPart image = (MimeBodyPart) related.getBodyPart(1);
            assertThat(image.getContentID()).isEqualTo("<chart>");
            assertThat(image.getContentType()).startsWith("image/png");
            assertThat(image.getInputStream().readAllBytes()).isEqualTo(PNG);
        }
    }

    @Test
    @DisplayName("with e-mail off the Mailer says so and how to turn it on, without needing an SMTP host")
    void offByDefault() {
        var settings = new io.tradingjobs.core.internal.ops.OpsSettings.Email(false, null, List.of(), null, 587, null, null, true,
                java.time.Duration.ofSeconds(5));
        Mailer mailer = Guice.createInjector(b -> b.bind(Mailer.class).toInstance(new io.tradingjobs.core.internal.notify.SmtpMailer(settings)))
                .getInstance(Mailer.class);
        assertThat(mailer.enabled()).isFalse();
        assertThatThrownBy(() -> mailer.send("s", "<p>x</p>", Map.of(), List.of("a@example.com")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("notify.email.enabled=true (EMAIL_ENABLED)");
    }
}
