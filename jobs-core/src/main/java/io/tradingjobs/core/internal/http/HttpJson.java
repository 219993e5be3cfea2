package io.tradingjobs.core.internal.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The Jackson mapper of the HTTP layer: ignores unknown properties (outside services add fields),
 * reads decimals as {@link java.math.BigDecimal} (prices stay exact), rejects trailing content,
 * and writes java.time values as ISO-8601 text. Internal: public only for
 * {@code io.tradingjobs.core.http}.
 */
public final class HttpJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    /** Reads JSON (immutable, thread-safe). */
    public static final ObjectReader READER = MAPPER.reader();

    /** Writes JSON (immutable, thread-safe). */
    public static final ObjectWriter WRITER = MAPPER.writer();

    private HttpJson() {
    }
}
