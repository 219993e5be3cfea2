package io.tradingjobs.core.internal.http;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in URLs and body snippets before they reach a log or an exception message.
 * Internal: public only so that {@code io.tradingjobs.core.http} can use it.
 */
public final class Secrets {

    /** What a masked value is replaced with. */
    public static final String MASK = "****";

    private static final Set<String> SECRET_NAMES = Set.of(
            "key", "code", "sig", "signature", "auth", "authorization", "password", "passwd", "pwd",
            "secret", "session", "sessionid", "jsessionid", "otp", "pin");
    private static final String[] SECRET_SUFFIXES = {"token", "secret", "password", "apikey", "accesskey", "secretkey", "privatekey", "signature"};

    private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/@?#]+@");
    private static final Pattern QUERY_PAIR = Pattern.compile("([?&;])([^=&;#]+)=([^&;#]*)");
    private static final Pattern JSON_PAIR = Pattern.compile("(\"([A-Za-z0-9_\\-]+)\"\\s*:\\s*)\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=\\-]+");

    private Secrets() {
    }

    /**
     * Whether a query or JSON field name holds a secret: {@code token}, {@code access_token},
     * {@code apikey}, {@code api-key}, {@code client_secret}, {@code password}, {@code code},
     * {@code signature} and the like, but not {@code instrument_key}-style identifiers.
     */
    public static boolean isSecretName(String name) {
        String n = name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "").replace(".", "");
        if (SECRET_NAMES.contains(n)) {
            return true;
        }
        for (String suffix : SECRET_SUFFIXES) {
            if (n.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }

    /** {@code url} with user info and secret query values replaced by {@code ****}; {@code null} stays {@code null}. */
    public static String maskUrl(String url) {
        if (url == null) {
            return null;
        }
        String masked = USER_INFO.matcher(url).replaceFirst(MASK + "@");
        int q = masked.indexOf('?');
        if (q < 0) {
            return masked;
        }
        Matcher m = QUERY_PAIR.matcher(masked);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            if (m.start() < q) {
                continue;
            }
            String replacement = isSecretName(decodeLoosely(m.group(2)))
                    ? m.group(1) + m.group(2) + "=" + MASK : m.group();
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /**
     * {@code text} with every occurrence of the known secrets, bearer tokens, secret JSON string
     * fields ({@code "access_token": "..."}) and secret form fields ({@code token=...}) masked.
     */
    public static String scrub(String text, Iterable<String> knownSecrets) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String secret : knownSecrets) {
            if (secret != null && secret.length() >= 4) {
                out = out.replace(secret, MASK);
            }
        }
        out = BEARER.matcher(out).replaceAll("$1" + MASK);
        Matcher m = JSON_PAIR.matcher(out);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String replacement = isSecretName(m.group(2)) ? m.group(1) + "\"" + MASK + "\"" : m.group();
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        // Form-encoded bodies look like a query without the '?'.
        return maskUrl("?" + sb).substring(1);
    }

    private static String decodeLoosely(String s) {
        try {
            return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
