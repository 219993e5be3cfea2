package io.tradingjobs.alerts.news;

import io.tradingjobs.core.config.Config;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A news listing page read with Jsoup selectors, for sites without a feed (the French-language
 * Tunisian financial press). Configured per source name listed in {@code news.html.sources}:
 *
 * <pre>
 * news.html.sources=ilboursa
 * news.html.ilboursa.url=https://www.ilboursa.com/marches/actualites_bourse_tunis
 * news.html.ilboursa.item=article                         (one element per article)
 * news.html.ilboursa.title=a                              (within an item; default: a)
 * news.html.ilboursa.link=a[href]                         (its href, made absolute; default: a[href])
 * news.html.ilboursa.summary=p                            (optional)
 * news.html.ilboursa.date=time[datetime], span.date       (optional: datetime attribute or text, ISO or RFC 1123)
 * news.html.ilboursa.language=fr                          (default: fr)
 * </pre>
 *
 * @param name the source name
 * @param url the listing page
 * @param item the selector of one article block
 * @param title the title selector within a block
 * @param link the link selector within a block
 * @param summary the summary selector, or empty
 * @param date the date selector, or empty
 * @param language the language of the site
 */
public record HtmlSource(String name, String url, String item, String title, String link, String summary, String date, String language) {

    /**
     * The source {@code name} from the settings.
     *
     * @throws IllegalArgumentException when its url or item selector is missing
     */
    public static HtmlSource from(Config c, String name) {
        String p = "news.html." + name + ".";
        String url = c.string(p + "url", "");
        String item = c.string(p + "item", "");
        if (url.isBlank() || item.isBlank()) {
            throw new IllegalArgumentException("HTML news source '" + name + "' needs " + p + "url and " + p
                    + "item (the CSS selector of one article block), e.g. " + p + "item=article");
        }
        return new HtmlSource(name, url, item, c.string(p + "title", "a"), c.string(p + "link", "a[href]"), c.string(p + "summary", ""),
                c.string(p + "date", ""), c.string(p + "language", "fr"));
    }

    /** The articles on {@code html}, a page fetched from {@link #url()} ({@code baseUri} resolves relative links). */
    public List<RawArticle> parse(String html, String baseUri) {
        Document doc = Jsoup.parse(html, baseUri);
        List<RawArticle> out = new ArrayList<>();
        for (Element block : doc.select(item)) {
            Element t = block.selectFirst(title);
            Element l = block.selectFirst(link);
            if (l == null && block.is(link)) {
                l = block;
            }
            String href = l == null ? "" : l.absUrl("href");
            String headline = t == null ? "" : t.text().trim();
            if (href.isBlank() || headline.isBlank()) {
                continue;
            }
            String sum = null;
            if (!summary.isBlank()) {
                Element s = block.selectFirst(summary);
                sum = s == null ? null : s.text();
            }
            Long when = null;
            if (!date.isBlank()) {
                Element d = block.selectFirst(date);
                if (d != null) {
                    when = FeedParser.date(d.attr("datetime"), d.text());
                }
            }
            out.add(new RawArticle(href, headline, sum, null, null, name, when, language, "html", null));
        }
        return out;
    }
}
