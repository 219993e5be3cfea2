package io.tradingjobs.nse.holidays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingjobs.core.calendar.CalendarDay;
import io.tradingjobs.core.http.HttpResponse;
import io.tradingjobs.nse.Fixtures;
import io.tradingjobs.nse.internal.BadDataException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HolidayParserTest {
    private static final String URL = "https://www.nseindia.com/api/holiday-master?type=trading";

    private static JsonNode json(byte[] body) throws Exception {
        return HttpResponse.of("GET", URL, 200, Map.of("Content-Type", List.of("application/json")), body).json();
    }

    @Test
    void theRealSampleGivesTheEquitySegmentsHolidayByYear() throws Exception {
        Map<Integer, List<CalendarDay>> byYear = HolidayParser.parse(URL, json(Fixtures.bytes("nse_api_holidays.sample.json")), "CM");

        assertThat(byYear).containsOnlyKeys(2023);
        assertThat(byYear.get(2023)).containsExactly(CalendarDay.holiday(LocalDate.of(2023, 1, 26), "Republic Day"));
    }

    @Test
    void anEmptyEquitySegmentIsBadData() {
        assertThatThrownBy(() -> HolidayParser.parse(URL, json("{\"CM\":[],\"FO\":[]}".getBytes(StandardCharsets.UTF_8)), "CM"))
                .isInstanceOf(BadDataException.class).hasMessageContaining(URL).hasMessageContaining("empty");
    }

    @Test
    void aMissingSegmentNamesTheSegmentsThatArePresent() {
        assertThatThrownBy(() -> HolidayParser.parse(URL, json("{\"FO\":[]}".getBytes(StandardCharsets.UTF_8)), "CM"))
                .isInstanceOf(BadDataException.class).hasMessageContaining("'CM'").hasMessageContaining("[FO]");
    }

    @Test
    void anUnparseableTradingDateIsBadData() {
        byte[] body = "{\"CM\":[{\"tradingDate\":\"2023/01/26\",\"description\":\"Republic Day\"}]}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> HolidayParser.parse(URL, json(body), "CM"))
                .isInstanceOf(BadDataException.class).hasMessageContaining("tradingDate '2023/01/26'");
    }
}
