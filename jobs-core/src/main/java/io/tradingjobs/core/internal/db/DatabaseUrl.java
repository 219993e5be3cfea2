package io.tradingjobs.core.internal.db;

import io.tradingjobs.core.config.Config;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A database URL in any of the accepted forms, normalised to JDBC: {@code jdbc:sqlite:<file>},
 * {@code sqlite:<file>}, {@code jdbc:postgresql://host:port/db}, and the seeds'
 * {@code postgresql://user:password@host:port/db} (also {@code postgres://}).
 *
 * @param kind which database
 * @param jdbcUrl the JDBC URL without credentials
 * @param user user from the URL, or null
 * @param password password from the URL, or null
 * @param sqliteFile the SQLite file, or null
 */
public record DatabaseUrl(Kind kind, String jdbcUrl, String user, String password, Path sqliteFile) {

    /** Supported databases. */
    public enum Kind {
        /** The embedded default. */
        SQLITE,
        /** Production and clusters. */
        POSTGRESQL
    }

    static final String FIX = "use jdbc:sqlite:./data/trading-jobs.db (the embedded default), "
            + "jdbc:postgresql://host:5432/db or postgresql://user:password@host:5432/db";

    /** Parses {@code raw}; throws {@link IllegalArgumentException} naming the (masked) URL and the accepted forms. */
    public static DatabaseUrl parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException("no database URL; " + FIX);
        }
        String url = raw.trim();
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:sqlite:") || lower.startsWith("sqlite:")) {
            String rest = url.substring(url.indexOf("sqlite:") + 7);
            String pathPart = rest.startsWith("file:") ? rest.substring(5) : rest;
            int q = pathPart.indexOf('?');
            String file = q >= 0 ? pathPart.substring(0, q) : pathPart;
            if (file.isBlank() || file.contains(":memory:") || lower.contains("mode=memory")) {
                throw new IllegalArgumentException("an in-memory SQLite database is not supported: the scheduler, its pool "
                        + "and Quartz need one shared file; use jdbc:sqlite:./data/trading-jobs.db or a temporary file");
            }
            if (file.startsWith("//")) {
                file = file.substring(2);
            }
            return new DatabaseUrl(Kind.SQLITE, "jdbc:sqlite:" + file + (q >= 0 ? pathPart.substring(q) : ""), null, null, Path.of(file));
        }
        if (lower.startsWith("jdbc:postgresql:")) {
            return new DatabaseUrl(Kind.POSTGRESQL, url, null, null, null);
        }
        if (lower.startsWith("postgresql://") || lower.startsWith("postgres://")) {
            try {
                URI uri = new URI(url);
                String user = null;
                String password = null;
                if (uri.getRawUserInfo() != null) {
                    String[] parts = uri.getRawUserInfo().split(":", 2);
                    user = decode(parts[0]);
                    password = parts.length > 1 ? decode(parts[1]) : null;
                }
                if (uri.getHost() == null) {
                    throw new IllegalArgumentException("database URL " + Config.printable("database.url", url) + " has no host; " + FIX);
                }
                String jdbc = "jdbc:postgresql://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
                        + (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
                return new DatabaseUrl(Kind.POSTGRESQL, jdbc, user, password, null);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("database URL " + Config.printable("database.url", url) + " is malformed: "
                        + e.getReason() + "; " + FIX);
            }
        }
        throw new IllegalArgumentException("unsupported database URL " + Config.printable("database.url", url) + "; " + FIX);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** The URL for logs: no password. */
    public String printable() {
        return Config.printable("database.url", jdbcUrl) + (user == null ? "" : " (user " + user + ")");
    }
}
