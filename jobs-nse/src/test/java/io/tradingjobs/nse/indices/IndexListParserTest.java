package io.tradingjobs.nse.indices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingjobs.nse.Fixtures;
import io.tradingjobs.nse.internal.BadDataException;
import java.util.List;
import org.junit.jupiter.api.Test;

class IndexListParserTest {
    private static final String URL = "https://archives.nseindia.com/content/indices/ind_nifty50list.csv";

    @Test
    void theRealNifty50FileWithCrlfAndNoFinalNewlineGivesFiftyMembers() throws Exception {
        String text = Fixtures.text("ind_nifty50list.csv");
        assertThat(text).contains("\r\n").doesNotEndWith("\n");

        List<IndexConstituent> list = IndexListParser.parse(URL, "text/csv", text);

        assertThat(list).hasSize(50).noneMatch(IndexConstituent::placeholder);
        assertThat(list.get(0)).isEqualTo(new IndexConstituent("Adani Enterprises Ltd.", "Metals & Mining", "ADANIENT", "EQ",
                "INE423A01024", false));
    }

    @Test
    void theRealNiftyNext50FileKeepsItsDemergerPlaceholderAsAPlaceholder() throws Exception {
        List<IndexConstituent> list = IndexListParser.parse(URL, "text/csv", Fixtures.text("ind_niftynext50list.csv"));

        assertThat(list).hasSize(51);
        assertThat(list).filteredOn(IndexConstituent::placeholder).singleElement()
                .satisfies(c -> {
                    assertThat(c.symbol()).isEqualTo("DUMMYSIEMS");
                    assertThat(c.isin()).isEqualTo("DUM003A01024");
                });
    }

    @Test
    void aBomUpperCaseIndustriesOtherSeriesAndBlankLinesAreRead() throws Exception {
        String text = "\uFEFFCompany Name,Industry,Symbol,Series,ISIN Code\r\n"
                + "Bharat Electronics Ltd.,CAPITAL GOODS,BEL,EQ,INE263A01024\r\n\r\n"
                + "\"Mahindra & Mahindra Ltd.\",AUTOMOBILE AND AUTO COMPONENTS,M&M,BE,INE101A01026\r\n"
                + "Dummy Holding Ltd.,FINANCIAL SERVICES,DUMMYHOLD,EQ,DUM001A01011";

        List<IndexConstituent> list = IndexListParser.parse(URL, "application/octet-stream", text);

        assertThat(list).extracting(IndexConstituent::symbol).containsExactly("BEL", "M&M", "DUMMYHOLD");
        assertThat(list).extracting(IndexConstituent::industry)
                .containsExactly("Capital Goods", "Automobile and Auto Components", "Financial Services");
        assertThat(list.get(1).series()).isEqualTo("BE");
        assertThat(list).extracting(IndexConstituent::placeholder).containsExactly(false, false, true);
    }

    @Test
    void anHtmlPageIsRejectedWithTheUrl() {
        assertThatThrownBy(() -> IndexListParser.parse(URL, "text/html",
                "<html><head><title>Access Denied</title></head><body><h1>Access Denied</h1>"
                        + "<p>You don't have permission to access this resource.</p></body></html>"))
                .isInstanceOf(BadDataException.class)
                .hasMessageContaining(URL).hasMessageContaining("HTML")
                .hasMessageContaining("Access Denied You don't have permission to access this resource.");
    }

    @Test
    void aChangedHeaderIsRejectedNamingBothHeaders() {
        assertThatThrownBy(() -> IndexListParser.parse(URL, "text/csv", "Company,Sector,Ticker,Series,ISIN\r\nA,B,C,EQ,INE000000001"))
                .isInstanceOf(BadDataException.class)
                .hasMessageContaining(URL)
                .hasMessageContaining("Company,Sector,Ticker,Series,ISIN")
                .hasMessageContaining("Company Name,Industry,Symbol,Series,ISIN Code");
    }

    @Test
    void aRowWithMissingFieldsIsRejectedWithItsLine() {
        assertThatThrownBy(() -> IndexListParser.parse(URL, "text/csv",
                "Company Name,Industry,Symbol,Series,ISIN Code\nA Ltd.,Power,AAA,EQ,INE000A01011\nB Ltd.,Power,BBB\n"))
                .isInstanceOf(BadDataException.class).hasMessageContaining("line 3").hasMessageContaining("B Ltd.,Power,BBB");
    }

    @Test
    void theFileOfAnIndexIsNamedAsOnTheArchivesHost() {
        assertThat(IndexListClient.path("NIFTY 50")).isEqualTo("/content/indices/ind_nifty50list.csv");
        assertThat(IndexListClient.path("NIFTY NEXT 50")).isEqualTo("/content/indices/ind_niftynext50list.csv");
        assertThat(IndexListClient.path("NIFTY MIDCAP 150")).isEqualTo("/content/indices/ind_niftymidcap150list.csv");
        assertThat(IndexListClient.path("NIFTY BANK")).isEqualTo("/content/indices/ind_niftybanklist.csv");
    }
}
