package io.tradingjobs.alerts.news;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * Parses RSS 2.0 and Atom feeds with Jsoup's XML mode: items with their title, link, description
 * (HTML reduced to text), author and date (RFC 1123 for RSS, ISO-8601 for Atom; an unreadable
 * date is left empty).
 */
public final class FeedParser {
    private static final DateTimeFormatter RFC_1123_LENIENT = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm[:ss] Z", Locale.ENGLISH);

    private FeedParser() {
    }

    /**
     * The items of {@code xml}.
     *
     * @param feedName the feed's title, when the feed has none
     * @throws IllegalArgumentException when the document is neither RSS nor Atom
     */
    public static List<RawArticle> parse(String xml, String feedName) {
        Document doc = Jsoup.parse(xml, "", Parser.xmlParser());
        List<RawArticle> out = new ArrayList<>();
        boolean rss = !doc.select("rss, rdf|RDF, channel").isEmpty();
        boolean atom = !doc.select("feed").isEmpty();
        if (!rss && !atom) {
            throw new IllegalArgumentException("the feed " + feedName + " is neither RSS nor Atom (root: "
                    + (doc.children().isEmpty() ? "none" : doc.child(0).tagName()) + ")");
        }
        String lang = doc.select("channel > language").text();
        String language = lang.length() >= 2 ? lang.substring(0, 2).toLowerCase(Locale.ROOT) : null;
        String source = doc.select("channel > title, feed > title").text();
        source = source.isBlank() ? feedName : source;
        for (Element item : doc.select("item")) {
            String link = item.select("> link").text();
            String title = clean(item.select("> title").text());
            if (link.isBlank() || title.isBlank()) {
                continue;
            }
            String author = first(item.select("> dc|creator").text(), item.select("> author").text());
            out.add(new RawArticle(link.trim(), title, clean(item.select("> description").text()), null, author, source,
                    date(item.select("> pubDate").text(), item.select("> dc|date").text()), language, "rss", null));
        }
        for (Element entry : doc.select("entry")) {
            Element linkEl = entry.selectFirst("> link[rel=alternate], > link:not([rel])");
            String link = linkEl == null ? "" : linkEl.attr("href");
            String title = clean(entry.select("> title").text());
            if (link.isBlank() || title.isBlank()) {
                continue;
            }
            out.add(new RawArticle(link.trim(), title, clean(first(entry.select("> summary").text(), entry.select("> content").text())),
                    null, first(entry.select("> author > name").text(), null), source,
                    date(entry.select("> published").text(), entry.select("> updated").text()), language, "rss", null));
        }
        return out;
    }

    /** HTML to plain text; null for blank. */
    static String clean(String html) {
        if (html == null || html.isBlank()) {
            return null;
        }
        return Jsoup.parse(html).text().trim();
    }

    private static String first(String a, String b) {
        return a != null && !a.isBlank() ? a : b == null || b.isBlank() ? null : b;
    }

    /** Epoch ms of the first readable date, or null. */
    static Long date(String... candidates) {
        for (String c : candidates) {
            if (c == null || c.isBlank()) {
                continue;
            }
            String s = c.trim();
            try {
                return ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
            } catch (RuntimeException ignored) {
                // next form
            }
            try {
                return ZonedDateTime.parse(s.replace("GMT", "+0000").replace("UTC", "+0000"), RFC_1123_LENIENT).toInstant().toEpochMilli();
            } catch (RuntimeException ignored) {
                // next form
            }
            try {
                return OffsetDateTime.parse(s).toInstant().toEpochMilli();
            } catch (RuntimeException ignored) {
                // next form
            }
            try {
                return Instant.parse(s).toEpochMilli();
            } catch (RuntimeException ignored) {
                // unreadable
            }
        }
        return null;
    }
}
