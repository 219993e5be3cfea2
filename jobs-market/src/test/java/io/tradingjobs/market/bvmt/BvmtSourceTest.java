package io.tradingjobs.market.bvmt;

import io.tradingjobs.core.config.Config;
import io.tradingjobs.core.http.Http;
import io.tradingjobs.core.test.LocalHttpServer;
import io.tradingjobs.core.test.LocalHttpServer.Reply;
import io.tradingjobs.market.source.Board;
import io.tradingjobs.market.source.Candle;
import io.tradingjobs.market.source.CandleInterval;
import io.tradingjobs.market.source.MarketDataException;
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

class BvmtSourceTest {
    private LocalHttpServer server;
    private Http http;
    private BvmtSource bvmt;

    @BeforeEach
    void start() {
        server = LocalHttpServer.start();
        Config config = Config.of(Map.of("http.retry.base-delay", "10ms", "market.bvmt.base-url", server.url("/rest_api/rest")));
        http = Http.create(config);
        bvmt = new BvmtSource(http, config, Clock.fixed(Instant.parse("2026-01-30T10:00:00Z"), ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        http.close();
        server.close();
    }

    @Test
    void theBoardAndBothIndicesAreRead() throws Exception {
        server.on("GET", "/rest_api/rest/market/groups/11,12,52,95,99", Reply.json(BvmtFake.typicalBoard()));
        server.on("GET", "/rest_api/rest/market/TN0009050014", Reply.json(BvmtFake.index("TN0009050014", 11234.56, 0.42)));
        server.on("GET", "/rest_api/rest/market/TN0009050287", Reply.json(BvmtFake.index("TN0009050287", 5012.3, -0.1)));

        Board board = bvmt.board();

        assertThat(board.simulated()).isFalse();
        assertThat(board.quotes()).hasSize(6);
        assertThat(board.quotes().get(0)).satisfies(q -> {
            assertThat(q.ticker()).isEqualTo("BIAT");
            assertThat(q.sector()).isEqualTo("Banks");
            assertThat(q.reference()).isEqualTo(110.0);
            assertThat(q.last()).isEqualTo(112.2);
            assertThat(q.changePercent()).isEqualTo(2.0);
        });
        assertThat(board.indices()).extracting(i -> i.indexKey() + "=" + i.value())
                .containsExactly("TUNINDEX=11234.56", "TUNINDEX20=5012.3");
    }

    @Test
    void historyRowsBecomeDailyCandles() throws Exception {
        server.on("GET", "/rest_api/rest/history/TN0001100254", Reply.json("{\"history\":["
                + "{\"seance\":\"2026-01-28\",\"open\":12.1,\"high\":12.6,\"low\":12.0,\"close\":12.5,\"volume\":30000},"
                + "{\"seance\":\"2026-01-29\",\"open\":12.5,\"high\":12.9,\"low\":12.4,\"close\":12.8,\"volume\":41000}]}"));

        List<Candle> got = bvmt.candles("TN0001100254", CandleInterval.DAY, LocalDate.parse("2026-01-29"), LocalDate.parse("2026-01-29"));

        assertThat(got).singleElement().satisfies(c -> {
            assertThat(c.close()).isEqualTo(12.8);
            assertThat(c.time()).isEqualTo(Instant.parse("2026-01-28T23:00:00Z"));
        });
    }

    @Test
    void anHtmlPageInsteadOfTheBoardIsAClearError() {
        server.on("GET", "/rest_api/rest/market/groups/11,12,52,95,99", Reply.html("<!DOCTYPE html><html><body>Maintenance</body></html>"));

        assertThatThrownBy(() -> bvmt.board()).isInstanceOf(MarketDataException.class)
                .hasMessageStartingWith("board: ").hasMessageContaining("HTML").hasMessageContaining("/market/groups/11,12,52,95,99");
    }

    @Test
    void intradayPricesAreAggregatedIntoMinuteBarsWithoutInventingQuietMinutes() throws Exception {
        server.on("GET", "/rest_api/rest/intraday/TN0001100254", Reply.json("{\"intraday\":["
                + "{\"time\":\"09:01:12\",\"last\":12.5,\"volume\":100},{\"time\":\"09:01:40\",\"last\":12.6,\"volume\":50},"
                + "{\"time\":\"09:03:05\",\"last\":12.4,\"volume\":10}]}"));

        List<Candle> got = bvmt.candles("TN0001100254", CandleInterval.ONE_MINUTE, LocalDate.parse("2026-01-30"), LocalDate.parse("2026-01-30"));

        assertThat(got).hasSize(2);
        assertThat(got.get(0)).satisfies(c -> {
            assertThat(c.time()).isEqualTo(Instant.parse("2026-01-30T08:01:00Z"));
            assertThat(c.open()).isEqualTo(12.5);
            assertThat(c.high()).isEqualTo(12.6);
            assertThat(c.close()).isEqualTo(12.6);
            assertThat(c.volume()).isEqualTo(150);
        });
        assertThat(got.get(1).time()).isEqualTo(Instant.parse("2026-01-30T08:03:00Z"));
    }
}
