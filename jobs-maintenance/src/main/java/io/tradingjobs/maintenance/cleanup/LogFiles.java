package io.tradingjobs.maintenance.cleanup;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes log files older than a cut-off (by last modification) directly in the given
 * directories: {@code *.log}, rotated {@code *.log.1}, {@code *.log.gz}, {@code *.log.2026-02-08}
 * and the like. Other files and sub-directories are left alone.
 */
final class LogFiles {
    private static final Logger LOG = LoggerFactory.getLogger(LogFiles.class);
    private static final Pattern LOG_NAME = Pattern.compile(".+\\.log(\\.[A-Za-z0-9._-]+)?");

    private LogFiles() {
    }

    /** @return files deleted */
    static int deleteOlder(Iterable<Path> dirs, Instant cutoff) throws IOException {
        int deleted = 0;
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                for (Path p : ds) {
                    if (Files.isRegularFile(p) && LOG_NAME.matcher(p.getFileName().toString()).matches()
                            && Files.getLastModifiedTime(p).toInstant().isBefore(cutoff)) {
                        Files.delete(p);
                        deleted++;
                    }
                }
            }
        }
        if (deleted > 0) {
            LOG.info("deleted {} log files older than {}", deleted, cutoff);
        }
        return deleted;
    }
}
