package io.tradingjobs.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command as a user runs it: {@code Demo.main} in its own JVM, in an empty
 * working directory, with the embedded SQLite default. It says where the database and the dashboard
 * are, that the data is simulated and how to stop, runs every job once, and leaves the tables filled.
 */
class DemoMainTest {
    @TempDir
    Path dir;

    /** How the demo is started: here its main class on the test classpath; {@code DemoJarIT} runs the jar. */
    List<String> demoCommand() {
        return List.of("-cp", System.getProperty("java.class.path"), Demo.class.getName());
    }

    @Test
    void theDemoRunsEveryJobOnceAndSaysWhereEverythingIs() throws Exception {
        Path out = dir.resolve("demo.out");
        List<String> java = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        java.addAll(demoCommand());
        java.addAll(List.of("--seconds", "1"));
        ProcessBuilder command = new ProcessBuilder(java).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(out.toFile());
        // A newcomer's shell: none of this machine's settings (DATABASE_URL, TIMEZONE, JOBS_*, ...) reach the demo.
        command.environment().keySet().retainAll(List.of("PATH", "HOME", "LANG", "TMPDIR"));
        command.environment().put("JOBS_HTTP_PORT", "0"); // any free port: 8010 may be taken on this machine
        Process demo = command.start();
        boolean ended = demo.waitFor(3, TimeUnit.MINUTES);
        if (!ended) {
            demo.destroyForcibly();
        }
        String console = Files.readString(out, StandardCharsets.UTF_8);

        assertThat(ended).as("the demo ended after its first runs and 1 s:%n%s", console).isTrue();
        assertThat(demo.exitValue()).as(console).isZero();
        assertThat(console).contains("SIMULATED market data", "database   SQLite file " + dir.toAbsolutePath().normalize().resolve("data/trading-jobs.db"),
                "dashboard  http://127.0.0.1:", "Stop with Ctrl+C", "first runs: 17 succeeded, 0 did not");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/trading-jobs.db"));
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(DISTINCT job_id) FROM job_runs WHERE status = 'SUCCEEDED'")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(17);
        }
        try (var backups = Files.list(dir.resolve("backups"))) {
            assertThat(backups).isNotEmpty();
        }
    }
}
