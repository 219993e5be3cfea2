package io.tradingjobs.core.http;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tradingjobs.core.internal.http.ApacheHttp;
import io.tradingjobs.core.test.LocalHttpServer;
import io.tradingjobs.core.test.LocalHttpServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

import static io.tradingjobs.core.http.HttpTestSupport.fastHttp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class HttpErrorsTest {
    private static final String TOKEN = "eyJ0eXAiOiJKV1QiLCJrZXlfaWQiOiJza192MS4wIn0.secret-access-token";

    private final LocalHttpServer server = LocalHttpServer.start();
    private final Http http = fastHttp();

    @AfterEach
    void close() {
        http.close();
        server.close();
    }

    @Test
    void an_error_names_method_URL_and_status_with_secret_query_values_masked() {
        server.on("GET", "/api/quote", Reply.status(404).body("application/json", "{\"message\":\"no such symbol\"}"));

        HttpException e = catchThrowableOfType(HttpException.class, () -> http.get(server.url("/api/quote?token=abc123secret"))
                .query("apikey", "k-987654")
                .query("instrument_key", "NSE_EQ|INE002A01018")
                .send());

        assertThat(e.getMessage())
                .startsWith("GET " + server.url("/api/quote?token=****&apikey=****&instrument_key=NSE_EQ%7CINE002A01018"))
                .contains("HTTP 404 Not Found", "no such symbol")
                .doesNotContain("abc123secret", "k-987654");
        assertThat(e.url()).doesNotContain("abc123secret", "k-987654");
        assertThat(e.method()).isEqualTo("GET");
        assertThat(e.status()).isEqualTo(404);
        assertThat(e.bodySnippet()).hasValue("{\"message\":\"no such symbol\"}");
    }

    @Test
    void the_bearer_token_never_appears_in_messages_snippets_toString_or_logs() {
        server.on("POST", "/v2/order", Reply.status(401).body("application/json",
                "{\"error\":\"invalid token " + TOKEN + "\",\"access_token\":\"" + TOKEN + "\"}"));
        server.on("GET", "/v2/busy", Reply.status(503).body("text/plain", "Authorization: Bearer " + TOKEN));
        Logger logger = (Logger) LoggerFactory.getLogger(ApacheHttp.class);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        Level level = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        try {
            Http.Request order = http.post(server.url("/v2/order")).bearerToken(TOKEN).json(java.util.Map.of("quantity", 1));
            HttpException rejected = catchThrowableOfType(HttpException.class, order::send);
            HttpException busy = catchThrowableOfType(HttpException.class, 
                    () -> http.get(server.url("/v2/busy")).bearerToken(TOKEN).retries(2).send());

            assertThat(order.toString()).contains("Authorization: ****").doesNotContain(TOKEN);
            for (HttpException e : new HttpException[] {rejected, busy}) {
                assertThat(e.getMessage()).doesNotContain(TOKEN);
                assertThat(e.toString()).doesNotContain(TOKEN);
                assertThat(e.bodySnippet().orElse("")).doesNotContain(TOKEN).contains("****");
            }
            assertThat(logs.list).isNotEmpty();
            assertThat(logs.list).allSatisfy(event -> assertThat(event.getFormattedMessage()).doesNotContain(TOKEN));
            assertThat(server.lastRequest().orElseThrow().header("Authorization")).hasValue("Bearer " + TOKEN);
        } finally {
            logger.detachAppender(logs);
            logger.setLevel(level);
        }
    }

    @Test
    void an_HTML_error_page_read_as_JSON_fails_naming_the_URL() throws Exception {
        server.on("GET", "/api/corporates-corporateActions",
                Reply.html("<html><head><title>Access Denied</title></head><body>Reference #18.abc</body></html>"));

        HttpResponse response = http.get(server.url("/api/corporates-corporateActions")).send();

        assertThatThrownBy(response::json)
                .isInstanceOf(HttpException.class)
                .hasMessageContaining("GET " + server.url("/api/corporates-corporateActions"))
                .hasMessageContaining("HTML")
                .hasMessageContaining("Access Denied");
    }

    @Test
    void truncated_JSON_fails_saying_it_is_truncated() throws Exception {
        server.on("GET", "/api/holiday-master", Reply.json("{\"CM\":[{\"tradingDate\":\"26-Jan-2025\""));

        HttpResponse response = http.get(server.url("/api/holiday-master")).send();

        assertThatThrownBy(response::json).isInstanceOf(HttpException.class)
                .hasMessageContaining(server.url("/api/holiday-master")).hasMessageContaining("truncated");
        assertThatThrownBy(() -> response.json(Holidays.class)).isInstanceOf(HttpException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void JSON_followed_by_other_content_is_not_accepted() throws Exception {
        server.on("GET", "/api/equity-stockIndices", Reply.json("{\"data\":[]}<!-- served by edge-7 -->"));

        HttpResponse response = http.get(server.url("/api/equity-stockIndices")).send();

        assertThatThrownBy(response::json).isInstanceOf(HttpException.class)
                .hasMessageContaining(server.url("/api/equity-stockIndices")).hasMessageContaining("not valid JSON");
    }

    @Test
    void JSON_binds_to_a_type_ignoring_unknown_fields_and_keeping_decimals_exact() throws Exception {
        server.on("GET", "/ltp", Reply.json("{\"symbol\":\"RELIANCE\",\"last_price\":2987.35,\"extra\":1}"));

        HttpResponse response = http.get(server.url("/ltp")).send();

        assertThat(response.json(Quote.class)).isEqualTo(new Quote("RELIANCE", new java.math.BigDecimal("2987.35")));
        assertThat(response.json().get("last_price").decimalValue()).isEqualByComparingTo("2987.35");
    }

    @Test
    void a_body_declared_over_the_cap_fails_naming_the_URL_and_the_cap() {
        try (Http capped = fastHttp("http.max-body-bytes", "1KiB")) {
            byte[] big = new byte[4096];
            Arrays.fill(big, (byte) 'x');
            server.on("GET", "/bhavcopy.csv", Reply.ok().body("text/csv", big));

            HttpException e = catchThrowableOfType(HttpException.class, () -> capped.get(server.url("/bhavcopy.csv")).send());

            assertThat(e.getMessage()).contains("GET " + server.url("/bhavcopy.csv"), "over the cap of 1024 bytes", "http.max-body-bytes");
            assertThat(server.requestCount("GET", "/bhavcopy.csv")).as("not retried").isEqualTo(1);
        }
    }

    @Test
    void a_streamed_body_over_the_cap_is_abandoned_without_reading_the_rest() {
        long endless = 512L * 1024 * 1024;
        AtomicLong served = new AtomicLong();
        server.on("GET", "/huge", Reply.stream("application/octet-stream", () -> new ZeroStream(endless, served)));
        try (Http capped = fastHttp("http.max-body-bytes", "1MiB")) {

            HttpException e = catchThrowableOfType(HttpException.class, () -> capped.get(server.url("/huge")).send());

            assertThat(e.getMessage()).contains(server.url("/huge"), "over the cap of 1048576 bytes");
            assertThat(served.get()).as("bytes the server managed to send").isLessThan(64L * 1024 * 1024);
        }
    }

    @Test
    void a_bad_URL_is_rejected_when_the_request_is_built_with_secrets_masked() {
        assertThatThrownBy(() -> http.get("ftp://example.com/file?token=abc123secret"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("token=****").hasMessageNotContaining("abc123secret");
        assertThatThrownBy(() -> http.get("https://api.upstox.com/v2/ltp?instrument_key=NSE_EQ|INE002A01018"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("query(name, value)");
    }

    @Test
    void a_closed_client_refuses_to_send() {
        http.close();

        assertThatThrownBy(() -> http.get(server.url("/x")).send()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void every_retry_is_logged_with_URL_status_and_delay() throws Exception {
        server.on("GET", "/retry-log", Reply.status(503), Reply.status(503), Reply.json("{}"));
        Logger logger = (Logger) LoggerFactory.getLogger(ApacheHttp.class);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        Level level = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        try {
            http.get(server.url("/retry-log")).send();
        } finally {
            logger.detachAppender(logs);
            logger.setLevel(level);
        }

        assertThat(logs.list).filteredOn(e -> e.getFormattedMessage().contains("retrying in")).hasSize(2)
                .allSatisfy(e -> assertThat(e.getFormattedMessage()).contains(server.url("/retry-log"), "HTTP 503", " ms"));
        assertThat(logs.list).filteredOn(e -> e.getLevel() == Level.WARN).hasSize(1);
    }

    record Quote(String symbol, @com.fasterxml.jackson.annotation.JsonProperty("last_price") java.math.BigDecimal lastPrice) {
    }

    record Holidays(java.util.List<java.util.Map<String, Object>> CM) {
    }

    /** {@code size} zero bytes, counting what was read. */
    private static final class ZeroStream extends InputStream {
        private final long size;
        private final AtomicLong read;

        ZeroStream(long size, AtomicLong read) {
            this.size = size;
            this.read = read;
        }

        @Override
        public int read() {
            return read(new byte[1], 0, 1) < 0 ? -1 : 0;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            long left = size - read.get();
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            Arrays.fill(b, off, off + n, (byte) 0);
            read.addAndGet(n);
            return n;
        }
    }
}
