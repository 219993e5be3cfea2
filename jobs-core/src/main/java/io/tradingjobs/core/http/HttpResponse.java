package io.tradingjobs.core.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import io.tradingjobs.core.internal.http.BodySnippet;
import io.tradingjobs.core.internal.http.HttpJson;
import io.tradingjobs.core.internal.http.Secrets;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A complete response: status, headers and the whole (already decompressed) body in memory.
 * Immutable and thread-safe.
 */
public final class HttpResponse {
    private final String method;
    private final String url;
    private final int status;
    private final Map<String, List<String>> headers;
    private final byte[] body;
    private final List<String> secrets;

    private HttpResponse(String method, String url, int status, Map<String, List<String>> headers, byte[] body,
                         Collection<String> secrets) {
        this.method = method;
        this.url = url;
        this.status = status;
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values));
        copy.replaceAll((name, values) -> List.copyOf(values));
        this.headers = java.util.Collections.unmodifiableMap(copy);
        this.body = body == null ? new byte[0] : body;
        this.secrets = List.copyOf(secrets);
    }

    /**
     * A response, for implementations of {@link Http} and for tests of response parsers.
     * {@code body} is not copied: do not change it afterwards.
     *
     * @param method the request method, such as {@code GET}
     * @param url the final request URL (after redirects)
     * @param status the HTTP status
     * @param headers the response headers; names are matched case-insensitively
     * @param body the decompressed body, or {@code null} for none
     */
    public static HttpResponse of(String method, String url, int status, Map<String, List<String>> headers, byte[] body) {
        return new HttpResponse(method, url, status, headers, body, List.of());
    }

    /**
     * Like {@link #of(String, String, int, Map, byte[])}, with values (such as the request's
     * bearer token) to mask should they appear in an error message built from this response.
     */
    public static HttpResponse of(String method, String url, int status, Map<String, List<String>> headers, byte[] body,
                                  Collection<String> secrets) {
        return new HttpResponse(method, url, status, headers, body, secrets);
    }

    /** The HTTP status, such as 200. */
    public int status() {
        return status;
    }

    /** Whether the status is 2xx. */
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** The request method, such as {@code GET}. */
    public String method() {
        return method;
    }

    /**
     * The final URL (after redirects), unmasked, for resolving relative links. Do not log it when
     * it may carry a secret; {@link HttpException#url()} is the masked form.
     */
    public String url() {
        return url;
    }

    /** The first value of a header (name matched case-insensitively), or empty when absent. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Every value of a header, such as each {@code Set-Cookie}; empty when absent. */
    public List<String> headers(String name) {
        return headers.getOrDefault(name, List.of());
    }

    /**
     * The media type of the body, lower case without parameters ({@code application/json}), or
     * an empty string when the response has no {@code Content-Type}.
     */
    public String contentType() {
        return BodySnippet.mediaType(header("Content-Type").orElse(null));
    }

    /** A copy of the body bytes (decompressed); empty when there is no body. */
    public byte[] body() {
        return body.clone();
    }

    /** The body as a stream over the bytes in memory, without copying (for CSV, zip or HTML parsers). */
    public InputStream bodyStream() {
        return new ByteArrayInputStream(body);
    }

    /** The body length in bytes. */
    public int bodyLength() {
        return body.length;
    }

    /**
     * The body as text, decoded with the {@code charset} of {@code Content-Type} (UTF-8 when
     * absent or unknown), without a leading byte-order mark.
     */
    public String text() {
        String text = new String(body, BodySnippet.charset(header("Content-Type").orElse(null)));
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /**
     * The body parsed as JSON. Decimal numbers are read as {@link java.math.BigDecimal}.
     *
     * @throws HttpException naming the URL, when the body is empty, HTML (an error page), not
     *     JSON, truncated, or followed by other content
     */
    public JsonNode json() throws HttpException {
        checkJsonBody();
        try {
            return HttpJson.READER.readTree(body);
        } catch (IOException e) {
            throw notJson(e);
        }
    }

    /**
     * The body bound to {@code type} by Jackson; unknown properties are ignored.
     *
     * @throws HttpException naming the URL and the type, when the body is not JSON or does not fit
     *     {@code type}
     */
    public <T> T json(Class<T> type) throws HttpException {
        checkJsonBody();
        try {
            return HttpJson.READER.forType(type).readValue(body);
        } catch (IOException e) {
            StreamReadException syntax = syntaxError(e);
            if (syntax != null || !(e instanceof JsonMappingException)) {
                throw notJson(syntax != null ? syntax : e);
            }
            JsonMappingException mapping = (JsonMappingException) e;
            StringBuilder path = new StringBuilder();
            for (JsonMappingException.Reference ref : mapping.getPath()) {
                if (ref.getFieldName() != null) {
                    path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
                } else if (ref.getIndex() >= 0) {
                    path.append('[').append(ref.getIndex()).append(']');
                }
            }
            throw failure("the JSON body does not fit " + type.getSimpleName()
                    + (path.length() == 0 ? "" : " at " + path) + ": " + clean(mapping.getOriginalMessage()), e);
        }
    }

    private static StreamReadException syntaxError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StreamReadException) {
                return (StreamReadException) t;
            }
        }
        return null;
    }

    private String clean(String jacksonMessage) {
        String m = String.valueOf(jacksonMessage)
                .replace("[Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); ", "[");
        return Secrets.scrub(m, secrets);
    }

    private void checkJsonBody() throws HttpException {
        int i = 0;
        while (i < body.length && (Character.isWhitespace(body[i]) || (body[i] & 0xFF) == 0xEF || (body[i] & 0xFF) == 0xBB || (body[i] & 0xFF) == 0xBF)) {
            i++;
        }
        if (i == body.length) {
            throw failure("expected a JSON body but it is empty", null);
        }
        if (body[i] == '<') {
            throw failure("expected JSON but the body is HTML or XML (" + describeType() + "), perhaps an error or login page", null);
        }
    }

    private HttpException notJson(IOException e) {
        String what = e instanceof JsonEOFException ? "the JSON body is truncated" : "the body is not valid JSON";
        String detail = e instanceof JsonProcessingException ? ((JsonProcessingException) e).getOriginalMessage() : e.getMessage();
        String where = e instanceof JsonProcessingException && ((JsonProcessingException) e).getLocation() != null
                ? " at line " + ((JsonProcessingException) e).getLocation().getLineNr() + ", column "
                        + ((JsonProcessingException) e).getLocation().getColumnNr() : "";
        return failure(what + " (" + describeType() + ")" + where + ": " + clean(detail), e);
    }

    private String describeType() {
        String type = contentType();
        return (type.isEmpty() ? "no Content-Type" : type) + ", " + body.length + " bytes";
    }

    private HttpException failure(String problem, Throwable cause) {
        return new HttpException(method, url, status, "HTTP " + status + ", " + problem,
                BodySnippet.of(body, header("Content-Type").orElse(null), secrets), cause);
    }

    /** The method, masked URL, status and body size; never the body or secrets. */
    @Override
    public String toString() {
        return "HttpResponse[" + method + " " + Secrets.maskUrl(url) + " -> " + status + ", " + describeType() + "]";
    }
}
