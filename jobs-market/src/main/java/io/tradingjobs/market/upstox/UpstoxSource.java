package io.tradingjobs.market.upstox;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingjobs.core.config.Config;
import io.tradingjobs.core.http.Http;
import io.tradingjobs.core.http.HttpException;
import io.tradingjobs.core.http.HttpResponse;
import io.tradingjobs.core.http.RateLimit;
import io.tradingjobs.market.source.Candle;
import io.tradingjobs.market.source.CandleInterval;
import io.tradingjobs.market.source.IndexValue;
import io.tradingjobs.market.source.InvalidTokenException;
import io.tradingjobs.market.source.MarketDataException;
import io.tradingjobs.market.source.MarketDataSource;
import io.tradingjobs.market.source.OptionStrike;
import io.tradingjobs.market.source.Quote;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Upstox API v2/v3: historical and intraday candles, full quotes, option chains and index values.
 *
 * <p>Settings: {@code market.upstox.base-url} (default {@code https://api.upstox.com}),
 * {@code market.upstox.token} (sent as {@code Authorization: Bearer}) and
 * {@code market.upstox.rate-limits} (default {@link #DEFAULT_RATE_LIMITS}, within Upstox's 50/s, 500/min, 2000/30min; registered
 * on the shared HTTP layer for the API host unless {@code http.rate-limit.<host>} is set).
 * Thread-safe.
 */
public final class UpstoxSource implements MarketDataSource {
    /**
     * Upstox's published limits for the standard APIs (50/s, 500/min, 2000/30min), with the
     * per-second rate at 48: requests leave exactly evenly spaced but arrive with network jitter,
     * and at exactly 50/s a few land 51 in one second at the server, are refused with 429, and
     * their retries use up the 500/min budget (measured: 17% of the limit instead of 96%).
     */
    public static final String DEFAULT_RATE_LIMITS = "48/s,500/min,2000/30min";
    /** Keys per quote request. */
    public static final int MAX_QUOTE_KEYS = 500;
    private static final ZoneId IST = ZoneId.of("Asia/Kolkata");

    private final Http http;
    private final Clock clock;
    private final String baseUrl;
    private final String token;

    /** Creates the source and registers the rate limits of the API host. */
    public UpstoxSource(Http http, Config config, Clock clock) {
        this.http = http;
        this.clock = clock;
        this.baseUrl = config.string("market.upstox.base-url", "https://api.upstox.com").replaceAll("/+$", "");
        this.token = config.string("market.upstox.token", "");
        String host = URI.create(baseUrl).getHost();
        if (host != null && config.get("http.rate-limit." + host).isEmpty()) {
            http.rateLimit(host, RateLimit.parseAll(config.string("market.upstox.rate-limits", DEFAULT_RATE_LIMITS)).toArray(RateLimit[]::new));
        }
    }

    @Override
    public String name() {
        return "upstox";
    }

    @Override
    public ZoneId zone() {
        return IST;
    }

    @Override
    public List<Candle> candles(String key, CandleInterval interval, LocalDate from, LocalDate to) throws MarketDataException {
        LocalDate today = LocalDate.now(clock.withZone(IST));
        TreeMap<Instant, Candle> byTime = new TreeMap<>();
        LocalDate lastHistorical = to.isBefore(today) ? to : today.minusDays(1);
        int span = interval == CandleInterval.DAY ? 3650 : 30;
        for (LocalDate end = lastHistorical; !end.isBefore(from); end = end.minusDays(span)) {
            LocalDate start = end.minusDays(span - 1L).isBefore(from) ? from : end.minusDays(span - 1L);
            String url = baseUrl + historicalPath(key, interval) + "/" + end + "/" + start;
            parseCandles(key, interval, url, fetch(key, url), byTime);
        }
        if (!to.isBefore(today) && !from.isAfter(today)) {
            String url = baseUrl + intradayPath(key, interval);
            parseCandles(key, interval, url, fetch(key, url), byTime);
        }
        byTime.keySet().removeIf(t -> {
            LocalDate d = t.atZone(IST).toLocalDate();
            return d.isBefore(from) || d.isAfter(to);
        });
        return new ArrayList<>(byTime.values());
    }

    private static String historicalPath(String key, CandleInterval interval) {
        switch (interval) {
            case ONE_MINUTE: return "/v2/historical-candle/" + encode(key) + "/1minute";
            case FIVE_MINUTES: return "/v3/historical-candle/" + encode(key) + "/minutes/5";
            case FIFTEEN_MINUTES: return "/v3/historical-candle/" + encode(key) + "/minutes/15";
            default: return "/v2/historical-candle/" + encode(key) + "/day";
        }
    }

    private static String intradayPath(String key, CandleInterval interval) {
        switch (interval) {
            case ONE_MINUTE: return "/v2/historical-candle/intraday/" + encode(key) + "/1minute";
            case FIVE_MINUTES: return "/v3/historical-candle/intraday/" + encode(key) + "/minutes/5";
            case FIFTEEN_MINUTES: return "/v3/historical-candle/intraday/" + encode(key) + "/minutes/15";
            default: return "/v3/historical-candle/intraday/" + encode(key) + "/days/1";
        }
    }

    /** Percent-encodes one path segment ({@code NSE_EQ|INE002A01018} becomes {@code NSE_EQ%7CINE002A01018}). */
    public static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void parseCandles(String key, CandleInterval interval, String url, JsonNode root, Map<Instant, Candle> into)
            throws MarketDataException {
        JsonNode candles = root.path("data").path("candles");
        if (!candles.isArray()) {
            throw bad(key, url, "the answer has no data.candles array");
        }
        for (JsonNode row : candles) {
            try {
                if (!row.isArray() || row.size() < 6) {
                    throw new IllegalArgumentException("candle " + row + " is not [timestamp, open, high, low, close, volume, oi]");
                }
                Instant time = OffsetDateTime.parse(row.get(0).asText()).toInstant();
                Candle c = new Candle(key, interval, time, price(row, 1, "open"), price(row, 2, "high"), price(row, 3, "low"),
                        price(row, 4, "close"), count(row, 5, "volume"), row.size() > 6 ? count(row, 6, "oi") : 0);
                into.put(time, c);
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw bad(key, url, "bad candle: " + e.getMessage());
            }
        }
    }

    private static double price(JsonNode row, int i, String what) {
        JsonNode n = row.get(i);
        if (n == null || !n.isNumber()) {
            throw new IllegalArgumentException(row.get(0) + " has a " + (n == null || n.isNull() ? "null" : "non-numeric") + " " + what + " price");
        }
        return n.doubleValue();
    }

    private static long count(JsonNode row, int i, String what) {
        JsonNode n = row.get(i);
        if (n == null || n.isNull()) {
            return 0;
        }
        if (!n.isNumber()) {
            throw new IllegalArgumentException(row.get(0) + " has a non-numeric " + what);
        }
        return n.longValue();
    }

    /** Full quotes ({@code /v2/market-quote/quotes}), up to 500 keys a request. */
    @Override
    public Map<String, Quote> quotes(Collection<String> keys) throws MarketDataException {
        return fetchQuotes("/v2/market-quote/quotes", keys, "");
    }

    /**
     * Last traded prices ({@code /v2/market-quote/ltp}), up to 500 keys a request; only
     * {@link Quote#lastPrice()} and the symbol-free fields the answer has are set.
     *
     * @throws MarketDataException when a request fails
     */
    public Map<String, Quote> ltp(Collection<String> keys) throws MarketDataException {
        return fetchQuotes("/v2/market-quote/ltp", keys, "");
    }

    /**
     * OHLC quotes ({@code /v2/market-quote/ohlc}) for {@code interval} ({@code 1d}, {@code I1},
     * {@code I30}), up to 500 keys a request.
     *
     * @throws MarketDataException when a request fails
     */
    public Map<String, Quote> ohlc(Collection<String> keys, String interval) throws MarketDataException {
        return fetchQuotes("/v2/market-quote/ohlc", keys, "&interval=" + encode(interval));
    }

    /** Answers are keyed {@code NSE_EQ:SYMBOL}, not by the key sent: entries are matched on {@code instrument_token}. */
    private Map<String, Quote> fetchQuotes(String path, Collection<String> keys, String extraQuery) throws MarketDataException {
        Map<String, Quote> out = new LinkedHashMap<>();
        List<String> all = new ArrayList<>(keys);
        for (int i = 0; i < all.size(); i += MAX_QUOTE_KEYS) {
            List<String> batch = all.subList(i, Math.min(all.size(), i + MAX_QUOTE_KEYS));
            java.util.Set<String> wanted = new java.util.HashSet<>(batch);
            String url = baseUrl + path + "?instrument_key=" + encode(String.join(",", batch)) + extraQuery;
            JsonNode data = fetch(batch.size() == 1 ? batch.get(0) : batch.size() + " instruments", url).path("data");
            for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext(); ) {
                JsonNode q = it.next().getValue();
                String token = q.path("instrument_token").asText("");
                if (!wanted.contains(token)) {
                    continue;
                }
                JsonNode last = q.get("last_price");
                if (last == null || !last.isNumber()) {
                    throw bad(token, url, "the quote has no last_price");
                }
                JsonNode ohlc = q.path("ohlc");
                out.put(token, new Quote(token, q.path("symbol").asText(null), last.doubleValue(), num(ohlc, "open"), num(ohlc, "high"),
                        num(ohlc, "low"), num(ohlc, "close"), num(q, "net_change"), lng(q, "volume"), lng(q, "oi"), quoteTime(q)));
            }
        }
        return out;
    }

    private Instant quoteTime(JsonNode q) {
        JsonNode ltt = q.get("last_trade_time");
        if (ltt != null && !ltt.isNull() && ltt.asText().matches("\\d{10,}")) {
            return Instant.ofEpochMilli(Long.parseLong(ltt.asText()));
        }
        JsonNode ts = q.get("timestamp");
        if (ts != null && ts.isTextual()) {
            try {
                return OffsetDateTime.parse(ts.asText()).toInstant();
            } catch (DateTimeParseException ignored) {
                // fall back to the clock
            }
        }
        return clock.instant();
    }

    @Override
    public List<IndexValue> indices(Collection<String> indexKeys) throws MarketDataException {
        List<IndexValue> out = new ArrayList<>();
        for (Quote q : quotes(indexKeys).values()) {
            Double pct = q.netChange() == null || q.lastPrice() == q.netChange() ? null
                    : q.netChange() / (q.lastPrice() - q.netChange()) * 100.0;
            out.add(new IndexValue(q.instrumentKey(), q.time(), q.lastPrice(), q.netChange(), pct));
        }
        return out;
    }

    @Override
    public List<OptionStrike> optionChain(String underlyingKey, LocalDate expiry) throws MarketDataException {
        String url = baseUrl + "/v2/option/chain?instrument_key=" + encode(underlyingKey) + "&expiry_date=" + expiry;
        JsonNode data = fetch(underlyingKey, url).path("data");
        if (!data.isArray()) {
            throw bad(underlyingKey, url, "the answer has no data array");
        }
        List<OptionStrike> out = new ArrayList<>();
        for (JsonNode s : data) {
            JsonNode strike = s.get("strike_price");
            if (strike == null || !strike.isNumber()) {
                throw bad(underlyingKey, url, "an option chain row has no strike_price: " + s);
            }
            out.add(new OptionStrike(underlyingKey, expiry, strike.doubleValue(), num(s, "underlying_spot_price"), num(s, "pcr"),
                    side(s.get("call_options")), side(s.get("put_options"))));
        }
        out.sort(Comparator.comparingDouble(OptionStrike::strike));
        return out;
    }

    private static OptionStrike.Side side(JsonNode o) {
        if (o == null || o.isNull() || o.isMissingNode()) {
            return null;
        }
        JsonNode md = o.path("market_data");
        JsonNode g = o.path("option_greeks");
        return new OptionStrike.Side(o.path("instrument_key").asText(null), num(md, "ltp"), lng(md, "oi"), lng(md, "volume"),
                num(g, "iv"), num(g, "delta"));
    }

    private static Double num(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || !v.isNumber() ? null : v.doubleValue();
    }

    private static Long lng(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || !v.isNumber() ? null : v.longValue();
    }

    /** GETs {@code url} and returns the JSON of a successful answer; every failure names {@code instrument} and the URL. */
    private JsonNode fetch(String instrument, String url) throws MarketDataException {
        HttpResponse r;
        try {
            Http.Request request = http.get(url).header("Accept", "application/json");
            if (!token.isEmpty()) {
                request.bearerToken(token);
            }
            r = request.sendAllowingErrors();
        } catch (HttpException e) {
            throw new MarketDataException(instrument, e.url(), e.status(), null, e.getMessage(), !e.isInterruption(), e);
        } catch (IllegalArgumentException e) {
            throw new MarketDataException(instrument, url, -1, null, "bad request URL: " + e.getMessage(), false, e);
        }
        JsonNode root = null;
        try {
            root = r.json();
        } catch (HttpException e) {
            if (r.isSuccess()) {
                throw new MarketDataException(instrument, e.url(), r.status(), null, e.getMessage(), false, e);
            }
        }
        String code = null;
        String message = null;
        if (root != null && "error".equals(root.path("status").asText())) {
            JsonNode err = root.path("errors").path(0);
            code = err.path("errorCode").asText(err.path("error_code").asText(null));
            message = err.path("message").asText(null);
        }
        if (r.status() == 401 || "UDAPI100050".equals(code)) {
            throw new InvalidTokenException(instrument, url, r.status(), code,
                    "Upstox refused the access token (HTTP " + r.status() + (message == null ? "" : ", " + message)
                            + "); set market.upstox.token to a valid token");
        }
        if (!r.isSuccess() || code != null) {
            boolean transientFailure = r.status() == 429 || r.status() >= 500;
            throw new MarketDataException(instrument, url, r.status(), code,
                    "HTTP " + r.status() + (message == null ? "" : ": " + message), transientFailure, null);
        }
        return root;
    }

    private static MarketDataException bad(String instrument, String url, String problem) {
        return new MarketDataException(instrument, url, 200, null, problem, false, null);
    }
}
