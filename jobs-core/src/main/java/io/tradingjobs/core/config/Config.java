package io.tradingjobs.core.config;

import java.time.Duration;
import java.time.ZoneId;
import java.time.DateTimeException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The library's flat configuration: keys like {@code jobs.database.url} or
 * {@code market.upstox.base-url}, already merged from defaults, a properties file, {@code .env},
 * the environment and the builder (later wins).
 *
 * <p>Jobs receive it by injection, or job-scoped through {@code JobContext.settings()}.
 * Typed getters throw {@link ConfigException} naming the key, the bad value and the expected
 * form; they never print the value of a secret key (see {@link #isSecret(String)}).
 * Instances are immutable and thread-safe.
 */
public interface Config {

    /** The raw value, or empty when the key is not set (a blank value counts as not set). */
    Optional<String> get(String key);

    /** Every key that has a value. */
    Set<String> keys();

    /** A string value or {@code defaultValue}. */
    default String string(String key, String defaultValue) {
        return get(key).orElse(defaultValue);
    }

    /** A required string value; throws {@link ConfigException} when missing. */
    default String require(String key) {
        return get(key).orElseThrow(() -> new ConfigException(key, null, "is required but not set"));
    }

    /** An integer value or {@code defaultValue}. */
    default int integer(String key, int defaultValue) {
        return get(key).map(v -> parse(key, v, "an integer such as 10", Integer::parseInt)).orElse(defaultValue);
    }

    /** A long value or {@code defaultValue}. */
    default long longValue(String key, long defaultValue) {
        return get(key).map(v -> parse(key, v, "an integer such as 10", Long::parseLong)).orElse(defaultValue);
    }

    /** A decimal value or {@code defaultValue}. */
    default double decimal(String key, double defaultValue) {
        return get(key).map(v -> parse(key, v, "a number such as 2.5", Double::parseDouble)).orElse(defaultValue);
    }

    /** {@code true/false}, {@code yes/no}, {@code on/off} or {@code 1/0}; else {@code defaultValue}. */
    default boolean bool(String key, boolean defaultValue) {
        return get(key).map(v -> parseBoolean(key, v)).orElse(defaultValue);
    }

    /**
     * A duration written {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d} or ISO-8601
     * ({@code PT5M}); else {@code defaultValue}.
     */
    default Duration duration(String key, Duration defaultValue) {
        return get(key).map(v -> parseDuration(key, v)).orElse(defaultValue);
    }

    /** A time-zone id such as {@code Asia/Kolkata}; else {@code defaultValue}. */
    default ZoneId zone(String key, ZoneId defaultValue) {
        return get(key).map(v -> {
            try {
                return ZoneId.of(v.trim());
            } catch (DateTimeException e) {
                throw new ConfigException(key, v, "is not a time zone; use a region id such as Asia/Kolkata, Africa/Tunis or UTC");
            }
        }).orElse(defaultValue);
    }

    /** A comma-separated list (items trimmed, blanks dropped); empty when not set. */
    default java.util.List<String> list(String key) {
        return get(key).map(v -> java.util.Arrays.stream(v.split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList()).orElse(java.util.List.of());
    }

    /**
     * The keys under {@code prefix} with the prefix removed: {@code prefixed("jobs.nse.indices.")}
     * turns {@code jobs.nse.indices.schedule} into {@code schedule}.
     */
    default Config prefixed(String prefix) {
        Map<String, String> sub = new TreeMap<>();
        for (String key : keys()) {
            if (key.startsWith(prefix)) {
                sub.put(key.substring(prefix.length()), get(key).orElseThrow());
            }
        }
        return of(sub);
    }

    /** An immutable configuration over a copy of {@code values}. */
    static Config of(Map<String, String> values) {
        return new MapConfig(values);
    }

    /**
     * Whether the value of {@code key} is a secret that must never be logged or shown:
     * keys whose last part is or ends with {@code token}, {@code password}, {@code secret} or
     * {@code key} (but not keys naming a key's id, such as {@code ...key-id}), and database URLs,
     * which may carry a password.
     */
    static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        String last = k.substring(k.lastIndexOf('.') + 1).replace('_', '-');
        return last.endsWith("token") || last.endsWith("password") || last.endsWith("secret")
                || last.equals("key") || last.endsWith("-key") || last.endsWith("api-key")
                || k.endsWith("database.url") || k.equals("database_url");
    }

    /** {@code value}, or {@code ****} when {@code key} is a secret. */
    static String printable(String key, String value) {
        if (value == null) {
            return null;
        }
        return isSecret(key) ? maskSecret(key, value) : value;
    }

    private static String maskSecret(String key, String value) {
        if (key.toLowerCase(Locale.ROOT).endsWith("url")) {
            // Keep a database URL readable, hide only its credentials.
            return value.replaceAll("(?<=://)[^/@]*@", "****@").replaceAll("(?i)(password=)[^&;]*", "$1****");
        }
        return "****";
    }

    private static <T> T parse(String key, String value, String expected, java.util.function.Function<String, T> parser) {
        try {
            return parser.apply(value.trim());
        } catch (RuntimeException e) {
            throw new ConfigException(key, value, "is not " + expected);
        }
    }

    private static boolean parseBoolean(String key, String value) {
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true": case "yes": case "on": case "1": return true;
            case "false": case "no": case "off": case "0": return false;
            default: throw new ConfigException(key, value, "is not a boolean; use true or false");
        }
    }

    /** Parses {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d} or ISO-8601 {@code PT5M}. */
    static Duration parseDuration(String key, String value) {
        String v = value.trim();
        Matcher m = DurationForm.PATTERN.matcher(v.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            switch (m.group(2)) {
                case "ms": return Duration.ofMillis(n);
                case "s": return Duration.ofSeconds(n);
                case "m": case "min": return Duration.ofMinutes(n);
                case "h": return Duration.ofHours(n);
                case "d": return Duration.ofDays(n);
                default: break;
            }
        }
        try {
            return Duration.parse(v.toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new ConfigException(key, value, "is not a duration; write 500ms, 30s, 5m, 2h, 1d or PT5M");
        }
    }

    /** Holder for the duration pattern (interfaces cannot have private static fields). */
    final class DurationForm {
        static final Pattern PATTERN = Pattern.compile("(\\d+)\\s*(ms|s|m|min|h|d)");

        private DurationForm() {
        }
    }

    /** Map-backed implementation. */
    final class MapConfig implements Config {
        private final Map<String, String> values;

        MapConfig(Map<String, String> values) {
            Map<String, String> copy = new LinkedHashMap<>();
            values.forEach((k, v) -> {
                if (k != null && v != null && !v.isBlank()) {
                    copy.put(k, v.trim());
                }
            });
            this.values = java.util.Collections.unmodifiableMap(new TreeMap<>(copy));
        }

        @Override
        public Optional<String> get(String key) {
            return Optional.ofNullable(values.get(key));
        }

        @Override
        public Set<String> keys() {
            return values.keySet();
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("{");
            values.forEach((k, v) -> {
                if (sb.length() > 1) {
                    sb.append(", ");
                }
                sb.append(k).append('=').append(Config.printable(k, v));
            });
            return sb.append('}').toString();
        }
    }
}
