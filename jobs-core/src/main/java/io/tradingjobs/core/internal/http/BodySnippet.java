package io.tradingjobs.core.internal.http;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The short, single-line, secret-free excerpt of a body that error messages show. Internal:
 * public only for {@code io.tradingjobs.core.http}.
 */
public final class BodySnippet {

    /** The longest snippet, in characters. */
    public static final int MAX_CHARS = 300;

    private BodySnippet() {
    }

    /**
     * A snippet of {@code body}: text with whitespace collapsed, secrets masked, cut to
     * {@value #MAX_CHARS} characters; for binary content only its size and type; {@code null}
     * for an empty body.
     */
    public static String of(byte[] body, String contentType, Iterable<String> secrets) {
        if (body == null || body.length == 0) {
            return null;
        }
        String mediaType = mediaType(contentType);
        if (!mediaType.isEmpty() && !isTextual(mediaType)) {
            return "(" + body.length + " bytes of " + mediaType + ")";
        }
        int take = Math.min(body.length, MAX_CHARS * 4);
        String text = new String(body, 0, take, charset(contentType));
        text = text.replace("\uFEFF", "").replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        text = Secrets.scrub(text, secrets);
        if (text.length() > MAX_CHARS) {
            text = text.substring(0, MAX_CHARS) + "...";
        } else if (take < body.length) {
            text = text + "...";
        }
        return text;
    }

    /** The media type of a {@code Content-Type} value, lower case without parameters; empty when absent. */
    public static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    /** The {@code charset} parameter of a {@code Content-Type} value, else UTF-8 (also when unknown). */
    public static Charset charset(String contentType) {
        if (contentType != null) {
            for (String param : contentType.split(";")) {
                String p = param.trim();
                if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                    String name = p.substring(8).trim().replace("\"", "");
                    try {
                        return Charset.forName(name);
                    } catch (RuntimeException e) {
                        return StandardCharsets.UTF_8;
                    }
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static boolean isTextual(String mediaType) {
        return mediaType.startsWith("text/") || mediaType.contains("json") || mediaType.contains("xml")
                || mediaType.contains("html") || mediaType.contains("javascript") || mediaType.contains("csv")
                || mediaType.equals("application/x-www-form-urlencoded") || mediaType.equals("application/problem");
    }
}
