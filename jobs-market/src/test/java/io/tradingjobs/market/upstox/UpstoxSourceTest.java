package io.tradingjobs.market.upstox;

import io.tradingjobs.core.config.Config;
import io.tradingjobs.core.http.Http;
import io.tradingjobs.core.test.LocalHttpServer;
import io.tradingjobs.core.test.LocalHttpServer.Reply;
import io.tradingjobs.market.source.Candle;
import io.tradingjobs.market.source.CandleInterval;
import io.tradingjobs.market.source.InvalidTokenException;
import io.tradingjobs.market.source.MarketDataException;
import io.tradingjobs.market.source.OptionStrike;
import io.tradingjobs.market.source.Quote;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UpstoxSourceTest {
    private static final String RELIANCE = "NSE_EQ|INE002A01018";
    private static final String TCS = "NSE_EQ|INE467B01029";
    private static final String ENC = "NSE_EQ%7CINE002A01018";
    private static final Clock FRIDAY_NOON_IST = Clock.fixed(Instant.parse("2026-01-30T06:30:00Z"), ZoneOffset.UTC);

    private LocalHttpServer server;
    private Http http;
    private UpstoxSource upstox;

    @BeforeEach
    void start() {
        server = LocalHttpServer.start();
        Config config = Config.of(Map.of("http.retry.base-delay", "10ms", "market.upstox.base-url", server.baseUrl(),
                "market.upstox.token", "secret-token-123"));
        http = Http.create(config);
        upstox = new UpstoxSource(http, config, FRIDAY_NOON_IST);
    }

    @AfterEach
    void stop() {
        http.close();
        server.close();
    }

    private static String candles(String... rows) {
        return "{\"status\":\"success\",\"data\":{\"candles\":[" + String.join(",", rows) + "]}}";
    }

    @Test
    void historicalCandlesArriveNewestFirstWithIstOffsetsAndComeBackOldestFirstWithMissingMinutesLeftOut() throws Exception {
        server.on("GET", "/v2/historical-candle/" + ENC + "/1minute/2026-01-29/2026-01-29", Reply.json(candles(
                "[\"2026-01-29T09:18:00+05:30\",1402.0,1403.5,1401.0,1403.0,5200,0]",
                "[\"2026-01-29T09:16:00+05:30\",1400.5,1402.5,1400.0,1402.0,4100,0]",
                "[\"2026-01-29T09:15:00+05:30\",1399.0,1401.0,1398.5,1400.5,9800,0]")));

        List<Candle> got = upstox.candles(RELIANCE, CandleInterval.ONE_MINUTE, LocalDate.parse("2026-01-29"), LocalDate.parse("2026-01-29"));

        assertThat(got).extracting(Candle::time).containsExactly(Instant.parse("2026-01-29T03:45:00Z"),
                Instant.parse("2026-01-29T03:46:00Z"), Instant.parse("2026-01-29T03:48:00Z"));
        assertThat(got.get(0).volume()).isEqualTo(9800);
        assertThat(server.lastRequest().orElseThrow().path()).isEqualTo("/v2/historical-candle/" + ENC + "/1minute/2026-01-29/2026-01-29");
        assertThat(server.lastRequest().orElseThrow().headers().get("Authorization")).containsExactly("Bearer secret-token-123");
    }

    @Test
    void aRangeReachingTodayAddsTheIntradayCandlesAndFiveMinuteBarsUseTheV3Api() throws Exception {
        server.on("GET", "/v3/historical-candle/" + ENC + "/minutes/5/2026-01-29/2026-01-28", Reply.json(candles(
                "[\"2026-01-29T15:25:00+05:30\",10.0,11.0,9.0,10.5,100,0]")));
        server.on("GET", "/v3/historical-candle/intraday/" + ENC + "/minutes/5", Reply.json(candles(
                "[\"2026-01-30T09:20:00+05:30\",10.5,11.0,10.0,10.8,50,0]", "[\"2026-01-30T09:15:00+05:30\",10.4,10.9,10.1,10.5,70,0]")));

        List<Candle> got = upstox.candles(RELIANCE, CandleInterval.FIVE_MINUTES, LocalDate.parse("2026-01-28"), LocalDate.parse("2026-01-30"));

        assertThat(got).extracting(c -> c.time().toString())
                .containsExactly("2026-01-29T09:55:00Z", "2026-01-30T03:45:00Z", "2026-01-30T03:50:00Z");
    }

    @Test
    void theErrorEnvelopeBecomesAnExceptionCarryingTheCodeTheMessageTheInstrumentAndTheUrl() {
        server.on("GET", "/v2/historical-candle/NSE_EQ%7CBAD/day/2026-01-29/2026-01-20",
                Reply.status(400).body("application/json", "{\"status\":\"error\",\"errors\":[{\"errorCode\":\"UDAPI1021\","
                        + "\"message\":\"Instrument key is invalid\",\"propertyPath\":null,\"invalidValue\":null}]}"));

        assertThatThrownBy(() -> upstox.candles("NSE_EQ|BAD", CandleInterval.DAY, LocalDate.parse("2026-01-20"), LocalDate.parse("2026-01-29")))
                .isInstanceOfSatisfying(MarketDataException.class, e -> {
                    assertThat(e.errorCode()).contains("UDAPI1021");
                    assertThat(e.isTransient()).isFalse();
                    assertThat(e.getMessage()).startsWith("NSE_EQ|BAD: ").contains("Instrument key is invalid")
                            .contains(server.baseUrl() + "/v2/historical-candle/NSE_EQ%7CBAD/day/2026-01-29/2026-01-20");
                });
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void anInvalidTokenFailsAtOnceWithoutRetriesAndNeverShowsTheToken() {
        server.on("GET", "/v2/historical-candle/" + ENC + "/day/2026-01-29/2026-01-20", Reply.status(401).body("application/json",
                "{\"status\":\"error\",\"errors\":[{\"errorCode\":\"UDAPI100050\",\"message\":\"Invalid token used to access API\"}]}"));

        assertThatThrownBy(() -> upstox.candles(RELIANCE, CandleInterval.DAY, LocalDate.parse("2026-01-20"), LocalDate.parse("2026-01-29")))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessageContaining("UDAPI100050").hasMessageContaining("market.upstox.token")
                .hasMessageNotContaining("secret-token-123");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void aBurstOf429sWithoutRetryAfterIsBackedOffAndTheFetchThenSucceeds() throws Exception {
        String path = "/v2/historical-candle/" + ENC + "/day/2026-01-29/2026-01-29";
        server.on("GET", path, Reply.status(429).body("application/json", "{\"status\":\"error\",\"errors\":[{\"errorCode\":\"UDAPI10005\","
                + "\"message\":\"Too Many Request Sent\"}]}"), Reply.status(429), Reply.status(429),
                Reply.json(candles("[\"2026-01-29T00:00:00+05:30\",1390.0,1410.0,1385.0,1400.0,8800000,0]")));

        List<Candle> got = upstox.candles(RELIANCE, CandleInterval.DAY, LocalDate.parse("2026-01-29"), LocalDate.parse("2026-01-29"));

        assertThat(got).singleElement().satisfies(c -> assertThat(c.time()).isEqualTo(Instant.parse("2026-01-28T18:30:00Z")));
        List<LocalHttpServer.RecordedRequest> tries = server.requests("GET", path);
        assertThat(tries).hasSize(4);
        assertThat(java.time.Duration.between(tries.get(2).receivedAt(), tries.get(3).receivedAt()))
                .isGreaterThan(java.time.Duration.between(tries.get(0).receivedAt(), tries.get(1).receivedAt()));
    }

    @Test
    void malformedAnswersFailWithAClearErrorNamingTheInstrumentAndUrl() {
        String base = "/v2/historical-candle/" + ENC + "/day/2026-01-29/2026-01-29";
        LocalDate d = LocalDate.parse("2026-01-29");
        server.on("GET", base, Reply.html("<html><body><h1>502 Bad Gateway</h1></body></html>"));
        assertThatThrownBy(() -> upstox.candles(RELIANCE, CandleInterval.DAY, d, d)).isInstanceOf(MarketDataException.class)
                .hasMessageStartingWith(RELIANCE).hasMessageContaining("HTML").hasMessageContaining(base);

        server.on("GET", base, Reply.json("{\"status\":\"success\",\"data\":{\"candles\":[[\"2026-01-29T00:00:00+05:30\",1390.0,14"));
        assertThatThrownBy(() -> upstox.candles(RELIANCE, CandleInterval.DAY, d, d)).isInstanceOf(MarketDataException.class)
                .hasMessageStartingWith(RELIANCE).hasMessageContaining("truncated");

        server.on("GET", base, Reply.json(candles("[\"2026-01-29T00:00:00+05:30\",1390.0,1380.0,1385.0,1386.0,10,0]")));
        assertThatThrownBy(() -> upstox.candles(RELIANCE, CandleInterval.DAY, d, d)).isInstanceOf(MarketDataException.class)
                .hasMessageContaining("high 1380.0 below low 1385.0").hasMessageContaining(base);

        server.on("GET", base, Reply.json(candles("[\"2026-01-29T00:00:00+05:30\",1390.0,1400.0,null,1386.0,10,0]")));
        assertThatThrownBy(() -> upstox.candles(RELIANCE, CandleInterval.DAY, d, d)).isInstanceOf(MarketDataException.class)
                .hasMessageContaining("null low price");
    }

    @Test
    void quotesAreKeyedBySymbolInTheAnswerAndMatchedOnInstrumentToken() throws Exception {
        server.on("GET", "/v2/market-quote/quotes", Reply.json("{\"status\":\"success\",\"data\":{"
                + "\"NSE_EQ:TCS\":{\"ohlc\":{\"open\":3100.0,\"high\":3120.0,\"low\":3090.0,\"close\":3110.0},\"instrument_token\":\"" + TCS + "\","
                + "\"symbol\":\"TCS\",\"last_price\":3115.5,\"volume\":1200,\"net_change\":5.5,\"oi\":0,\"last_trade_time\":\"1769754600000\"},"
                + "\"NSE_EQ:RELIANCE\":{\"ohlc\":{\"open\":1400.0,\"high\":1410.0,\"low\":1395.0,\"close\":1402.0},\"instrument_token\":\"" + RELIANCE + "\","
                + "\"symbol\":\"RELIANCE\",\"last_price\":1404.2,\"volume\":98000,\"net_change\":2.2,\"oi\":0,\"timestamp\":\"2026-01-30T12:00:01.123+05:30\"}}}"));

        Map<String, Quote> quotes = upstox.quotes(List.of(RELIANCE, TCS));

        assertThat(quotes).containsOnlyKeys(RELIANCE, TCS);
        assertThat(quotes.get(RELIANCE).symbol()).isEqualTo("RELIANCE");
        assertThat(quotes.get(RELIANCE).lastPrice()).isEqualTo(1404.2);
        assertThat(quotes.get(TCS).time()).isEqualTo(Instant.ofEpochMilli(1769754600000L));
        assertThat(server.lastRequest().orElseThrow().query("instrument_key")).contains(RELIANCE + "," + TCS);
    }

    @Test
    void theOptionChainIsReadStrikeByStrike() throws Exception {
        server.on("GET", "/v2/option/chain", Reply.json(io.tradingjobs.market.UpstoxFakeAccess.optionChain("NSE_INDEX|Nifty 50", "2026-02-26")));

        List<OptionStrike> chain = upstox.optionChain("NSE_INDEX|Nifty 50", LocalDate.parse("2026-02-26"));

        assertThat(chain).extracting(OptionStrike::strike).containsExactly(23000.0, 23050.0);
        assertThat(chain.get(0).call().openInterest()).isEqualTo(2250);
        assertThat(chain.get(0).put().iv()).isEqualTo(14.1);
        assertThat(server.lastRequest().orElseThrow().query("instrument_key")).contains("NSE_INDEX|Nifty 50");
        assertThat(server.lastRequest().orElseThrow().query("expiry_date")).contains("2026-02-26");
    }

    @Test
    void requestsToTheUpstoxHostAreSpacedByItsPerSecondLimit() throws Exception {
        Config config = Config.of(Map.of("market.upstox.base-url", server.baseUrl(), "market.upstox.rate-limits", "20/s,500/min,2000/30min"));
        try (Http limited = Http.create(config)) {
            UpstoxSource slow = new UpstoxSource(limited, config, FRIDAY_NOON_IST);
            String path = "/v2/historical-candle/" + ENC + "/day/2026-01-29/2026-01-29";
            server.on("GET", path, Reply.json(candles("[\"2026-01-29T00:00:00+05:30\",1390.0,1410.0,1385.0,1400.0,8800000,0]")));
            for (int i = 0; i < 6; i++) {
                slow.candles(RELIANCE, CandleInterval.DAY, LocalDate.parse("2026-01-29"), LocalDate.parse("2026-01-29"));
            }
            List<LocalHttpServer.RecordedRequest> got = server.requests("GET", path);
            assertThat(got).hasSize(6);
            // One permit every 50 ms at 20/s. Arrival times at the server differ from the permits by the time each request
            // spends in transit, which is largest for the first one (a new connection), so 0 -> 5 need not show five
            // spacings. What holds regardless: request 1 is only asked for after request 0 arrived and was answered, and
            // requests 2..5 each get their permit 50 ms after the previous one, so request 5 arrives at least four spacings
            // after request 0 (less under 1 ms: a sleep rounded to whole milliseconds).
            assertThat(java.time.Duration.between(got.get(0).receivedAt(), got.get(5).receivedAt()))
                    .isGreaterThanOrEqualTo(java.time.Duration.ofMillis(4 * 50 - 1));
        }
    }

    @Test
    void lastPricesOfSixHundredInstrumentsTakeTwoRequestsOfAtMostFiveHundredKeys() throws Exception {
        List<String> keys = new java.util.ArrayList<>();
        StringBuilder body = new StringBuilder("{\"status\":\"success\",\"data\":{");
        for (int i = 0; i < 600; i++) {
            String key = String.format("NSE_EQ|INE%06dA01", i);
            keys.add(key);
            body.append(i == 0 ? "" : ",").append("\"NSE_EQ:SYM").append(i).append("\":{\"last_price\":").append(100 + i)
                    .append(",\"instrument_token\":\"").append(key).append("\"}");
        }
        server.on("GET", "/v2/market-quote/ltp", Reply.json(body.append("}}").toString()));

        Map<String, Quote> got = upstox.ltp(keys);

        assertThat(got).hasSize(600);
        assertThat(got.get("NSE_EQ|INE000599A01").lastPrice()).isEqualTo(699.0);
        assertThat(server.requests("GET", "/v2/market-quote/ltp")).extracting(r -> r.query("instrument_key").orElseThrow().split(",").length)
                .containsExactly(500, 100);
    }
}
