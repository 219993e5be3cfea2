package io.tradingjobs.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingjobs.core.JobScheduler;
import io.tradingjobs.core.JobState;
import io.tradingjobs.core.SchedulerBuildException;
import io.tradingjobs.core.SchedulerBuildException.Problem;
import io.tradingjobs.core.spi.Job;
import io.tradingjobs.core.spi.JobDefinition;
import io.tradingjobs.core.test.TestDatabases;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every configuration error is found at {@code build()} and reported together, each with the key,
 * the bad value and the fix; secrets never appear.
 */
class ConfigurationErrorsTest {
    private static final Job NOTHING = ctx -> { };
    private static final String DB_PASSWORD = "pg-S3cr3t-pw";
    private static final String TELEGRAM_TOKEN = "7781:TELEGRAM-t0ken";
    private static final String SMTP_PASSWORD = "smtp-hunter2";
    private static final String UPSTOX_TOKEN = "upstox-tok-55aa";

    @TempDir
    Path dir;

    private static final JobDefinition MARKET_SYNC = JobDefinition.builder("market.sync").name("Market data sync")
            .schedule("every 1 hour").requires("market.upstox.token").build();
    private static final JobDefinition NSE_INDICES = JobDefinition.builder("nse.indices").schedule("daily at 18:00").build();
    private static final JobDefinition BVMT_PULSE = JobDefinition.builder("bvmt.pulse").schedule("every 15 minutes").build();

    private JobScheduler.Builder builder() {
        return JobScheduler.builder().discover(false).environment(Map.of()).workingDirectory(dir)
                .job(MARKET_SYNC, NOTHING).job(NSE_INDICES, NOTHING).job(BVMT_PULSE, NOTHING);
    }

    @Test
    void everyProblemOfOneBuildIsReportedInOneExceptionWithKeyValueAndFix() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("jobs.nse.indices.schedule", "*/61 * * * *");
        config.put("jobs.timezone", "Asia/Calcutta_X");
        config.put("jobs.nse.indice.schedule", "daily at 19:00");
        config.put("jobs.shutdown.timeout", "soon");
        config.put("jobs.bvmt.pulse.schedule", "every 15 minutes during XSE market hours");
        config.put("jobs.database.url", "postgresql://u:" + DB_PASSWORD + "@127.0.0.1:1/db");
        config.put("jobs.database.connect-timeout", "1s");
        config.put("notify.telegram.token", TELEGRAM_TOKEN);
        config.put("notify.telegram.chat-id", "-1001234567890");
        config.put("notify.email.smtp.password", SMTP_PASSWORD);

        SchedulerBuildException e;
        try (LogCapture logs = LogCapture.start()) {
            e = buildFails(builder().config(config));
            assertThat(logs.lines()).noneSatisfy(line -> assertThat(line).contains(DB_PASSWORD));
        }

        assertThat(e.problems()).extracting(Problem::where).containsExactlyInAnyOrder("jobs.nse.indices.schedule", "jobs.timezone",
                "jobs.nse.indice.schedule", "jobs.shutdown.timeout", "jobs.bvmt.pulse.schedule", "market.upstox.token",
                "jobs.database.url");
        assertThat(e.problems()).allSatisfy(p -> {
            assertThat(p.problem()).isNotBlank();
            assertThat(p.fix()).isNotBlank();
        });
        assertThat(e).hasMessageStartingWith("7 problems in the trading-jobs configuration");

        assertThat(problem(e, "jobs.nse.indices.schedule")).satisfies(p -> {
            assertThat(p.value()).isEqualTo("*/61 * * * *");
            assertThat(p.problem()).contains("'*/61 * * * *'").contains("61").contains("valid examples");
        });
        assertThat(problem(e, "jobs.timezone")).satisfies(p -> {
            assertThat(p.value()).isEqualTo("Asia/Calcutta_X");
            assertThat(p.problem() + p.fix()).contains("Asia/Kolkata");
        });
        assertThat(problem(e, "jobs.nse.indice.schedule")).satisfies(p -> {
            assertThat(p.value()).isEqualTo("daily at 19:00");
            assertThat(p.problem()).contains("there is no job 'nse.indice'").contains("did you mean 'nse.indices'");
            assertThat(p.fix()).contains("bvmt.pulse, market.sync, nse.indices");
        });
        assertThat(problem(e, "jobs.shutdown.timeout")).satisfies(p -> {
            assertThat(p.value()).isEqualTo("soon");
            assertThat(p.problem() + p.fix()).contains("30s");
        });
        assertThat(problem(e, "jobs.bvmt.pulse.schedule")).satisfies(p -> {
            assertThat(p.value()).isEqualTo("every 15 minutes during XSE market hours");
            assertThat(p.problem()).contains("unknown trading calendar 'XSE'");
            assertThat(p.fix()).contains("BSE", "BVMT", "NSE");
        });
        assertThat(problem(e, "market.upstox.token")).satisfies(p -> {
            assertThat(p.value()).isNull();
            assertThat(p.problem()).contains("market.sync");
            assertThat(p.fix()).contains("MARKET_UPSTOX_TOKEN").contains("jobs.market.sync.enabled=false");
        });
        assertThat(problem(e, "jobs.database.url")).satisfies(p -> {
            assertThat(p.value()).isEqualTo("postgresql://****@127.0.0.1:1/db");
            assertThat(p.problem()).contains("127.0.0.1:1");
            assertThat(p.fix()).isNotBlank();
        });
        assertThat(e.getMessage()).doesNotContain(DB_PASSWORD, TELEGRAM_TOKEN, SMTP_PASSWORD);
        assertThat(e.problems()).allSatisfy(p -> assertThat(p.toString()).doesNotContain(DB_PASSWORD, TELEGRAM_TOKEN, SMTP_PASSWORD));
    }

    @Test
    void aMisspeltJobIdInAnEnvironmentStyleNameFromTheHostsCodeFailsTheBuild() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("trading-jobs.properties"),
                "JOBS_MARKET_SYNC_TIMEOUT=5m\nJOBS_MARKET_SYNK_TIMEOUT=5m\n");
        SchedulerBuildException e = buildFails(builder().defaults(Map.of("JOBS_NSE_INDICE_SCHEDULE", "daily at 19:00"))
                .config("JOBS_BVMT_PULS_ENABLED", "false").config("JOBS_NSE_INDICES_SCHEDULE", "daily at 20:00")
                .config("market.upstox.token", "t"));

        // The correctly spelt names (JOBS_NSE_INDICES_SCHEDULE, JOBS_MARKET_SYNC_TIMEOUT in the file) are applied, not reported.
        assertThat(e.problems()).extracting(Problem::where).containsExactlyInAnyOrder("JOBS_NSE_INDICE_SCHEDULE", "JOBS_BVMT_PULS_ENABLED",
                "JOBS_MARKET_SYNK_TIMEOUT");
        assertThat(problem(e, "JOBS_BVMT_PULS_ENABLED")).satisfies(p -> {
            assertThat(p.value()).isEqualTo("false");
            assertThat(p.problem()).contains("matches no job's setting", "JOBS_<ID>_ENABLED");
            assertThat(p.fix()).contains("bvmt.pulse, market.sync, nse.indices");
        });
    }

    @Test
    void aJobThatIsDisabledNeedsNoneOfItsRequiredSettings() {
        try (JobScheduler s = builder().config("jobs.database.url", TestDatabases.sqlite(dir))
                .config("jobs.market.sync.enabled", "false").build()) {
            assertThat(s.job("market.sync")).hasValueSatisfying(j -> assertThat(j.status()).isEqualTo(JobState.DISABLED));
            assertThat(s.job("nse.indices")).hasValueSatisfying(j -> assertThat(j.status()).isEqualTo(JobState.SCHEDULED));
        }
    }

    @Test
    void aJobWhoseRequiredSettingIsGivenBuildsAndItsTokenIsNeverLogged() {
        try (LogCapture logs = LogCapture.start();
             JobScheduler s = builder().config("jobs.database.url", TestDatabases.sqlite(dir))
                     .config("market.upstox.token", UPSTOX_TOKEN).build()) {
            assertThat(s.job("market.sync")).hasValueSatisfying(j -> assertThat(j.status()).isEqualTo(JobState.SCHEDULED));
            assertThat(logs.lines()).anySatisfy(line -> assertThat(line).contains("market.upstox.token=****"));
            assertThat(logs.lines()).noneSatisfy(line -> assertThat(line).contains(UPSTOX_TOKEN));
        }
    }

    @Test
    void clusteringOnSqliteIsRefused() {
        SchedulerBuildException e = buildFails(builder()
                .config("jobs.database.url", TestDatabases.sqlite(dir)).config("market.upstox.token", UPSTOX_TOKEN)
                .config("jobs.cluster.enabled", "true"));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.where()).isEqualTo("jobs.cluster.enabled");
            assertThat(p.value()).isEqualTo("true");
            assertThat(p.problem()).contains("clustering needs PostgreSQL").contains("SQLite");
            assertThat(p.fix()).contains("PostgreSQL URL").contains("jobs.cluster.enabled=false");
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jdbc:sqlite::memory:", "jdbc:sqlite:", "sqlite::memory:", "jdbc:sqlite:file::memory:?cache=shared"})
    void anInMemorySqliteDatabaseIsRefused(String url) {
        SchedulerBuildException e = buildFails(builder()
                .config("jobs.database.url", url).config("market.upstox.token", UPSTOX_TOKEN));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.where()).isEqualTo("jobs.database.url");
            assertThat(p.value()).isEqualTo(url);
            assertThat(p.problem()).contains("in-memory SQLite database is not supported");
            assertThat(p.problem() + p.fix()).contains("jdbc:sqlite:./data/trading-jobs.db");
        });
    }

    @Test
    void aPasswordInAJdbcUrlIsMaskedInTheProblem() {
        SchedulerBuildException e = buildFails(builder()
                .config("jobs.database.url", "jdbc:postgresql://127.0.0.1:1/db?user=u&password=" + DB_PASSWORD)
                .config("jobs.database.connect-timeout", "1s").config("market.upstox.token", UPSTOX_TOKEN));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.where()).isEqualTo("jobs.database.url");
            assertThat(p.value()).isEqualTo("jdbc:postgresql://127.0.0.1:1/db?user=u&password=****");
        });
        assertThat(e.getMessage()).contains("127.0.0.1:1").doesNotContain(DB_PASSWORD);
    }

    @Test
    void malformedPerJobSettingsAreReportedWithTheirValues() {
        SchedulerBuildException e = buildFails(builder()
                .config("jobs.database.url", TestDatabases.sqlite(dir)).config("market.upstox.token", UPSTOX_TOKEN)
                .config("jobs.market.sync.timeout", "forever").config("jobs.nse.indices.enabled", "maybe"));

        assertThat(e.problems()).extracting(Problem::where).containsExactlyInAnyOrder("jobs.market.sync.timeout", "jobs.nse.indices.enabled");
        assertThat(problem(e, "jobs.market.sync.timeout").value()).isEqualTo("forever");
        assertThat(problem(e, "jobs.market.sync.timeout").problem()).contains("30s");
        assertThat(problem(e, "jobs.nse.indices.enabled").value()).isEqualTo("maybe");
        assertThat(problem(e, "jobs.nse.indices.enabled").problem()).contains("true or false");
    }

    /** Builds, expecting a {@link SchedulerBuildException}; a scheduler built by mistake is closed so it cannot hold its name. */
    private static SchedulerBuildException buildFails(JobScheduler.Builder builder) {
        try (JobScheduler unexpected = builder.build()) {
            throw new AssertionError("build() succeeded on " + unexpected.database());
        } catch (SchedulerBuildException e) {
            return e;
        }
    }

    private static Problem problem(SchedulerBuildException e, String where) {
        List<Problem> found = e.problems().stream().filter(p -> p.where().equals(where)).toList();
        assertThat(found).as("problems at %s in %s", where, e.problems()).hasSize(1);
        return found.get(0);
    }
}
