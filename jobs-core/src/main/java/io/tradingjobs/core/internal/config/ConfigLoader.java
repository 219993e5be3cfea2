package io.tradingjobs.core.internal.config;

import io.tradingjobs.core.config.Config;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Merges the configuration sources, later winning: built-in defaults (core and providers), a
 * properties file, a {@code .env} file, environment variables, the builder's values.
 *
 * <p>Environment variables and {@code .env} entries are matched to keys two ways: the upper-case
 * form of a known key ({@code JOBS_DATABASE_URL} for {@code jobs.database.url},
 * {@code MARKET_UPSTOX_BASE_URL} for {@code market.upstox.base-url}), and the seeds' own names
 * ({@code DATABASE_URL}, {@code TIMEZONE}, {@code SMTP_HOST}, ...) through an alias table. Other
 * environment variables are ignored; unknown names in a {@code .env} file are reported as warnings.
 */
public final class ConfigLoader {

    /** The seeds' environment names and the keys they set ({@code io/tradingjobs/core/environment-names.properties}). */
    public static final Map<String, String> CORE_ALIASES = Map.copyOf(readResource(ConfigLoader.class.getClassLoader(),
            "io/tradingjobs/core/environment-names.properties"));

    /** Per-job setting suffixes: {@code jobs.<id>.<suffix>}. */
    public static final List<String> JOB_SETTINGS = List.of("enabled", "schedule", "timeout", "misfire-grace", "coalesce",
            "max-concurrent", "retry.max-attempts", "retry.delay");

    private ConfigLoader() {
    }

    /** The merged configuration and the warnings met while reading it. */
    public record Loaded(Config config, List<String> warnings, Map<String, String> sources) {
    }

    /**
     * Merges the sources.
     *
     * @param defaults built-in defaults (core and providers); their keys are the known keys
     * @param hostDefaults the host's own defaults ({@code Builder.defaults}), keys or environment-style names
     * @param aliases environment name to key (core and providers)
     * @param jobIds ids of all jobs, for the per-job keys' environment names
     * @param environment the process environment
     * @param builderValues values given to the builder (keys, or environment-style names)
     * @param workingDir where relative file names are resolved
     */
    public static Loaded load(Map<String, String> defaults, Map<String, String> hostDefaults, Map<String, String> aliases,
                              Set<String> jobIds, Map<String, String> environment, Map<String, String> builderValues, Path workingDir) {
        List<String> warnings = new ArrayList<>();
        Map<String, String> envNames = environmentNames(defaults.keySet(), aliases, jobIds);
        Map<String, String> merged = new LinkedHashMap<>(defaults);
        Map<String, String> sources = new LinkedHashMap<>();
        defaults.keySet().forEach(k -> sources.put(k, "default"));
        // The host's defaults replace the built-in ones; every later source still wins over them.
        put(merged, sources, keyed(hostDefaults, envNames), "host default");

        Map<String, String> fromEnv = mapEnvironment(environment, envNames, null, warnings, jobIds);
        Map<String, String> fromBuilder = keyed(builderValues, envNames);

        // Where the files are may itself come from any later source.
        String propertiesFile = firstOf("jobs.config.file", fromBuilder, fromEnv, merged);
        Path props = resolve(workingDir, propertiesFile, "trading-jobs.properties");
        if (props != null) {
            put(merged, sources, keyed(readProperties(props), envNames), "file " + props);
        } else if (propertiesFile != null && !propertiesFile.isBlank()) {
            warnings.add("jobs.config.file=" + propertiesFile + " does not exist; no properties file read");
        }
        String envFile = firstOf("jobs.env-file", fromBuilder, fromEnv, merged);
        Path dotEnv = resolve(workingDir, envFile, ".env");
        if (dotEnv != null) {
            put(merged, sources, mapEnvironment(readDotEnv(dotEnv), envNames, dotEnv, warnings, jobIds), "file " + dotEnv);
        } else if (envFile != null && !envFile.isBlank()) {
            warnings.add("jobs.env-file=" + envFile + " does not exist; no .env file read");
        }
        put(merged, sources, fromEnv, "environment");
        put(merged, sources, fromBuilder, "builder");
        return new Loaded(Config.of(merged), warnings, sources);
    }

    /** Values whose names are keys or environment-style names (host code, a properties file), by key. */
    private static Map<String, String> keyed(Map<String, String> values, Map<String, String> envNames) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(envNames.getOrDefault(k, k), v));
        return out;
    }

        private static String firstOf(String key, Map<String, String> a, Map<String, String> b, Map<String, String> c) {
        for (Map<String, String> m : List.of(a, b, c)) {
            String v = m.get(key);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    private static void put(Map<String, String> merged, Map<String, String> sources, Map<String, String> values, String source) {
        values.forEach((k, v) -> {
            merged.put(k, v);
            sources.put(k, source);
        });
    }

    /** Environment name of a key: upper case, '.' and '-' become '_'. */
    public static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static Map<String, String> environmentNames(Set<String> knownKeys, Map<String, String> aliases, Set<String> jobIds) {
        Map<String, String> names = new LinkedHashMap<>();
        for (String key : knownKeys) {
            names.put(environmentName(key), key);
        }
        for (String id : jobIds) {
            for (String suffix : JOB_SETTINGS) {
                String key = "jobs." + id + "." + suffix;
                names.put(environmentName(key), key);
            }
        }
        names.putAll(aliases);
        return names;
    }

    private static Map<String, String> mapEnvironment(Map<String, String> env, Map<String, String> names, Path file, List<String> warnings,
                                                      Set<String> jobIds) {
        Map<String, String> out = new LinkedHashMap<>();
        env.forEach((name, value) -> {
            String key = names.get(name);
            if (key == null && name.contains(".")) {
                key = name; // a .env line may use the dotted key directly
            }
            if (key != null) {
                out.put(key, value);
            } else if (file != null) {
                warnings.add(file + ": " + name + " is not a trading-jobs setting; ignored");
            } else if (name.startsWith("JOBS_") && JOB_SETTINGS.stream().anyMatch(suffix -> name.endsWith("_" + environmentName(suffix)))) {
                // Shaped like a per-job name, so most likely a misspelt job id; other variables are not ours to judge.
                warnings.add("environment variable " + name + " matches no setting; ignored. Per-job names are JOBS_<ID>_<SETTING> "
                        + "with the id's dots and dashes as underscores; the jobs are " + String.join(", ", new java.util.TreeSet<>(jobIds)));
            }
        });
        return out;
    }

    private static Path resolve(Path workingDir, String configured, String defaultName) {
        if (configured != null && !configured.isBlank()) {
            Path p = workingDir.resolve(configured);
            return Files.isRegularFile(p) ? p : null;
        }
        Path p = workingDir.resolve(defaultName);
        return Files.isRegularFile(p) ? p : null;
    }

    /** Reads a properties file. */
    static Map<String, String> readProperties(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read properties file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
        return out;
    }

    /** Reads built-in defaults from a classpath resource. */
    public static Map<String, String> readResource(ClassLoader loader, String resource) {
        Properties p = new Properties();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing built-in resource " + resource);
            }
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
        return out;
    }

    /**
     * Reads a {@code .env} file as docker-compose and python-dotenv do: {@code NAME=value} lines,
     * optional {@code export}, {@code #} comments, single or double quotes around the value.
     */
    static Map<String, String> readDotEnv(Path file) {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read .env file " + file + ": " + e.getMessage(), e);
        }
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring(7).strip();
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            String unquoted = unquote(value);
            if (unquoted != null) {
                value = unquoted;
            } else {
                int hash = value.indexOf(" #");
                if (hash >= 0) {
                    value = value.substring(0, hash).strip();
                }
            }
            out.put(name, value);
        }
        return out;
    }

    /** The inside of a quoted value, which may be followed by a comment ({@code KEY="v" # note}); null when not quoted. */
    private static String unquote(String value) {
        if (value.length() < 2 || value.charAt(0) != '"' && value.charAt(0) != '\'') {
            return null;
        }
        char quote = value.charAt(0);
        for (int end = value.indexOf(quote, 1); end > 0; end = value.indexOf(quote, end + 1)) {
            String rest = value.substring(end + 1).strip();
            if (rest.isEmpty() || rest.startsWith("#")) {
                return value.substring(1, end);
            }
        }
        return null;
    }
}
