package io.tradingjobs.market;

import io.tradingjobs.core.calendar.TradingCalendar;
import io.tradingjobs.core.calendar.TradingCalendars;
import io.tradingjobs.core.test.LocalHttpServer;
import io.tradingjobs.core.test.LocalHttpServer.Reply;
import io.tradingjobs.market.source.CandleInterval;
import io.tradingjobs.market.upstox.UpstoxSource;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Upstox-format answers for {@link LocalHttpServer}: candles newest first with +05:30 offsets, quotes, option chains, errors. */
final class UpstoxFake {
    static final ZoneId IST = ZoneId.of("Asia/Kolkata");
    static final TradingCalendar NSE = TradingCalendars.nse();

    private UpstoxFake() {
    }

    /** A bar: time and prices. */
    record Bar(Instant time, double open, double high, double low, double close, long volume) {
    }

    /**
     * Minute bars of the NSE session of {@code day} (09:15 to 15:29), up to {@code until}, with
     * every 17th minute missing (no trades), as Upstox sends them.
     */
    static List<Bar> minuteBars(LocalDate day, Instant until) {
        List<Bar> out = new ArrayList<>();
        if (!NSE.isTradingDay(day)) {
            return out;
        }
        int i = 0;
        for (LocalTime t = LocalTime.of(9, 15); t.isBefore(LocalTime.of(15, 30)); t = t.plusMinutes(1), i++) {
            Instant at = day.atTime(t).atZone(IST).toInstant();
            if (i % 17 == 5 || at.plusSeconds(60).isAfter(until)) {
                continue;
            }
            double p = 1000 + day.getDayOfMonth() + i * 0.05;
            out.add(new Bar(at, p, p + 1, p - 1, p + 0.5, 100 + i));
        }
        return out;
    }

    /** The daily bar of {@code day} (timestamp midnight IST), or none on a closed day. */
    static List<Bar> dayBar(LocalDate day) {
        if (!NSE.isTradingDay(day)) {
            return List.of();
        }
        double p = 1000 + day.getDayOfMonth();
        return List.of(new Bar(day.atStartOfDay(IST).toInstant(), p, p + 20, p - 20, p + 5, 1_000_000));
    }

    /** The bars of {@code interval} for the days {@code from..to}, until {@code until}. */
    static List<Bar> bars(CandleInterval interval, LocalDate from, LocalDate to, Instant until) {
        List<Bar> out = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            out.addAll(interval == CandleInterval.DAY ? dayBar(d) : minuteBars(d, until));
        }
        return out;
    }

    /** {@code {"status":"success","data":{"candles":[...]}}} with the bars newest first. */
    static String candlesJson(List<Bar> bars) {
        StringBuilder sb = new StringBuilder("{\"status\":\"success\",\"data\":{\"candles\":[");
        for (int i = bars.size() - 1; i >= 0; i--) {
            Bar b = bars.get(i);
            sb.append(i == bars.size() - 1 ? "" : ",").append("[\"")
                    .append(OffsetDateTime.ofInstant(b.time(), IST).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append("\",")
                    .append(b.open()).append(',').append(b.high()).append(',').append(b.low()).append(',').append(b.close()).append(',')
                    .append(b.volume()).append(",0]");
        }
        return sb.append("]}}").toString();
    }

    /** The historical path as the client sends it. */
    static String historicalPath(String key, CandleInterval interval, LocalDate to, LocalDate from) {
        String k = UpstoxSource.encode(key);
        switch (interval) {
            case ONE_MINUTE: return "/v2/historical-candle/" + k + "/1minute/" + to + "/" + from;
            case FIVE_MINUTES: return "/v3/historical-candle/" + k + "/minutes/5/" + to + "/" + from;
            case FIFTEEN_MINUTES: return "/v3/historical-candle/" + k + "/minutes/15/" + to + "/" + from;
            default: return "/v2/historical-candle/" + k + "/day/" + to + "/" + from;
        }
    }

    /** The intraday path as the client sends it. */
    static String intradayPath(String key, CandleInterval interval) {
        String k = UpstoxSource.encode(key);
        switch (interval) {
            case ONE_MINUTE: return "/v2/historical-candle/intraday/" + k + "/1minute";
            case FIVE_MINUTES: return "/v3/historical-candle/intraday/" + k + "/minutes/5";
            case FIFTEEN_MINUTES: return "/v3/historical-candle/intraday/" + k + "/minutes/15";
            default: return "/v3/historical-candle/intraday/" + k + "/days/1";
        }
    }

    /** Serves {@code key}'s candles of {@code from..today} (historical to yesterday, intraday for today). */
    static void serveSeries(LocalHttpServer server, String key, CandleInterval interval, LocalDate from, LocalDate today, Instant now) {
        server.on("GET", historicalPath(key, interval, today.minusDays(1), from),
                Reply.json(candlesJson(bars(interval, from, today.minusDays(1), now))));
        server.on("GET", intradayPath(key, interval), Reply.json(candlesJson(interval == CandleInterval.DAY ? List.of()
                : bars(interval, today, today, now))));
    }

    /** The error envelope. */
    static String error(String code, String message) {
        return "{\"status\":\"error\",\"errors\":[{\"errorCode\":\"" + code + "\",\"message\":\"" + message
                + "\",\"propertyPath\":null,\"invalidValue\":null,\"error_code\":\"" + code + "\",\"property_path\":null,\"invalid_value\":null}]}";
    }

    /** A full quote entry keyed the Upstox way ({@code NSE_EQ:SYMBOL}). */
    static String quoteEntry(String responseKey, String token, String symbol, double last) {
        return String.format(Locale.ROOT, "\"%s\":{\"ohlc\":{\"open\":%.2f,\"high\":%.2f,\"low\":%.2f,\"close\":%.2f},"
                + "\"depth\":{\"buy\":[],\"sell\":[]},\"timestamp\":\"2026-01-30T12:00:01.123+05:30\",\"instrument_token\":\"%s\","
                + "\"symbol\":\"%s\",\"last_price\":%.2f,\"volume\":123456,\"average_price\":%.2f,\"oi\":0,\"net_change\":%.2f,"
                + "\"total_buy_quantity\":1000,\"total_sell_quantity\":900,\"lower_circuit_limit\":1.0,\"upper_circuit_limit\":9999.0,"
                + "\"last_trade_time\":\"1769754600000\",\"oi_day_high\":0,\"oi_day_low\":0}",
                responseKey, last - 10, last + 5, last - 12, last - 8, token, symbol, last, last - 2, 8.0);
    }

    static String quotes(String... entries) {
        return "{\"status\":\"success\",\"data\":{" + String.join(",", entries) + "}}";
    }

    /** A two-strike option chain. */
    static String optionChain(String underlying, String expiry) {
        StringBuilder sb = new StringBuilder("{\"status\":\"success\",\"data\":[");
        double[] strikes = {23000, 23050};
        for (int i = 0; i < strikes.length; i++) {
            sb.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "{\"expiry\":\"%s\",\"pcr\":%.2f,\"strike_price\":%.1f,"
                            + "\"underlying_key\":\"%s\",\"underlying_spot_price\":23031.5,"
                            + "\"call_options\":{\"instrument_key\":\"NSE_FO|4%d\",\"market_data\":{\"ltp\":%.1f,\"volume\":1500,\"oi\":2250,"
                            + "\"close_price\":110.0,\"bid_price\":120.0,\"bid_qty\":75,\"ask_price\":121.0,\"ask_qty\":75,\"prev_oi\":2000},"
                            + "\"option_greeks\":{\"vega\":12.1,\"theta\":-8.5,\"gamma\":0.0012,\"delta\":0.52,\"iv\":13.4,\"pop\":48.2}},"
                            + "\"put_options\":{\"instrument_key\":\"NSE_FO|5%d\",\"market_data\":{\"ltp\":%.1f,\"volume\":1300,\"oi\":3000,"
                            + "\"close_price\":90.0,\"bid_price\":99.0,\"bid_qty\":75,\"ask_price\":100.0,\"ask_qty\":75,\"prev_oi\":2900},"
                            + "\"option_greeks\":{\"vega\":12.0,\"theta\":-7.9,\"gamma\":0.0011,\"delta\":-0.48,\"iv\":14.1,\"pop\":51.0}}}",
                    expiry, 1.1 + i, strikes[i], underlying, i, 120.5 - i * 30, i, 99.5 + i * 30));
        }
        return sb.append("]}").toString();
    }
}
