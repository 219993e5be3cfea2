package io.tradingjobs.market.gaps;

import io.tradingjobs.core.calendar.TradingCalendars;
import io.tradingjobs.market.internal.MarketStore.Gap;
import io.tradingjobs.market.source.CandleInterval;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The week of 26 January 2026: Monday is Republic Day (NSE closed), then four trading days and Saturday. */
class GapFinderTest {
    private static final ZoneId IST = ZoneId.of("Asia/Kolkata");
    private static final LocalDate MONDAY = LocalDate.parse("2026-01-26");
    private static final LocalDate SATURDAY = LocalDate.parse("2026-01-31"); // Saturday: Sunday 1 February 2026 is a budget-day session
    private static final Instant SATURDAY_NIGHT = Instant.parse("2026-01-31T18:00:00Z");
    private final GapFinder finder = new GapFinder(TradingCalendars.nse(), 30);

    private static List<Long> minutes(LocalDate day, LocalTime from, LocalTime to, int skipEvery) {
        List<Long> out = new ArrayList<>();
        int i = 0;
        for (LocalTime t = from; t.isBefore(to); t = t.plusMinutes(1), i++) {
            if (skipEvery > 0 && i % skipEvery == skipEvery - 1) {
                continue;
            }
            out.add(day.atTime(t).atZone(IST).toInstant().toEpochMilli());
        }
        return out;
    }

    private static List<Long> fullWeekWithSparseMinutes() {
        List<Long> stored = new ArrayList<>();
        for (LocalDate d = MONDAY.plusDays(1); d.isBefore(MONDAY.plusDays(5)); d = d.plusDays(1)) {
            stored.addAll(minutes(d, LocalTime.of(9, 15), LocalTime.of(15, 30), 7));
        }
        return stored;
    }

    @Test
    void aHolidayWeekWithIlliquidMinutesHasNoGapsOnTheHolidayTheWeekendOrOutsideSessions() {
        List<Gap> gaps = finder.find("NSE_EQ|INE002A01018", CandleInterval.ONE_MINUTE, MONDAY.minusDays(2), SATURDAY, SATURDAY_NIGHT,
                fullWeekWithSparseMinutes());

        assertThat(gaps).isEmpty();
        assertThat(finder.expectedBars(MONDAY, CandleInterval.ONE_MINUTE, SATURDAY_NIGHT)).isEmpty();
        assertThat(finder.expectedBars(MONDAY.plusDays(1), CandleInterval.ONE_MINUTE, SATURDAY_NIGHT)).hasSize(375);
    }

    @Test
    void aTradingDayWithoutCandlesIsOneGapCoveringItsSession() {
        List<Long> stored = fullWeekWithSparseMinutes();
        LocalDate wednesday = MONDAY.plusDays(2);
        stored.removeIf(t -> Instant.ofEpochMilli(t).atZone(IST).toLocalDate().equals(wednesday));

        List<Gap> gaps = finder.find("K", CandleInterval.ONE_MINUTE, MONDAY, SATURDAY, SATURDAY_NIGHT, stored);

        assertThat(gaps).singleElement().satisfies(g -> {
            assertThat(Instant.ofEpochMilli(g.start())).isEqualTo(wednesday.atTime(9, 15).atZone(IST).toInstant());
            assertThat(Instant.ofEpochMilli(g.end())).isEqualTo(wednesday.atTime(15, 29).atZone(IST).toInstant());
            assertThat(g.missingBars()).isEqualTo(375);
        });
    }

    @Test
    void anHourMissingInsideADayIsAGapButTenQuietMinutesAreNot() {
        List<Long> stored = fullWeekWithSparseMinutes();
        LocalDate thursday = MONDAY.plusDays(3);
        long hourStart = thursday.atTime(11, 0).atZone(IST).toInstant().toEpochMilli();
        long tenStart = thursday.atTime(14, 0).atZone(IST).toInstant().toEpochMilli();
        stored.removeIf(t -> (t >= hourStart && t < hourStart + 3_600_000) || (t >= tenStart && t < tenStart + 600_000));

        List<Gap> gaps = finder.find("K", CandleInterval.ONE_MINUTE, MONDAY, SATURDAY, SATURDAY_NIGHT, stored);

        assertThat(gaps).singleElement().satisfies(g -> {
            // a quiet minute next to the hole joins it
            assertThat(g.start()).isBetween(hourStart - 60_000, hourStart);
            assertThat(g.end()).isBetween(hourStart + 59 * 60_000, hourStart + 60 * 60_000);
        });
    }

    @Test
    void dailyCandlesExpectOneBarPerTradingDayAndNoneOnTheHolidayOrTheWeekend() {
        List<Long> stored = new ArrayList<>();
        for (LocalDate d = MONDAY.plusDays(1); d.isBefore(MONDAY.plusDays(5)); d = d.plusDays(1)) {
            if (!d.equals(MONDAY.plusDays(3))) {
                stored.add(d.atStartOfDay(IST).toInstant().toEpochMilli());
            }
        }

        List<Gap> gaps = finder.find("K", CandleInterval.DAY, MONDAY.minusDays(2), SATURDAY, SATURDAY_NIGHT, stored);

        assertThat(gaps).singleElement().satisfies(g ->
                assertThat(g.start()).isEqualTo(MONDAY.plusDays(3).atStartOfDay(IST).toInstant().toEpochMilli()));
    }

    @Test
    void barsThatHaveNotEndedYetAreNotExpected() {
        Instant tuesdayNoon = MONDAY.plusDays(1).atTime(12, 0).atZone(IST).toInstant();

        assertThat(finder.expectedBars(MONDAY.plusDays(1), CandleInterval.FIFTEEN_MINUTES, tuesdayNoon))
                .hasSize(11).last().isEqualTo(MONDAY.plusDays(1).atTime(11, 45).atZone(IST).toInstant().toEpochMilli());
    }
}
