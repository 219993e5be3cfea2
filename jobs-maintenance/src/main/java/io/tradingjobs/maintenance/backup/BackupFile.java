package io.tradingjobs.maintenance.backup;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A backup in the backup directory, named {@code <name>-yyyyMMdd-HHmmss.db.gz} (SQLite, gzip) or
 * {@code <name>-yyyyMMdd-HHmmss.dump} (pg_dump custom format), the time in UTC. A second backup of
 * the same source within one second gets a {@code -2}, {@code -3}... suffix before the extension.
 *
 * @param path the file
 * @param name the source's name, e.g. {@code market_data}
 * @param time when it was taken
 * @param sequence 1, or the suffix
 * @param kind SQLite or PostgreSQL
 */
public record BackupFile(Path path, String name, Instant time, int sequence, Kind kind) {

    /** What a backup holds. */
    public enum Kind {
        /** A gzip-compressed SQLite database: {@code .db.gz}. */
        SQLITE(".db.gz"),
        /** A pg_dump custom-format archive: {@code .dump}. */
        POSTGRESQL(".dump");

        private final String extension;

        Kind(String extension) {
            this.extension = extension;
        }

        /** The file extension, with its dot. */
        public String extension() {
            return extension;
        }
    }

    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final Pattern NAME = Pattern.compile("(?<name>.+)-(?<ts>\\d{8}-\\d{6})(?:-(?<seq>\\d+))?(?<ext>\\.db\\.gz|\\.dump)");

    /** Newest first. */
    public static final Comparator<BackupFile> NEWEST_FIRST = Comparator.comparing(BackupFile::time)
            .thenComparingInt(BackupFile::sequence).reversed();

    /** The file name for a backup of {@code name} taken at {@code time}. */
    public static String fileName(String name, Instant time, int sequence, Kind kind) {
        return name + "-" + STAMP.format(LocalDateTime.ofInstant(time, ZoneOffset.UTC)) + (sequence > 1 ? "-" + sequence : "")
                + kind.extension();
    }

    /** Parses a backup's file name; empty for any other file. */
    public static Optional<BackupFile> parse(Path path) {
        Matcher m = NAME.matcher(path.getFileName().toString());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            Instant t = LocalDateTime.parse(m.group("ts"), STAMP).toInstant(ZoneOffset.UTC);
            int seq = m.group("seq") == null ? 1 : Integer.parseInt(m.group("seq"));
            Kind kind = m.group("ext").equals(".dump") ? Kind.POSTGRESQL : Kind.SQLITE;
            return Optional.of(new BackupFile(path, m.group("name"), t, seq, kind));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
