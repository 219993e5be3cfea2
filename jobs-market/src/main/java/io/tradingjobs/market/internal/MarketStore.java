package io.tradingjobs.market.internal;

import io.tradingjobs.market.source.Board;
import io.tradingjobs.market.source.BoardQuote;
import io.tradingjobs.market.source.Candle;
import io.tradingjobs.market.source.CandleInterval;
import io.tradingjobs.market.source.IndexValue;
import io.tradingjobs.market.source.OptionStrike;
import io.tradingjobs.market.source.Quote;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;

import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The market tables, written with idempotent batched upserts ({@code INSERT ... ON CONFLICT}, which
 * SQLite and PostgreSQL both speak). Each public write is one transaction: a crash leaves either
 * all of it or none. Internal to jobs-market; thread-safe.
 */
public final class MarketStore {
    /** Rows per JDBC batch. */
    static final int BATCH = 1000;

    private static final String UPSERT_CANDLE = "INSERT INTO candles (instrument_key, candle_interval, ts, open_price, high_price, low_price,"
            + " close_price, volume, open_interest, source) VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT (instrument_key, candle_interval, ts)"
            + " DO UPDATE SET open_price = excluded.open_price, high_price = excluded.high_price, low_price = excluded.low_price,"
            + " close_price = excluded.close_price, volume = excluded.volume, open_interest = excluded.open_interest, source = excluded.source";

    /** Rows per multi-row {@code INSERT}: fewer statements to parse and send (1,000 parameters, within both databases' limits). */
    static final int ROWS_PER_STATEMENT = 100;
    private static final String CANDLE_COLUMNS = "INSERT INTO candles (instrument_key, candle_interval, ts, open_price, high_price, low_price,"
            + " close_price, volume, open_interest, source) VALUES ";
    private static final String CANDLE_CONFLICT = " ON CONFLICT (instrument_key, candle_interval, ts)"
            + " DO UPDATE SET open_price = excluded.open_price, high_price = excluded.high_price, low_price = excluded.low_price,"
            + " close_price = excluded.close_price, volume = excluded.volume, open_interest = excluded.open_interest, source = excluded.source";
    private static final String UPSERT_CANDLES_MULTI = CANDLE_COLUMNS
            + String.join(",", java.util.Collections.nCopies(ROWS_PER_STATEMENT, "(?,?,?,?,?,?,?,?,?,?)")) + CANDLE_CONFLICT;

    private final DSLContext dsl;

    /** Uses the scheduler's database. */
    @Inject
    public MarketStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Whether the database is PostgreSQL (else SQLite). */
    public boolean isPostgres() {
        return dsl.dialect().family() == SQLDialect.POSTGRES;
    }

    /** A gap row of {@code data_gaps}. */
    public record Gap(String instrumentKey, CandleInterval interval, long start, long end, int missingBars, String status, int attempts) {
    }

    /** Stores candles (inserting or replacing), in one transaction; returns how many rows were written. */
    public int upsertCandles(Collection<Candle> candles, String source) {
        if (candles.isEmpty()) {
            return 0;
        }
        return dsl.transactionResult(cfg -> cfg.dsl().connectionResult(c -> writeCandles(c, candles, source)));
    }

    private static int writeCandles(Connection c, Collection<Candle> candles, String source) throws SQLException {
        // One key twice in a multi-row upsert is an error in PostgreSQL: the later bar wins.
        java.util.Map<String, Candle> unique = new java.util.LinkedHashMap<>();
        for (Candle k : candles) {
            unique.put(k.instrumentKey() + '\u0000' + k.interval().code() + '\u0000' + k.time().toEpochMilli(), k);
        }
        List<Candle> rows = new ArrayList<>(unique.values());
        int full = rows.size() / ROWS_PER_STATEMENT * ROWS_PER_STATEMENT;
        if (full > 0) {
            try (PreparedStatement ps = c.prepareStatement(UPSERT_CANDLES_MULTI)) {
                int batched = 0;
                for (int i = 0; i < full; i += ROWS_PER_STATEMENT) {
                    for (int j = 0; j < ROWS_PER_STATEMENT; j++) {
                        bindCandle(ps, j * 10, rows.get(i + j), source);
                    }
                    ps.addBatch();
                    if (++batched % (BATCH / ROWS_PER_STATEMENT) == 0) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
        }
        if (full < rows.size()) {
            try (PreparedStatement ps = c.prepareStatement(UPSERT_CANDLE)) {
                for (int i = full; i < rows.size(); i++) {
                    bindCandle(ps, 0, rows.get(i), source);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        return rows.size();
    }

    private static void bindCandle(PreparedStatement ps, int offset, Candle k, String source) throws SQLException {
        ps.setString(offset + 1, k.instrumentKey());
        ps.setString(offset + 2, k.interval().code());
        ps.setLong(offset + 3, k.time().toEpochMilli());
        ps.setDouble(offset + 4, k.open());
        ps.setDouble(offset + 5, k.high());
        ps.setDouble(offset + 6, k.low());
        ps.setDouble(offset + 7, k.close());
        ps.setLong(offset + 8, k.volume());
        ps.setLong(offset + 9, k.openInterest());
        ps.setString(offset + 10, source);
    }

    /** The start of the newest stored candle of {@code key} and {@code interval}. */
    public Optional<Instant> latestCandle(String key, CandleInterval interval) {
        return longQuery("SELECT MAX(ts) FROM candles WHERE instrument_key = ? AND candle_interval = ?", key, interval.code())
                .map(Instant::ofEpochMilli);
    }

    /** The start of the oldest stored candle of {@code key} and {@code interval}. */
    public Optional<Instant> earliestCandle(String key, CandleInterval interval) {
        return longQuery("SELECT MIN(ts) FROM candles WHERE instrument_key = ? AND candle_interval = ?", key, interval.code())
                .map(Instant::ofEpochMilli);
    }

    private Optional<Long> longQuery(String sql, String key, String interval) {
        return dsl.connectionResult(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, key);
                ps.setString(2, interval);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long v = rs.getLong(1);
                    return rs.wasNull() ? Optional.<Long>empty() : Optional.of(v);
                }
            }
        });
    }

    /** The starts (epoch ms) of stored candles with {@code from <= ts <= to}, ascending. */
    public List<Long> candleTimes(String key, CandleInterval interval, long from, long to) {
        return dsl.connectionResult(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT ts FROM candles WHERE instrument_key = ? AND candle_interval = ? AND ts >= ? AND ts <= ? ORDER BY ts")) {
                ps.setString(1, key);
                ps.setString(2, interval.code());
                ps.setLong(3, from);
                ps.setLong(4, to);
                List<Long> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getLong(1));
                    }
                }
                return out;
            }
        });
    }

    /** Replaces the latest quotes of the given instruments, in one transaction. */
    public void upsertQuotes(Collection<Quote> quotes, String source, Instant now) {
        if (quotes.isEmpty()) {
            return;
        }
        dsl.transaction(cfg -> cfg.dsl().connection(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO latest_quotes (instrument_key, symbol, last_price, open_price,"
                    + " high_price, low_price, close_price, net_change, volume, open_interest, quote_time, source, updated_at)"
                    + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (instrument_key) DO UPDATE SET symbol = excluded.symbol,"
                    + " last_price = excluded.last_price, open_price = excluded.open_price, high_price = excluded.high_price,"
                    + " low_price = excluded.low_price, close_price = excluded.close_price, net_change = excluded.net_change,"
                    + " volume = excluded.volume, open_interest = excluded.open_interest, quote_time = excluded.quote_time,"
                    + " source = excluded.source, updated_at = excluded.updated_at")) {
                for (Quote q : quotes) {
                    ps.setString(1, q.instrumentKey());
                    ps.setString(2, q.symbol());
                    ps.setDouble(3, q.lastPrice());
                    setDouble(ps, 4, q.open());
                    setDouble(ps, 5, q.high());
                    setDouble(ps, 6, q.low());
                    setDouble(ps, 7, q.close());
                    setDouble(ps, 8, q.netChange());
                    setLong(ps, 9, q.volume());
                    setLong(ps, 10, q.openInterest());
                    ps.setLong(11, q.time().toEpochMilli());
                    ps.setString(12, source);
                    ps.setLong(13, now.toEpochMilli());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }));
    }

    /** Stores one option chain snapshot; storing the same snapshot again changes nothing. */
    public void upsertOptionChain(Collection<OptionStrike> strikes, Instant snapshotAt) {
        if (strikes.isEmpty()) {
            return;
        }
        dsl.transaction(cfg -> cfg.dsl().connection(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO option_chain_snapshots (underlying_key, expiry, strike, snapshot_at,"
                    + " spot_price, pcr, call_key, call_ltp, call_oi, call_volume, call_iv, call_delta, put_key, put_ltp, put_oi,"
                    + " put_volume, put_iv, put_delta) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
                    + " ON CONFLICT (underlying_key, expiry, strike, snapshot_at) DO NOTHING")) {
                for (OptionStrike s : strikes) {
                    ps.setString(1, s.underlyingKey());
                    ps.setString(2, s.expiry().toString());
                    ps.setDouble(3, s.strike());
                    ps.setLong(4, snapshotAt.toEpochMilli());
                    setDouble(ps, 5, s.spot());
                    setDouble(ps, 6, s.pcr());
                    side(ps, 7, s.call());
                    side(ps, 13, s.put());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }));
    }

    private static void side(PreparedStatement ps, int i, OptionStrike.Side s) throws SQLException {
        ps.setString(i, s == null ? null : s.instrumentKey());
        setDouble(ps, i + 1, s == null ? null : s.ltp());
        setLong(ps, i + 2, s == null ? null : s.openInterest());
        setLong(ps, i + 3, s == null ? null : s.volume());
        setDouble(ps, i + 4, s == null ? null : s.iv());
        setDouble(ps, i + 5, s == null ? null : s.delta());
    }

    /** Stores index values; one row per index and time. */
    public void upsertIndexValues(Collection<IndexValue> values, String source) {
        if (values.isEmpty()) {
            return;
        }
        dsl.transaction(cfg -> cfg.dsl().connection(c -> writeIndexValues(c, values, source)));
    }

    private static void writeIndexValues(Connection c, Collection<IndexValue> values, String source) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO index_values (index_key, ts, index_value, net_change, change_percent,"
                + " source) VALUES (?,?,?,?,?,?) ON CONFLICT (index_key, ts) DO UPDATE SET index_value = excluded.index_value,"
                + " net_change = excluded.net_change, change_percent = excluded.change_percent, source = excluded.source")) {
            for (IndexValue v : values) {
                ps.setString(1, v.indexKey());
                ps.setLong(2, v.time().toEpochMilli());
                ps.setDouble(3, v.value());
                setDouble(ps, 4, v.netChange());
                setDouble(ps, 5, v.changePercent());
                ps.setString(6, source);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Records instruments seen at a source (key, symbol, name, isin, sector). */
    public void upsertInstruments(Collection<String[]> rows, String source, String exchange, Instant now) {
        if (rows.isEmpty()) {
            return;
        }
        dsl.transaction(cfg -> cfg.dsl().connection(c -> writeInstruments(c, rows, source, exchange, now)));
    }

    private static void writeInstruments(Connection c, Collection<String[]> rows, String source, String exchange, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO instruments (instrument_key, source, exchange, symbol, name, isin,"
                + " sector, updated_at) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT (instrument_key) DO UPDATE SET source = excluded.source,"
                + " exchange = excluded.exchange, symbol = COALESCE(excluded.symbol, instruments.symbol),"
                + " name = COALESCE(excluded.name, instruments.name), isin = COALESCE(excluded.isin, instruments.isin),"
                + " sector = COALESCE(excluded.sector, instruments.sector), updated_at = excluded.updated_at")) {
            for (String[] r : rows) {
                ps.setString(1, r[0]);
                ps.setString(2, source);
                ps.setString(3, exchange);
                ps.setString(4, r[1]);
                ps.setString(5, r[2]);
                ps.setString(6, r[3]);
                ps.setString(7, r[4]);
                ps.setLong(8, now.toEpochMilli());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Records gaps as {@code OPEN}; a gap already recorded (open, filled or unfillable) with the
     * same instrument, interval and start is left as it is. Returns how many were new.
     */
    public int recordGaps(Collection<Gap> gaps, Instant now) {
        if (gaps.isEmpty()) {
            return 0;
        }
        return dsl.transactionResult(cfg -> cfg.dsl().connectionResult(c -> {
            int added = 0;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO data_gaps (instrument_key, candle_interval, gap_start, gap_end,"
                    + " missing_bars, status, reason, attempts, candles_filled, detected_at, updated_at)"
                    + " VALUES (?,?,?,?,?,'OPEN',NULL,0,0,?,?) ON CONFLICT (instrument_key, candle_interval, gap_start) DO NOTHING")) {
                for (Gap g : gaps) {
                    ps.setString(1, g.instrumentKey());
                    ps.setString(2, g.interval().code());
                    ps.setLong(3, g.start());
                    ps.setLong(4, g.end());
                    ps.setInt(5, g.missingBars());
                    ps.setLong(6, now.toEpochMilli());
                    ps.setLong(7, now.toEpochMilli());
                    added += ps.executeUpdate();
                }
            }
            return added;
        }));
    }

    /** Open gaps, oldest first. */
    public List<Gap> openGaps(int limit) {
        return gaps("WHERE status = 'OPEN' ORDER BY gap_start, instrument_key, candle_interval", limit);
    }

    /** Every gap of an instrument, oldest first (for tests and operators). */
    public List<Gap> gapsOf(String key) {
        return dsl.connectionResult(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT instrument_key, candle_interval, gap_start, gap_end, missing_bars, status,"
                    + " attempts FROM data_gaps WHERE instrument_key = ? ORDER BY gap_start, candle_interval")) {
                ps.setString(1, key);
                return readGaps(ps);
            }
        });
    }

    private List<Gap> gaps(String where, int limit) {
        return dsl.connectionResult(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT instrument_key, candle_interval, gap_start, gap_end, missing_bars, status,"
                    + " attempts FROM data_gaps " + where + " LIMIT " + limit)) {
                return readGaps(ps);
            }
        });
    }

    private static List<Gap> readGaps(PreparedStatement ps) throws SQLException {
        List<Gap> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Gap(rs.getString(1), CandleInterval.of(rs.getString(2)), rs.getLong(3), rs.getLong(4), rs.getInt(5),
                        rs.getString(6), rs.getInt(7)));
            }
        }
        return out;
    }

    /**
     * Stores the candles fetched for a gap and closes it, in one transaction: {@code FILLED} when
     * {@code candlesInGap > 0}, else {@code UNFILLABLE} with {@code reason}.
     */
    public void closeGap(Gap gap, Collection<Candle> candles, String source, int candlesInGap, String reason, Instant now) {
        dsl.transaction(cfg -> cfg.dsl().connection(c -> {
            writeCandles(c, candles, source);
            try (PreparedStatement ps = c.prepareStatement("UPDATE data_gaps SET status = ?, reason = ?, attempts = attempts + 1,"
                    + " candles_filled = ?, updated_at = ? WHERE instrument_key = ? AND candle_interval = ? AND gap_start = ?")) {
                ps.setString(1, candlesInGap > 0 ? "FILLED" : "UNFILLABLE");
                ps.setString(2, candlesInGap > 0 ? null : truncate(reason));
                ps.setInt(3, candlesInGap);
                ps.setLong(4, now.toEpochMilli());
                ps.setString(5, gap.instrumentKey());
                ps.setString(6, gap.interval().code());
                ps.setLong(7, gap.start());
                ps.executeUpdate();
            }
        }));
    }

    /**
     * Records a failed attempt: the gap becomes {@code UNFILLABLE} with the reason when
     * {@code giveUp}, else stays {@code OPEN} for a later run.
     */
    public void failGap(Gap gap, String reason, boolean giveUp, Instant now) {
        dsl.transaction(cfg -> cfg.dsl().connection(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE data_gaps SET status = ?, reason = ?, attempts = attempts + 1,"
                    + " updated_at = ? WHERE instrument_key = ? AND candle_interval = ? AND gap_start = ?")) {
                ps.setString(1, giveUp ? "UNFILLABLE" : "OPEN");
                ps.setString(2, truncate(reason));
                ps.setLong(3, now.toEpochMilli());
                ps.setString(4, gap.instrumentKey());
                ps.setString(5, gap.interval().code());
                ps.setLong(6, gap.start());
                ps.executeUpdate();
            }
        }));
    }

    /** Stores one pulse snapshot (board, indices, sectors, movers) in one transaction; a repeat changes nothing. */
    public void storePulse(Board board, Instant at, List<SectorRow> sectors, List<MoverRow> movers, String source) {
        long ts = at.toEpochMilli();
        dsl.transaction(cfg -> cfg.dsl().connection(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO pulse_snapshots (snapshot_at, isin, ticker, stock_name, val_group,"
                    + " reference_price, open_price, last_price, high_price, low_price, change_percent, volume, traded_value, caps,"
                    + " trade_time, simulated) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (snapshot_at, isin) DO NOTHING")) {
                for (BoardQuote q : board.quotes()) {
                    ps.setLong(1, ts);
                    ps.setString(2, q.isin());
                    ps.setString(3, q.ticker());
                    ps.setString(4, q.name());
                    ps.setString(5, q.group());
                    setDouble(ps, 6, q.reference());
                    setDouble(ps, 7, q.open());
                    setDouble(ps, 8, q.last());
                    setDouble(ps, 9, q.high());
                    setDouble(ps, 10, q.low());
                    ps.setDouble(11, q.changePercent());
                    ps.setLong(12, q.volume());
                    ps.setDouble(13, q.tradedValue());
                    ps.setDouble(14, q.caps());
                    ps.setString(15, q.time());
                    ps.setInt(16, board.simulated() ? 1 : 0);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO sector_performance (snapshot_at, sector, stocks, advancers, decliners,"
                    + " avg_change_percent, traded_value) VALUES (?,?,?,?,?,?,?) ON CONFLICT (snapshot_at, sector) DO NOTHING")) {
                for (SectorRow s : sectors) {
                    ps.setLong(1, ts);
                    ps.setString(2, s.sector());
                    ps.setInt(3, s.stocks());
                    ps.setInt(4, s.advancers());
                    ps.setInt(5, s.decliners());
                    ps.setDouble(6, s.avgChangePercent());
                    ps.setDouble(7, s.tradedValue());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO top_movers (snapshot_at, direction, rank_no, isin, ticker, last_price,"
                    + " change_percent) VALUES (?,?,?,?,?,?,?) ON CONFLICT (snapshot_at, direction, rank_no) DO NOTHING")) {
                for (MoverRow m : movers) {
                    ps.setLong(1, ts);
                    ps.setString(2, m.direction());
                    ps.setInt(3, m.rank());
                    ps.setString(4, m.isin());
                    ps.setString(5, m.ticker());
                    setDouble(ps, 6, m.last());
                    ps.setDouble(7, m.changePercent());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            List<IndexValue> indices = new ArrayList<>();
            for (IndexValue v : board.indices()) {
                indices.add(new IndexValue(v.indexKey(), at, v.value(), v.netChange(), v.changePercent()));
            }
            if (!indices.isEmpty()) {
                writeIndexValues(c, indices, source);
            }
        }));
    }

    /** A sector's figures in one snapshot. */
    public record SectorRow(String sector, int stocks, int advancers, int decliners, double avgChangePercent, double tradedValue) {
    }

    /** One of the top gainers ({@code GAINER}) or losers ({@code LOSER}). */
    public record MoverRow(String direction, int rank, String isin, String ticker, Double last, double changePercent) {
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 1000 ? s : s.substring(0, 997) + "...";
    }

    private static void setDouble(PreparedStatement ps, int i, Double v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.DOUBLE);
        } else {
            ps.setDouble(i, v);
        }
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }
}
