package io.tradingjobs.alerts.anomalies;

import static io.tradingjobs.alerts.internal.db.Tables.ALERT_ANOMALIES;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingjobs.alerts.internal.Ids;
import io.tradingjobs.core.config.Config;
import io.tradingjobs.core.http.Http;
import io.tradingjobs.core.http.HttpException;
import io.tradingjobs.core.jobs.ServiceCallJob;
import io.tradingjobs.core.notify.Notification;
import io.tradingjobs.core.notify.Notifier;
import io.tradingjobs.core.spi.Job;
import io.tradingjobs.core.spi.JobContext;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code alerts.anomalies}: the BVMT seed's hourly anomaly scan of every listed stock.
 *
 * <p>Quotes come from the latest board stored by {@code market.pulse} ({@code pulse_snapshots}),
 * or, when {@code alerts.anomalies.quote-url} is set (e.g. {@code http://localhost:8001/api/stocks/{symbol}}),
 * from one request per stock, sent {@code alerts.anomalies.fetch-concurrency} (20, as many as the shared client's {@code http.max-connections}) at a time; a
 * stock whose request fails is skipped and counted, the others go on. The volume baseline and
 * earlier limit hits come from the stored daily candles. Each anomaly is stored once per stock,
 * kind, day and severity in {@code alert_anomalies}; CRITICAL ones are notified in the same
 * transaction. With {@code alerts.anomalies.post-batch=true} the batch is also posted to
 * {@code services.anomaly.url} ({@code ANOMALY_SERVICE_URL}) + {@code /api/anomalies/batch}, as
 * the seed does; a failed post is reported in the summary and does not fail the run (the
 * anomalies are stored).
 */
public final class AnomalyScanJob implements Job {
    private static final Logger LOG = LoggerFactory.getLogger(AnomalyScanJob.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final DSLContext dsl;
    private final Http http;
    private final Notifier notifier;

    /** Created by Guice for every run. */
    @Inject
    public AnomalyScanJob(DSLContext dsl, Http http, Notifier notifier) {
        this.dsl = dsl;
        this.http = http;
        this.notifier = notifier;
    }

    @Override
    public void run(JobContext ctx) throws Exception {
        Config config = ctx.config();
        AnomalyThresholds thresholds = AnomalyThresholds.from(config);
        ZoneId zone = config.zone("alerts.anomalies.timezone", ZoneId.of("Africa/Tunis"));
        long now = ctx.clock().millis();
        long start = System.nanoTime();

        List<Quote> quotes;
        int failed = 0;
        String quoteUrl = config.string("alerts.anomalies.quote-url", "");
        if (quoteUrl.isBlank()) {
            quotes = boardQuotes();
        } else {
            List<String> symbols = config.list("alerts.anomalies.symbols");
            if (symbols.isEmpty()) {
                symbols = boardQuotes().stream().map(Quote::symbol).toList();
            }
            List<Quote> fetched = fetchQuotes(quoteUrl, symbols, config.integer("alerts.anomalies.fetch-concurrency", 20), now);
            failed = symbols.size() - fetched.size();
            quotes = fetched;
        }
        if (quotes.isEmpty()) {
            ctx.summary("no quotes to scan: no board stored in pulse_snapshots yet" + (failed > 0 ? " and " + failed + " quote requests failed" : ""));
            return;
        }
        Map<String, double[][]> history = dailyHistory(quotes.stream().map(Quote::symbol).toList(),
                thresholds.averageSessions() + thresholds.limitLookback() + 2);
        long loaded = System.nanoTime();

        AnomalyDetector detector = new AnomalyDetector(thresholds);
        List<StockSnapshot> snapshots = snapshots(quotes, history, thresholds, detector, zone);
        List<Anomaly> anomalies = detector.detectAll(snapshots);
        long computeMicros = (System.nanoTime() - loaded) / 1000;

        int[] stored = {0};
        int[] notified = {0};
        dsl.transaction(cfg -> {
            DSLContext tx = DSL.using(cfg);
            for (Anomaly a : anomalies) {
                long day = Instant.ofEpochMilli(a.observedAt()).atZone(zone).toLocalDate().atStartOfDay(zone).toInstant().toEpochMilli();
                String id = Ids.hash("anomaly", a.symbol(), a.type().name(), Long.toString(day), a.severity().name());
                int n = tx.insertInto(ALERT_ANOMALIES)
                        .set(ALERT_ANOMALIES.ANOMALY_ID, id)
                        .set(ALERT_ANOMALIES.SYMBOL, a.symbol())
                        .set(ALERT_ANOMALIES.ANOMALY_TYPE, a.type().name())
                        .set(ALERT_ANOMALIES.SEVERITY, a.severity().name())
                        .set(ALERT_ANOMALIES.OBSERVED_AT, day)
                        .set(ALERT_ANOMALIES.DETECTED_AT, now)
                        .set(ALERT_ANOMALIES.OBSERVED_VALUE, Double.isFinite(a.value()) ? a.value() : null)
                        .set(ALERT_ANOMALIES.THRESHOLD, a.threshold())
                        .set(ALERT_ANOMALIES.MESSAGE, a.message())
                        .onConflictDoNothing().execute();
                stored[0] += n;
                if (n == 1 && a.severity() == AnomalySeverity.CRITICAL) {
                    notifier.notify(tx, Notification.of("anomaly:" + id, Notification.Severity.CRITICAL,
                            "Critical anomaly: " + a.message(), a.message() + "\nType " + a.type() + ", observed at "
                                    + Instant.ofEpochMilli(a.observedAt())));
                    notified[0]++;
                }
            }
        });

        String post = "";
        if (config.bool("alerts.anomalies.post-batch", false) && !anomalies.isEmpty()) {
            // The seed's POST ANOMALY_SERVICE_URL/api/anomalies/batch; the anomalies are stored whatever it answers.
            post = "; " + ServiceCallJob.postAsSideStep(ctx, http, "services.anomaly.url", "/api/anomalies/batch", batch(anomalies, now),
                    "posting the batch of " + anomalies.size());
        }
        long totalMs = (System.nanoTime() - start) / 1_000_000;
        String summary = String.format(Locale.ROOT, "%d stocks scanned%s: %d anomalies (%d new, %d critical notified); compute %.1f ms, total %d ms%s",
                snapshots.size(), failed > 0 ? " (" + failed + " quote requests failed)" : "", anomalies.size(), stored[0], notified[0],
                computeMicros / 1000.0, totalMs, post);
        ctx.summary(summary);
        LOG.info(summary);
    }

    /** A quote of one stock. */
    record Quote(String symbol, String ticker, double reference, double open, double last, double volume, long time) {
    }

    private List<Quote> boardQuotes() {
        if (!tableExists("pulse_snapshots")) {
            return List.of();
        }
        return dsl.connectionResult(c -> {
            List<Quote> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT isin, ticker, reference_price, open_price, last_price, volume, snapshot_at "
                    + "FROM pulse_snapshots WHERE snapshot_at = (SELECT MAX(snapshot_at) FROM pulse_snapshots) ORDER BY isin");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String ticker = rs.getString(2);
                    out.add(new Quote(rs.getString(1), ticker == null ? rs.getString(1) : ticker, num(rs, 3), num(rs, 4), num(rs, 5),
                            num(rs, 6), rs.getLong(7)));
                }
            }
            return out;
        });
    }

    private List<Quote> fetchQuotes(String template, List<String> symbols, int concurrency, long now) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(concurrency, symbols.size())), r -> {
            Thread t = new Thread(r, "alerts-anomaly-quotes-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Quote>> futures = new ArrayList<>();
            for (String symbol : symbols) {
                futures.add(pool.submit(() -> fetch(template, symbol, now)));
            }
            List<Quote> out = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                try {
                    Quote q = futures.get(i).get();
                    if (q != null) {
                        out.add(q);
                    }
                } catch (java.util.concurrent.ExecutionException e) {
                    LOG.warn("skipped {}: its quote could not be fetched: {}", symbols.get(i), e.getCause().getMessage());
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private Quote fetch(String template, String symbol, long now) throws HttpException {
        String url = template.replace("{symbol}", java.net.URLEncoder.encode(symbol, java.nio.charset.StandardCharsets.UTF_8));
        JsonNode j = http.get(url).retries(2).send().json();
        if (j.has("data") && j.get("data").isObject()) {
            j = j.get("data");
        }
        double last = first(j, "last_price", "last", "price", "close");
        if (!(last > 0)) {
            LOG.warn("skipped {}: its quote has no usable price (NaN, zero or missing)", symbol);
            return null;
        }
        String ticker = j.hasNonNull("ticker") ? j.get("ticker").asText() : j.hasNonNull("symbol") ? j.get("symbol").asText() : symbol;
        long time = j.hasNonNull("quote_time") && j.get("quote_time").canConvertToLong() ? j.get("quote_time").asLong() : now;
        return new Quote(symbol, ticker, first(j, "reference_price", "reference", "previous_close", "prev_close"),
                first(j, "open_price", "open"), last, first(j, "volume"), time);
    }

    private static double first(JsonNode j, String... names) {
        for (String n : names) {
            JsonNode v = j.get(n);
            if (v != null && v.isNumber()) {
                return v.asDouble();
            }
            if (v != null && v.isTextual()) {
                try {
                    return Double.parseDouble(v.asText().trim().replace(',', '.'));
                } catch (NumberFormatException ignored) {
                    // try the next name
                }
            }
        }
        return Double.NaN;
    }

    /** Per symbol: the latest daily candles as {ts[], close[], volume[]}, oldest first. */
    private Map<String, double[][]> dailyHistory(List<String> symbols, int bars) {
        if (symbols.isEmpty() || !tableExists("candles")) {
            return Map.of();
        }
        String in = String.join(",", Collections.nCopies(symbols.size(), "?"));
        String sql = "SELECT instrument_key, ts, close_price, volume FROM (SELECT instrument_key, ts, close_price, volume, "
                + "ROW_NUMBER() OVER (PARTITION BY instrument_key ORDER BY ts DESC) AS rn FROM candles "
                + "WHERE candle_interval = 'day' AND instrument_key IN (" + in + ")) recent WHERE rn <= ? ORDER BY instrument_key, ts";
        return dsl.connectionResult(c -> {
            Map<String, List<double[]>> rows = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                for (String s : symbols) {
                    ps.setString(i++, s);
                }
                ps.setInt(i, bars);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new double[] {rs.getLong(2), num(rs, 3), num(rs, 4)});
                    }
                }
            }
            Map<String, double[][]> out = new HashMap<>();
            rows.forEach((k, list) -> out.put(k, list.toArray(double[][]::new)));
            return out;
        });
    }

    /** Joins quotes with their history: average volume and limit closes of the sessions before the quote's day. */
    static List<StockSnapshot> snapshots(List<Quote> quotes, Map<String, double[][]> history, AnomalyThresholds t,
                                         AnomalyDetector detector, ZoneId zone) {
        List<StockSnapshot> out = new ArrayList<>(quotes.size());
        for (Quote q : quotes) {
            if (!(q.last() > 0) || Double.isInfinite(q.last())) {
                LOG.warn("skipped {}: its last price {} is missing, NaN or zero", q.ticker(), q.last());
                continue;
            }
            long dayStart = Instant.ofEpochMilli(q.time()).atZone(zone).toLocalDate().atStartOfDay(zone).toInstant().toEpochMilli();
            double[][] rows = history.getOrDefault(q.symbol(), new double[0][]);
            int end = rows.length;
            while (end > 0 && rows[end - 1][0] >= dayStart) {
                end--; // today's candle, if stored already, is not history
            }
            double sum = 0;
            int count = 0;
            for (int i = end - 1; i >= 0 && count < t.averageSessions(); i--) {
                double v = rows[i][2];
                if (v >= 0) {
                    sum += v;
                    count++;
                }
            }
            double avg = count > 0 ? sum / count : Double.NaN;
            int hits = 0;
            for (int i = end - 1; i >= 1 && i >= end - t.limitLookback(); i--) {
                double prev = rows[i - 1][1];
                double close = rows[i][1];
                if (prev > 0 && close > 0 && detector.atLimit((close / prev - 1) * 100)) {
                    hits++;
                }
            }
            double reference = q.reference() > 0 ? q.reference() : end > 0 ? rows[end - 1][1] : Double.NaN;
            out.add(new StockSnapshot(q.symbol(), q.ticker(), reference, q.open(), q.last(), q.volume() >= 0 ? q.volume() : Double.NaN,
                    avg, hits, q.time()));
        }
        return out;
    }

    private static Map<String, Object> batch(List<Anomaly> anomalies, long now) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Anomaly a : anomalies) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("symbol", a.symbol());
            m.put("ticker", a.ticker());
            m.put("type", a.type().name().toLowerCase(Locale.ROOT));
            m.put("severity", a.severity().name().toLowerCase(Locale.ROOT));
            m.put("value", Double.isFinite(a.value()) ? a.value() : null);
            m.put("threshold", a.threshold());
            m.put("message", a.message());
            m.put("observed_at", Instant.ofEpochMilli(a.observedAt()).toString());
            list.add(m);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("detected_at", Instant.ofEpochMilli(now).toString());
        body.put("count", list.size());
        body.put("anomalies", list);
        return body;
    }

    private boolean tableExists(String table) {
        return dsl.connectionResult(c -> {
            try (ResultSet rs = c.getMetaData().getTables(c.getCatalog(), c.getSchema(), table, new String[] {"TABLE"})) {
                return rs.next();
            }
        });
    }

    private static double num(ResultSet rs, int column) throws java.sql.SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? Double.NaN : v;
    }
}
