package io.tradingjobs.core.internal.quartz;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.quartz.impl.jdbcjobstore.StdJDBCDelegate;

/**
 * Quartz driver delegate for SQLite. Quartz's standard delegate reads BLOB columns with
 * {@code ResultSet.getBlob}, which the SQLite JDBC driver does not implement; SQLite hands BLOBs
 * out as bytes, so this reads them with {@code getBytes} (as Quartz's PostgreSQL delegate does).
 * Everything else is standard SQL that SQLite accepts; the row-lock semaphore
 * ({@code SELECT ... FOR UPDATE}) is never used because SQLite is not clustered.
 */
public class SqliteDelegate extends StdJDBCDelegate {

    @Override
    protected Object getObjectFromBlob(ResultSet rs, String colName) throws ClassNotFoundException, IOException, SQLException {
        byte[] bytes = rs.getBytes(colName);
        if (bytes == null || bytes.length == 0) {
            return null;
        }
        try (ObjectInputStream in = new ContextObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        }
    }

    @Override
    protected Object getJobDataFromBlob(ResultSet rs, String colName) throws ClassNotFoundException, IOException, SQLException {
        if (canUseProperties()) {
            byte[] bytes = rs.getBytes(colName);
            return bytes == null || bytes.length == 0 ? null : new ByteArrayInputStream(bytes);
        }
        return getObjectFromBlob(rs, colName);
    }

    /** Resolves classes through the context class loader first, so host and library classes both load. */
    static final class ContextObjectInputStream extends ObjectInputStream {
        ContextObjectInputStream(InputStream in) throws IOException {
            super(in);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            if (context != null) {
                try {
                    return Class.forName(desc.getName(), false, context);
                } catch (ClassNotFoundException ignored) {
                    // fall back to the default resolution below
                }
            }
            return super.resolveClass(desc);
        }
    }
}
