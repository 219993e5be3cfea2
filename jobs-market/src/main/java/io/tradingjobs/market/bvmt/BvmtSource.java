package io.tradingjobs.market.bvmt;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingjobs.core.config.Config;
import io.tradingjobs.core.http.Http;
import io.tradingjobs.core.http.HttpException;
import io.tradingjobs.core.http.HttpResponse;
import io.tradingjobs.market.source.Board;
import io.tradingjobs.market.source.BoardQuote;
import io.tradingjobs.market.source.Candle;
import io.tradingjobs.market.source.CandleInterval;
import io.tradingjobs.market.source.IndexValue;
import io.tradingjobs.market.source.MarketDataException;
import io.tradingjobs.market.source.MarketDataSource;
import io.tradingjobs.market.source.Quote;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The public REST API of the Bourse de Tunis ({@code market.bvmt.base-url}, default
 * {@code https://www.bvmt.com.tn/rest_api/rest}): the whole board from
 * {@code market/groups/11,12,52,95,99}, daily history from {@code history/{isin}}, intraday prices
 * from {@code intraday/{isin}} (aggregated into bars) and the indices TUNINDEX and TUNINDEX20 from
 * {@code market/{isin}} (setting {@code market.bvmt.indices}, {@code CODE:ISIN} pairs). Thread-safe.
 */
public final class BvmtSource implements MarketDataSource {
    /** The board groups the seed's clients read. */
    public static final String BOARD_PATH = "/market/groups/11,12,52,95,99";
    /** TUNINDEX and TUNINDEX20 with their ISINs. */
    public static final String DEFAULT_INDICES = "TUNINDEX:TN0009050014,TUNINDEX20:TN0009050287";
    private static final ZoneId TUNIS = ZoneId.of("Africa/Tunis");
    private static final Properties SECTORS = loadSectors();

    private final Http http;
    private final Clock clock;
    private final String baseUrl;
    private final Map<String, String> indices = new LinkedHashMap<>();

    /** Creates the source from the {@code market.bvmt.*} settings. */
    public BvmtSource(Http http, Config config, Clock clock) {
        this.http = http;
        this.clock = clock;
        this.baseUrl = config.string("market.bvmt.base-url", "https://www.bvmt.com.tn/rest_api/rest").replaceAll("/+$", "");
        for (String pair : config.list("market.bvmt.indices").isEmpty() ? List.of(DEFAULT_INDICES.split(",")) : config.list("market.bvmt.indices")) {
            String[] p = pair.split(":", 2);
            if (p.length != 2 || p[0].isBlank() || p[1].isBlank()) {
                throw new IllegalArgumentException("market.bvmt.indices item '" + pair + "' is not CODE:ISIN, e.g. " + DEFAULT_INDICES);
            }
            indices.put(p[0].trim(), p[1].trim());
        }
    }

    private static Properties loadSectors() {
        Properties p = new Properties();
        try (InputStream in = BvmtSource.class.getResourceAsStream("/io/tradingjobs/market/bvmt-sectors.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** The sector of a BVMT ticker from the shipped table, or {@code Other}. */
    public static String sectorOf(String ticker) {
        return ticker == null ? "Other" : SECTORS.getProperty(ticker.trim().toUpperCase(Locale.ROOT), "Other");
    }

    @Override
    public String name() {
        return "bvmt";
    }

    @Override
    public ZoneId zone() {
        return TUNIS;
    }

    @Override
    public String calendar() {
        return "BVMT";
    }

    @Override
    public Board board() throws MarketDataException {
        List<BoardQuote> quotes = boardQuotes();
        List<IndexValue> values = new ArrayList<>();
        for (Map.Entry<String, String> index : indices.entrySet()) {
            values.add(index(index.getKey(), index.getValue()));
        }
        return new Board(clock.instant(), quotes, values, false);
    }

    private List<BoardQuote> boardQuotes() throws MarketDataException {
        String url = baseUrl + BOARD_PATH;
        JsonNode markets = fetch("board", url).path("markets");
        if (!markets.isArray()) {
            throw new MarketDataException("board", url, 200, null, "the answer has no markets array", false, null);
        }
        List<BoardQuote> quotes = new ArrayList<>();
        for (JsonNode m : markets) {
            try {
                quotes.add(boardQuote(m));
            } catch (IllegalArgumentException e) {
                throw new MarketDataException(m.path("isin").asText("board"), url, 200, null, e.getMessage(), false, null);
            }
        }
        return quotes;
    }

    static BoardQuote boardQuote(JsonNode m) {
        String isin = m.path("isin").asText("");
        if (isin.isEmpty()) {
            throw new IllegalArgumentException("a board item has no isin: " + m);
        }
        JsonNode ref = m.path("referentiel");
        String ticker = ref.path("ticker").asText(null);
        Double reference = num(m, "close");
        Double last = num(m, "last");
        Double change = num(m, "change");
        if (change == null) {
            change = last != null && reference != null && reference > 0 ? (last - reference) / reference * 100 : 0.0;
        }
        Double high = num(m, "high");
        Double low = num(m, "low");
        if (high != null && low != null && high > 0 && low > 0 && high < low) {
            throw new IllegalArgumentException(isin + " has high " + high + " below low " + low);
        }
        Double caps = num(m, "caps");
        return new BoardQuote(isin, ticker, ref.path("stockName").asText(null), ref.path("valGroup").asText(null),
                sectorOf(ticker), reference, num(m, "open"), last, high, low, change,
                m.path("volume").asLong(0), num(m, "trVolume") == null ? 0 : num(m, "trVolume"), caps == null ? 0 : caps,
                m.path("time").asText(null));
    }

    private IndexValue index(String code, String isin) throws MarketDataException {
        String url = baseUrl + "/market/" + isin;
        JsonNode root = fetch(code, url);
        JsonNode m = root.path("markets").isArray() && root.path("markets").size() > 0 ? root.path("markets").get(0)
                : root.path("market").isObject() ? root.path("market") : root;
        Double value = num(m, "last");
        if (value == null || value <= 0) {
            value = num(m, "close");
        }
        if (value == null || value <= 0) {
            throw new MarketDataException(code, url, 200, null, "the index answer has no last or close value", false, null);
        }
        Double change = num(m, "change");
        return new IndexValue(code, clock.instant(), value, null, change);
    }

    @Override
    public List<IndexValue> indices(Collection<String> indexKeys) throws MarketDataException {
        List<IndexValue> out = new ArrayList<>();
        for (String key : indexKeys) {
            String isin = indices.getOrDefault(key, key);
            out.add(index(key, isin));
        }
        return out;
    }

    @Override
    public Map<String, Quote> quotes(Collection<String> keys) throws MarketDataException {
        Map<String, Quote> out = new LinkedHashMap<>();
        for (BoardQuote q : boardQuotes()) {
            if (keys.contains(q.isin()) && q.last() != null && q.last() > 0) {
                out.put(q.isin(), new Quote(q.isin(), q.ticker(), q.last(), q.open(), q.high(), q.low(), q.reference(), null,
                        q.volume(), null, clock.instant()));
            }
        }
        return out;
    }

    @Override
    public List<Candle> candles(String isin, CandleInterval interval, LocalDate from, LocalDate to) throws MarketDataException {
        if (interval == CandleInterval.DAY) {
            String url = baseUrl + "/history/" + isin;
            JsonNode items = items(fetch(isin, url), isin, url);
            TreeMap<Instant, Candle> out = new TreeMap<>();
            for (JsonNode h : items) {
                try {
                    LocalDate day = day(h);
                    if (day.isBefore(from) || day.isAfter(to)) {
                        continue;
                    }
                    Instant t = day.atStartOfDay(TUNIS).toInstant();
                    double close = req(h, "close", "last");
                    out.put(t, new Candle(isin, interval, t, opt(h, close, "open"), opt(h, close, "high"), opt(h, close, "low"), close,
                            h.path("volume").asLong(0), 0));
                } catch (IllegalArgumentException | DateTimeParseException e) {
                    throw new MarketDataException(isin, url, 200, null, "bad history row " + h + ": " + e.getMessage(), false, null);
                }
            }
            return new ArrayList<>(out.values());
        }
        String url = baseUrl + "/intraday/" + isin;
        JsonNode items = items(fetch(isin, url), isin, url);
        long step = interval.length().toMinutes();
        TreeMap<Instant, double[]> bars = new TreeMap<>();
        LocalDate today = LocalDate.now(clock.withZone(TUNIS));
        for (JsonNode p : items) {
            try {
                LocalDateTime at = dateTime(p, today);
                if (at.toLocalDate().isBefore(from) || at.toLocalDate().isAfter(to)) {
                    continue;
                }
                LocalDateTime slot = at.truncatedTo(ChronoUnit.HOURS).plusMinutes(at.getMinute() / step * step);
                double price = req(p, "last", "price", "close");
                long volume = p.path("volume").asLong(0);
                bars.merge(slot.atZone(TUNIS).toInstant(), new double[] {price, price, price, price, volume},
                        (a, b) -> new double[] {a[0], Math.max(a[1], b[1]), Math.min(a[2], b[2]), b[3], a[4] + b[4]});
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw new MarketDataException(isin, url, 200, null, "bad intraday row " + p + ": " + e.getMessage(), false, null);
            }
        }
        List<Candle> out = new ArrayList<>();
        bars.forEach((t, b) -> out.add(new Candle(isin, interval, t, b[0], b[1], b[2], b[3], (long) b[4], 0)));
        return out;
    }

    private static JsonNode items(JsonNode root, String isin, String url) throws MarketDataException {
        if (root.isArray()) {
            return root;
        }
        for (String field : new String[] {"history", "intraday", "data", "markets"}) {
            if (root.path(field).isArray()) {
                return root.path(field);
            }
        }
        throw new MarketDataException(isin, url, 200, null, "the answer has no array of rows", false, null);
    }

    private static LocalDate day(JsonNode h) {
        for (String f : new String[] {"seance", "date", "day"}) {
            JsonNode v = h.get(f);
            if (v != null && !v.isNull()) {
                if (v.isNumber()) {
                    return Instant.ofEpochMilli(v.longValue()).atZone(TUNIS).toLocalDate();
                }
                String s = v.asText();
                if (s.matches("\\d{2}/\\d{2}/\\d{4}")) {
                    return LocalDate.parse(s, DateTimeFormatter.ofPattern("dd/MM/yyyy"));
                }
                return s.length() > 10 ? OffsetDateTime.parse(s).atZoneSameInstant(TUNIS).toLocalDate() : LocalDate.parse(s);
            }
        }
        throw new IllegalArgumentException("no seance or date");
    }

    private static LocalDateTime dateTime(JsonNode p, LocalDate today) {
        JsonNode v = p.get("time");
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("no time");
        }
        if (v.isNumber()) {
            return LocalDateTime.ofInstant(Instant.ofEpochMilli(v.longValue()), TUNIS);
        }
        String s = v.asText();
        if (s.length() <= 8) {
            return LocalDateTime.of(today, LocalTime.parse(s));
        }
        return s.contains("+") || s.endsWith("Z") ? OffsetDateTime.parse(s).atZoneSameInstant(TUNIS).toLocalDateTime() : LocalDateTime.parse(s);
    }

    private static double req(JsonNode n, String... fields) {
        for (String f : fields) {
            Double d = num(n, f);
            if (d != null && d > 0) {
                return d;
            }
        }
        throw new IllegalArgumentException("no " + String.join(" or ", fields) + " price");
    }

    private static double opt(JsonNode n, double fallback, String field) {
        Double d = num(n, field);
        return d == null || d <= 0 ? fallback : d;
    }

    private static Double num(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        try {
            return Double.parseDouble(v.asText().replace(',', '.').trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " '" + v.asText() + "' is not a number");
        }
    }

    private JsonNode fetch(String what, String url) throws MarketDataException {
        HttpResponse r;
        try {
            r = http.get(url).header("Accept", "application/json").send();
            return r.json();
        } catch (HttpException e) {
            boolean transientFailure = !e.isInterruption() && (e.status() == HttpException.NO_STATUS || e.status() == 429 || e.status() >= 500);
            throw new MarketDataException(what, e.url(), e.status(), null, e.getMessage(), transientFailure, e);
        }
    }
}
