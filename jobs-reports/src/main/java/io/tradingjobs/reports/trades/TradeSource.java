package io.tradingjobs.reports.trades;

import java.time.Instant;
import java.util.List;

/**
 * Where the performance job reads trades. The default reads the {@code trades} table
 * ({@link TableTradeSource}); a host that keeps trades elsewhere binds its own with Guice:
 *
 * <pre>{@code
 * JobScheduler.builder().module(binder -> OptionalBinder.newOptionalBinder(binder, TradeSource.class)
 *         .setBinding().to(BrokerTrades.class))
 * }</pre>
 *
 * Called from job threads; implementations must be thread-safe.
 */
public interface TradeSource {

    /**
     * Every trade filled before {@code end}, oldest first (ties in any stable order).
     *
     * @throws Exception when the trades cannot be read (the run fails and may be retried)
     */
    List<Trade> tradesBefore(Instant end) throws Exception;
}
