package io.tradingjobs.core.http;

import io.tradingjobs.core.test.LocalHttpServer;
import io.tradingjobs.core.test.LocalHttpServer.RecordedRequest;
import io.tradingjobs.core.test.LocalHttpServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.tradingjobs.core.http.HttpTestSupport.fastHttp;
import static io.tradingjobs.core.http.HttpTestSupport.sendInBackground;
import static io.tradingjobs.core.http.HttpTestSupport.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Rate limits applied to real requests. Which instant each permit is granted at is checked on
 * made-up times in HostRateLimiterTest; here only lower bounds are checked, on the server's
 * clock: a request cannot arrive before its permit, however busy the machine, but may arrive any
 * time after it, so the gap between two arrivals can be shorter or longer than between their permits.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RateLimitTest {
    /** Allowance for the limiter's sleep, which JDKs round to whole milliseconds (some to the nearest). */
    private static final Duration SLEEP_ROUNDING = Duration.ofMillis(1);
    private static final String LIMITER = "io.tradingjobs.core.internal.http.HostRateLimiter";

    private final LocalHttpServer server = LocalHttpServer.start();

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void limits_parse_from_the_Upstox_style_forms() {
        assertThat(RateLimit.parse("50/s")).isEqualTo(new RateLimit(50, Duration.ofSeconds(1)));
        assertThat(RateLimit.parse("500/min")).isEqualTo(new RateLimit(500, Duration.ofMinutes(1)));
        assertThat(RateLimit.parse("2000/30min")).isEqualTo(new RateLimit(2000, Duration.ofMinutes(30)));
        assertThat(RateLimit.parse(" 10 / 500ms ")).isEqualTo(new RateLimit(10, Duration.ofMillis(500)));
        assertThat(RateLimit.parseAll("50/s,500/min,2000/30min")).extracting(RateLimit::toString)
                .containsExactly("50/s", "500/min", "2000/30min");
    }

    @Test
    void a_bad_limit_is_rejected_with_the_value_and_examples() {
        assertThatThrownBy(() -> RateLimit.parse("50 per second"))
                .hasMessageContaining("'50 per second'").hasMessageContaining("50/s, 500/min, 2000/30min");
        assertThatThrownBy(() -> RateLimit.parse("0/s")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> RateLimit.parse("5/3fortnights")).hasMessageContaining("unknown unit 'fortnights'");
    }

    @Test
    void twenty_per_second_spreads_forty_requests_from_four_threads_over_two_seconds() throws Exception {
        server.on("GET", "/v2/market-quote/ltp", Reply.json("{}"));
        ExecutorService callers = Executors.newFixedThreadPool(4);
        Instant sendFrom;
        try (Http http = fastHttp()) {
            warmUp(http);
            http.rateLimit(server.host(), RateLimit.parse("20/s"));
            sendFrom = server.now();
            List<Future<HttpResponse>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                results.add(callers.submit(() -> http.get(server.url("/v2/market-quote/ltp")).send()));
            }
            for (Future<HttpResponse> result : results) {
                assertThat(result.get().status()).isEqualTo(200);
            }
        } finally {
            callers.shutdownNow();
        }

        List<RecordedRequest> requests = new ArrayList<>(server.requests("GET", "/v2/market-quote/ltp"));
        requests.sort(Comparator.comparing(RecordedRequest::receivedAt));
        assertThat(requests).hasSize(40);
        // Permits come one every 50 ms from when sending began, and the k-th request to arrive cannot
        // have arrived before the k-th permit: the last one no sooner than 1.95 s after the start.
        for (int k = 0; k < requests.size(); k++) {
            assertThat(Duration.between(sendFrom, requests.get(k).receivedAt())).as("arrival #%d", k)
                    .isGreaterThanOrEqualTo(Duration.ofMillis(50L * k).minus(SLEEP_ROUNDING));
        }
    }

    @Test
    void every_window_is_enforced_when_several_apply_at_once() throws Exception {
        server.on("GET", "/quotes", Reply.json("{}"));
        Instant sendFrom;
        try (Http http = fastHttp()) {
            warmUp(http);
            http.rateLimit(server.host(), RateLimit.parseAll("100/s,5/400ms").toArray(RateLimit[]::new));
            sendFrom = server.now();
            for (int i = 0; i < 6; i++) {
                http.get(server.url("/quotes")).send();
            }
        }

        List<RecordedRequest> requests = server.requests("GET", "/quotes");
        assertThat(requests).hasSize(6);
        // At 100/s alone the sixth could go after 50 ms; the 5/400ms window holds it back to 400 ms.
        assertThat(Duration.between(sendFrom, requests.get(5).receivedAt())).as("the sixth waits for the 400ms window")
                .isGreaterThanOrEqualTo(Duration.ofMillis(400).minus(SLEEP_ROUNDING));
    }

    @Test
    void limits_are_read_from_the_settings_per_host() throws Exception {
        server.on("GET", "/configured", Reply.json("{}"));
        Instant sendFrom;
        try (Http http = fastHttp("http.rate-limit." + server.host(), "2/300ms")) {
            warmUp(http);
            sendFrom = server.now();
            for (int i = 0; i < 3; i++) {
                http.get(server.url("/configured")).send();
            }
        }

        List<RecordedRequest> requests = server.requests("GET", "/configured");
        assertThat(requests).hasSize(3);
        // the third waits until the first has left the 300 ms window
        assertThat(Duration.between(sendFrom, requests.get(2).receivedAt()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(300).minus(SLEEP_ROUNDING));
    }

    @Test
    void other_hosts_are_not_limited() throws Exception {
        server.on("GET", "/free", Reply.json("{}"));
        try (Http http = fastHttp("http.rate-limit.api.upstox.com", "1/min")) {
            for (int i = 0; i < 5; i++) {
                http.get(server.url("/free")).send();
            }
        }

        // Held to 1/min the five would take four minutes; the bound is loose, for a busy machine.
        assertThat(server.requests()).hasSize(5);
        assertThat(span(server.requests())).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void interrupting_a_caller_waiting_for_a_permit_aborts_at_once() throws Exception {
        server.on("GET", "/limited", Reply.json("{}"));
        try (Http http = fastHttp()) {
            http.rateLimit(server.host(), RateLimit.parse("1/min"));
            http.get(server.url("/limited")).send();
            HttpTestSupport.Outcome outcome = new HttpTestSupport.Outcome();
            Thread caller = sendInBackground(http.get(server.url("/limited")), outcome);
            // in the limiter's sleep for the next permit, most of a minute away
            await().atMost(Duration.ofSeconds(30)).until(() -> HttpTestSupport.isSleepingIn(caller, LIMITER));

            long interruptedAt = System.nanoTime();
            caller.interrupt();

            // "At once" against a wait of most of a minute: 10 s allows for a busy machine.
            await().atMost(Duration.ofSeconds(10)).until(() -> !caller.isAlive());
            assertThat(Duration.ofNanos(outcome.finishedNanos - interruptedAt)).isLessThan(Duration.ofSeconds(10));
            assertThat(((HttpException) outcome.error.get()).isInterruption()).isTrue();
            assertThat(outcome.interruptedAfterwards).isTrue();
            assertThat(server.requestCount("GET", "/limited")).isEqualTo(1);
        }
    }

    /** Loads the client's classes and opens a connection, so that timings measure only the limiter. */
    private void warmUp(Http http) throws HttpException {
        server.on("GET", "/warm-up", Reply.ok());
        http.get(server.url("/warm-up")).send();
    }
}
