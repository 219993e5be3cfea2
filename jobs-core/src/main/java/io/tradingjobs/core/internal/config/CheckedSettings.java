package io.tradingjobs.core.internal.config;

import io.tradingjobs.core.SchedulerBuildException.Problem;
import io.tradingjobs.core.config.Config;
import io.tradingjobs.core.config.ConfigException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads typed settings at build time, turning a malformed value into a {@link Problem} (with the
 * value masked when secret, and the fix) and carrying on with the fallback, so that every problem
 * is found in one pass.
 */
public final class CheckedSettings {
    private final Config config;
    private final List<Problem> problems;

    /**
     * @param config the merged configuration
     * @param problems where problems are collected
     */
    public CheckedSettings(Config config, List<Problem> problems) {
        this.config = config;
        this.problems = problems;
    }

    /** {@code read(key)}, or {@code fallback} after recording a problem with {@code fix}. */
    public <T> T get(String key, Function<String, T> read, T fallback, String fix) {
        try {
            return read.apply(key);
        } catch (ConfigException e) {
            problems.add(problem(key, e.getMessage(), fix));
            return fallback;
        }
    }

    /** A duration setting, or {@code fallback}. */
    public Duration duration(String key, Duration fallback) {
        return get(key, k -> config.duration(k, fallback), fallback, "write 500ms, 30s, 5m, 2h, 1d or PT5M");
    }

    /** {@code read(key)} when the key is set; empty when unset or malformed (then a problem is recorded). */
    public <T> Optional<T> optional(String key, Function<String, T> read) {
        if (config.get(key).isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(read.apply(key));
        } catch (IllegalArgumentException e) {
            problems.add(problem(key, e.getMessage(), "see docs/configuration.md for the accepted forms"));
            return Optional.empty();
        }
    }

    private Problem problem(String key, String message, String fix) {
        return new Problem(key, config.get(key).map(v -> Config.printable(key, v)).orElse(null), message, fix);
    }
}
