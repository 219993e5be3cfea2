package io.tradingjobs.core.notify;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads the outbox tables with plain JDBC, as an operator's SQL would. */
public final class OutboxRows {
    private OutboxRows() {
    }

    /** A delivery row joined with its event. */
    public record Row(String eventKey, String subject, String channel, String status, int attempts, String lastError) {
    }

    /** Every event key, oldest first. */
    public static List<String> eventKeys(String url) {
        List<String> out = new ArrayList<>();
        query(url, "SELECT event_key FROM notification_events ORDER BY created_at, event_key", rs -> out.add(rs.getString(1)));
        return out;
    }

    /** Every delivery with its event. */
    public static List<Row> deliveries(String url) {
        List<Row> out = new ArrayList<>();
        query(url, "SELECT e.event_key, e.subject, d.channel, d.status, d.attempts, d.last_error FROM notification_deliveries d "
                + "JOIN notification_events e ON e.event_id = d.event_id ORDER BY e.created_at, e.event_key, d.channel",
                rs -> out.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getString(6))));
        return out;
    }

    /** Runs an update. */
    public static int update(String url, String sql, Object... args) {
        try (Connection c = DriverManager.getConnection(url); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private static void query(String url, String sql, RowReader reader) {
        try (Connection c = DriverManager.getConnection(url); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                reader.read(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
