package io.tradingjobs.nse.internal;

import io.tradingjobs.core.config.Config;
import io.tradingjobs.core.http.Http;
import io.tradingjobs.core.http.RateLimit;
import java.net.URI;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The keys the NSE jobs read, with their defaults (the real public addresses). */
public final class NseSettings {
    /** NSE's web site and JSON API (cookies are primed on it). */
    public static final String BASE_URL = "nse.base-url";
    /** NSE's archives host (index constituent CSVs). */
    public static final String ARCHIVES_URL = "nse.archives-url";
    /** The newer archives host, tried when {@link #ARCHIVES_URL} fails. */
    public static final String ARCHIVES_FALLBACK_URL = "nse.archives-fallback-url";
    /** BSE's JSON API. */
    public static final String BSE_BASE_URL = "bse.base-url";
    /** Rate limit of every NSE host. */
    public static final String NSE_RATE_LIMIT = "nse.rate-limit";
    /** Rate limit of the BSE API host. */
    public static final String BSE_RATE_LIMIT = "bse.rate-limit";
    /** The indices whose constituents {@code nse.indices} downloads. */
    public static final String INDICES = "nse.indices.list";
    /** Largest share of an index's members that may leave in one file before it is rejected as suspect. */
    public static final String INDICES_MAX_LOSS = "nse.indices.max-loss";
    /** Days before today that {@code nse.corporate-actions} asks for. */
    public static final String CORPORATE_LOOKBACK_DAYS = "nse.corporate.lookback-days";
    /** Days after today that {@code nse.corporate-actions} asks for (ex-dates, board meetings). */
    public static final String CORPORATE_LOOKAHEAD_DAYS = "nse.corporate.lookahead-days";
    /** Whether BSE is read too. */
    public static final String BSE_ENABLED = "bse.corporate.enabled";
    /** Symbols whose new corporate events raise an alert. */
    public static final String WATCHLIST = "nse.watchlist";
    /** The holiday-master segment that is the equities market. */
    public static final String HOLIDAY_SEGMENT = "nse.holidays.segment";

    /** The exchange's zone: "today" for NSE data is a date in Asia/Kolkata. */
    public static final ZoneId IST = ZoneId.of("Asia/Kolkata");

    /** The nine indices of the seed. */
    public static final String DEFAULT_INDICES = "NIFTY 50,NIFTY NEXT 50,NIFTY 100,NIFTY 200,NIFTY 500,"
            + "NIFTY MIDCAP 150,NIFTY SMALLCAP 250,NIFTY BANK,NIFTY IT";

    private NseSettings() {
    }

    /** Every key with its default. */
    public static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put(BASE_URL, "https://www.nseindia.com");
        d.put(ARCHIVES_URL, "https://archives.nseindia.com");
        d.put(ARCHIVES_FALLBACK_URL, "https://nsearchives.nseindia.com");
        d.put(BSE_BASE_URL, "https://api.bseindia.com");
        d.put(NSE_RATE_LIMIT, "1/s,30/min");
        d.put(BSE_RATE_LIMIT, "1/s,30/min");
        d.put(INDICES, DEFAULT_INDICES);
        d.put(INDICES_MAX_LOSS, "0.5");
        d.put(CORPORATE_LOOKBACK_DAYS, "7");
        d.put(CORPORATE_LOOKAHEAD_DAYS, "30");
        d.put(BSE_ENABLED, "true");
        d.put(WATCHLIST, "");
        d.put(HOLIDAY_SEGMENT, "CM");
        return Map.copyOf(d);
    }

    /**
     * Every problem with the NSE settings in {@code config}, each naming the key, the bad value
     * and the fix; empty when all are valid.
     */
    public static List<String> problems(Config config) {
        List<String> problems = new ArrayList<>();
        for (String key : List.of(BASE_URL, ARCHIVES_URL, ARCHIVES_FALLBACK_URL, BSE_BASE_URL)) {
            String value = config.get(key).orElse("");
            URI uri = null;
            try {
                uri = URI.create(value);
            } catch (IllegalArgumentException e) {
                // reported below
            }
            if (uri == null || uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                problems.add(key + " = '" + value + "' is not an absolute http(s) URL; use e.g. " + defaults().get(key));
            }
        }
        for (String key : List.of(NSE_RATE_LIMIT, BSE_RATE_LIMIT)) {
            try {
                RateLimit.parseAll(config.get(key).orElse(""));
            } catch (IllegalArgumentException e) {
                problems.add(key + ": " + e.getMessage());
            }
        }
        if (config.list(INDICES).isEmpty()) {
            problems.add(INDICES + " is empty; list index names such as " + DEFAULT_INDICES);
        }
        check(problems, INDICES_MAX_LOSS, () -> {
            double v = config.decimal(INDICES_MAX_LOSS, 0.5);
            return v > 0 && v <= 1 ? null : "must be above 0 and at most 1 (the share of members that may leave at once), e.g. 0.5";
        });
        for (String key : List.of(CORPORATE_LOOKBACK_DAYS, CORPORATE_LOOKAHEAD_DAYS)) {
            check(problems, key, () -> config.integer(key, 0) >= 0 ? null : "must not be negative, e.g. 7");
        }
        check(problems, BSE_ENABLED, () -> {
            config.bool(BSE_ENABLED, true);
            return null;
        });
        if (config.string(HOLIDAY_SEGMENT, "").isBlank()) {
            problems.add(HOLIDAY_SEGMENT + " is empty; use CM for equities");
        }
        return problems;
    }

    private static void check(List<String> problems, String key, java.util.function.Supplier<String> test) {
        try {
            String problem = test.get();
            if (problem != null) {
                problems.add(key + " " + problem);
            }
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
    }

    /** {@code url} without a trailing slash. */
    public static String base(Config config, String key) {
        String url = config.require(key);
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Applies the polite per-host rate limit {@code limitKey} to the hosts of {@code urlKeys}. */
    public static void rateLimit(Http http, Config config, String limitKey, String... urlKeys) {
        List<RateLimit> limits = RateLimit.parseAll(config.require(limitKey));
        for (String key : urlKeys) {
            String host = URI.create(config.require(key)).getHost();
            if (host != null) {
                http.rateLimit(host, limits.toArray(RateLimit[]::new));
            }
        }
    }
}
