package io.tradingjobs.nse;

import static io.tradingjobs.nse.internal.db.Tables.CORPORATE_ANNOUNCEMENTS;
import static io.tradingjobs.nse.internal.db.Tables.EARNINGS_CALENDAR;
import static io.tradingjobs.nse.internal.db.Tables.NSE_INDEX_MEMBERSHIP;
import static io.tradingjobs.nse.internal.db.Tables.NSE_SECTOR_INFO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tradingjobs.core.JobRun;
import io.tradingjobs.core.JobScheduler;
import io.tradingjobs.core.JobState;
import io.tradingjobs.core.RunStatus;
import io.tradingjobs.core.calendar.CalendarStore;
import io.tradingjobs.core.spi.Job;
import io.tradingjobs.core.spi.JobContext;
import io.tradingjobs.core.spi.JobDefinition;
import io.tradingjobs.core.test.LocalHttpServer;
import io.tradingjobs.core.test.LocalHttpServer.Reply;
import io.tradingjobs.nse.internal.NseSettings;
import io.tradingjobs.nse.internal.db.tables.records.CorporateAnnouncementsRecord;
import io.tradingjobs.nse.internal.db.tables.records.NseIndexMembershipRecord;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The NSE jobs run by a real scheduler against a local HTTP server that serves NSE and BSE
 * payloads; subclasses supply the database (SQLite file, PostgreSQL schema).
 */
abstract class NseJobsBehaviour {
    static final String NIFTY50 = "/primary/content/indices/ind_nifty50list.csv";
    static final String NEXT50 = "/primary/content/indices/ind_niftynext50list.csv";
    static final String NIFTY50_FALLBACK = "/fallback/content/indices/ind_nifty50list.csv";
    static final String NEXT50_FALLBACK = "/fallback/content/indices/ind_niftynext50list.csv";

    @TempDir
    Path dir;
    LocalHttpServer server;
    ShiftableClock clock;
    JobScheduler scheduler;
    String databaseUrl;
    /** The cookie value NSE's API accepts; its home page hands it out. */
    final AtomicReference<String> nseSession = new AtomicReference<>("session-1");

    /** A JDBC URL of a fresh, empty database. */
    abstract String newDatabase(Path dir);

    @BeforeEach
    void startServer() {
        server = LocalHttpServer.start();
        clock = new ShiftableClock();
        databaseUrl = newDatabase(dir);
        server.on("GET", "/", request -> Reply.html("<html><title>NSE - National Stock Exchange of India Ltd</title></html>")
                .cookie("nsit", nseSession.get()));
    }

    @AfterEach
    void stop() {
        if (scheduler != null) {
            scheduler.close();
        }
        server.close();
    }

    /** Starts a scheduler with only the NSE provider, every address pointing at the local server. */
    JobScheduler start(Map<String, String> settings) {
        Map<String, String> config = new HashMap<>();
        config.put("jobs.database.url", databaseUrl);
        config.put(NseSettings.BASE_URL, server.baseUrl());
        config.put(NseSettings.ARCHIVES_URL, server.url("/primary"));
        config.put(NseSettings.ARCHIVES_FALLBACK_URL, server.url("/fallback"));
        config.put(NseSettings.BSE_BASE_URL, server.baseUrl());
        config.put(NseSettings.NSE_RATE_LIMIT, "1000/s");
        config.put(NseSettings.BSE_RATE_LIMIT, "1000/s");
        config.put(NseSettings.INDICES, "NIFTY 50,NIFTY NEXT 50");
        config.put("http.retry.base-delay", "10ms");
        config.put("notify.dispatch.interval", "1h");
        for (String job : List.of("nse.indices", "nse.corporate-actions", "nse.holidays")) {
            config.put("jobs." + job + ".retry.max-attempts", "1");
            // Run only by the tests' runNow: a real 23:00/23:30 IST (or Sunday 06:00) fire during a test would make
            // runNow refuse (JobAlreadyRunningException) or add requests and rows the test counts.
            config.put("jobs." + job + ".schedule", "manual");
        }
        config.putAll(settings);
        scheduler = JobScheduler.builder().discover(false).environment(Map.of()).workingDirectory(dir).clock(clock)
                .config(config).provider(new NseJobProvider())
                .job(JobDefinition.builder("test.calendar-probe").schedule("manual").build(), CalendarProbe.class)
                .build();
        scheduler.start();
        return scheduler;
    }

    /** Runs {@code jobId} now and waits for its end. */
    JobRun run(String jobId) {
        String runId = scheduler.runNow(jobId);
        await().atMost(Duration.ofSeconds(60)).until(() -> scheduler.run(runId).map(r -> r.status().isFinal()).orElse(false));
        // The run is recorded as ended a moment before the job's slot is free for the next runNow.
        await().atMost(Duration.ofSeconds(10)).until(() -> scheduler.job(jobId).map(j -> j.status() != JobState.RUNNING).orElse(false));
        return scheduler.run(runId).orElseThrow();
    }

    JobRun runSucceeding(String jobId) {
        JobRun run = run(jobId);
        assertThat(run.status()).as("run of %s: %s %s", jobId, run.message(), run.error()).isEqualTo(RunStatus.SUCCEEDED);
        return run;
    }

    /** Reads the database with its own connection. */
    <T> T query(Function<DSLContext, T> reading) {
        try (Connection c = DriverManager.getConnection(databaseUrl)) {
            return reading.apply(DSL.using(c));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    List<String> currentMembers(String index) {
        return query(db -> db.select(NSE_INDEX_MEMBERSHIP.SYMBOL).from(NSE_INDEX_MEMBERSHIP)
                .where(NSE_INDEX_MEMBERSHIP.INDEX_NAME.eq(index).and(NSE_INDEX_MEMBERSHIP.LEFT_ON.isNull())
                        .and(NSE_INDEX_MEMBERSHIP.PLACEHOLDER.isFalse()))
                .orderBy(NSE_INDEX_MEMBERSHIP.SYMBOL).fetch(NSE_INDEX_MEMBERSHIP.SYMBOL));
    }

    List<NseIndexMembershipRecord> periods(String index, String symbol) {
        return query(db -> db.selectFrom(NSE_INDEX_MEMBERSHIP)
                .where(NSE_INDEX_MEMBERSHIP.INDEX_NAME.eq(index).and(NSE_INDEX_MEMBERSHIP.SYMBOL.eq(symbol)))
                .orderBy(NSE_INDEX_MEMBERSHIP.FIRST_SEEN).fetch());
    }

    Map<String, CorporateAnnouncementsRecord> announcements() {
        return query(db -> db.selectFrom(CORPORATE_ANNOUNCEMENTS).fetch().stream()
                .collect(Collectors.toMap(CorporateAnnouncementsRecord::getEventKey, r -> r)));
    }

    List<String> earnings() {
        return query(db -> db.select(EARNINGS_CALENDAR.SYMBOL, EARNINGS_CALENDAR.MEETING_DATE, EARNINGS_CALENDAR.EXCHANGES)
                .from(EARNINGS_CALENDAR).orderBy(EARNINGS_CALENDAR.SYMBOL).fetch()
                .map(r -> r.value1() + " " + r.value2() + " " + r.value3()));
    }

    String industry(String symbol) {
        return query(db -> db.select(NSE_SECTOR_INFO.INDUSTRY).from(NSE_SECTOR_INFO).where(NSE_SECTOR_INFO.SYMBOL.eq(symbol))
                .fetchOne(NSE_SECTOR_INFO.INDUSTRY));
    }

    List<String> notificationKeys() {
        return query(db -> db.select(DSL.field("event_key", String.class)).from(DSL.table("notification_events"))
                .orderBy(DSL.field("event_key")).fetch(DSL.field("event_key", String.class)));
    }

    LocalDate todayInIndia() {
        return LocalDate.now(clock.withZone(NseSettings.IST));
    }

    /** An API route that answers only requests carrying the current NSE session cookie. */
    void nseApi(String path, Reply reply) {
        server.on("GET", path, request -> nseSession.get().equals(request.cookie("nsit").orElse(null)) ? reply
                : Reply.status(401).body("application/json", "{\"message\":\"unauthorized\"}"));
    }

    /** CSV text with CRLF line endings, no final newline, as NSE writes its files. */
    static String csv(String... lines) {
        return String.join("\r\n", lines);
    }

    /** The lines of a fixture CSV, header first. */
    static List<String> lines(String fixture) {
        return Arrays.asList(Fixtures.text(fixture).split("\r?\n"));
    }

    /** Holds the calendar store the scheduler injects, to ask it what the NSE calendar now says. */
    static final class CalendarProbe implements Job {
        static final AtomicReference<CalendarStore> STORE = new AtomicReference<>();

        @Inject
        CalendarProbe(CalendarStore store) {
            STORE.set(store);
        }

        @Override
        public void run(JobContext context) {
            context.summary("probed");
        }
    }
}
