package io.tradingjobs.market.internal;

import io.tradingjobs.core.calendar.CalendarStore;
import io.tradingjobs.core.config.Config;
import io.tradingjobs.core.http.Http;
import io.tradingjobs.market.bvmt.BvmtSource;
import io.tradingjobs.market.simulated.SimulatedMarket;
import io.tradingjobs.market.source.MarketDataSource;
import io.tradingjobs.market.upstox.UpstoxSource;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The built-in sources by name ({@code upstox}, {@code bvmt}, {@code simulated}), each created once per scheduler. */
@Singleton
public final class MarketSources {
    private final Http http;
    private final Config config;
    private final Clock clock;
    private final CalendarStore calendars;
    private final Map<String, MarketDataSource> created = new ConcurrentHashMap<>();

    /** Injected. */
    @Inject
    public MarketSources(Http http, Config config, Clock clock, CalendarStore calendars) {
        this.http = http;
        this.config = config;
        this.clock = clock;
        this.calendars = calendars;
    }

    /**
     * The built-in source named {@code name}.
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public MarketDataSource byName(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return created.computeIfAbsent(n, this::create);
    }

    private MarketDataSource create(String n) {
        switch (n) {
            case "upstox": return new UpstoxSource(http, config, clock);
            case "bvmt": return new BvmtSource(http, config, clock);
            case "simulated": return new SimulatedMarket(config.longValue("market.simulated.seed", 42L), clock,
                    calendars.calendar("NSE"), calendars.calendar("BVMT"));
            default: throw new IllegalArgumentException("market source '" + n + "' is not known; use upstox, bvmt or simulated "
                    + "(or bind your own MarketDataSource with OptionalBinder)");
        }
    }
}
