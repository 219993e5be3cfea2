package io.tradingjobs.reports.daily;

import static io.tradingjobs.reports.internal.db.Tables.REPORTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.tradingjobs.core.JobRun;
import io.tradingjobs.core.RunStatus;
import io.tradingjobs.core.test.TestDatabases;
import io.tradingjobs.core.testing.JobTestKit;
import io.tradingjobs.core.testing.SettableClock;
import io.tradingjobs.reports.ReportsJobProvider;
import io.tradingjobs.reports.test.BvmtFixture;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The daily report by e-mail, through a real SMTP server (GreenMail). */
class DailyReportEmailTest {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    @TempDir
    Path dir;

    @Test
    @DisplayName("the daily report arrives as HTML with its three charts as inline images that decode as PNG")
    void dailyReportEmailHasInlinePngCharts() throws Exception {
        try (JobTestKit kit = JobTestKit.builder().clock(SettableClock.at("2026-02-06T18:00", "Africa/Tunis"))
                .provider(new ReportsJobProvider())
                .config("jobs.database.url", TestDatabases.sqlite(dir))
                .config("notify.email.enabled", "true")
                .config("notify.email.from", "reports@example.com")
                .config("notify.email.to", "ops@example.com")
                .config("reports.email.to", "analyst@example.com, desk@example.com")
                .config("notify.email.smtp.host", "127.0.0.1")
                .config("notify.email.smtp.port", String.valueOf(MAIL.getSmtp().getPort()))
                .config("notify.email.smtp.starttls", "false")
                .config("notify.failures.enabled", "false")
                .build()) {
            BvmtFixture.seed(kit.dsl(), DailyReportContract.DAY, true);
            JobRun run = kit.run(ReportsJobProvider.DAILY);
            assertThat(run.status()).as(String.valueOf(run.error())).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(run.message()).endsWith("e-mailed to 2 subscribers");

            await().atMost(Duration.ofSeconds(10)).until(() -> MAIL.getReceivedMessages().length == 2);
            MimeMessage mail = MAIL.getReceivedMessages()[0];
            assertThat(mail.getSubject()).isEqualTo("Daily market report — 2026-02-06");
            assertThat(mail.getFrom()[0].toString()).isEqualTo("reports@example.com");
            assertThat(Arrays.stream(mail.getRecipients(Message.RecipientType.TO)).map(Object::toString))
                    .containsExactly("analyst@example.com", "desk@example.com");
            assertThat(mail.getContentType()).startsWith("multipart/related");

            MimeMultipart related = (MimeMultipart) mail.getContent();
            BodyPart html = related.getBodyPart(0);
            assertThat(html.getContentType()).startsWith("text/html").containsIgnoringCase("charset=utf-8");
            String body = (String) html.getContent();
            assertThat(body).contains("Daily market report", "src=\"cid:index-intraday\"", "src=\"cid:sectors\"", "src=\"cid:movers\"");

            List<String> ids = new ArrayList<>();
            for (int i = 1; i < related.getCount(); i++) {
                BodyPart part = related.getBodyPart(i);
                assertThat(part.getContentType()).startsWith("image/png");
                assertThat(part.getDisposition()).isEqualTo("inline");
                ids.add(((jakarta.mail.internet.MimeBodyPart) part).getContentID());
                byte[] bytes = part.getInputStream().readAllBytes();
                assertThat(Arrays.copyOf(bytes, 8)).isEqualTo(PNG);
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
                assertThat(image).isNotNull();
                assertThat(image.getWidth()).isEqualTo(1360);
            }
            assertThat(ids).containsExactlyInAnyOrder("<index-intraday>", "<sectors>", "<movers>");

            var row = kit.dsl().selectFrom(REPORTS).fetchSingle();
            assertThat(row.getEmailedTo()).isEqualTo("analyst@example.com,desk@example.com");
            assertThat(row.getEmailedAt()).isNotNull();
        }
    }
}
