package io.tradingjobs.market.simulated;

import io.tradingjobs.core.calendar.Session;
import io.tradingjobs.core.calendar.TradingCalendar;
import io.tradingjobs.core.calendar.TradingCalendars;
import io.tradingjobs.market.bvmt.BvmtSource;
import io.tradingjobs.market.source.Board;
import io.tradingjobs.market.source.BoardQuote;
import io.tradingjobs.market.source.Candle;
import io.tradingjobs.market.source.CandleInterval;
import io.tradingjobs.market.source.IndexValue;
import io.tradingjobs.market.source.MarketDataException;
import io.tradingjobs.market.source.MarketDataSource;
import io.tradingjobs.market.source.OptionStrike;
import io.tradingjobs.market.source.Quote;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A made-up but deterministic market, labelled {@code simulated} everywhere it is stored: the
 * NIFTY 50 names on the NSE calendar and the BVMT board on the BVMT calendar. The same seed, key
 * and minute always give the same price, whatever range is asked; prices move only during
 * sessions of trading days, a few illiquid minutes have no trade (as on a real exchange), and
 * nothing after the clock's now exists. Thread-safe.
 */
public final class SimulatedMarket implements MarketDataSource {
    /** Shown next to simulated figures. */
    public static final String LABEL = "SIMULATED";

    /** NIFTY 50 constituents (symbols); simulated keys are {@code NSE_EQ|<symbol>}. */
    public static final List<String> NIFTY_50 = List.of("ADANIENT", "ADANIPORTS", "APOLLOHOSP", "ASIANPAINT", "AXISBANK", "BAJAJ-AUTO",
            "BAJFINANCE", "BAJAJFINSV", "BEL", "BHARTIARTL", "CIPLA", "COALINDIA", "DRREDDY", "EICHERMOT", "ETERNAL", "GRASIM", "HCLTECH",
            "HDFCBANK", "HDFCLIFE", "HEROMOTOCO", "HINDALCO", "HINDUNILVR", "ICICIBANK", "INDUSINDBK", "INFY", "ITC", "JIOFIN", "JSWSTEEL",
            "KOTAKBANK", "LT", "M&M", "MARUTI", "NESTLEIND", "NTPC", "ONGC", "POWERGRID", "RELIANCE", "SBILIFE", "SBIN", "SHRIRAMFIN",
            "SUNPHARMA", "TATACONSUM", "TATAMOTORS", "TATASTEEL", "TCS", "TECHM", "TITAN", "TRENT", "ULTRACEMCO", "WIPRO");

    /** Upstox keys of the default watchlist, which the simulated market also serves. */
    public static final Map<String, String> KNOWN_ISIN_KEYS = Map.of(
            "NSE_EQ|INE002A01018", "RELIANCE", "NSE_EQ|INE467B01029", "TCS", "NSE_EQ|INE040A01034", "HDFCBANK",
            "NSE_EQ|INE009A01021", "INFY", "NSE_EQ|INE090A01021", "ICICIBANK");

    private static final List<String> BVMT_TICKERS = List.of("BIAT", "BT", "ATB", "BH", "BNA", "STB", "UIB", "AB", "ATTIJARI", "WIFAK",
            "AMI", "STAR", "ASTREE", "SFBT", "DELICE", "POULINA", "LAND OR", "SAH", "CARTHAGE", "SOTUVER", "ONE TECH", "SOTIPAPIER", "TPR",
            "SIAME", "EURO-CYCLES", "TELNET", "SOTETEL", "SMART TUN", "HEXABYTE", "MONOPRIX", "MAGASIN GENERAL", "ARTES", "CITY CARS",
            "ENNAKL", "SITS", "SIMPAR", "ESSOUKNA", "TUNISAIR", "SOTRAPIL", "ADWYA", "UNIMED", "SIPHAT");

    private final long seed;
    private final Clock clock;
    private final TradingCalendar nse;
    private final TradingCalendar bvmt;

    /**
     * @param seed the market's seed ({@code market.simulated.seed})
     * @param clock what "now" is
     * @param nse the NSE calendar in force
     * @param bvmt the BVMT calendar in force
     */
    public SimulatedMarket(long seed, Clock clock, TradingCalendar nse, TradingCalendar bvmt) {
        this.seed = seed;
        this.clock = clock;
        this.nse = nse;
        this.bvmt = bvmt;
    }

    /** With the shipped calendars. */
    public SimulatedMarket(long seed, Clock clock) {
        this(seed, clock, TradingCalendars.nse(), TradingCalendars.bvmt());
    }

    @Override
    public String name() {
        return "simulated";
    }

    @Override
    public boolean isSimulated() {
        return true;
    }

    /** Every NSE key the simulated market knows: {@code NSE_EQ|<symbol>} for the NIFTY 50, plus the default watchlist's ISIN keys. */
    public static List<String> instrumentKeys() {
        List<String> keys = new ArrayList<>();
        NIFTY_50.forEach(s -> keys.add("NSE_EQ|" + s));
        keys.addAll(KNOWN_ISIN_KEYS.keySet());
        Collections.sort(keys);
        return keys;
    }

    private String symbolOf(String key) throws MarketDataException {
        String symbol = KNOWN_ISIN_KEYS.get(key);
        if (symbol == null && key.startsWith("NSE_EQ|") && NIFTY_50.contains(key.substring(7))) {
            symbol = key.substring(7);
        }
        if (symbol == null && key.startsWith("NSE_INDEX|")) {
            symbol = key.substring(10);
        }
        if (symbol == null) {
            throw new MarketDataException(key, "simulated:" + key, 400, "UNKNOWN_INSTRUMENT",
                    "the simulated market has no instrument " + key + " (it knows the NIFTY 50 as NSE_EQ|SYMBOL)", false, null);
        }
        return symbol;
    }

    private double basePrice(String symbol) {
        long h = mix(seed ^ symbol.hashCode());
        return 100 + (Math.abs(h) % 4900);
    }

    /** One trading day's minute prices of {@code symbol}, or empty arrays on a closed day. */
    private double[][] day(String symbol, TradingCalendar cal, LocalDate d) {
        List<long[]> minutes = new ArrayList<>();
        for (Session s : cal.sessions(d)) {
            if (!s.kind().isTrading()) {
                continue;
            }
            long start = d.atTime(s.start()).atZone(cal.zone()).toInstant().toEpochMilli();
            long end = d.atTime(s.end()).atZone(cal.zone()).toInstant().toEpochMilli();
            for (long t = start; t + 60_000 <= end; t += 60_000) {
                minutes.add(new long[] {t});
            }
        }
        double[][] out = new double[minutes.size()][];
        SplittableRandom dayRandom = new SplittableRandom(mix(seed ^ symbol.hashCode() * 31L ^ d.toEpochDay()));
        double open = basePrice(symbol) * (1 + 0.002 * (d.toEpochDay() % 50) + 0.01 * (dayRandom.nextDouble() - 0.5));
        double price = open;
        for (int i = 0; i < out.length; i++) {
            double o = price;
            double c = Math.max(1, o * (1 + 0.0008 * (dayRandom.nextDouble() - 0.5)));
            double h = Math.max(o, c) * (1 + 0.0003 * dayRandom.nextDouble());
            double l = Math.min(o, c) * (1 - 0.0003 * dayRandom.nextDouble());
            long volume = 100 + dayRandom.nextInt(5000);
            boolean traded = dayRandom.nextInt(97) != 0;
            out[i] = traded ? new double[] {minutes.get(i)[0], round(o), round(h), round(l), round(c), volume} : null;
            price = c;
        }
        return out;
    }

    private static double round(double p) {
        return Math.round(p * 20) / 20.0;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    @Override
    public List<Candle> candles(String key, CandleInterval interval, LocalDate from, LocalDate to) throws MarketDataException {
        String symbol = symbolOf(key);
        long now = clock.millis();
        List<Candle> out = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            if (!nse.isTradingDay(d)) {
                continue;
            }
            double[][] minutes = day(symbol, nse, d);
            long step = interval == CandleInterval.DAY ? Long.MAX_VALUE : interval.length().toMillis();
            long dayStart = d.atStartOfDay(nse.zone()).toInstant().toEpochMilli();
            double[] bar = null;
            long barStart = -1;
            for (double[] m : minutes) {
                if (m == null || (long) m[0] + 60_000 > now) {
                    continue;
                }
                long start = interval == CandleInterval.DAY ? dayStart : (long) m[0] - Math.floorMod((long) m[0] - alignBase(d), step);
                if (start != barStart) {
                    if (bar != null) {
                        out.add(candle(key, interval, barStart, bar));
                    }
                    bar = new double[] {m[1], m[2], m[3], m[4], m[5]};
                    barStart = start;
                } else {
                    bar[1] = Math.max(bar[1], m[2]);
                    bar[2] = Math.min(bar[2], m[3]);
                    bar[3] = m[4];
                    bar[4] += m[5];
                }
            }
            if (bar != null && (interval != CandleInterval.DAY || nse.close(d).map(c -> c.toInstant().toEpochMilli() <= now).orElse(false))) {
                out.add(candle(key, interval, barStart, bar));
            }
        }
        return out;
    }

    private long alignBase(LocalDate d) {
        return nse.open(d).map(z -> z.toInstant().toEpochMilli()).orElse(d.atStartOfDay(nse.zone()).toInstant().toEpochMilli());
    }

    private static Candle candle(String key, CandleInterval interval, long start, double[] b) {
        return new Candle(key, interval, Instant.ofEpochMilli(start), b[0], b[1], b[2], b[3], (long) b[4], 0);
    }

    private double[] lastMinute(String symbol, TradingCalendar cal) {
        long now = clock.millis();
        LocalDate d = Instant.ofEpochMilli(now).atZone(cal.zone()).toLocalDate();
        for (int back = 0; back < 15; back++, d = d.minusDays(1)) {
            if (!cal.isTradingDay(d)) {
                continue;
            }
            double[][] minutes = day(symbol, cal, d);
            double[] last = null;
            double[] first = null;
            double high = 0;
            double low = Double.MAX_VALUE;
            long volume = 0;
            for (double[] m : minutes) {
                if (m == null || (long) m[0] + 60_000 > now) {
                    continue;
                }
                first = first == null ? m : first;
                last = m;
                high = Math.max(high, m[2]);
                low = Math.min(low, m[3]);
                volume += (long) m[5];
            }
            if (last != null) {
                return new double[] {last[0], first[1], high, low, last[4], volume};
            }
        }
        return new double[] {now, basePrice(symbol), basePrice(symbol), basePrice(symbol), basePrice(symbol), 0};
    }

    @Override
    public Map<String, Quote> quotes(Collection<String> keys) throws MarketDataException {
        Map<String, Quote> out = new LinkedHashMap<>();
        for (String key : keys) {
            String symbol = symbolOf(key);
            double[] q = lastMinute(symbol, nse);
            out.put(key, new Quote(key, symbol, q[4], q[1], q[2], q[3], q[1], round(q[4] - q[1]), (long) q[5], 0L,
                    Instant.ofEpochMilli((long) q[0] + 60_000)));
        }
        return out;
    }

    @Override
    public List<IndexValue> indices(Collection<String> keys) throws MarketDataException {
        List<IndexValue> out = new ArrayList<>();
        for (Quote q : quotes(keys).values()) {
            double scale = 25_000 / basePrice(q.symbol());
            double value = round(q.lastPrice() * scale);
            double change = round(q.netChange() * scale);
            out.add(new IndexValue(q.instrumentKey(), q.time(), value, change, change / (value - change) * 100));
        }
        return out;
    }

    @Override
    public List<OptionStrike> optionChain(String underlyingKey, LocalDate expiry) throws MarketDataException {
        double spot = indices(List.of(underlyingKey)).get(0).value();
        double step = spot > 10_000 ? 50 : 5;
        double atm = Math.round(spot / step) * step;
        List<OptionStrike> out = new ArrayList<>();
        for (int i = -10; i <= 10; i++) {
            double k = atm + i * step;
            double call = Math.max(0.05, spot - k) + step * 0.4;
            double put = Math.max(0.05, k - spot) + step * 0.4;
            long oi = 1000L * (50 - Math.abs(i) * 3);
            String code = underlyingKey.replace("NSE_INDEX|", "").replace(" ", "").toUpperCase() + expiry.format(DateTimeFormatter.BASIC_ISO_DATE);
            out.add(new OptionStrike(underlyingKey, expiry, k, spot, 1.0 + i * 0.02,
                    new OptionStrike.Side("SIM_FO|" + code + "C" + (long) k, round(call), oi, oi * 3, 0.14, 0.5 - i * 0.04),
                    new OptionStrike.Side("SIM_FO|" + code + "P" + (long) k, round(put), oi, oi * 3, 0.15, -0.5 - i * 0.04)));
        }
        return out;
    }

    @Override
    public Board board() {
        List<BoardQuote> quotes = new ArrayList<>();
        int i = 0;
        for (String ticker : BVMT_TICKERS) {
            i++;
            double[] q = lastMinute(ticker, bvmt);
            double reference = round(basePrice(ticker) / 50);
            double last = round(q[4] / 50);
            double change = Math.round((last - reference) / reference * 10_000) / 100.0;
            String isin = String.format("TNSIM%07d", i);
            String time = Instant.ofEpochMilli((long) q[0]).atZone(bvmt.zone()).toLocalTime().toString();
            quotes.add(new BoardQuote(isin, ticker, ticker + " (" + LABEL + ")", i % 3 == 0 ? "12" : "11", BvmtSource.sectorOf(ticker),
                    reference, round(q[1] / 50), last, round(q[2] / 50), round(q[3] / 50), change, (long) q[5] / 10,
                    Math.round(q[5] / 10 * last * 1000) / 1000.0, 1 + (long) q[5] % 40, time));
        }
        double tunindex = round(9_000 + quotes.stream().mapToDouble(BoardQuote::changePercent).sum() * 10);
        double t20 = round(4_000 + quotes.stream().limit(20).mapToDouble(BoardQuote::changePercent).sum() * 8);
        Instant now = clock.instant();
        return new Board(now, quotes, List.of(new IndexValue("TUNINDEX", now, tunindex, null, null),
                new IndexValue("TUNINDEX20", now, t20, null, null)), true);
    }

    @Override
    public String toString() {
        return "SimulatedMarket[seed=" + seed + ", " + LABEL + "]";
    }
}
