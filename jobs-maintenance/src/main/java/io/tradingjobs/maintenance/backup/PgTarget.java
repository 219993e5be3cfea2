package io.tradingjobs.maintenance.backup;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A PostgreSQL database (and optionally one schema) for pg_dump and pg_restore, parsed from
 * {@code jdbc:postgresql://host:port/db?user=..&password=..&currentSchema=..} or
 * {@code postgresql://user:password@host:port/db}. The password reaches the tools through the
 * {@code PGPASSWORD} environment variable, never the command line; {@link #toString()} hides it.
 *
 * @param host the host
 * @param port the port
 * @param database the database
 * @param user the user, or null
 * @param password the password, or null
 * @param schema the schema to dump ({@code currentSchema}), or null for the whole database
 */
public record PgTarget(String host, int port, String database, String user, String password, String schema) {

    /** Parses a URL; throws {@link IllegalArgumentException} naming the accepted forms. */
    public static PgTarget parse(String url) {
        String u = url.trim();
        if (u.regionMatches(true, 0, "jdbc:", 0, 5)) {
            u = u.substring(5);
        }
        String lower = u.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("postgresql://") && !lower.startsWith("postgres://")) {
            throw new IllegalArgumentException("not a PostgreSQL URL: use jdbc:postgresql://host:5432/db or postgresql://user:password@host:5432/db");
        }
        try {
            URI uri = new URI(u);
            Map<String, String> params = new LinkedHashMap<>();
            if (uri.getRawQuery() != null) {
                for (String p : uri.getRawQuery().split("&")) {
                    int eq = p.indexOf('=');
                    if (eq > 0) {
                        params.put(p.substring(0, eq), decode(p.substring(eq + 1)));
                    }
                }
            }
            String user = params.get("user");
            String password = params.get("password");
            if (uri.getRawUserInfo() != null) {
                String[] parts = uri.getRawUserInfo().split(":", 2);
                user = decode(parts[0]);
                password = parts.length > 1 ? decode(parts[1]) : password;
            }
            String path = uri.getPath() == null ? "" : uri.getPath();
            String db = path.startsWith("/") ? path.substring(1) : path;
            return new PgTarget(uri.getHost() == null ? "localhost" : uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 5432,
                    db.isEmpty() ? "postgres" : db, user, password, params.get("currentSchema"));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("malformed PostgreSQL URL: " + e.getReason(), e);
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** The backup name: the database, plus the schema when one is chosen. */
    public String backupName() {
        return schema == null ? database : database + "-" + schema;
    }

    /** libpq environment for the tools. */
    Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PGHOST", host);
        env.put("PGPORT", String.valueOf(port));
        env.put("PGDATABASE", database);
        if (user != null) {
            env.put("PGUSER", user);
        }
        if (password != null) {
            env.put("PGPASSWORD", password);
        }
        return env;
    }

    @Override
    public String toString() {
        return "postgresql://" + (user == null ? "" : user + "@") + host + ":" + port + "/" + database
                + (schema == null ? "" : " (schema " + schema + ")");
    }
}
