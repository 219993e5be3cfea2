package io.tradingjobs.alerts.news;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeedParserTest {

    @Test
    void rssItemsAreReadWithTheirDatesAndHtmlDescriptionsAsText() throws Exception {
        String xml = new String(getClass().getResourceAsStream("/fixtures/bourse-fr.rss.xml").readAllBytes(), "UTF-8");

        List<RawArticle> items = FeedParser.parse(xml, "bourse");

        assertThat(items).hasSize(3);
        RawArticle first = items.get(0);
        assertThat(first.title()).isEqualTo("SFBT : le bénéfice net bondit de 12% au premier semestre");
        assertThat(first.url()).isEqualTo("https://www.example.tn/actualites/sfbt-benefice-s1");
        assertThat(first.description()).isEqualTo("La SFBT annonce une forte croissance de ses résultats.");
        assertThat(first.publishedAt()).isEqualTo(Instant.parse("2026-03-02T07:15:00Z").toEpochMilli());
        assertThat(first.author()).isEqualTo("La rédaction");
        assertThat(first.language()).isEqualTo("fr");
        assertThat(first.sourceName()).isEqualTo("Bourse de Tunis - Actualités");
    }

    @Test
    void atomEntriesAreReadToo() {
        String atom = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Markets</title>"
                + "<entry><title>Stocks rally</title><link href=\"https://x.test/a\"/><summary>Up.</summary>"
                + "<published>2026-03-02T10:00:00Z</published><author><name>Ann</name></author></entry></feed>";

        List<RawArticle> items = FeedParser.parse(atom, "markets");

        assertThat(items).singleElement().satisfies(a -> {
            assertThat(a.url()).isEqualTo("https://x.test/a");
            assertThat(a.publishedAt()).isEqualTo(Instant.parse("2026-03-02T10:00:00Z").toEpochMilli());
            assertThat(a.author()).isEqualTo("Ann");
        });
    }

    @Test
    void aDocumentThatIsNoFeedIsRefusedWithItsName() {
        assertThatThrownBy(() -> FeedParser.parse("<html><body>down</body></html>", "https://x.test/feed"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https://x.test/feed is neither RSS nor Atom");
    }
}
