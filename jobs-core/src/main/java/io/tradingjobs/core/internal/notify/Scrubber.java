package io.tradingjobs.core.internal.notify;

import java.util.Comparator;
import java.util.List;

/**
 * Replaces the configured secrets (SMTP password, bot token, API keys, the management token) with
 * {@code ****} in text bound for a log line, a stored error or an HTTP response.
 */
public final class Scrubber {
    private static final String MASK = "****";
    private final List<String> secrets;

    /** @param secrets the values to hide (those of 4 characters or more) */
    public Scrubber(List<String> secrets) {
        // Longest first, so a secret containing another is hidden whole.
        this.secrets = secrets.stream().filter(s -> s != null && s.length() >= 4).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    /** {@code text} with every secret masked; null stays null. */
    public String scrub(String text) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        String out = text;
        for (String s : secrets) {
            if (out.contains(s)) {
                out = out.replace(s, MASK);
            }
        }
        return out;
    }

    /** Whether {@code text} contains a secret. */
    public boolean leaks(String text) {
        return text != null && secrets.stream().anyMatch(text::contains);
    }
}
