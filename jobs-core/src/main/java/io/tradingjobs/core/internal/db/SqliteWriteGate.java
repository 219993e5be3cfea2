package io.tradingjobs.core.internal.db;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Queues this process's SQLite write transactions on a fair in-process lock.
 *
 * <p>With {@code transaction_mode=IMMEDIATE} every transaction takes SQLite's write lock at
 * {@code BEGIN}, and the sqlite-jdbc driver begins one as soon as auto-commit is switched off
 * (and again right after each commit) until auto-commit is switched back on or the connection is
 * closed. Left to SQLite, contending writers wait in its busy handler, which sleeps 1 to 100 ms
 * between tries: under load most of the time goes to sleeping. Holding a Java lock over exactly
 * that span hands the database from one writer to the next at once, in arrival order, and SQLite
 * never sees contention from this process (other processes still meet the busy timeout).
 */
public final class SqliteWriteGate implements DataSource {
    /** Set on a thread while it runs a job body: there an interrupt (time-out, shutdown) ends the wait. */
    private static final ThreadLocal<Boolean> IN_JOB = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private final DataSource pool;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final long timeoutMillis;

    SqliteWriteGate(DataSource pool, long timeoutMillis) {
        this.pool = pool;
        this.timeoutMillis = timeoutMillis;
    }

    /**
     * Marks the calling thread as running a job body (or no longer). A job's writes then fail at
     * once when the job is interrupted, as a time-out or shutdown means; the scheduler's own threads
     * wait through an interrupt, as they would in SQLite's busy handler.
     */
    public static void runningJob(boolean value) {
        if (value) {
            IN_JOB.set(Boolean.TRUE);
        } else {
            IN_JOB.remove();
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        return wrap(pool.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return wrap(pool.getConnection(username, password));
    }

    private Connection wrap(Connection connection) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                new Gated(connection));
    }

    private final class Gated implements InvocationHandler {
        private final Connection target;
        private boolean holding;

        Gated(Connection target) {
            this.target = target;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (name.equals("setAutoCommit")) {
                boolean autoCommit = (Boolean) args[0];
                if (!autoCommit && !holding) {
                    acquire();
                    try {
                        return call(method, args);
                    } catch (Throwable t) {
                        release();
                        throw t;
                    }
                }
                if (autoCommit && holding) {
                    try {
                        return call(method, args);
                    } finally {
                        release();
                    }
                }
            } else if (name.equals("close")) {
                try {
                    return call(method, args);
                } finally {
                    release();
                }
            } else if (name.equals("unwrap") && args[0] == Connection.class) {
                return proxy;
            } else if (name.equals("isWrapperFor") && args[0] == Connection.class) {
                return true;
            }
            return call(method, args);
        }

        private Object call(Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        /**
         * Waits for the lock. In a job body an interrupt ends the wait with an error, so a timed-out
         * or shut-down job stops; elsewhere the wait goes on like SQLite's own busy wait, which an
         * interrupt does not end (Quartz interrupts its scheduler thread on shutdown mid-transaction,
         * and its JDBC code does not expect a write to fail for it). The interrupt is kept either way.
         */
        private void acquire() throws SQLException {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        if (lock.tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                            holding = true;
                            return;
                        }
                        throw new SQLException("timed out after " + timeoutMillis + " ms waiting for the SQLite write lock");
                    } catch (InterruptedException e) {
                        interrupted = true;
                        if (IN_JOB.get()) {
                            throw new SQLException("interrupted while waiting for the SQLite write lock", e);
                        }
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private void release() {
            if (holding) {
                holding = false;
                lock.unlock();
            }
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(this) ? iface.cast(this) : pool.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || pool.isWrapperFor(iface);
    }
}
