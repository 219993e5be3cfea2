package io.tradingjobs.core.http;

import io.tradingjobs.core.test.LocalHttpServer;
import io.tradingjobs.core.test.LocalHttpServer.RecordedRequest;
import io.tradingjobs.core.test.LocalHttpServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.tradingjobs.core.http.HttpTestSupport.between;
import static io.tradingjobs.core.http.HttpTestSupport.fastHttp;
import static io.tradingjobs.core.http.HttpTestSupport.sendInBackground;
import static io.tradingjobs.core.http.HttpTestSupport.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RateLimitTest {
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
        try (Http http = fastHttp()) {
            warmUp(http);
            http.rateLimit(server.host(), RateLimit.parse("20/s"));
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
        // One every 50 ms: 39 gaps make 1.95 s; the margins allow for delivery jitter on a busy machine.
        assertThat(span(requests)).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
        for (int i = 0; i + 20 < requests.size(); i++) {
            assertThat(between(requests.get(i), requests.get(i + 20))).as("21 requests within one second from #" + i)
                    .isGreaterThanOrEqualTo(Duration.ofMillis(900));
        }
    }

    @Test
    void every_window_is_enforced_when_several_apply_at_once() throws Exception {
        server.on("GET", "/quotes", Reply.json("{}"));
        try (Http http = fastHttp()) {
            warmUp(http);
            http.rateLimit(server.host(), RateLimit.parseAll("100/s,5/400ms").toArray(RateLimit[]::new));
            for (int i = 0; i < 6; i++) {
                http.get(server.url("/quotes")).send();
            }
        }

        List<RecordedRequest> requests = server.requests("GET", "/quotes");
        assertThat(between(requests.get(0), requests.get(4))).as("the first five go at the 100/s pace").isLessThan(Duration.ofMillis(300));
        assertThat(between(requests.get(0), requests.get(5))).as("the sixth waits for the 400ms window").isGreaterThanOrEqualTo(Duration.ofMillis(380));
    }

    @Test
    void limits_are_read_from_the_settings_per_host() throws Exception {
        server.on("GET", "/configured", Reply.json("{}"));
        try (Http http = fastHttp("http.rate-limit." + server.host(), "2/300ms")) {
            warmUp(http);
            for (int i = 0; i < 3; i++) {
                http.get(server.url("/configured")).send();
            }
        }

        List<RecordedRequest> requests = server.requests("GET", "/configured");
        assertThat(between(requests.get(0), requests.get(2))).isGreaterThanOrEqualTo(Duration.ofMillis(280));
    }

    @Test
    void other_hosts_are_not_limited() throws Exception {
        server.on("GET", "/free", Reply.json("{}"));
        try (Http http = fastHttp("http.rate-limit.api.upstox.com", "1/min")) {
            for (int i = 0; i < 5; i++) {
                http.get(server.url("/free")).send();
            }
        }

        assertThat(span(server.requests())).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void interrupting_a_caller_waiting_for_a_permit_aborts_at_once() throws Exception {
        server.on("GET", "/limited", Reply.json("{}"));
        try (Http http = fastHttp()) {
            http.rateLimit(server.host(), RateLimit.parse("1/min"));
            http.get(server.url("/limited")).send();
            HttpTestSupport.Outcome outcome = new HttpTestSupport.Outcome();
            Thread caller = sendInBackground(http.get(server.url("/limited")), outcome);
            await().atMost(Duration.ofSeconds(5)).until(() -> caller.getState() == Thread.State.TIMED_WAITING);

            long interruptedAt = System.nanoTime();
            caller.interrupt();

            await().atMost(Duration.ofSeconds(2)).until(() -> !caller.isAlive());
            assertThat(Duration.ofNanos(outcome.finishedNanos - interruptedAt)).isLessThan(Duration.ofSeconds(1));
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
