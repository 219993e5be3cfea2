package io.tradingjobs.core.config;

/**
 * A configuration value that is missing or malformed. The message names the key, the value
 * (masked when the key is a secret) and the expected form.
 */
public class ConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String key;

    /**
     * @param key the configuration key
     * @param value the offending value, or {@code null} when missing
     * @param problem what is wrong and how to fix it, e.g. {@code "is not a duration; write 30s"}
     */
    public ConfigException(String key, String value, String problem) {
        super(key + (value == null ? "" : "=" + Config.printable(key, value)) + " " + problem);
        this.key = key;
    }

    /** The configuration key at fault. */
    public String key() {
        return key;
    }
}
