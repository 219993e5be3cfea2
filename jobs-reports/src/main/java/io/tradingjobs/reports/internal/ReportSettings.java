package io.tradingjobs.reports.internal;

import io.tradingjobs.core.config.Config;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The reports module's settings, with their defaults (the provider's {@code defaults()}). */
public record ReportSettings(BigDecimal capital, double riskFreeRate, int lookbackDays, String benchmarkIndex, ZoneId performanceZone,
                             ZoneId marketZone, String marketIndex, String marketCalendar, boolean email, List<String> recipients,
                             int movers) {

    /** Every key the module reads, with its default. */
    public static final Map<String, String> DEFAULTS = defaults();

    private static Map<String, String> defaults() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("reports.capital", "1000000");
        m.put("reports.risk-free-rate", "0");
        m.put("reports.lookback-days", "252");
        m.put("reports.benchmark-index", "NSE_INDEX|Nifty 50");
        m.put("reports.performance.timezone", "Asia/Kolkata");
        m.put("reports.market.timezone", "Africa/Tunis");
        m.put("reports.market.index", "TUNINDEX");
        m.put("reports.market.calendar", "BVMT");
        m.put("reports.daily.time", "18:00");
        m.put("reports.weekly.day", "friday");
        m.put("reports.weekly.time", "17:00");
        m.put("reports.email.enabled", "true");
        m.put("reports.email.to", "");
        m.put("reports.movers", "5");
        return Map.copyOf(m);
    }

    /**
     * Reads the settings.
     *
     * @throws io.tradingjobs.core.config.ConfigException naming the bad key and value
     */
    public static ReportSettings read(Config c) {
        String capital = c.string("reports.capital", "1000000");
        BigDecimal cap;
        try {
            cap = new BigDecimal(capital.trim());
        } catch (NumberFormatException e) {
            throw new io.tradingjobs.core.config.ConfigException("reports.capital", capital, "is not a decimal amount such as 1000000");
        }
        if (cap.signum() <= 0) {
            throw new io.tradingjobs.core.config.ConfigException("reports.capital", capital, "must be positive (the book's starting capital)");
        }
        List<String> to = c.list("reports.email.to");
        if (to.isEmpty()) {
            to = c.list("notify.email.to");
        }
        return new ReportSettings(cap, c.decimal("reports.risk-free-rate", 0), Math.max(2, c.integer("reports.lookback-days", 252)),
                c.string("reports.benchmark-index", "NSE_INDEX|Nifty 50"),
                c.zone("reports.performance.timezone", ZoneId.of("Asia/Kolkata")), c.zone("reports.market.timezone", ZoneId.of("Africa/Tunis")),
                c.string("reports.market.index", "TUNINDEX"), c.string("reports.market.calendar", "BVMT"),
                c.bool("reports.email.enabled", true), to, Math.max(1, c.integer("reports.movers", 5)));
    }
}
