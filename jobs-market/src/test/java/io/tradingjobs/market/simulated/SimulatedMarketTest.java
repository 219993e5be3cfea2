package io.tradingjobs.market.simulated;

import io.tradingjobs.market.source.Board;
import io.tradingjobs.market.source.Candle;
import io.tradingjobs.market.source.CandleInterval;
import io.tradingjobs.market.source.MarketDataException;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimulatedMarketTest {
    private static final Clock FRIDAY_AFTER_CLOSE = Clock.fixed(Instant.parse("2026-01-30T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void theSameSeedGivesTheSameCandlesWhateverRangeIsAsked() throws Exception {
        SimulatedMarket a = new SimulatedMarket(7, FRIDAY_AFTER_CLOSE);
        SimulatedMarket b = new SimulatedMarket(7, FRIDAY_AFTER_CLOSE);
        LocalDate thu = LocalDate.parse("2026-01-29");

        List<Candle> one = a.candles("NSE_EQ|RELIANCE", CandleInterval.ONE_MINUTE, thu, thu);
        List<Candle> week = b.candles("NSE_EQ|RELIANCE", CandleInterval.ONE_MINUTE, thu.minusDays(3), thu);

        assertThat(week).containsAll(one);
        assertThat(one).hasSizeBetween(340, 374);
    }

    @Test
    void itFollowsTheTradingCalendarAndLabelsItselfSimulated() throws Exception {
        SimulatedMarket market = new SimulatedMarket(7, FRIDAY_AFTER_CLOSE);

        List<Candle> days = market.candles("NSE_EQ|TCS", CandleInterval.DAY, LocalDate.parse("2026-01-24"), LocalDate.parse("2026-02-01"));
        Board board = market.board();

        assertThat(days).extracting(c -> c.time().atZone(market.zone()).toLocalDate().toString())
                .containsExactly("2026-01-27", "2026-01-28", "2026-01-29", "2026-01-30");
        assertThat(market.isSimulated()).isTrue();
        assertThat(board.simulated()).isTrue();
        assertThat(board.quotes()).hasSizeGreaterThan(40).allSatisfy(q -> assertThat(q.name()).contains("SIMULATED"));
        assertThat(board.indices()).extracting(i -> i.indexKey()).containsExactly("TUNINDEX", "TUNINDEX20");
    }

    @Test
    void anUnknownInstrumentIsAClearError() {
        SimulatedMarket market = new SimulatedMarket(7, FRIDAY_AFTER_CLOSE);

        assertThatThrownBy(() -> market.candles("NSE_EQ|NOPE", CandleInterval.DAY, LocalDate.parse("2026-01-26"), LocalDate.parse("2026-01-30")))
                .isInstanceOf(MarketDataException.class).hasMessageContaining("NSE_EQ|NOPE").hasMessageContaining("no instrument");
    }
}
