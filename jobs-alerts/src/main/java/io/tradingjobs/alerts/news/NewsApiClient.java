package io.tradingjobs.alerts.news;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingjobs.core.http.Http;
import io.tradingjobs.core.http.HttpException;
import io.tradingjobs.core.http.HttpResponse;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * NewsAPI's {@code /v2/everything}: {@code {status, totalResults, articles:[{source{id,name},
 * author, title, description, url, publishedAt, content}]}}, errors as
 * {@code {status:"error", code, message}}. The key goes in the {@code X-Api-Key} header, never in
 * the URL, so it appears in no log. One attempt per query: a 429 means the plan's quota is spent,
 * and retrying only spends more.
 */
public final class NewsApiClient {
    private final Http http;
    private final String baseUrl;
    private final String key;

    /**
     * @param http the shared client
     * @param baseUrl {@code news.newsapi.base-url}, e.g. {@code https://newsapi.org}
     * @param key {@code news.newsapi.key}
     */
    public NewsApiClient(Http http, String baseUrl, String key) {
        this.http = http;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.key = key;
    }

    /**
     * The newest articles matching {@code query} published since {@code from}.
     *
     * @param symbol the watched symbol the query is for, stamped on each article
     * @throws NewsApiException when NewsAPI answers with an error body
     * @throws HttpException when there is no usable answer
     */
    public List<RawArticle> everything(String query, Instant from, String language, int pageSize, String symbol)
            throws NewsApiException, HttpException {
        Http.Request req = http.get(baseUrl + "/v2/everything").header("X-Api-Key", key).retries(1)
                .query("q", query).query("sortBy", "publishedAt").query("pageSize", Integer.toString(pageSize));
        if (from != null) {
            req.query("from", from.toString());
        }
        if (language != null && !language.isBlank()) {
            req.query("language", language);
        }
        HttpResponse resp = req.sendAllowingErrors();
        JsonNode body = resp.json();
        if (!"ok".equals(body.path("status").asText())) {
            throw new NewsApiException(body.path("code").asText("unknown"), body.path("message").asText(""), resp.status());
        }
        List<RawArticle> out = new ArrayList<>();
        for (JsonNode a : body.path("articles")) {
            String url = text(a, "url");
            String title = text(a, "title");
            if (url == null || title == null || "[Removed]".equals(title)) {
                continue;
            }
            Long published = null;
            String p = text(a, "publishedAt");
            if (p != null) {
                try {
                    published = OffsetDateTime.parse(p).toInstant().toEpochMilli();
                } catch (RuntimeException ignored) {
                    // keep null: fetched time stands in
                }
            }
            out.add(new RawArticle(url, title, text(a, "description"), text(a, "content"), text(a, "author"),
                    text(a.path("source"), "name"), published, language == null || language.isBlank() ? null : language, "newsapi", symbol));
        }
        return out;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
    }
}
