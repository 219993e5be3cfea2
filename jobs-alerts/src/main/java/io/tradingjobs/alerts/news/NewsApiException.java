package io.tradingjobs.alerts.news;

/** NewsAPI answered {@code {"status":"error","code":...,"message":...}}. */
public final class NewsApiException extends Exception {
    private static final long serialVersionUID = 1L;

    /** How the job reacts. */
    public enum Kind {
        /** {@code rateLimited}: the plan's request quota is used up; skip NewsAPI until the next run. */
        RATE_LIMITED,
        /** {@code apiKeyInvalid}, {@code apiKeyMissing}, {@code apiKeyDisabled}, {@code apiKeyExhausted}: fix the key. */
        KEY_REJECTED,
        /** Any other error (bad parameters, server error). */
        OTHER
    }

    private final Kind kind;
    private final String code;

    /**
     * @param code NewsAPI's error code
     * @param message NewsAPI's message (never contains the key)
     * @param status the HTTP status
     */
    public NewsApiException(String code, String message, int status) {
        super("NewsAPI error " + code + " (HTTP " + status + "): " + message);
        this.code = code;
        this.kind = "rateLimited".equals(code) ? Kind.RATE_LIMITED
                : code != null && code.startsWith("apiKey") ? Kind.KEY_REJECTED : Kind.OTHER;
    }

    /** How to react. */
    public Kind kind() {
        return kind;
    }

    /** NewsAPI's code, such as {@code rateLimited}. */
    public String code() {
        return code;
    }
}
