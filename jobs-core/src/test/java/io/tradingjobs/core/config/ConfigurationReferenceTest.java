package io.tradingjobs.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingjobs.core.internal.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/configuration.md and the core's defaults (every key the core reads has one) agree. */
class ConfigurationReferenceTest {
    private static final Pattern ROW_KEY = Pattern.compile("(?m)^\\| `([a-z][a-z0-9-]*(?:\\.[a-z0-9<>-]+)+)` \\|");

    private static Set<String> documentedKeys() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "configuration.md"));
        Set<String> keys = new TreeSet<>();
        Matcher m = ROW_KEY.matcher(doc);
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys;
    }

    @Test
    void everyCoreSettingIsDocumented() throws Exception {
        Map<String, String> defaults = ConfigLoader.readResource(getClass().getClassLoader(), "io/tradingjobs/core/defaults.properties");
        assertThat(documentedKeys()).containsAll(defaults.keySet());
    }

    @Test
    void everyDocumentedCoreSettingExists() throws Exception {
        Map<String, String> defaults = ConfigLoader.readResource(getClass().getClassLoader(), "io/tradingjobs/core/defaults.properties");
        Set<String> coreDocumented = new TreeSet<>();
        for (String key : documentedKeys()) {
            boolean core = key.startsWith("jobs.") || key.startsWith("http.") || key.startsWith("services.") || key.startsWith("notify.");
            boolean pattern = key.contains("<");
            if (core && !pattern) {
                coreDocumented.add(key);
            }
        }
        assertThat(defaults.keySet()).containsAll(coreDocumented);
        assertThat(documentedKeys()).contains("jobs.<id>.schedule", "jobs.<id>.enabled", "http.rate-limit.<host>");
        for (String suffix : ConfigLoader.JOB_SETTINGS) {
            assertThat(documentedKeys()).contains("jobs.<id>." + suffix);
        }
    }

    @Test
    void everySeedEnvironmentNameIsDocumented() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "configuration.md"));
        ConfigLoader.CORE_ALIASES.forEach((name, key) -> assertThat(doc).contains("| `" + name).contains("`" + key + "`"));
    }
}
