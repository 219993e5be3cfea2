package io.tradingjobs.maintenance.backup;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Finds and runs the PostgreSQL client tools (pg_dump, pg_restore). */
final class PgTools {

    private PgTools() {
    }

    /** The executable for {@code setting}: a path, or a name looked up on the PATH. */
    static Optional<Path> find(String setting) {
        if (setting.contains("/") || setting.contains(File.separator)) {
            Path p = Path.of(setting);
            return Files.isRegularFile(p) && Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path p = Path.of(dir, setting);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The error for a tool that is not there. */
    static String missing(String tool, String settingKey, String setting) {
        return tool + " was not found (" + settingKey + "=" + setting + (setting.contains("/") ? "" : ", looked up on the PATH")
                + "): install the PostgreSQL client tools of the server's major version (Debian/Ubuntu: apt-get install "
                + "postgresql-client) or set " + settingKey + " to the full path of " + tool;
    }

    /**
     * Runs {@code command} with the target's libpq environment; output goes to a log file that is
     * deleted afterwards.
     *
     * @throws IOException naming the tool, its exit code and the end of its output when it fails
     */
    static void run(List<String> command, PgTarget target, Duration timeout, Path logFile) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile());
        pb.environment().putAll(target.environment());
        Process p = pb.start();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException(Path.of(command.get(0)).getFileName() + " did not finish within " + timeout
                        + "; raise maintenance.backup.pg-dump-timeout");
            }
            if (p.exitValue() != 0) {
                String out = Files.exists(logFile) ? Files.readString(logFile, StandardCharsets.UTF_8).strip() : "";
                if (out.length() > 2000) {
                    out = "..." + out.substring(out.length() - 2000);
                }
                throw new IOException(Path.of(command.get(0)).getFileName() + " failed with exit code " + p.exitValue() + " for " + target
                        + ": " + out);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            throw e;
        } finally {
            Files.deleteIfExists(logFile);
        }
    }
}
