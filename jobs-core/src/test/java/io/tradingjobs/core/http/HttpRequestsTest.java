package io.tradingjobs.core.http;

import io.tradingjobs.core.test.LocalHttpServer;
import io.tradingjobs.core.test.LocalHttpServer.RecordedRequest;
import io.tradingjobs.core.test.LocalHttpServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.tradingjobs.core.http.HttpTestSupport.fastHttp;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class HttpRequestsTest {
    private final LocalHttpServer server = LocalHttpServer.start();
    private final Http http = fastHttp();

    @AfterEach
    void close() {
        http.close();
        server.close();
    }

    @Test
    void query_values_such_as_Upstox_instrument_keys_are_percent_encoded() throws Exception {
        server.on("GET", "/v2/market-quote/quotes", Reply.json("{}"));

        http.get(server.url("/v2/market-quote/quotes"))
                .query("instrument_key", "NSE_EQ|INE002A01018")
                .query("index", "NSE_INDEX|Nifty 50")
                .query("note", "a+b&c=d")
                .send();

        RecordedRequest request = server.lastRequest().orElseThrow();
        assertThat(request.rawQuery())
                .isEqualTo("instrument_key=NSE_EQ%7CINE002A01018&index=NSE_INDEX%7CNifty%2050&note=a%2Bb%26c%3Dd");
        assertThat(request.query("instrument_key")).hasValue("NSE_EQ|INE002A01018");
        assertThat(request.query("index")).hasValue("NSE_INDEX|Nifty 50");
        assertThat(request.query("note")).hasValue("a+b&c=d");
    }

    @Test
    void query_parameters_are_appended_to_a_URL_that_already_has_a_query() throws Exception {
        server.on("GET", "/api/quote-equity", Reply.json("{}"));

        http.get(server.url("/api/quote-equity?symbol=RELIANCE")).query("section", "trade_info").send();

        assertThat(server.lastRequest().orElseThrow().rawQuery()).isEqualTo("symbol=RELIANCE&section=trade_info");
    }

    @Test
    void a_gzip_body_is_decoded_and_gzip_is_asked_for() throws Exception {
        String json = "{\"data\":\"" + "NIFTY 50 ".repeat(500) + "\"}";
        server.on("GET", "/api/allIndices", Reply.json(json).gzip());

        HttpResponse response = http.get(server.url("/api/allIndices")).send();

        assertThat(response.text()).isEqualTo(json);
        assertThat(response.json().get("data").asText()).startsWith("NIFTY 50 NIFTY 50");
        assertThat(server.lastRequest().orElseThrow().header("Accept-Encoding")).hasValueSatisfying(v -> assertThat(v).contains("gzip"));
    }

    @Test
    void a_deflate_body_is_decoded() throws Exception {
        server.on("GET", "/deflated", Reply.text("BVMT TUNINDEX ".repeat(200)).deflate());

        assertThat(http.get(server.url("/deflated")).send().text()).isEqualTo("BVMT TUNINDEX ".repeat(200));
    }

    @Test
    void cookies_set_by_a_first_response_are_sent_on_the_next_until_cleared() throws Exception {
        server.on("GET", "/", Reply.html("<html>NSE</html>").cookie("nsit", "abc123").cookie("bm_sv", "xyz"));
        server.on("GET", "/api/holiday-master", request -> request.cookie("nsit").isPresent()
                ? Reply.json("{\"CM\":[]}") : Reply.status(401));

        http.get(server.url("/")).send();
        HttpResponse primed = http.get(server.url("/api/holiday-master")).send();

        assertThat(primed.status()).isEqualTo(200);
        assertThat(server.lastRequest().orElseThrow().cookie("nsit")).hasValue("abc123");
        assertThat(http.cookies(server.host())).containsEntry("nsit", "abc123").containsEntry("bm_sv", "xyz");

        http.clearCookies(server.host());

        assertThat(http.cookies(server.host())).isEmpty();
        HttpResponse unprimed = http.get(server.url("/api/holiday-master")).sendAllowingErrors();
        assertThat(unprimed.status()).isEqualTo(401);
        assertThat(server.lastRequest().orElseThrow().header("Cookie")).isEmpty();
    }

    @Test
    void a_browser_like_User_Agent_is_sent_unless_configured_or_set_on_the_request() throws Exception {
        server.on("GET", "/ua", Reply.ok());

        http.get(server.url("/ua")).send();
        assertThat(server.lastRequest().orElseThrow().header("User-Agent")).hasValueSatisfying(ua ->
                assertThat(ua).startsWith("Mozilla/5.0").contains("Chrome/"));

        http.get(server.url("/ua")).header("User-Agent", "curl/8.5").send();
        assertThat(server.lastRequest().orElseThrow().header("User-Agent")).hasValue("curl/8.5");

        try (Http custom = fastHttp("http.user-agent", "trading-jobs-test/1.0")) {
            custom.get(server.url("/ua")).send();
        }
        assertThat(server.lastRequest().orElseThrow().header("User-Agent")).hasValue("trading-jobs-test/1.0");
    }

    @Test
    void json_bodies_are_written_by_Jackson_with_ISO_dates() throws Exception {
        server.on("POST", "/v2/order/place", Reply.json("{\"status\":\"success\"}"));
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("instrument_token", "NSE_EQ|INE002A01018");
        order.put("quantity", 1);
        order.put("valid_till", LocalDate.of(2025, 1, 31));

        http.post(server.url("/v2/order/place")).json(order).retries(1).send();

        RecordedRequest request = server.lastRequest().orElseThrow();
        assertThat(request.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(request.bodyText())
                .isEqualTo("{\"instrument_token\":\"NSE_EQ|INE002A01018\",\"quantity\":1,\"valid_till\":\"2025-01-31\"}");
    }

    @Test
    void form_bodies_are_url_encoded() throws Exception {
        server.on("POST", "/v2/login/authorization/token", Reply.json("{\"access_token\":\"t\"}"));
        Map<String, String> form = new LinkedHashMap<>();
        form.put("code", "a b/c");
        form.put("grant_type", "authorization_code");

        http.post(server.url("/v2/login/authorization/token")).form(form).send();

        RecordedRequest request = server.lastRequest().orElseThrow();
        assertThat(request.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/x-www-form-urlencoded"));
        assertThat(request.bodyText()).isEqualTo("code=a+b%2Fc&grant_type=authorization_code");
    }

    @Test
    void text_uses_the_charset_of_the_content_type_and_drops_a_byte_order_mark() throws Exception {
        server.on("GET", "/latin1", Reply.ok().body("text/plain; charset=ISO-8859-1", "Société Générale".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
        server.on("GET", "/bom.csv", Reply.ok().body("text/csv", "\uFEFFSymbol,Series\nRELIANCE,EQ\n"));

        assertThat(http.get(server.url("/latin1")).send().text()).isEqualTo("Société Générale");
        HttpResponse csv = http.get(server.url("/bom.csv")).send();
        assertThat(csv.text()).startsWith("Symbol,Series");
        assertThat(csv.contentType()).isEqualTo("text/csv");
    }

    @Test
    void redirects_are_followed_and_the_final_URL_reported() throws Exception {
        server.on("GET", "/old", Reply.status(302).header("Location", "/new"));
        server.on("GET", "/new", Reply.text("moved"));

        HttpResponse response = http.get(server.url("/old")).send();

        assertThat(response.text()).isEqualTo("moved");
        assertThat(response.url()).isEqualTo(server.url("/new"));
    }
}
