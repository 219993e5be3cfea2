package io.tradingjobs.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Inject;
import io.tradingjobs.core.JobScheduler;
import io.tradingjobs.core.JobStatus;
import io.tradingjobs.core.spi.Job;
import io.tradingjobs.core.spi.JobContext;
import io.tradingjobs.core.spi.JobDefinition;
import io.tradingjobs.core.test.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where settings come from, later winning: built-in defaults, a properties file, a {@code .env}
 * file, the environment, the builder; and the seeds' environment names working as they are.
 */
class ConfigurationSourcesTest {
    private static final String SMTP_SECRET = "smtp-pa55-word";

    @TempDir
    Path dir;

    /** A job that keeps the configuration Guice injects into it, to see what the scheduler merged. */
    public static final class ConfigProbe implements Job {
        @Inject
        Config config;

        @Override
        public void run(JobContext context) {
            context.summary(config.string("services.stock.url", "?"));
        }
    }

    private JobScheduler.Builder builder(ConfigProbe probe, Map<String, String> environment) {
        return JobScheduler.builder().discover(false).workingDirectory(dir).environment(environment)
                .job(JobDefinition.builder("test.probe").schedule("manual").build(), probe);
    }

    private Map<String, String> sqliteEnvironment(Map<String, String> more) {
        Map<String, String> env = new HashMap<>(more);
        env.putIfAbsent("JOBS_DATABASE_URL", TestDatabases.sqlite(dir));
        return env;
    }

    @Test
    void hostDefaultsReplaceBuiltInOnesAndEverySourceStillWinsOverThem() throws IOException {
        Files.writeString(dir.resolve(".env"), "MARKET_SERVICE_URL=http://dotenv-market\n");
        ConfigProbe probe = new ConfigProbe();
        try (JobScheduler s = builder(probe, sqliteEnvironment(Map.of("TIMEZONE", "Africa/Tunis")))
                .defaults(Map.of("jobs.timezone", "Asia/Kolkata", "services.market.url", "http://host-market",
                        "SENTIMENT_SERVICE_URL", "http://host-sentiment", "services.anomaly.url", "http://host-anomaly",
                        "services.stock.url", "http://host-stock", "JOBS_TEST_PROBE_SCHEDULE", "every 5 minutes"))
                .config("services.stock.url", "http://builder-stock").build()) {
            Config config = probe.config;

            assertThat(config.get("services.anomaly.url")).as("host default over built-in").contains("http://host-anomaly");
            assertThat(config.get("services.sentiment.url")).as("a seed name as a host default").contains("http://host-sentiment");
            assertThat(config.get("services.market.url")).as(".env over host default").contains("http://dotenv-market");
            assertThat(config.get("jobs.timezone")).as("environment over host default").contains("Africa/Tunis");
            assertThat(config.get("services.stock.url")).as("builder over host default").contains("http://builder-stock");
            assertThat(s.job("test.probe").orElseThrow().schedule()).as("a per-job environment-style name").isEqualTo("every 5 minutes");
        }
    }

    @Test
    void aHostDefaultForAJobThatDoesNotExistIsABuildError() {
        JobScheduler.Builder b = builder(new ConfigProbe(), sqliteEnvironment(Map.of())).defaults(Map.of("jobs.test.prboe.enabled", "false"));
        org.assertj.core.api.Assertions.assertThatThrownBy(b::build).isInstanceOf(io.tradingjobs.core.SchedulerBuildException.class)
                .hasMessageContaining("jobs.test.prboe.enabled").hasMessageContaining("there is no job 'test.prboe'");
    }

    @Test
    void eachSourceOverridesTheOnesBeforeIt() throws IOException {
        Files.writeString(dir.resolve("trading-jobs.properties"), String.join("\n",
                "services.anomaly.url=http://props-anomaly",
                "services.notification.url=http://props-notification",
                "services.market.url=http://props-market",
                "services.stock.url=http://props-stock", ""));
        Files.writeString(dir.resolve(".env"), String.join("\n",
                "# the BVMT seed's .env",
                "NOTIFICATION_SERVICE_URL=http://dotenv-notification",
                "MARKET_SERVICE_URL=http://dotenv-market",
                "STOCK_SERVICE_URL=http://dotenv-stock", ""));
        ConfigProbe probe = new ConfigProbe();

        try (LogCapture logs = LogCapture.start();
             JobScheduler s = builder(probe, sqliteEnvironment(Map.of(
                     "MARKET_SERVICE_URL", "http://environment-market",
                     "STOCK_SERVICE_URL", "http://environment-stock")))
                     .config("services.stock.url", "http://builder-stock").build()) {
            Config config = probe.config;

            assertThat(config.get("services.sentiment.url")).contains("http://localhost:8005");
            assertThat(config.get("services.anomaly.url")).contains("http://props-anomaly");
            assertThat(config.get("services.notification.url")).contains("http://dotenv-notification");
            assertThat(config.get("services.market.url")).contains("http://environment-market");
            assertThat(config.get("services.stock.url")).contains("http://builder-stock");
            // build() says in one INFO line where each non-default value came from.
            assertThat(logs.lines()).anySatisfy(line -> assertThat(line)
                    .contains("services.anomaly.url=http://props-anomaly (file " + dir.resolve("trading-jobs.properties") + ")")
                    .contains("services.notification.url=http://dotenv-notification (file " + dir.resolve(".env") + ")")
                    .contains("services.market.url=http://environment-market (environment)")
                    .contains("services.stock.url=http://builder-stock (builder)"));
        }
    }

    @Test
    void theBuilderTakesPropertiesAndTheSeedsNamesToo() {
        java.util.Properties props = new java.util.Properties();
        props.setProperty("services.anomaly.url", "http://from-properties-object");
        ConfigProbe probe = new ConfigProbe();

        try (JobScheduler s = builder(probe, sqliteEnvironment(Map.of("TIMEZONE", "Africa/Tunis")))
                .config(props).config("TIMEZONE", "Asia/Kolkata").config(Map.of("EMAIL_TO", "desk@example.in")).build()) {
            assertThat(probe.config.get("services.anomaly.url")).contains("http://from-properties-object");
            assertThat(probe.config.zone("jobs.timezone", null)).isEqualTo(ZoneId.of("Asia/Kolkata"));
            assertThat(probe.config.get("notify.email.to")).contains("desk@example.in");
        }
    }

    @Test
    void theFilesCanBeNamedBySettings() throws IOException {
        Files.createDirectories(dir.resolve("conf"));
        Files.writeString(dir.resolve("trading-jobs.properties"), "services.stock.url=http://default-properties-file\n");
        Files.writeString(dir.resolve(".env"), "MARKET_SERVICE_URL=http://default-dotenv-file\n");
        Files.writeString(dir.resolve("conf/ops.properties"), "services.stock.url=http://named-properties-file\n");
        Files.writeString(dir.resolve("conf/ops.env"), "MARKET_SERVICE_URL=http://named-dotenv-file\n");
        ConfigProbe probe = new ConfigProbe();

        try (JobScheduler s = builder(probe, sqliteEnvironment(Map.of("JOBS_ENV_FILE", "conf/ops.env")))
                .config("jobs.config.file", "conf/ops.properties").build()) {
            assertThat(probe.config.get("services.stock.url")).contains("http://named-properties-file");
            assertThat(probe.config.get("services.market.url")).contains("http://named-dotenv-file");
        }
    }

    @Test
    void aPropertiesFileMayNameTheEnvFile() throws IOException {
        Files.writeString(dir.resolve("trading-jobs.properties"), "jobs.env-file=secrets/jobs.env\n");
        Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(dir.resolve("secrets/jobs.env"), "EMAIL_FROM=jobs@example.in\n");
        ConfigProbe probe = new ConfigProbe();

        try (JobScheduler s = builder(probe, sqliteEnvironment(Map.of())).build()) {
            assertThat(probe.config.get("notify.email.from")).contains("jobs@example.in");
        }
    }

    @Test
    void aDotEnvFileIsReadAsDockerComposeAndDotenvReadIt() throws IOException {
        Files.writeString(dir.resolve(".env"), String.join("\n",
                "# Service URLs",
                "   # an indented comment",
                "",
                "export STOCK_SERVICE_URL=http://stock:8001",
                "MARKET_SERVICE_URL=\"http://market:8002\"",
                "NOTIFICATION_SERVICE_URL='http://notify:8003'",
                "ANOMALY_SERVICE_URL=http://anomaly:8004 # the anomaly service",
                "export SENTIMENT_SERVICE_URL=\"http://sentiment:8005\"   # quoted, then a comment",
                "EMAIL_TO=ops#desk@example.in",
                "EMAIL_FROM = jobs@example.in ",
                "services.extra-looking.url=http://dotted-key-is-kept",
                "not a setting line",
                ""));
        ConfigProbe probe = new ConfigProbe();

        try (JobScheduler s = builder(probe, sqliteEnvironment(Map.of())).build()) {
            Config c = probe.config;
            assertThat(c.get("services.stock.url")).contains("http://stock:8001");
            assertThat(c.get("services.market.url")).contains("http://market:8002");
            assertThat(c.get("services.notification.url")).contains("http://notify:8003");
            assertThat(c.get("services.anomaly.url")).contains("http://anomaly:8004");
            assertThat(c.get("services.sentiment.url")).contains("http://sentiment:8005");
            assertThat(c.get("notify.email.to")).contains("ops#desk@example.in");
            assertThat(c.get("notify.email.from")).contains("jobs@example.in");
            assertThat(c.get("services.extra-looking.url")).contains("http://dotted-key-is-kept");
        }
    }

    @Test
    void theSeedsDatabaseUrlSelectsPostgresql() {
        ConfigProbe probe = new ConfigProbe();

        try (LogCapture logs = LogCapture.start();
             JobScheduler s = builder(probe, Map.of("DATABASE_URL", "postgresql://postgres:pg-pa55@127.0.0.1:5432/test")).build()) {
            assertThat(s.database()).startsWith("jdbc:postgresql://127.0.0.1:5432/test").contains("user postgres")
                    .doesNotContain("pg-pa55");
            assertThat(probe.config.get("jobs.database.url")).contains("postgresql://postgres:pg-pa55@127.0.0.1:5432/test");
            assertThat(logs.lines()).anySatisfy(line -> assertThat(line)
                    .contains("jobs.database.url=postgresql://****@127.0.0.1:5432/test (environment)"));
            assertThat(logs.lines()).noneSatisfy(line -> assertThat(line).contains("pg-pa55"));
        }
    }

    @Test
    void theSeedsDotEnvSetsTheZoneSwitchesTheSchedulerOffAndKeepsTheSmtpPasswordSecret() throws IOException {
        Files.writeString(dir.resolve(".env"), String.join("\n",
                "DATABASE_URL=" + TestDatabases.sqlite(dir),
                "ENABLE_SCHEDULER=false",
                "TIMEZONE=Africa/Tunis",
                "SMTP_HOST=smtp.example.tn",
                "SMTP_PASSWORD=" + SMTP_SECRET,
                "EMAIL_ENABLED=true",
                "EMAIL_FROM=jobs@example.tn",
                "EMAIL_TO=ops@example.tn",
                ""));
        ConfigProbe probe = new ConfigProbe();

        try (LogCapture logs = LogCapture.start();
             JobScheduler s = builder(probe, Map.of())
                     .job(JobDefinition.builder("bvmt.daily-report").schedule("daily at 18:00").build(), ctx -> { })
                     .build()) {
            s.start(); // stores the schedules; with ENABLE_SCHEDULER=false nothing runs

            JobStatus report = s.job("bvmt.daily-report").orElseThrow();
            assertThat(report.nextRun()).isNotNull();
            assertThat(report.nextRun().atZone(ZoneId.of("Africa/Tunis")).toLocalTime()).isEqualTo(LocalTime.of(18, 0));
            assertThat(report.nextRun().atZone(ZoneOffset.UTC).toLocalTime()).isEqualTo(LocalTime.of(17, 0));
            assertThat(probe.config.bool("jobs.scheduler.enabled", true)).isFalse();
            assertThat(probe.config.bool("notify.email.enabled", false)).isTrue();
            assertThat(probe.config.get("notify.email.smtp.host")).contains("smtp.example.tn");
            assertThat(logs.warnings()).anySatisfy(w -> assertThat(w).contains("ENABLE_SCHEDULER").contains("runs no jobs"));
            assertThat(logs.lines()).anySatisfy(line -> assertThat(line).contains("notify.email.smtp.password=**** (file"));
            assertThat(logs.lines()).noneSatisfy(line -> assertThat(line).contains(SMTP_SECRET));
            assertThat(probe.config.toString()).contains("notify.email.smtp.password=****").doesNotContain(SMTP_SECRET);
        }
    }

    @Test
    void aJobsScheduleCanBeSetByItsEnvironmentName() throws IOException {
        Files.writeString(dir.resolve(".env"), "JOBS_BVMT_MARKET_PULSE_SCHEDULE=*/15 * * * *\n");
        ConfigProbe probe = new ConfigProbe();

        try (JobScheduler s = builder(probe, sqliteEnvironment(Map.of(
                "JOBS_NSE_CORPORATE_ACTIONS_SCHEDULE", "0 18 * * 1-5",
                "JOBS_NSE_CORPORATE_ACTIONS_ENABLED", "false")))
                .job(JobDefinition.builder("nse.corporate-actions").schedule("daily at 19:00").build(), ctx -> { })
                .job(JobDefinition.builder("bvmt.market-pulse").schedule("every 1 hour").build(), ctx -> { })
                .build()) {
            assertThat(s.job("nse.corporate-actions").orElseThrow().schedule()).isEqualTo("0 18 * * 1-5");
            assertThat(s.job("nse.corporate-actions").orElseThrow().status()).hasToString("DISABLED");
            assertThat(s.job("bvmt.market-pulse").orElseThrow().schedule()).isEqualTo("*/15 * * * *");
        }
    }

    @Test
    void unknownNamesInDotEnvAreWarningsAndUnknownEnvironmentVariablesAreIgnoredUnlessTheyLookLikeOurs() throws IOException {
        Files.writeString(dir.resolve(".env"), "STOCK_SERVICE_URL=http://stock:8001\nSOME_OTHER_APP_SETTING=42\n");
        ConfigProbe probe = new ConfigProbe();

        try (LogCapture logs = LogCapture.start();
             JobScheduler s = builder(probe, sqliteEnvironment(Map.of("PATH", "/usr/bin", "HOME_GROWN_VARIABLE", "1",
                     "JOBS_TEST_PORBE_ENABLED", "false"))).build()) {
            assertThat(probe.config.get("services.stock.url")).contains("http://stock:8001");
            // Our own prefix with a misspelt job id: said, since the job would otherwise silently stay enabled.
            assertThat(logs.warnings()).anySatisfy(w -> assertThat(w).contains("JOBS_TEST_PORBE_ENABLED").contains("matches no setting")
                    .contains("test.probe"));
            assertThat(s.job("test.probe").orElseThrow().status()).isNotEqualTo(io.tradingjobs.core.JobState.DISABLED);
            assertThat(logs.warnings()).anySatisfy(w -> assertThat(w)
                    .contains(dir.resolve(".env").toString()).contains("SOME_OTHER_APP_SETTING").contains("ignored"));
            assertThat(logs.warnings()).noneSatisfy(w -> assertThat(w).containsAnyOf("PATH", "HOME_GROWN_VARIABLE"));
            assertThat(probe.config.keys()).doesNotContain("PATH", "path");
        }
    }

    @Test
    void aMissingNamedFileIsAWarningNotAnError() {
        ConfigProbe probe = new ConfigProbe();

        try (LogCapture logs = LogCapture.start();
             JobScheduler s = builder(probe, sqliteEnvironment(Map.of())).config("jobs.config.file", "nowhere.properties").build()) {
            assertThat(logs.warnings()).anySatisfy(w -> assertThat(w).contains("jobs.config.file=nowhere.properties does not exist"));
            assertThat(probe.config.get("services.stock.url")).contains("http://localhost:8001");
        }
    }
}
