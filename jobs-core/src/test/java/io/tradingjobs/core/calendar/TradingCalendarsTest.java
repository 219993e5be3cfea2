package io.tradingjobs.core.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The shipped calendars")
class TradingCalendarsTest {

    @Test
    @DisplayName("are found by code, ignoring case and blanks")
    void byCode() {
        assertThat(TradingCalendars.byCode("NSE")).containsSame(TradingCalendars.nse());
        assertThat(TradingCalendars.byCode("nse")).containsSame(TradingCalendars.nse());
        assertThat(TradingCalendars.byCode(" Bse ")).containsSame(TradingCalendars.bse());
        assertThat(TradingCalendars.byCode("bvmt")).containsSame(TradingCalendars.bvmt());
    }

    @Test
    @DisplayName("return empty for an unknown code or null")
    void unknownCode() {
        assertThat(TradingCalendars.byCode("LSE")).isEmpty();
        assertThat(TradingCalendars.byCode("")).isEmpty();
        assertThat(TradingCalendars.byCode(null)).isEmpty();
    }

    @Test
    @DisplayName("list their codes alphabetically")
    void codes() {
        assertThat(TradingCalendars.codes()).containsExactly("BSE", "BVMT", "NSE");
    }

    @Test
    @DisplayName("are the same shared instances on every call")
    void shared() {
        assertThat(TradingCalendars.nse()).isSameAs(TradingCalendars.nse());
        assertThat(TradingCalendars.bvmt()).isSameAs(TradingCalendars.bvmt());
    }

    @Test
    @DisplayName("give BSE the zone, sessions and trading days of NSE in 2025 and 2026")
    void bseMatchesNse() {
        TradingCalendar nse = TradingCalendars.nse();
        TradingCalendar bse = TradingCalendars.bse();
        assertThat(bse.code()).isEqualTo("BSE");
        assertThat(bse.zone()).isEqualTo(ZoneId.of("Asia/Kolkata"));
        LocalDate.of(2025, 1, 1).datesUntil(LocalDate.of(2027, 1, 1)).forEach(day -> {
            assertThat(bse.sessions(day)).as("BSE sessions on %s", day).isEqualTo(nse.sessions(day));
            assertThat(bse.holidayName(day)).as("BSE holiday on %s", day).isEqualTo(nse.holidayName(day));
        });
    }
}
