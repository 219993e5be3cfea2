package io.tradingjobs.nse;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingjobs.core.JobRun;
import io.tradingjobs.core.RunStatus;
import io.tradingjobs.core.test.LocalHttpServer.RecordedRequest;
import io.tradingjobs.core.test.LocalHttpServer.Reply;
import io.tradingjobs.nse.internal.NseSettings;
import io.tradingjobs.nse.internal.db.tables.records.NseIndexMembershipRecord;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code nse.indices} on a real scheduler and database. */
abstract class IndicesJobBehaviour extends NseJobsBehaviour {

    private void serveRealFiles() {
        server.on("GET", NIFTY50, Reply.resource(Fixtures.resource("ind_nifty50list.csv")));
        server.on("GET", NEXT50, Reply.resource(Fixtures.resource("ind_niftynext50list.csv")));
    }

    @Test
    void theRealFilesBecomeMembersSectorsAndAFlaggedPlaceholder() {
        serveRealFiles();
        start(Map.of());

        JobRun run = runSucceeding("nse.indices");

        assertThat(currentMembers("NIFTY 50")).hasSize(50).contains("ADANIENT", "RELIANCE");
        assertThat(currentMembers("NIFTY NEXT 50")).hasSize(50).doesNotContain("DUMMYSIEMS");
        assertThat(periods("NIFTY NEXT 50", "DUMMYSIEMS")).singleElement().satisfies(p -> {
            assertThat(p.getPlaceholder()).isTrue();
            assertThat(p.getIsin()).isEqualTo("DUM003A01024");
        });
        assertThat(industry("ADANIENT")).isEqualTo("Metals & Mining");
        assertThat(industry("DUMMYSIEMS")).isNull();
        assertThat(run.message()).contains("updated 2/2 indices").contains("NIFTY 50 50").contains("NIFTY NEXT 50 50");
        RecordedRequest request = server.requests("GET", NIFTY50).get(0);
        assertThat(request.header("User-Agent").orElseThrow()).startsWith("Mozilla/5.0");
    }

    @Test
    void twoLeaversAndTwoJoinersNextDayAreKeptAsHistory() {
        serveRealFiles();
        start(Map.of());
        LocalDate day1 = todayInIndia();
        runSucceeding("nse.indices");

        List<String> next = new ArrayList<>(lines("ind_nifty50list.csv"));
        next.removeIf(l -> l.contains(",ADANIENT,") || l.contains(",ADANIPORTS,"));
        next.add("Hindustan Aeronautics Ltd.,CAPITAL GOODS,HAL,EQ,INE066F01020");
        next.add("Vedanta Ltd.,Metals & Mining,VEDL,BE,INE205A01025");
        // With a byte-order mark this time, as some NSE files have.
        server.on("GET", NIFTY50, Reply.ok().body("text/csv", "\uFEFF" + csv(next.toArray(String[]::new))));
        clock.advance(Duration.ofDays(1));
        LocalDate day2 = todayInIndia();
        JobRun second = runSucceeding("nse.indices");

        assertThat(currentMembers("NIFTY 50")).hasSize(50).contains("HAL", "VEDL").doesNotContain("ADANIENT", "ADANIPORTS");
        assertThat(periods("NIFTY 50", "ADANIENT")).singleElement().satisfies(p -> {
            assertThat(p.getFirstSeen()).isEqualTo(day1.toString());
            assertThat(p.getLastSeen()).isEqualTo(day1.toString());
            assertThat(p.getLeftOn()).isEqualTo(day2.toString());
        });
        assertThat(periods("NIFTY 50", "HAL")).singleElement().satisfies(p -> {
            assertThat(p.getFirstSeen()).isEqualTo(day2.toString());
            assertThat(p.getLeftOn()).isNull();
        });
        assertThat(periods("NIFTY 50", "RELIANCE")).singleElement().satisfies(p -> {
            assertThat(p.getFirstSeen()).isEqualTo(day1.toString());
            assertThat(p.getLastSeen()).isEqualTo(day2.toString());
        });
        assertThat(periods("NIFTY NEXT 50", "HAL")).singleElement().extracting(NseIndexMembershipRecord::getLeftOn).isNull();
        assertThat(industry("HAL")).isEqualTo("Capital Goods");
        assertThat(periods("NIFTY 50", "VEDL").get(0).getSeries()).isEqualTo("BE");
        assertThat(second.message()).contains("NIFTY 50 50 (+2/-2)");
    }

    @Test
    void aFileThatLosesMoreThanHalfTheMembersOrParsesToNothingIsRejectedAndTheMembersStay() {
        serveRealFiles();
        start(Map.of());
        runSucceeding("nse.indices");

        server.on("GET", NIFTY50, Reply.ok().body("text/csv", csv(lines("ind_nifty50list.csv").subList(0, 21).toArray(String[]::new))));
        server.on("GET", NEXT50, Reply.ok().body("text/csv", csv("Company Name,Industry,Symbol,Series,ISIN Code",
                "Dummy Siemens Ltd.,Capital Goods,DUMMYSIEMS,EQ,DUM003A01024")));
        JobRun rejected = run("nse.indices");

        assertThat(rejected.status()).isEqualTo(RunStatus.FAILED);
        assertThat(rejected.message())
                .contains(server.url(NIFTY50)).contains("would lose 30 of its 50 members")
                .contains(server.url(NEXT50)).contains("zero members");
        assertThat(currentMembers("NIFTY 50")).hasSize(50);
        assertThat(currentMembers("NIFTY NEXT 50")).hasSize(50);
    }

    @Test
    void anHtmlPageOrAMissingFileOnTheArchivesHostFallsBackToTheNewerHost() {
        server.on("GET", NIFTY50, Reply.html("<!DOCTYPE html><html><body>Access Denied</body></html>"));
        server.on("GET", NEXT50, Reply.status(404));
        server.on("GET", NIFTY50_FALLBACK, Reply.resource(Fixtures.resource("ind_nifty50list.csv")));
        server.on("GET", NEXT50_FALLBACK, Reply.resource(Fixtures.resource("ind_niftynext50list.csv")));
        start(Map.of());

        runSucceeding("nse.indices");

        assertThat(currentMembers("NIFTY 50")).hasSize(50);
        assertThat(currentMembers("NIFTY NEXT 50")).hasSize(50);
        assertThat(server.requestCount("GET", NIFTY50)).isEqualTo(1);
        assertThat(server.requestCount("GET", NIFTY50_FALLBACK)).isEqualTo(1);
    }

    @Test
    void aServerErrorIsRetriedByTheHttpLayer() {
        server.on("GET", NIFTY50, Reply.status(503), Reply.resource(Fixtures.resource("ind_nifty50list.csv")));
        server.on("GET", NEXT50, Reply.resource(Fixtures.resource("ind_niftynext50list.csv")));
        start(Map.of());

        runSucceeding("nse.indices");

        assertThat(server.requestCount("GET", NIFTY50)).isEqualTo(2);
        assertThat(server.requestCount("GET", NIFTY50_FALLBACK)).isZero();
        assertThat(currentMembers("NIFTY 50")).hasSize(50);
    }

    @Test
    void whenBothHostsServeBadFilesTheRunFailsNamingEachUrlAndStoresNothing() {
        server.on("GET", NIFTY50, Reply.html("<html>Maintenance</html>"));
        server.on("GET", NIFTY50_FALLBACK, Reply.ok().body("text/csv", csv("Company,Industry,Ticker,Series,ISIN", "A,B,C,EQ,INE000A01011")));
        server.on("GET", NEXT50, Reply.resource(Fixtures.resource("ind_niftynext50list.csv")));
        start(Map.of());

        JobRun run = run("nse.indices");

        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.message()).contains(server.url(NIFTY50)).contains("HTML")
                .contains(server.url(NIFTY50_FALLBACK)).contains("header is Company,Industry,Ticker,Series,ISIN");
        assertThat(currentMembers("NIFTY 50")).isEmpty();
        assertThat(currentMembers("NIFTY NEXT 50")).hasSize(50);
    }

    @Test
    void requestsToTheArchivesAreSpacedByThePoliteRateLimit() {
        serveRealFiles();
        String nifty100 = "/primary/content/indices/ind_nifty100list.csv";
        server.on("GET", nifty100, Reply.resource(Fixtures.resource("ind_nifty50list.csv")));
        start(Map.of("nse.rate-limit", "4/s", NseSettings.INDICES, "NIFTY 50,NIFTY NEXT 50,NIFTY 100"));

        runSucceeding("nse.indices");

        // One permit every 250 ms at 4/s. Arrivals at the server also include each request's transit time, largest for
        // the first (a new connection), which can swallow the first spacing. But the second file is only asked for after
        // the first arrived and was answered, and the third gets its permit 250 ms after the second's: so the third
        // arrives at least one full spacing after the first (less under 1 ms: a sleep rounded to whole milliseconds).
        Duration gap = Duration.between(server.requests("GET", NIFTY50).get(0).receivedAt(),
                server.requests("GET", nifty100).get(0).receivedAt());
        assertThat(gap).isGreaterThanOrEqualTo(Duration.ofMillis(250 - 1));
    }
}
