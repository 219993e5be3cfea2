package io.tradingjobs.alerts.news;

/**
 * An article as a source gave it, before de-duplication and scoring.
 *
 * @param url its address (the de-duplication key)
 * @param title the headline
 * @param description the summary, may be null
 * @param content the text or its start, may be null
 * @param author may be null
 * @param sourceName the publisher, may be null
 * @param publishedAt epoch ms, or null when the source does not say
 * @param language an ISO 639-1 code when the source says, else null
 * @param sourceKind {@code newsapi}, {@code rss} or {@code html}
 * @param symbol the watched symbol it was found for (NewsAPI queries), or null
 */
public record RawArticle(String url, String title, String description, String content, String author, String sourceName,
                         Long publishedAt, String language, String sourceKind, String symbol) {

    /** Title, description and content as one text, for matching and scoring. */
    public String text() {
        StringBuilder sb = new StringBuilder(title == null ? "" : title);
        if (description != null && !description.isBlank()) {
            sb.append(". ").append(description);
        }
        if (content != null && !content.isBlank()) {
            sb.append(". ").append(content);
        }
        return sb.toString();
    }
}
