package io.tradingjobs.nse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The real NSE/BSE files under {@code src/test/resources/fixtures/nse/}, as served. */
public final class Fixtures {
    private Fixtures() {
    }

    /** The resource name of fixture {@code file}, for {@code Reply.resource}. */
    public static String resource(String file) {
        return "fixtures/nse/" + file;
    }

    /** The bytes of fixture {@code file}. */
    public static byte[] bytes(String file) {
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(resource(file))) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text of fixture {@code file} (UTF-8). */
    public static String text(String file) {
        return new String(bytes(file), StandardCharsets.UTF_8);
    }
}
