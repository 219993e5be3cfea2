package io.tradingjobs.alerts.news;

import static io.tradingjobs.alerts.internal.db.Tables.ALERT_EVENTS;
import static io.tradingjobs.alerts.internal.db.Tables.NEWS_ARTICLES;
import static io.tradingjobs.alerts.internal.db.Tables.SENTIMENT_HISTORY;

import io.tradingjobs.alerts.internal.Ids;
import io.tradingjobs.alerts.sentiment.LexiconSentimentAnalyzer;
import io.tradingjobs.alerts.sentiment.Sentiment;
import io.tradingjobs.alerts.sentiment.SentimentAnalyzer;
import io.tradingjobs.core.config.Config;
import io.tradingjobs.core.http.Http;
import io.tradingjobs.core.http.HttpException;
import io.tradingjobs.core.http.HttpResponse;
import io.tradingjobs.core.jobs.ServiceCallJob;
import io.tradingjobs.core.notify.Notification;
import io.tradingjobs.core.notify.Notifier;
import io.tradingjobs.core.spi.Job;
import io.tradingjobs.core.spi.JobContext;
import io.tradingjobs.core.spi.NonRetryableException;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code alerts.news}: fetches news for the watched symbols, stores each article once, scores it
 * and aggregates the scores into {@code sentiment_history}.
 *
 * <p>Sources, each failing alone (a broken feed is logged and counted; the others go on):
 * <ul>
 *   <li>NewsAPI {@code /v2/everything}, one query per watched symbol, when {@code news.newsapi.key}
 *       is set (otherwise skipped, and the summary says so). {@code rateLimited} stops the NewsAPI
 *       queries for this run, which then succeeds with what it has; a rejected key
 *       ({@code apiKeyInvalid} and the other {@code apiKey*} codes) also stops them, and the run
 *       ends FAILED, not retried, naming the setting to fix, after the other sources are stored.</li>
 *   <li>RSS and Atom feeds listed in {@code news.rss.feeds}.</li>
 *   <li>HTML pages listed in {@code news.html.sources} (see {@link HtmlSource}).</li>
 * </ul>
 * Articles are de-duplicated by URL ({@code news_articles.article_id} is its hash); only new
 * ones are scored, by the bound {@link SentimentAnalyzer}. An article names the watched symbols
 * whose ticker or company name it contains. A new article on a watched symbol scoring at or below
 * {@code alerts.news.negative-threshold} (-0.5) raises an alert: a row in {@code alert_events}
 * (rule {@code news:<SYMBOL>}) and a notification, in the article's transaction. Then the day's
 * averages per symbol, per sector and for the whole market ({@code market/ALL}) are recomputed
 * for every day that got new articles (days in {@code alerts.news.timezone}, default UTC).
 */
public final class NewsJob implements Job {
    private static final Logger LOG = LoggerFactory.getLogger(NewsJob.class);

    private final DSLContext dsl;
    private final Http http;
    private final Notifier notifier;
    private final SentimentAnalyzer analyzer;

    /** Created by Guice for every run. */
    @Inject
    public NewsJob(DSLContext dsl, Http http, Notifier notifier, SentimentAnalyzer analyzer) {
        this.dsl = dsl;
        this.http = http;
        this.notifier = notifier;
        this.analyzer = analyzer;
    }

    @Override
    public void run(JobContext ctx) throws Exception {
        Config config = ctx.config();
        Watchlist watchlist = Watchlist.from(config);
        long now = ctx.clock().millis();
        List<String> notes = new ArrayList<>();
        List<RawArticle> raw = new ArrayList<>();
        NonRetryableException keyProblem = null;

        String key = config.string("news.newsapi.key", "");
        if (key.isBlank()) {
            notes.add("NewsAPI skipped: no news.newsapi.key");
        } else if (watchlist.entries().isEmpty()) {
            notes.add("NewsAPI skipped: alerts.watchlist is empty");
        } else {
            NewsApiClient client = new NewsApiClient(http, config.string("news.newsapi.base-url", "https://newsapi.org"), key);
            Instant from = Instant.ofEpochMilli(now).minus(config.duration("alerts.news.lookback", Duration.ofDays(2)));
            int queries = 0;
            int found = 0;
            for (Watchlist.Entry e : watchlist.entries()) {
                ctx.checkCancelled();
                try {
                    List<RawArticle> list = client.everything(e.query(), from, config.string("news.newsapi.language", ""),
                            config.integer("news.newsapi.page-size", 50), e.symbol());
                    queries++;
                    found += list.size();
                    raw.addAll(list);
                } catch (NewsApiException x) {
                    if (x.kind() == NewsApiException.Kind.RATE_LIMITED) {
                        LOG.warn("NewsAPI rate limit reached after {} queries; the remaining symbols wait for the next run", queries);
                        notes.add("NewsAPI rate limited after " + queries + " queries");
                        break;
                    }
                    if (x.kind() == NewsApiException.Kind.KEY_REJECTED) {
                        LOG.error("NewsAPI rejected news.newsapi.key ({}); set a valid key (environment NEWS_NEWSAPI_KEY)", x.code());
                        notes.add("NewsAPI rejected the key (" + x.code() + ")");
                        keyProblem = new NonRetryableException("NewsAPI rejected news.newsapi.key (" + x.code() + ": " + x.getMessage()
                                + "); set a valid key from newsapi.org/account, or unset it to read RSS and HTML sources only");
                        break;
                    }
                    LOG.warn("NewsAPI query for {} failed: {}", e.symbol(), x.getMessage());
                } catch (HttpException x) {
                    LOG.warn("NewsAPI query for {} failed: {}", e.symbol(), x.getMessage());
                }
            }
            notes.add("NewsAPI " + found + " articles from " + queries + " queries");
        }

        int feedsOk = 0;
        List<String> broken = new ArrayList<>();
        for (String feed : config.list("news.rss.feeds")) {
            ctx.checkCancelled();
            try {
                HttpResponse r = http.get(feed).retries(2).send();
                raw.addAll(FeedParser.parse(r.text(), feed));
                feedsOk++;
            } catch (HttpException | RuntimeException x) {
                LOG.warn("news feed {} failed, the others go on: {}", feed, x.getMessage());
                broken.add(feed);
            }
        }
        for (String name : config.list("news.html.sources")) {
            ctx.checkCancelled();
            try {
                HtmlSource source = HtmlSource.from(config, name);
                HttpResponse r = http.get(source.url()).retries(2).send();
                raw.addAll(source.parse(r.text(), r.url()));
                feedsOk++;
            } catch (HttpException | RuntimeException x) {
                LOG.warn("news page {} failed, the others go on: {}", name, x.getMessage());
                broken.add(name);
            }
        }
        if (feedsOk + broken.size() > 0) {
            notes.add(feedsOk + " feeds/pages read" + (broken.isEmpty() ? "" : ", " + broken.size() + " failed: " + String.join(", ", broken)));
        }

        Stored stored = store(raw, watchlist, config, now);
        int days = aggregate(stored.days, watchlist, zone(config), now);
        if (config.bool("alerts.news.post-scrape", false)) {
            // The BVMT seed's POST SENTIMENT_SERVICE_URL/api/sentiment/scrape, for a host whose sentiment service still
            // scrapes on its own (social media, say); the articles are stored whatever it answers.
            notes.add(ServiceCallJob.postAsSideStep(ctx, http, "services.sentiment.url", "/api/sentiment/scrape",
                    java.util.Map.of("source", "trading-jobs", "new_articles", stored.inserted), "asking the sentiment service to scrape"));
        }
        String summary = String.format(Locale.ROOT, "%d new articles (%d already stored), %d negative-news alerts, sentiment updated for %d day(s); %s",
                stored.inserted, stored.known, stored.alerts, days, String.join("; ", notes));
        ctx.summary(summary);
        LOG.info(summary);
        if (keyProblem != null) {
            throw keyProblem;
        }
    }

    private static ZoneId zone(Config config) {
        return config.zone("alerts.news.timezone", ZoneId.of("UTC"));
    }

    private static final class Stored {
        int inserted;
        int known;
        int alerts;
        final Set<Long> days = new TreeSet<>();
    }

    private Stored store(List<RawArticle> raw, Watchlist watchlist, Config config, long now) {
        Stored result = new Stored();
        ZoneId zone = zone(config);
        double negative = config.decimal("alerts.news.negative-threshold", -0.5);
        // One entry per URL: the first seen wins, and the symbols of every copy are merged.
        Map<String, RawArticle> byId = new LinkedHashMap<>();
        Map<String, Set<String>> symbols = new HashMap<>();
        for (RawArticle a : raw) {
            String url = normalize(a.url());
            String id = Ids.hash("news", url);
            byId.putIfAbsent(id, a);
            Set<String> s = symbols.computeIfAbsent(id, k -> new TreeSet<>());
            if (a.symbol() != null) {
                s.add(a.symbol());
            }
            watchlist.matches(a.text()).forEach(e -> s.add(e.symbol()));
        }
        if (byId.isEmpty()) {
            return result;
        }
        Set<String> existing = new HashSet<>();
        List<String> ids = new ArrayList<>(byId.keySet());
        for (int i = 0; i < ids.size(); i += 500) {
            existing.addAll(dsl.select(NEWS_ARTICLES.ARTICLE_ID).from(NEWS_ARTICLES)
                    .where(NEWS_ARTICLES.ARTICLE_ID.in(ids.subList(i, Math.min(ids.size(), i + 500)))).fetch(NEWS_ARTICLES.ARTICLE_ID));
        }
        for (Map.Entry<String, RawArticle> e : byId.entrySet()) {
            String id = e.getKey();
            if (existing.contains(id)) {
                result.known++;
                continue;
            }
            RawArticle a = e.getValue();
            String text = a.text();
            String language = LexiconSentimentAnalyzer.language(text, a.language());
            Sentiment s;
            try {
                s = analyzer.analyze(text, language);
            } catch (RuntimeException x) {
                LOG.warn("sentiment analyzer {} failed on {}; stored as neutral: {}", analyzer.name(), a.url(), x.toString());
                s = Sentiment.of(0, analyzer.name() + "-failed");
            }
            Sentiment sentiment = s;
            Set<String> syms = symbols.get(id);
            long when = a.publishedAt() != null ? a.publishedAt() : now;
            boolean[] inserted = {false};
            int[] alerts = {0};
            dsl.transaction(cfg -> {
                DSLContext tx = DSL.using(cfg);
                int n = tx.insertInto(NEWS_ARTICLES)
                        .set(NEWS_ARTICLES.ARTICLE_ID, id)
                        .set(NEWS_ARTICLES.URL, cut(normalize(a.url()), 2000))
                        .set(NEWS_ARTICLES.SOURCE_KIND, a.sourceKind())
                        .set(NEWS_ARTICLES.SOURCE_NAME, cut(a.sourceName(), 200))
                        .set(NEWS_ARTICLES.AUTHOR, cut(a.author(), 300))
                        .set(NEWS_ARTICLES.TITLE, cut(a.title(), 1000))
                        .set(NEWS_ARTICLES.DESCRIPTION, a.description())
                        .set(NEWS_ARTICLES.CONTENT, a.content())
                        .set(NEWS_ARTICLES.LANGUAGE, language)
                        .set(NEWS_ARTICLES.SYMBOLS, cut(syms.isEmpty() ? "" : "," + String.join(",", syms) + ",", 500))
                        .set(NEWS_ARTICLES.PUBLISHED_AT, a.publishedAt())
                        .set(NEWS_ARTICLES.FETCHED_AT, now)
                        .set(NEWS_ARTICLES.SENTIMENT_SCORE, sentiment.score())
                        .set(NEWS_ARTICLES.SENTIMENT_LABEL, sentiment.label().name())
                        .set(NEWS_ARTICLES.ANALYZER, cut(sentiment.analyzer(), 64))
                        .onConflictDoNothing().execute();
                if (n == 0) {
                    return;
                }
                inserted[0] = true;
                if (sentiment.score() <= negative) {
                    for (String symbol : syms) {
                        String msg = cut(String.format(Locale.ROOT, "strongly negative news on %s (score %.2f): %s - %s", symbol,
                                sentiment.score(), a.title(), a.url()), 1000);
                        int ev = tx.insertInto(ALERT_EVENTS)
                                .set(ALERT_EVENTS.EVENT_ID, Ids.hash("news-event", id, symbol))
                                .set(ALERT_EVENTS.RULE_ID, cut("news:" + symbol, 64))
                                .set(ALERT_EVENTS.SYMBOL, cut(symbol, 64))
                                .set(ALERT_EVENTS.RULE_TYPE, "NEGATIVE_NEWS")
                                .set(ALERT_EVENTS.BAR_TS, when)
                                .set(ALERT_EVENTS.FIRED_AT, now)
                                .set(ALERT_EVENTS.OBSERVED_VALUE, sentiment.score())
                                .set(ALERT_EVENTS.THRESHOLD, negative)
                                .set(ALERT_EVENTS.MESSAGE, msg)
                                .onConflictDoNothing().execute();
                        if (ev == 1) {
                            notifier.notify(tx, Notification.of("news:" + id + ":" + cut(symbol, 64), Notification.Severity.WARNING,
                                    cut(symbol + ": strongly negative news: " + a.title(), 300), msg));
                            alerts[0]++;
                        }
                    }
                }
            });
            if (inserted[0]) {
                result.inserted++;
                result.alerts += alerts[0];
                result.days.add(dayStart(when, zone));
            } else {
                result.known++;
            }
        }
        return result;
    }

    /** Recomputes sentiment_history for the given days; returns how many. */
    private int aggregate(Set<Long> days, Watchlist watchlist, ZoneId zone, long now) {
        for (long day : days) {
            long end = Instant.ofEpochMilli(day).atZone(zone).plusDays(1).toInstant().toEpochMilli();
            var when = DSL.coalesce(NEWS_ARTICLES.PUBLISHED_AT, NEWS_ARTICLES.FETCHED_AT);
            List<Record> rows = new ArrayList<>(dsl.select(NEWS_ARTICLES.SYMBOLS, NEWS_ARTICLES.SENTIMENT_SCORE, NEWS_ARTICLES.SENTIMENT_LABEL)
                    .from(NEWS_ARTICLES).where(when.ge(day).and(when.lt(end))).fetch());
            Map<String, double[]> acc = new LinkedHashMap<>(); // scope|subject -> {count, pos, neg, neutral, sum}
            for (Record r : rows) {
                double score = r.get(NEWS_ARTICLES.SENTIMENT_SCORE);
                String label = r.get(NEWS_ARTICLES.SENTIMENT_LABEL);
                add(acc, "market|ALL", score, label);
                Set<String> sectors = new TreeSet<>();
                for (String sym : r.get(NEWS_ARTICLES.SYMBOLS).split(",")) {
                    if (sym.isBlank()) {
                        continue;
                    }
                    add(acc, "symbol|" + sym, score, label);
                    Watchlist.Entry e = watchlist.entry(sym);
                    if (e != null && e.sector() != null) {
                        sectors.add(e.sector());
                    }
                }
                sectors.forEach(sec -> add(acc, "sector|" + sec, score, label));
            }
            dsl.transaction(cfg -> {
                DSLContext tx = DSL.using(cfg);
                for (Map.Entry<String, double[]> e : acc.entrySet()) {
                    String[] k = e.getKey().split("\\|", 2);
                    double[] v = e.getValue();
                    tx.insertInto(SENTIMENT_HISTORY)
                            .set(SENTIMENT_HISTORY.SCOPE, k[0]).set(SENTIMENT_HISTORY.SUBJECT, cut(k[1], 100))
                            .set(SENTIMENT_HISTORY.BUCKET_START, day).set(SENTIMENT_HISTORY.ARTICLES, (int) v[0])
                            .set(SENTIMENT_HISTORY.POSITIVE, (int) v[1]).set(SENTIMENT_HISTORY.NEGATIVE, (int) v[2])
                            .set(SENTIMENT_HISTORY.NEUTRAL, (int) v[3]).set(SENTIMENT_HISTORY.AVG_SCORE, v[4] / v[0])
                            .set(SENTIMENT_HISTORY.COMPUTED_AT, now)
                            .onConflict(SENTIMENT_HISTORY.SCOPE, SENTIMENT_HISTORY.SUBJECT, SENTIMENT_HISTORY.BUCKET_START).doUpdate()
                            .set(SENTIMENT_HISTORY.ARTICLES, (int) v[0]).set(SENTIMENT_HISTORY.POSITIVE, (int) v[1])
                            .set(SENTIMENT_HISTORY.NEGATIVE, (int) v[2]).set(SENTIMENT_HISTORY.NEUTRAL, (int) v[3])
                            .set(SENTIMENT_HISTORY.AVG_SCORE, v[4] / v[0]).set(SENTIMENT_HISTORY.COMPUTED_AT, now)
                            .execute();
                }
            });
        }
        return days.size();
    }

    private static void add(Map<String, double[]> acc, String key, double score, String label) {
        double[] v = acc.computeIfAbsent(key, k -> new double[5]);
        v[0]++;
        v["POSITIVE".equals(label) ? 1 : "NEGATIVE".equals(label) ? 2 : 3]++;
        v[4] += score;
    }

    private static long dayStart(long epochMs, ZoneId zone) {
        return Instant.ofEpochMilli(epochMs).atZone(zone).toLocalDate().atStartOfDay(zone).toInstant().toEpochMilli();
    }

    /** The URL without its fragment and surrounding blanks: the de-duplication key. */
    static String normalize(String url) {
        String u = url.trim();
        int hash = u.indexOf('#');
        return hash >= 0 ? u.substring(0, hash) : u;
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
