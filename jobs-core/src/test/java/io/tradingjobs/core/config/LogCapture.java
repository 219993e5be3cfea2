package io.tradingjobs.core.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Captures everything logged while it is open (a logback {@link ListAppender} on the root logger). */
public final class LogCapture implements AutoCloseable {
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private LogCapture() {
        appender.start();
        root.addAppender(appender);
    }

    /** Starts capturing. */
    public static LogCapture start() {
        return new LogCapture();
    }

    /** Formatted messages logged at WARN or above. */
    public List<String> warnings() {
        return messages(Level.WARN);
    }

    /** Every formatted message at INFO or above. */
    public List<String> lines() {
        return messages(Level.INFO);
    }

    private List<String> messages(Level atLeast) {
        List<String> out = new ArrayList<>();
        // Appenders append under their own lock; copy under it, as Quartz and pool threads log too.
        synchronized (appender) {
            for (ILoggingEvent e : appender.list) {
                if (e.getLevel().isGreaterOrEqual(atLeast)) {
                    out.add(e.getFormattedMessage());
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
