package io.tradingjobs.nse.corporate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingjobs.core.http.HttpException;
import io.tradingjobs.core.http.HttpResponse;
import io.tradingjobs.nse.Fixtures;
import io.tradingjobs.nse.internal.BadDataException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CorporateParserTest {
    private static final String URL = "https://www.nseindia.com/api/corporates-corporateActions";

    private static JsonNode json(byte[] body) throws HttpException {
        return HttpResponse.of("GET", URL, 200, Map.of("Content-Type", List.of("application/json")), body).json();
    }

    private static JsonNode json(String body) throws HttpException {
        return json(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theRealNseActionSampleIsABonusWithItsDates() throws Exception {
        List<CorporateEvent> events = CorporateParser.nseActions(URL, json(Fixtures.bytes("nse_api_actions.sample.json")), true);

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.symbol()).isEqualTo("GENSOL");
            assertThat(e.isin()).isEqualTo("INE06H201014");
            assertThat(e.text().type()).isEqualTo(ActionType.BONUS);
            assertThat(e.text().ratio()).isEqualTo("2:1");
            assertThat(e.exDate()).isEqualTo(LocalDate.of(2023, 10, 17));
            assertThat(e.recordDate()).isEqualTo(LocalDate.of(2023, 10, 17));
            assertThat(e.key()).isEqualTo("GENSOL|bonus|ex:2023-10-17|ratio:2:1");
        });
    }

    @Test
    void theRealBseActionSampleGivesDividendSplitAndBonusFigures() throws Exception {
        List<CorporateEvent> events = CorporateParser.bseActions(URL, json(Fixtures.bytes("bse_api_actions.sample.json")));

        assertThat(events).extracting(CorporateEvent::symbol).containsExactly("INFY", "JAYBARMARU", "SPITZE");
        assertThat(events.get(0).text().dividendPerShare()).isEqualTo(new BigDecimal("18"));
        assertThat(events.get(0).exDate()).isEqualTo(LocalDate.of(2023, 10, 25));
        assertThat(events.get(1).key()).isEqualTo("JAYBARMARU|split|ex:2023-10-26|fv:5->2");
        assertThat(events.get(2).text().ratio()).isEqualTo("1:1");
    }

    @Test
    void theRealAnnouncementAndMeetingSamplesAreRead() throws Exception {
        assertThat(CorporateParser.nseAnnouncements(URL, json(Fixtures.bytes("nse_api_announcements.sample.json"))))
                .singleElement().satisfies(e -> {
                    assertThat(e.symbol()).isEqualTo("IDEA");
                    assertThat(e.eventDate()).isEqualTo(LocalDate.of(2023, 10, 18));
                    assertThat(e.text().type()).isEqualTo(ActionType.OTHER);
                });
        assertThat(CorporateParser.bseAnnouncements(URL, json(Fixtures.bytes("bse_api_announcements.sample.json"))))
                .singleElement().satisfies(e -> {
                    assertThat(e.symbol()).isEqualTo("PANELEC");
                    assertThat(e.eventDate()).isEqualTo(LocalDate.of(2023, 10, 20));
                });
        assertThat(CorporateParser.nseBoardMeetings(URL, json(Fixtures.bytes("nse_api_boardMeetings.sample.json"))))
                .singleElement().isEqualTo(new EarningsEvent("NSE", "SIYSIL", "INE076B01010", "Siyaram Silk Mills Limited",
                        LocalDate.of(2023, 10, 30), "SIYARAM SILK MILLS LIMITED has informed the Exchange about Board Meeting to be held on "
                        + "30-Oct-2023 to consider and approve the Quarterly Unaudited Financial results of the Company for the period ended "
                        + "September 2023 and Dividend."));
        assertThat(CorporateParser.bseResults(URL, json(Fixtures.bytes("bse_api_resultCalendar.sample.json"))))
                .singleElement().satisfies(e -> assertThat(e.symbol()).isEqualTo("ALOKTEXT"));
    }

    @Test
    void anUnparseableDateFailsWithTheUrlFieldAndText() {
        assertThatThrownBy(() -> CorporateParser.nseActions(URL,
                json("[{\"symbol\":\"ABC\",\"subject\":\"Dividend - Rs 2 Per Share\",\"exDate\":\"31/12/2023\"}]"), true))
                .isInstanceOf(BadDataException.class).hasMessageContaining(URL).hasMessageContaining("exDate '31/12/2023'");
    }

    @Test
    void anEmptyListOfCorporateActionsIsBadData() {
        assertThatThrownBy(() -> CorporateParser.nseActions(URL, json("[]"), true))
                .isInstanceOf(BadDataException.class).hasMessageContaining(URL).hasMessageContaining("empty array");
    }

    @Test
    void aBseAnswerWithoutItsTableIsBadData() {
        assertThatThrownBy(() -> CorporateParser.bseAnnouncements(URL, json("{\"Message\":\"Unauthorized\"}")))
                .isInstanceOf(BadDataException.class).hasMessageContaining("Table array").hasMessageContaining("Unauthorized");
    }

    @Test
    void anHtmlPageInsteadOfJsonFailsInTheHttpLayerWithTheUrl() {
        assertThatThrownBy(() -> HttpResponse.of("GET", URL, 200, Map.of("Content-Type", List.of("text/html")),
                "<html>Resource not found</html>".getBytes(StandardCharsets.UTF_8)).json())
                .isInstanceOf(HttpException.class).hasMessageContaining(URL).hasMessageContaining("HTML");
    }
}
