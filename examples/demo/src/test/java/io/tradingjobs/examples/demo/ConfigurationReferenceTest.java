package io.tradingjobs.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingjobs.core.config.Config;
import io.tradingjobs.core.spi.JobProvider;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md against the code of every module, both ways: every key with a default, every
 * environment name and every key the main sources read is documented, and every documented key has
 * a default or is read somewhere. The demo's test classpath holds every job module, and its working
 * directory is examples/demo, so the repository root is {@code ../..}.
 */
class ConfigurationReferenceTest {
    private static final Path ROOT = Path.of("..", "..");
    private static final Path DOC = ROOT.resolve(Path.of("docs", "configuration.md"));

    /** A row of a settings table: {@code | `key` | ...}; '_' appears in table names such as job_runs. */
    private static final Pattern ROW = Pattern.compile("(?m)^\\| `([a-z][a-z0-9-]*(?:\\.[a-z0-9_<>-]+)+)` \\|.*$");

    /**
     * The first parts of settings keys: the core's (jobs, http, services, notify) and the job
     * modules' (market; nse and bse; alerts and news; reports; maintenance). Checked below to be
     * exactly the first parts of the keys that have defaults, so a new one cannot be missed.
     */
    private static final Set<String> PREFIXES = Set.of("jobs", "http", "services", "notify", "market", "nse", "bse", "alerts", "news",
            "reports", "maintenance");

    /** A string literal shaped like a key ({@code a.b-c.d}) or a key's start ({@code a.b.}). */
    private static final Pattern KEY_LITERAL = Pattern.compile("([a-z][a-z0-9-]*)(?:\\.[a-z0-9_-]+)*\\.?");

    /** Key-shaped literals of the main sources that are not settings keys (besides job ids), each with the reason. */
    private static final Map<String, String> NOT_KEYS = Map.of(
            "jobs.db", "file name of JobTestKit's temporary SQLite database",
            "nse.json", "classpath resource of the shipped NSE trading calendar (TradingCalendars)",
            "bse.json", "classpath resource of the shipped BSE trading calendar (TradingCalendars)");

    private static Map<String, String> defaults;
    private static Map<String, String> coreDefaults;
    private static Map<String, String> moduleDefaults;
    private static Map<String, String> aliases;
    private static Set<String> jobIds;
    private static Map<String, String> rows;
    private static Set<String> modules;
    private static List<Literal> literals;

    /** A string literal of a main source file. */
    record Literal(String value, String where) {
    }

    /** A properties resource of jobs-core, read as the core reads it (UTF-8). */
    private static Map<String, String> resource(String name) throws IOException {
        java.util.Properties p = new java.util.Properties();
        try (java.io.InputStream in = ConfigurationReferenceTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        Map<String, String> out = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
        return out;
    }

    @BeforeAll
    static void load() throws IOException {
        coreDefaults = resource("io/tradingjobs/core/defaults.properties");
        moduleDefaults = new TreeMap<>();
        aliases = new TreeMap<>(resource("io/tradingjobs/core/environment-names.properties"));
        List<JobProvider> providers = new ArrayList<>();
        Set<String> names = new TreeSet<>();
        for (JobProvider p : ServiceLoader.load(JobProvider.class)) {
            // The library's modules; a provider of an example host is not part of the reference.
            if (p.getClass().getName().startsWith("io.tradingjobs.") && !p.getClass().getName().startsWith("io.tradingjobs.examples.")) {
                providers.add(p);
                names.add(p.name());
                moduleDefaults.putAll(p.defaults());
                aliases.putAll(p.environmentAliases());
            }
        }
        assertThat(names).as("job modules on the demo's test classpath").contains("market", "nse", "alerts", "reports", "maintenance");

        defaults = new TreeMap<>(coreDefaults);
        defaults.putAll(moduleDefaults);
        Config config = Config.of(defaults);
        jobIds = new TreeSet<>();
        for (JobProvider p : providers) {
            p.jobs(config).forEach(j -> jobIds.add(j.definition().id()));
        }

        rows = new LinkedHashMap<>();
        List<String> twice = new ArrayList<>();
        Matcher m = ROW.matcher(Files.readString(DOC));
        while (m.find()) {
            if (rows.put(m.group(1), m.group()) != null) {
                twice.add(m.group(1));
            }
        }
        assertThat(twice).as("keys with more than one row in " + DOC).isEmpty();

        modules = new TreeSet<>();
        literals = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(ROOT, "jobs-*")) {
            for (Path module : dirs) {
                Path src = module.resolve(Path.of("src", "main", "java"));
                if (!Files.isDirectory(src)) {
                    continue;
                }
                modules.add(module.getFileName().toString());
                try (Stream<Path> files = Files.walk(src)) {
                    for (Path f : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                        literals.addAll(stringLiterals(Files.readString(f), ROOT.relativize(f).toString()));
                    }
                }
            }
        }
    }

    @Test
    void theCheckedSetsAreReal() {
        assertThat(missing(modules, "jobs-core", "jobs-market", "jobs-nse", "jobs-alerts", "jobs-reports", "jobs-maintenance"))
                .as("source folders not found under " + ROOT).isEmpty();
        assertThat(missing(defaults.keySet(), "jobs.database.url", "market.pulse.interval-minutes", "nse.indices.list", "news.newsapi.key",
                "reports.daily.time", "maintenance.backup.dir")).as("keys without a default").isEmpty();
        assertThat(aliases).containsEntry("DATABASE_URL", "jobs.database.url")
                .containsEntry("MARKET_PULSE_INTERVAL", "market.pulse.interval-minutes")
                .containsEntry("ANOMALY_CHECK_INTERVAL", "alerts.anomalies.interval-minutes")
                .containsEntry("SENTIMENT_SCAN_INTERVAL", "alerts.news.interval-minutes")
                .containsEntry("NEWSAPI_KEY", "news.newsapi.key")
                .containsEntry("DAILY_REPORT_TIME", "reports.daily.time")
                .containsEntry("WEEKLY_REPORT_DAY", "reports.weekly.day")
                .containsEntry("WEEKLY_REPORT_TIME", "reports.weekly.time");
        assertThat(missing(jobIds, "market.sync", "market.pulse", "nse.indices", "alerts.news", "reports.daily", "maintenance.backup"))
                .as("job ids the providers did not list").isEmpty();
        assertThat(missing(rows.keySet(), "jobs.<id>.schedule", "http.rate-limit.<host>", "news.html.<name>.url", "market.source"))
                .as("rows not found in " + DOC).isEmpty();
        assertThat(missing(keysRead(), "market.pulse.interval-minutes", "nse.indices.list", "news.newsapi.key", "jobs.database.url"))
                .as("keys not found in the main sources").isEmpty();
        assertThat(missing(prefixesRead(), "http.rate-limit.", "news.html.", "maintenance.retention.", "jobs."))
                .as("key prefixes not found in the main sources").isEmpty();

        Set<String> firstParts = new TreeSet<>();
        defaults.keySet().forEach(k -> firstParts.add(k.substring(0, k.indexOf('.'))));
        assertThat(firstParts).as("first parts of the keys with defaults (update PREFIXES)").isEqualTo(new TreeSet<>(PREFIXES));

        Set<String> seen = new TreeSet<>();
        literals.forEach(l -> seen.add(l.value()));
        assertThat(seen).as("every NOT_KEYS entry is still in the code (remove the ones that are not)").containsAll(NOT_KEYS.keySet());
    }

    @Test
    void everyKeyWithADefaultIsDocumented() {
        Set<String> missing = new TreeSet<>(defaults.keySet());
        missing.removeAll(rows.keySet());
        assertThat(missing).as("keys with a default (core defaults.properties or a JobProvider.defaults()) but no row in " + DOC)
                .isEmpty();
    }

    @Test
    void everyDocumentedDefaultIsTheCodes() {
        List<String> wrong = new ArrayList<>();
        defaults.forEach((key, value) -> {
            String row = rows.get(key);
            if (row != null && !value.isBlank() && !row.replace("\\|", "|").contains("`" + value + "`")) {
                wrong.add(key + " (default `" + value + "`): " + row);
            }
        });
        assertThat(wrong).as("rows not showing the key's default from the code").isEmpty();
    }

    @Test
    void everyEnvironmentNameIsDocumentedNextToItsKey() {
        List<String> missing = new ArrayList<>();
        aliases.forEach((name, key) -> {
            String row = rows.getOrDefault(key, "");
            boolean inKeyRow = row.contains("`" + name + "`");
            // The core's seed names have their own table: | `NAME` ... | `key` |
            boolean inNameRow = Pattern.compile("(?m)^\\| `" + Pattern.quote(name) + "`.*`" + Pattern.quote(key) + "`.*$")
                    .matcher(docText()).find();
            if (!inKeyRow && !inNameRow) {
                missing.add(name + " -> " + key);
            }
        });
        // The job modules' tables name each key's own environment name as well.
        moduleDefaults.keySet().forEach(key -> {
            // The documented rule: upper case, '.' and '-' become '_'.
            String name = key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
            if (!rows.getOrDefault(key, "").contains("`" + name + "`")) {
                missing.add(name + " -> " + key);
            }
        });
        assertThat(missing).as("environment names (seed names of the core's environment-names.properties and environmentAliases(), and the job "
                + "modules' UPPER_SNAKE names) not documented in their key's row").isEmpty();
    }

    @Test
    void everyKeyTheCodeReadsIsDocumented() {
        List<String> undocumented = new ArrayList<>();
        for (Literal l : literals) {
            if (!isKey(l.value())) {
                continue;
            }
            if (l.value().endsWith(".")) {
                boolean pattern = rows.keySet().stream().anyMatch(k -> k.contains("<") && k.startsWith(l.value()));
                if (!pattern) {
                    undocumented.add(l.value() + "<...> (" + l.where() + "): no pattern row starting with it");
                }
            } else if (!rows.containsKey(l.value())) {
                undocumented.add(l.value() + " (" + l.where() + ")");
            }
        }
        assertThat(undocumented).as("keys the main sources read that have no row in " + DOC
                + " (not a key? add it to NOT_KEYS with the reason)").isEmpty();
    }

    @Test
    void everyKeyTheCodeReadsHasADefault() {
        List<String> without = new ArrayList<>();
        for (Literal l : literals) {
            if (isKey(l.value()) && !l.value().endsWith(".") && !defaults.containsKey(l.value())) {
                without.add(l.value() + " (" + l.where() + ")");
            }
        }
        assertThat(without).as("keys read by the code without a default in defaults.properties or the module's JobProvider.defaults()")
                .isEmpty();
    }

    @Test
    void everyDocumentedKeyIsRead() {
        Set<String> read = keysRead();
        Set<String> prefixes = prefixesRead();
        List<String> extra = new ArrayList<>();
        for (String key : rows.keySet()) {
            if (key.contains("<")) {
                String fixed = key.substring(0, key.indexOf('<'));
                if (prefixes.stream().noneMatch(fixed::startsWith)) {
                    extra.add(key + " (no key is built from '" + fixed + "' in the code)");
                }
            } else if (!defaults.containsKey(key) && !read.contains(key)) {
                extra.add(key);
            }
        }
        assertThat(extra).as("documented in " + DOC + " but without a default and read by no code").isEmpty();
    }

    @Test
    void everyJobNamedInAReadByColumnExists() {
        // The job modules' tables: | key | default | env name(s) | read by | meaning |
        Pattern jobId = Pattern.compile("`([a-z]+\\.[a-z0-9-]+)`");
        List<String> wrong = new ArrayList<>();
        int moduleRows = 0;
        for (Map.Entry<String, String> row : rows.entrySet()) {
            String[] cells = row.getValue().replace("\\|", "\u0000").split("\\|", -1);
            if (cells.length != 7) {
                continue;
            }
            moduleRows++;
            String readBy = cells[4].trim();
            if (readBy.isEmpty()) {
                wrong.add(row.getKey() + ": empty");
            }
            Matcher m = jobId.matcher(readBy);
            while (m.find()) {
                if (!jobIds.contains(m.group(1))) {
                    wrong.add(row.getKey() + ": " + m.group(1));
                }
            }
        }
        assertThat(moduleRows).as("rows of the job modules' tables in " + DOC).isGreaterThan(50);
        assertThat(wrong).as("\"read by\" cells that are empty or name a job no provider lists (known: " + jobIds + ")").isEmpty();
    }

    private static List<String> missing(java.util.Collection<String> have, String... wanted) {
        return Stream.of(wanted).filter(w -> !have.contains(w)).toList();
    }

    private static String docText() {
        try {
            return Files.readString(DOC);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Whether a literal is a settings key (or a key's start, ending with '.'), not a job id or a listed non-key. */
    private static boolean isKey(String literal) {
        Matcher m = KEY_LITERAL.matcher(literal);
        return m.matches() && literal.contains(".") && PREFIXES.contains(m.group(1)) && !jobIds.contains(literal)
                && !NOT_KEYS.containsKey(literal);
    }

    private static Set<String> keysRead() {
        Set<String> out = new TreeSet<>();
        literals.stream().map(Literal::value).filter(v -> isKey(v) && !v.endsWith(".")).forEach(out::add);
        return out;
    }

    private static Set<String> prefixesRead() {
        Set<String> out = new TreeSet<>();
        literals.stream().map(Literal::value).filter(v -> isKey(v) && v.endsWith(".")).forEach(out::add);
        return out;
    }

    /**
     * The string literals of a Java source, outside comments (Javadoc examples are not reads).
     * Text blocks are skipped: they hold SQL and HTML, not keys.
     */
    static List<Literal> stringLiterals(String src, String file) {
        List<Literal> out = new ArrayList<>();
        int n = src.length();
        int i = 0;
        int line = 1;
        while (i < n) {
            char c = src.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (src.startsWith("//", i)) {
                while (i < n && src.charAt(i) != '\n') {
                    i++;
                }
            } else if (src.startsWith("/*", i)) {
                int end = src.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                line += count(src, i, end);
                i = end;
            } else if (src.startsWith("\"\"\"", i)) {
                int end = i + 3;
                while (end < n && !src.startsWith("\"\"\"", end)) {
                    end += src.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(n, end + 3);
                line += count(src, i, end);
                i = end;
            } else if (c == '"' || c == '\'') {
                StringBuilder text = new StringBuilder();
                i++;
                while (i < n && src.charAt(i) != c && src.charAt(i) != '\n') {
                    if (src.charAt(i) == '\\' && i + 1 < n) {
                        text.append(src.charAt(i));
                        i++;
                    }
                    text.append(src.charAt(i));
                    i++;
                }
                i++;
                if (c == '"') {
                    out.add(new Literal(text.toString(), file + ":" + line));
                }
            } else {
                i++;
            }
        }
        return out;
    }

    private static int count(String s, int from, int to) {
        int lines = 0;
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == '\n') {
                lines++;
            }
        }
        return lines;
    }
}
