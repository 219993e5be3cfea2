package io.tradingjobs.core.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.tradingjobs.core.http.Http;
import io.tradingjobs.core.http.HttpException;
import io.tradingjobs.core.http.HttpResponse;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** A request being built on {@link ApacheHttp}. Not thread-safe. */
final class ApacheRequest implements Http.Request {
    private static final String AUTHORIZATION = "Authorization";

    private final ApacheHttp http;
    private final String method;
    private final String baseUrl;
    private final String host;
    private final List<String[]> query = new ArrayList<>();
    private final Map<String, String[]> headers = new LinkedHashMap<>();
    private final List<String> secrets = new ArrayList<>();
    private byte[] body;
    private String contentType;
    private ContentType parsedContentType;
    private Duration timeout;
    private int maxAttempts;
    private Boolean idempotent;

    ApacheRequest(ApacheHttp http, String method, String url) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(url, "url");
        this.http = http;
        this.method = method.trim().toUpperCase(Locale.ROOT);
        if (!this.method.matches("[A-Z]+")) {
            throw new IllegalArgumentException("HTTP method '" + method + "' is not valid; use GET, POST, PUT, DELETE...");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("URL " + Secrets.maskUrl(url) + " is not valid at index " + e.getIndex()
                    + " (" + e.getReason() + "); pass query values through query(name, value), which encodes them");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException("URL " + Secrets.maskUrl(url)
                    + " is not an absolute http(s) URL; write it like https://api.upstox.com/v2/market-quote/ltp");
        }
        this.baseUrl = url.trim();
        this.host = uri.getHost().toLowerCase(Locale.ROOT);
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && Secrets.isSecretName(pair.substring(0, eq))) {
                    secrets.add(pair.substring(eq + 1));
                }
            }
        }
    }

    @Override
    public Http.Request query(String name, String value) {
        Objects.requireNonNull(name, "query parameter name");
        Objects.requireNonNull(value, () -> "value of query parameter " + name);
        query.add(new String[] {name, value});
        if (Secrets.isSecretName(name)) {
            secrets.add(value);
            secrets.add(encode(value));
        }
        return this;
    }

    @Override
    public Http.Request header(String name, String value) {
        Objects.requireNonNull(name, "header name");
        Objects.requireNonNull(value, () -> "value of header " + name);
        headers.put(name.toLowerCase(Locale.ROOT), new String[] {name, value});
        if (Secrets.isSecretName(name) || name.equalsIgnoreCase("cookie")) {
            secrets.add(value);
        }
        return this;
    }

    @Override
    public Http.Request bearerToken(String token) {
        Objects.requireNonNull(token, "bearer token");
        secrets.add(token);
        return header(AUTHORIZATION, "Bearer " + token);
    }

    @Override
    public Http.Request body(String contentType, byte[] body) {
        Objects.requireNonNull(contentType, "content type");
        try {
            this.parsedContentType = ContentType.parse(contentType);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Content type '" + contentType + "' is not valid; write e.g. application/json", e);
        }
        this.contentType = contentType;
        this.body = Objects.requireNonNull(body, "body").clone();
        return this;
    }

    @Override
    public Http.Request json(Object value) {
        try {
            return body("application/json; charset=UTF-8", HttpJson.WRITER.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            // The message names the type only: the value may hold secrets.
            throw new IllegalArgumentException("Cannot write a " + (value == null ? "null" : value.getClass().getName())
                    + " as JSON for " + method + " " + Secrets.maskUrl(baseUrl) + ": " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public Http.Request form(Map<String, String> fields) {
        StringBuilder sb = new StringBuilder();
        fields.forEach((name, value) -> {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            if (Secrets.isSecretName(name)) {
                secrets.add(value);
            }
        });
        return body("application/x-www-form-urlencoded", sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Http.Request timeout(Duration responseTimeout) {
        if (responseTimeout == null || responseTimeout.isZero() || responseTimeout.isNegative()) {
            throw new IllegalArgumentException("Response timeout " + responseTimeout + " is not positive; use e.g. Duration.ofSeconds(30)");
        }
        this.timeout = responseTimeout;
        return this;
    }

    @Override
    public Http.Request retries(int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts " + maxAttempts + " is below 1; use 1 for no retry");
        }
        this.maxAttempts = maxAttempts;
        return this;
    }

    @Override
    public Http.Request idempotent(boolean idempotent) {
        this.idempotent = idempotent;
        return this;
    }

    @Override
    public HttpResponse send() throws HttpException {
        return http.send(this, false);
    }

    @Override
    public HttpResponse sendAllowingErrors() throws HttpException {
        return http.send(this, true);
    }

    String method() {
        return method;
    }

    String host() {
        return host;
    }

    int maxAttempts() {
        return maxAttempts;
    }

    /** Whether repeating the request is harmless: as declared, else by method. */
    boolean isIdempotent() {
        if (idempotent != null) {
            return idempotent;
        }
        return switch (method) {
            case "GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE" -> true;
            default -> false;
        };
    }

    List<String> secrets() {
        return secrets;
    }

    /** The URL with the query parameters appended, unmasked. */
    String url() {
        if (query.isEmpty()) {
            return baseUrl;
        }
        StringBuilder sb = new StringBuilder();
        int hash = baseUrl.indexOf('#');
        String base = hash < 0 ? baseUrl : baseUrl.substring(0, hash);
        sb.append(base);
        char sep = base.indexOf('?') < 0 ? '?' : (base.endsWith("?") || base.endsWith("&") ? 0 : '&');
        for (String[] pair : query) {
            if (sep != 0) {
                sb.append(sep);
            }
            sb.append(encode(pair[0])).append('=').append(encode(pair[1]));
            sep = '&';
        }
        return sb.toString();
    }

    HttpUriRequestBase toApache(String url, RequestConfig defaults) {
        HttpUriRequestBase request = new HttpUriRequestBase(method, URI.create(url));
        for (String[] header : headers.values()) {
            request.setHeader(header[0], header[1]);
        }
        if (!request.containsHeader("Accept")) {
            request.setHeader("Accept", "*/*");
        }
        if (body != null) {
            request.setEntity(new ByteArrayEntity(body, parsedContentType));
        }
        if (timeout != null) {
            request.setConfig(RequestConfig.copy(defaults).setResponseTimeout(Timeout.ofMilliseconds(Math.max(1, timeout.toMillis()))).build());
        }
        return request;
    }

    /**
     * Percent-encodes for a query (RFC 3986): unreserved characters and {@code , : /} stay,
     * everything else, space included, becomes {@code %XX} of its UTF-8 bytes.
     */
    static String encode(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == ',' || c == ':' || c == '/') {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return sb.toString();
    }

    /** Method and masked URL, and which headers and body are set; never a secret. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Request[").append(method).append(' ').append(Secrets.maskUrl(url()));
        for (String[] header : headers.values()) {
            boolean secret = Secrets.isSecretName(header[0]) || header[0].equalsIgnoreCase("cookie");
            sb.append(", ").append(header[0]).append(": ").append(secret ? Secrets.MASK : header[1]);
        }
        if (body != null) {
            sb.append(", body ").append(body.length).append(" bytes of ").append(contentType);
        }
        return sb.append(']').toString();
    }
}
