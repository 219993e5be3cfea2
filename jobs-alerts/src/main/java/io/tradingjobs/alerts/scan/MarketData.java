package io.tradingjobs.alerts.scan;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the market module's {@code candles} and {@code latest_quotes} through the schema alone
 * (plain SQL, no jobs-market classes): one query per candle interval for all the symbols that
 * have enabled rules, ordered by symbol and time, straight into primitive arrays.
 */
final class MarketData {
    private static final Logger LOG = LoggerFactory.getLogger(MarketData.class);

    private static final String CANDLES = "SELECT instrument_key, ts, open_price, high_price, low_price, close_price, volume FROM ("
            + "SELECT instrument_key, ts, open_price, high_price, low_price, close_price, volume, "
            + "ROW_NUMBER() OVER (PARTITION BY instrument_key ORDER BY ts DESC) AS rn FROM candles "
            + "WHERE candle_interval = ? AND instrument_key IN "
            + "(SELECT symbol FROM alert_rules WHERE enabled = 1 AND candle_interval = ?)) recent "
            + "WHERE rn <= ? ORDER BY instrument_key, ts";

    private static final String QUOTES = "SELECT instrument_key, last_price, quote_time FROM latest_quotes "
            + "WHERE instrument_key IN (SELECT symbol FROM alert_rules WHERE enabled = 1)";

    private MarketData() {
    }

    /** What was skipped while loading, for the run's summary. */
    static final class Skipped {
        int badBars;
        int badQuotes;
    }

    /**
     * The latest {@code maxBars} candles of {@code interval} of every symbol with an enabled rule
     * on that interval. Bars with a {@code NaN}, missing, zero or negative price are skipped and
     * logged with the reason.
     */
    static Map<String, SymbolBars> candles(DSLContext dsl, String interval, int maxBars, Skipped skipped) {
        return dsl.connectionResult(c -> {
            Map<String, SymbolBars> out = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(CANDLES)) {
                ps.setString(1, interval);
                ps.setString(2, interval);
                ps.setInt(3, maxBars);
                ps.setFetchSize(5000);
                try (ResultSet rs = ps.executeQuery()) {
                    SymbolBars cur = null;
                    while (rs.next()) {
                        String key = rs.getString(1);
                        if (cur == null || !cur.symbol().equals(key)) {
                            if (cur != null) {
                                cur.trim();
                            }
                            cur = new SymbolBars(key, maxBars);
                            out.put(key, cur);
                        }
                        long ts = rs.getLong(2);
                        double o = price(rs, 3);
                        double h = price(rs, 4);
                        double l = price(rs, 5);
                        double cl = price(rs, 6);
                        double v = rs.getDouble(7);
                        if (!(o > 0) || !(h > 0) || !(l > 0) || !(cl > 0) || Double.isInfinite(cl)) {
                            skipped.badBars++;
                            LOG.warn("skipped the {} candle of {} at {}: a price is missing, NaN, zero or negative (o={} h={} l={} c={})",
                                    interval, key, java.time.Instant.ofEpochMilli(ts), o, h, l, cl);
                            continue;
                        }
                        cur.add(ts, o, h, l, cl, v);
                    }
                    if (cur != null) {
                        cur.trim();
                    }
                }
            }
            return out;
        });
    }

    /** Adds the latest quotes to the bars, creating bars for symbols that have a quote but no candles. */
    static void quotes(DSLContext dsl, Map<String, Map<String, SymbolBars>> byInterval, Skipped skipped) {
        dsl.connection(c -> {
            try (PreparedStatement ps = c.prepareStatement(QUOTES); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String key = rs.getString(1);
                    double price = price(rs, 2);
                    long time = rs.getLong(3);
                    if (!(price > 0) || Double.isInfinite(price)) {
                        skipped.badQuotes++;
                        LOG.warn("skipped the latest quote of {} at {}: its price {} is missing, NaN, zero or negative", key,
                                java.time.Instant.ofEpochMilli(time), price);
                        continue;
                    }
                    for (Map<String, SymbolBars> bars : byInterval.values()) {
                        bars.computeIfAbsent(key, k -> new SymbolBars(k, 0).trim()).quote(price, time);
                    }
                }
            }
        });
    }

    static boolean tableExists(DSLContext dsl, String table) {
        return dsl.connectionResult(c -> exists(c, table));
    }

    private static boolean exists(Connection c, String table) throws SQLException {
        try (ResultSet rs = c.getMetaData().getTables(c.getCatalog(), c.getSchema(), table, new String[] {"TABLE"})) {
            return rs.next();
        }
    }

    private static double price(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? Double.NaN : v;
    }
}
