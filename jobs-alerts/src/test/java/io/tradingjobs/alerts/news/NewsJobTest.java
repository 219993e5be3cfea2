package io.tradingjobs.alerts.news;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingjobs.alerts.AlertsJobProvider;
import io.tradingjobs.core.JobRun;
import io.tradingjobs.core.RunStatus;
import io.tradingjobs.core.test.LocalHttpServer;
import io.tradingjobs.core.test.LocalHttpServer.Reply;
import io.tradingjobs.core.testing.JobTestKit;
import io.tradingjobs.core.testing.SettableClock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** News on SQLite; {@link PostgresNewsJobTest} runs the same on PostgreSQL. */
class NewsJobTest {
    private static final String KEY = "test-newsapi-key-123";

    private final SettableClock clock = SettableClock.at(Instant.parse("2026-03-02T12:00:00Z"));
    private LocalHttpServer server;
    private JobTestKit kit;

    @BeforeEach
    void serve() {
        server = LocalHttpServer.start();
        // NewsAPI finds the Reliance articles for the Reliance query, nothing for the BVMT names.
        server.on("GET", "/v2/everything", request -> request.query("q").orElse("").contains("RELIANCE")
                ? Reply.resource("fixtures/newsapi-everything.json")
                : Reply.json("{\"status\":\"ok\",\"totalResults\":0,\"articles\":[]}"));
        server.on("GET", "/rss/bourse.xml", Reply.resource("fixtures/bourse-fr.rss.xml"));
        server.on("GET", "/rss/broken.xml", Reply.status(404).body("text/html", "<h1>Not found</h1>"));
        server.on("GET", "/rss/not-a-feed.xml", Reply.html("<html><body>maintenance</body></html>"));
        server.on("GET", "/press", Reply.resource("fixtures/press-page.html"));
    }

    @AfterEach
    void stop() {
        if (kit != null) {
            kit.close();
        }
        server.close();
    }

    private Map<String, String> settings(String newsApiKey) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("alerts.watchlist", "RELIANCE:Reliance Industries:Energy,SFBT:SFBT:Agroalimentaire,PGH:Poulina Group Holding:Industrie,"
                + "BIAT:BIAT:Banques");
        c.put("news.newsapi.base-url", server.baseUrl());
        c.put("news.newsapi.key", newsApiKey);
        c.put("news.rss.feeds", server.url("/rss/bourse.xml") + "," + server.url("/rss/broken.xml") + "," + server.url("/rss/not-a-feed.xml"));
        c.put("news.html.sources", "press");
        c.put("news.html.press.url", server.url("/press"));
        c.put("news.html.press.item", "article.news");
        c.put("news.html.press.title", "h3 a");
        c.put("news.html.press.link", "h3 a[href]");
        c.put("news.html.press.summary", "p.chapo");
        c.put("news.html.press.date", "time");
        c.put("http.retry.base-delay", "10ms");
        return c;
    }

    /** The database to use, or null for the kit's temporary SQLite file. */
    String databaseUrl() {
        return null;
    }

    private JobRun run(Map<String, String> settings) {
        if (kit == null) {
            Map<String, String> c = new LinkedHashMap<>(settings);
            if (databaseUrl() != null) {
                c.put("jobs.database.url", databaseUrl());
            }
            kit = JobTestKit.builder().clock(clock).config(c).provider(new AlertsJobProvider()).build();
        }
        return kit.run("alerts.news");
    }

    private DSLContext dsl() {
        return kit.dsl();
    }

    @Test
    void articlesFromNewsApiRssAndHtmlPagesAreStoredOncePerUrlAndScored() {
        JobRun first = run(settings(KEY));
        JobRun second = run(settings(KEY));

        assertThat(first.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(second.status()).isEqualTo(RunStatus.SUCCEEDED);
        // 2 NewsAPI articles ("[Removed]" is dropped), 3 RSS items, 2 HTML articles; the same URLs again in every query and run.
        assertThat(dsl().fetchCount(DSL.table("news_articles"))).isEqualTo(7);
        assertThat(first.message()).startsWith("7 new articles");
        assertThat(second.message()).startsWith("0 new articles (7 already stored)");
        assertThat(dsl().fetchCount(DSL.table("news_articles"), DSL.field("url").eq("https://economictimes.indiatimes.com/jio-subscribers")))
                .as("the fragment is not part of the key").isEqualTo(1);
        assertThat(dsl().fetchValue("SELECT sentiment_label FROM news_articles WHERE url = ?", "https://www.example.tn/actualites/sfbt-benefice-s1"))
                .isEqualTo("POSITIVE");
        assertThat(dsl().fetchValue("SELECT language FROM news_articles WHERE url = ?", "https://www.example.tn/actualites/sfbt-benefice-s1"))
                .isEqualTo("fr");
        assertThat(dsl().fetchValue("SELECT symbols FROM news_articles WHERE url = ?", "https://www.example.tn/articles/biat-dividende".replace(
                "https://www.example.tn", server.baseUrl()))).isEqualTo(",BIAT,");
    }

    @Test
    void theNewsApiKeyTravelsInTheHeaderAndOneQueryIsSentPerWatchedSymbol() {
        run(settings(KEY));

        List<LocalHttpServer.RecordedRequest> requests = server.requests("GET", "/v2/everything");
        assertThat(requests).hasSize(4);
        assertThat(requests).allSatisfy(r -> {
            assertThat(r.header("X-Api-Key")).contains(KEY);
            assertThat(r.rawQuery()).doesNotContain(KEY);
        });
        assertThat(requests.get(0).query("q")).contains("\"Reliance Industries\" OR RELIANCE");
        assertThat(requests.get(0).query("sortBy")).contains("publishedAt");
    }

    @Test
    void stronglyNegativeNewsOnAWatchedSymbolRaisesOneAlertWithOneNotification() {
        run(settings(KEY));
        run(settings(KEY));

        List<String> symbols = dsl().fetch("SELECT symbol FROM alert_events WHERE rule_type = 'NEGATIVE_NEWS' ORDER BY symbol")
                .getValues(0, String.class);
        assertThat(symbols).containsExactly("PGH", "RELIANCE");
        assertThat(dsl().fetchCount(DSL.table("notification_events"), DSL.field("event_key").like("news:%"))).isEqualTo(2);
    }

    @Test
    void sentimentIsAggregatedPerSymbolPerSectorAndForTheMarket() {
        run(settings(KEY));

        long day = Instant.parse("2026-03-02T00:00:00Z").toEpochMilli();
        Map<String, Integer> counts = new LinkedHashMap<>();
        dsl().fetch("SELECT scope, subject, articles FROM sentiment_history WHERE bucket_start = ? ORDER BY scope, subject", day)
                .forEach(r -> counts.put(r.get(0, String.class) + "/" + r.get(1, String.class), r.get(2, Integer.class)));
        assertThat(counts).containsEntry("market/ALL", 7).containsEntry("symbol/SFBT", 2).containsEntry("symbol/PGH", 1)
                .containsEntry("sector/Agroalimentaire", 2).containsEntry("sector/Energy", 2);
        Double pgh = dsl().fetchOne("SELECT avg_score FROM sentiment_history WHERE scope = 'symbol' AND subject = 'PGH'").get(0, Double.class);
        assertThat(pgh).isLessThan(-0.5);
    }

    @Test
    void withPostScrapeTheSentimentServiceIsAskedToScrapeAsTheSeedDoesAndItsFailureDoesNotFailTheRun() {
        server.on("POST", "/sentiment/api/sentiment/scrape", Reply.json("{\"queued\":true}"), Reply.status(503));
        Map<String, String> c = settings(KEY);
        c.put("alerts.news.post-scrape", "true");
        c.put("services.sentiment.url", server.url("/sentiment/"));
        c.put("http.retry.max-attempts", "1");

        JobRun first = run(c);
        assertThat(first.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(first.message()).contains("asking the sentiment service to scrape: POST "
                + server.url("/sentiment/api/sentiment/scrape") + " -> 200 in ");
        assertThat(server.requests("POST", "/sentiment/api/sentiment/scrape")).singleElement()
                .satisfies(r -> assertThat(r.bodyText()).contains("\"source\":\"trading-jobs\"").contains("\"new_articles\":"));

        JobRun second = run(c);
        assertThat(second.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(second.message()).contains("asking the sentiment service to scrape failed").contains("503");
    }

    @Test
    void withPostScrapeButNoSentimentServiceUrlTheRunSucceedsAndSaysWhichSettingIsMissing() {
        Map<String, String> c = settings(KEY);
        c.put("alerts.news.post-scrape", "true");
        c.put("services.sentiment.url", " ");

        JobRun run = run(c);

        assertThat(run.status()).as("%s", run.error()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.message()).contains("asking the sentiment service to scrape failed: setting services.sentiment.url")
                .contains("is not set");
        assertThat(dsl().fetchCount(DSL.table("news_articles"))).isPositive();
    }

    @Test
    void withoutPostScrapeNothingIsPosted() {
        JobRun run = run(settings(KEY));
        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(server.requests()).noneMatch(r -> r.method().equals("POST"));
    }

    @Test
    void aBrokenFeedFailsOnlyThatFeed() {
        JobRun run = run(settings(KEY));

        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.message()).contains("2 feeds/pages read, 2 failed: " + server.url("/rss/broken.xml") + ", " + server.url("/rss/not-a-feed.xml"));
        assertThat(dsl().fetchCount(DSL.table("news_articles"), DSL.field("source_kind").eq("rss"))).isEqualTo(3);
    }

    @Test
    void withoutANewsApiKeyTheNewsApiPartIsSkippedAndFeedsStillRun() {
        JobRun run = run(settings(""));

        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.message()).contains("NewsAPI skipped: no news.newsapi.key");
        assertThat(server.requestCount("GET", "/v2/everything")).isZero();
        assertThat(dsl().fetchCount(DSL.table("news_articles"))).isEqualTo(5);
    }

    @Test
    void aRateLimitStopsTheNewsApiQueriesForThisRunWithoutFailingIt() {
        server.on("GET", "/v2/everything", Reply.status(429).body("application/json",
                "{\"status\":\"error\",\"code\":\"rateLimited\",\"message\":\"You have made too many requests recently.\"}"));

        JobRun run = run(settings(KEY));

        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.message()).contains("NewsAPI rate limited after 0 queries");
        assertThat(server.requestCount("GET", "/v2/everything")).isEqualTo(1);
        assertThat(dsl().fetchCount(DSL.table("news_articles"))).isEqualTo(5);
    }

    @Test
    void aRejectedKeyFailsTheRunNamingTheSettingAfterStoringTheOtherSources() {
        server.on("GET", "/v2/everything", Reply.status(401).body("application/json",
                "{\"status\":\"error\",\"code\":\"apiKeyInvalid\",\"message\":\"Your API key is invalid or incorrect.\"}"));

        JobRun run = run(settings(KEY));

        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.errorText().orElseThrow()).contains("news.newsapi.key").contains("apiKeyInvalid").doesNotContain(KEY);
        assertThat(run.attempt()).isEqualTo(1);
        assertThat(server.requestCount("GET", "/v2/everything")).isEqualTo(1);
        assertThat(dsl().fetchCount(DSL.table("news_articles"))).isEqualTo(5);
    }
}
