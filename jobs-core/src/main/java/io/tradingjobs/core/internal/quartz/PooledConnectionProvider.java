package io.tradingjobs.core.internal.quartz;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.quartz.utils.ConnectionProvider;

/** Lends the library's one Hikari pool to Quartz; the pool's owner closes it, not Quartz. */
final class PooledConnectionProvider implements ConnectionProvider {
    private final DataSource dataSource;

    PooledConnectionProvider(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return dataSource.getConnection();
    }

    @Override
    public void shutdown() {
        // The pool belongs to the library's Database, which closes it after Quartz has stopped.
    }

    @Override
    public void initialize() {
        // Nothing to do: the pool is already running.
    }
}
