package io.tradingjobs.alerts;

import com.google.inject.Module;
import com.google.inject.multibindings.OptionalBinder;
import io.tradingjobs.alerts.anomalies.AnomalyScanJob;
import io.tradingjobs.alerts.news.NewsJob;
import io.tradingjobs.alerts.scan.AlertScanJob;
import io.tradingjobs.alerts.sentiment.LexiconSentimentAnalyzer;
import io.tradingjobs.alerts.sentiment.SentimentAnalyzer;
import io.tradingjobs.core.config.Config;
import io.tradingjobs.core.config.ConfigException;
import io.tradingjobs.core.spi.JobDefinition;
import io.tradingjobs.core.spi.JobProvider;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The alerts module: {@code alerts.scan} (alert rules on stored candles and quotes, every minute
 * during NSE market hours), {@code alerts.anomalies} (the BVMT anomaly scan, hourly or every
 * {@code ANOMALY_CHECK_INTERVAL} minutes) and {@code alerts.news} (news and sentiment, every 30
 * minutes or {@code SENTIMENT_SCAN_INTERVAL}). Found through {@link java.util.ServiceLoader}.
 *
 * <p>Services for hosts: {@link io.tradingjobs.alerts.rules.AlertRules} (inject it to manage
 * rules) and the {@link SentimentAnalyzer} SPI, bound by default to
 * {@link LexiconSentimentAnalyzer} through an {@link OptionalBinder} that a host overrides with
 * {@code OptionalBinder.newOptionalBinder(binder, SentimentAnalyzer.class).setBinding().to(...)}.
 */
public final class AlertsJobProvider implements JobProvider {

    /** ServiceLoader's constructor; does nothing. */
    public AlertsJobProvider() {
    }

    @Override
    public String name() {
        return "alerts";
    }

    @Override
    public List<ProvidedJob> jobs(Config config) {
        int anomalyMinutes = minutes(config, "alerts.anomalies.interval-minutes", 60);
        int newsMinutes = minutes(config, "alerts.news.interval-minutes", 30);
        return List.of(
                JobProvider.job(JobDefinition.builder("alerts.scan").name("Alert scanner")
                        .description("Evaluates alert rules (price, RSI, volume spike, MACD cross, support/resistance) on stored candles "
                                + "and quotes; records and notifies the rules that fire")
                        .schedule("every 1 minute during NSE market hours").timeout(Duration.ofSeconds(50))
                        .misfireGrace(Duration.ofSeconds(30)).build(), AlertScanJob.class),
                JobProvider.job(JobDefinition.builder("alerts.anomalies").name("Anomaly detection scan")
                        .description("Scans every BVMT stock for volume spikes, large moves, moves on thin volume, repeated limit hits "
                                + "and opening gaps; stores them and notifies the critical ones")
                        .schedule(every(anomalyMinutes)).timeout(Duration.ofMinutes(5)).build(), AnomalyScanJob.class),
                JobProvider.job(JobDefinition.builder("alerts.news").name("News and sentiment")
                        .description("Fetches news (NewsAPI, RSS, HTML pages) for watched symbols, scores sentiment and updates the "
                                + "per-symbol and per-sector sentiment history")
                        .schedule(every(newsMinutes)).timeout(Duration.ofMinutes(10)).build(), NewsJob.class));
    }

    private static String every(int minutes) {
        return minutes % 60 == 0 ? "every " + (minutes / 60) + (minutes == 60 ? " hour" : " hours") : "every " + minutes + " minutes";
    }

    private static int minutes(Config config, String key, int dflt) {
        int m = config.integer(key, dflt);
        if (m < 1) {
            throw new ConfigException(key, Integer.toString(m), "must be a whole number of minutes, at least 1 (e.g. 60)");
        }
        return m;
    }

    @Override
    public Module module() {
        return binder -> OptionalBinder.newOptionalBinder(binder, SentimentAnalyzer.class).setDefault().to(LexiconSentimentAnalyzer.class);
    }

    @Override
    public List<String> migrations() {
        return List.of("classpath:db/tradingjobs/alerts/common", "classpath:db/tradingjobs/alerts/{vendor}");
    }

    @Override
    public Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("alerts.scan.bars", "300");
        d.put("alerts.watchlist", "");
        d.put("alerts.anomalies.interval-minutes", "60");
        d.put("alerts.anomalies.timezone", "Africa/Tunis");
        d.put("alerts.anomalies.quote-url", "");
        d.put("alerts.anomalies.symbols", "");
        d.put("alerts.anomalies.fetch-concurrency", "20");
        d.put("alerts.anomalies.volume-multiple", "3");
        d.put("alerts.anomalies.price-move-percent", "5");
        d.put("alerts.anomalies.thin-volume-ratio", "0.5");
        d.put("alerts.anomalies.daily-limit-percent", "6.09");
        d.put("alerts.anomalies.limit-hits", "2");
        d.put("alerts.anomalies.limit-lookback", "5");
        d.put("alerts.anomalies.gap-percent", "3");
        d.put("alerts.anomalies.average-sessions", "20");
        d.put("alerts.anomalies.post-batch", "false");
        d.put("alerts.news.interval-minutes", "30");
        d.put("alerts.news.lookback", "2d");
        d.put("alerts.news.negative-threshold", "-0.5");
        d.put("alerts.news.timezone", "UTC");
        d.put("alerts.news.post-scrape", "false");
        d.put("news.newsapi.base-url", "https://newsapi.org");
        d.put("news.newsapi.key", "");
        d.put("news.newsapi.language", "");
        d.put("news.newsapi.page-size", "50");
        d.put("news.rss.feeds", "");
        d.put("news.html.sources", "");
        return d;
    }

    @Override
    public Map<String, String> environmentAliases() {
        return Map.of("ANOMALY_CHECK_INTERVAL", "alerts.anomalies.interval-minutes",
                "SENTIMENT_SCAN_INTERVAL", "alerts.news.interval-minutes",
                "NEWSAPI_KEY", "news.newsapi.key");
    }
}
