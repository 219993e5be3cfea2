package io.tradingjobs.core.http;

import io.tradingjobs.core.test.LocalHttpServer;
import io.tradingjobs.core.test.LocalHttpServer.RecordedRequest;
import io.tradingjobs.core.test.LocalHttpServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.tradingjobs.core.http.HttpTestSupport.between;
import static io.tradingjobs.core.http.HttpTestSupport.fastHttp;
import static io.tradingjobs.core.http.HttpTestSupport.sendInBackground;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class HttpRetriesTest {
    private final LocalHttpServer server = LocalHttpServer.start();
    private final Http http = fastHttp();

    @AfterEach
    void close() {
        http.close();
        server.close();
    }

    @Test
    void a_429_with_Retry_After_is_retried_no_sooner_than_the_server_asked() throws Exception {
        server.on("GET", "/v2/market-quote/ltp",
                Reply.status(429).header("Retry-After", "1"),
                Reply.json("{\"status\":\"success\"}"));

        HttpResponse response = http.get(server.url("/v2/market-quote/ltp")).send();

        assertThat(response.status()).isEqualTo(200);
        List<RecordedRequest> requests = server.requests("GET", "/v2/market-quote/ltp");
        assertThat(requests).hasSize(2);
        assertThat(between(requests.get(0), requests.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void a_429_without_Retry_After_backs_off_exponentially_then_succeeds() throws Exception {
        try (Http slower = fastHttp("http.retry.base-delay", "40ms")) {
            server.on("GET", "/quotes", Reply.status(429), Reply.status(429), Reply.json("{}"));

            HttpResponse response = slower.get(server.url("/quotes")).send();

            assertThat(response.status()).isEqualTo(200);
            List<RecordedRequest> requests = server.requests("GET", "/quotes");
            assertThat(requests).hasSize(3);
            // Equal jitter: the n-th delay is between half and all of 40ms * 2^(n-1).
            assertThat(between(requests.get(0), requests.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(19));
            assertThat(between(requests.get(1), requests.get(2))).isGreaterThanOrEqualTo(Duration.ofMillis(39));
        }
    }

    @Test
    void a_503_is_retried_and_the_later_200_returned() throws Exception {
        server.on("GET", "/feed", Reply.status(503), Reply.json("{\"ok\":true}"));

        HttpResponse response = http.get(server.url("/feed")).send();

        assertThat(response.json().get("ok").asBoolean()).isTrue();
        assertThat(server.requestCount("GET", "/feed")).isEqualTo(2);
    }

    @Test
    void a_5xx_that_persists_fails_after_the_configured_attempts_naming_status_and_count() {
        server.on("GET", "/down", Reply.status(502).body("text/plain", "upstream gone"));

        HttpException e = catchThrowableOfType(HttpException.class, () -> http.get(server.url("/down")).retries(3).send());

        assertThat(e.status()).isEqualTo(502);
        assertThat(e.getMessage()).contains("GET " + server.url("/down"), "HTTP 502 Bad Gateway after 3 attempts", "upstream gone");
        assertThat(server.requestCount("GET", "/down")).isEqualTo(3);
    }

    @Test
    void sendAllowingErrors_returns_the_final_5xx_after_retrying() throws Exception {
        server.on("GET", "/down", Reply.status(503).body("application/json", "{\"error\":\"maintenance\"}"));

        HttpResponse response = http.get(server.url("/down")).retries(2).sendAllowingErrors();

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.json().get("error").asText()).isEqualTo("maintenance");
        assertThat(server.requestCount("GET", "/down")).isEqualTo(2);
    }

    @Test
    void a_POST_is_retried_on_429_and_503_but_not_on_a_500_the_server_may_have_acted_on() throws Exception {
        server.on("POST", "/v2/order/place", Reply.status(503), Reply.status(429), Reply.status(500), Reply.json("{}"));

        HttpException e = catchThrowableOfType(HttpException.class,
                () -> http.post(server.url("/v2/order/place")).json(java.util.Map.of("quantity", 1)).send());

        assertThat(e.status()).isEqualTo(500);
        assertThat(e.getMessage()).contains("not retried as POST may have been acted on");
        assertThat(server.requestCount("POST", "/v2/order/place")).isEqualTo(3);
    }

    @Test
    void a_POST_declared_idempotent_is_retried_like_a_GET() throws Exception {
        server.on("POST", "/market/search", Reply.status(500), Reply.dropConnection(), Reply.json("{}"));

        HttpResponse response = http.post(server.url("/market/search")).form(java.util.Map.of("q", "SFBT")).idempotent(true).send();

        assertThat(response.status()).isEqualTo(200);
        assertThat(server.requestCount("POST", "/market/search")).isEqualTo(3);
    }

    @Test
    void a_dropped_connection_is_retried() throws Exception {
        server.on("GET", "/flaky", Reply.dropConnection(), Reply.text("fine"));

        HttpResponse response = http.get(server.url("/flaky")).send();

        assertThat(response.text()).isEqualTo("fine");
        assertThat(server.requestCount("GET", "/flaky")).isEqualTo(2);
    }

    @Test
    void a_refused_connection_is_retried_then_fails_naming_the_URL() {
        String url;
        try (LocalHttpServer gone = LocalHttpServer.start()) {
            url = gone.url("/v2/historical-candle/NSE_EQ%7CINE002A01018/day/2024-01-31?token=s3cr3t-value");
        }

        HttpException e = catchThrowableOfType(HttpException.class, () -> http.get(url).retries(3).send());

        assertThat(e.status()).isEqualTo(HttpException.NO_STATUS);
        assertThat(e.getMessage())
                .contains("GET " + url.replace("s3cr3t-value", "****"), "could not connect", "after 3 attempts")
                .doesNotContain("s3cr3t-value");
    }

    @Test
    void a_401_fails_at_once_without_retrying() {
        server.on("GET", "/v2/user/profile", Reply.status(401).body("application/json", "{\"status\":\"error\",\"errors\":[{\"errorCode\":\"UDAPI100050\"}]}"));

        HttpException e = catchThrowableOfType(HttpException.class, () -> http.get(server.url("/v2/user/profile")).send());

        assertThat(e.status()).isEqualTo(401);
        assertThat(e.getMessage()).contains("HTTP 401 Unauthorized, not retried", "UDAPI100050");
        assertThat(server.requestCount("GET", "/v2/user/profile")).isEqualTo(1);
    }

    @Test
    void a_403_and_a_404_are_not_retried_either() {
        server.on("GET", "/forbidden", Reply.status(403));
        server.on("GET", "/missing", Reply.status(404));

        HttpException forbidden = catchThrowableOfType(HttpException.class, () -> http.get(server.url("/forbidden")).send());
        HttpException missing = catchThrowableOfType(HttpException.class, () -> http.get(server.url("/missing")).send());

        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void a_response_that_does_not_start_within_the_timeout_fails_with_a_timeout() {
        server.on("GET", "/slow", Reply.json("{}").delay(Duration.ofSeconds(10)));
        long start = System.nanoTime();

        HttpException e = catchThrowableOfType(HttpException.class, 
                () -> http.get(server.url("/slow")).timeout(Duration.ofMillis(200)).retries(1).send());

        assertThat(e.getMessage()).contains("timed out waiting for the response");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void interrupting_a_caller_waiting_to_retry_aborts_at_once() {
        server.on("GET", "/busy", Reply.status(503).header("Retry-After", "30"));
        HttpTestSupport.Outcome outcome = new HttpTestSupport.Outcome();
        Thread caller = sendInBackground(http.get(server.url("/busy")), outcome);
        // The request having arrived does not put the caller in the retry wait yet (it still reads the 503):
        // wait until it sleeps in Failsafe's retry delay.
        await().atMost(Duration.ofSeconds(30)).until(() -> HttpTestSupport.isSleepingIn(caller, "dev.failsafe."));
        assertThat(server.requestCount("GET", "/busy")).isEqualTo(1);

        long interruptedAt = System.nanoTime();
        caller.interrupt();

        // "At once" against the 30 s the server asked for: 10 s allows for a busy machine.
        await().atMost(Duration.ofSeconds(10)).until(() -> !caller.isAlive());
        assertThat(Duration.ofNanos(outcome.finishedNanos - interruptedAt)).isLessThan(Duration.ofSeconds(10));
        assertThat(outcome.error.get()).isInstanceOf(HttpException.class);
        assertThat(((HttpException) outcome.error.get()).isInterruption()).isTrue();
        assertThat(outcome.error.get().getMessage()).contains("interrupted", server.url("/busy"));
        assertThat(outcome.interruptedAfterwards).as("the thread stays interrupted").isTrue();
        assertThat(server.requestCount("GET", "/busy")).isEqualTo(1);
    }

    @Test
    void interrupting_a_caller_waiting_for_a_slow_answer_aborts_the_exchange() {
        server.on("GET", "/hanging", Reply.json("{}").delay(Duration.ofSeconds(30)));
        HttpTestSupport.Outcome outcome = new HttpTestSupport.Outcome();
        Thread caller = sendInBackground(http.get(server.url("/hanging")), outcome);
        await().atMost(Duration.ofSeconds(5)).until(() -> server.requestCount("GET", "/hanging") == 1);

        caller.interrupt();

        // The answer would take 30 s; 10 s allows for a busy machine.
        await().atMost(Duration.ofSeconds(10)).until(() -> !caller.isAlive());
        assertThat(((HttpException) outcome.error.get()).isInterruption()).isTrue();
        assertThat(outcome.interruptedAfterwards).isTrue();
        assertThat(server.requestCount("GET", "/hanging")).as("not retried").isEqualTo(1);
    }
}
