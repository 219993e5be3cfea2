package io.tradingjobs.reports.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.jooq.DSLContext;

/** Creates other modules' tables from their own migration scripts (test dependencies), as their providers would. */
public final class OtherModules {
    private OtherModules() {
    }

    /** jobs-market's tables. */
    public static void market(DSLContext dsl) {
        run(dsl, "db/tradingjobs/market/common/V1__market_tables.sql");
    }

    /** jobs-nse's tables. */
    public static void nse(DSLContext dsl) {
        run(dsl, "db/tradingjobs/nse/common/V1__nse_tables.sql");
    }

    /** jobs-alerts' anomalies and sentiment tables. */
    public static void alerts(DSLContext dsl) {
        run(dsl, "db/tradingjobs/alerts/common/V1__alerts_tables.sql");
    }

    private static void run(DSLContext dsl, String resource) {
        String sql;
        try (InputStream in = OtherModules.class.getClassLoader().getResourceAsStream(resource)) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StringBuilder clean = new StringBuilder();
        for (String line : sql.split("\n")) {
            if (!line.trim().startsWith("--")) {
                clean.append(line).append('\n');
            }
        }
        for (String statement : clean.toString().split(";")) {
            if (!statement.isBlank()) {
                dsl.execute(statement);
            }
        }
    }
}
