package io.tradingjobs.core.test;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A real HTTP server on {@code 127.0.0.1} and an ephemeral port that serves scripted replies, for
 * tests of clients of outside services (recorded Upstox, NSE, BSE and BVMT responses). It records
 * every request. Built on the JDK's {@code com.sun.net.httpserver}; requests are handled on a
 * cached pool of daemon threads, so a delayed reply does not hold up the others.
 *
 * <pre>{@code
 * try (LocalHttpServer server = LocalHttpServer.start()) {
 *     server.on("GET", "/v2/market-quote/ltp",
 *             Reply.status(429).header("Retry-After", "1"),
 *             Reply.json("{\"status\":\"success\",\"data\":{}}"));
 *     String url = server.url("/v2/market-quote/ltp");
 *     ... // call the client under test with url
 *     assertThat(server.requests("GET", "/v2/market-quote/ltp")).hasSize(2);
 * }
 * }</pre>
 *
 * A request with no route gets a 404 whose body lists the routes. Thread-safe.
 */
public final class LocalHttpServer implements AutoCloseable {
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, Function<RecordedRequest, Reply>> routes = new ConcurrentHashMap<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Instant startWall = Instant.now();
    private final long startNanos = System.nanoTime();

    private LocalHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newCachedThreadPool(task -> {
            Thread t = new Thread(task, "local-http-server-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a server on 127.0.0.1 and a free port; close it when done. */
    public static LocalHttpServer start() {
        try {
            return new LocalHttpServer();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start a local HTTP server on 127.0.0.1", e);
        }
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String baseUrl() {
        return "http://" + host() + ":" + port();
    }

    /** The absolute URL of {@code pathAndQuery}, which starts with {@code /}. */
    public String url(String pathAndQuery) {
        if (!pathAndQuery.startsWith("/")) {
            throw new IllegalArgumentException("Path '" + pathAndQuery + "' must start with /");
        }
        return baseUrl() + pathAndQuery;
    }

    /** {@code 127.0.0.1}. */
    public String host() {
        return server.getAddress().getAddress().getHostAddress();
    }

    /** The port the server listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * Answers {@code method} requests for {@code path} (exact, without the query) with
     * {@code replies} in order; the last reply repeats for every later request. Replaces an
     * earlier route for the same method and path.
     *
     * @param method {@code GET}, {@code POST}..., or {@code *} for any method
     * @return this server, to add more routes
     */
    public LocalHttpServer on(String method, String path, Reply... replies) {
        if (replies.length == 0) {
            throw new IllegalArgumentException("Give at least one reply for " + method + " " + path);
        }
        List<Reply> script = List.of(replies);
        AtomicInteger next = new AtomicInteger();
        return on(method, path, request -> script.get(Math.min(next.getAndIncrement(), script.size() - 1)));
    }

    /**
     * Answers {@code method} requests for {@code path} with whatever {@code responder} returns for
     * each request, for replies that depend on the request (a 401 unless a cookie is sent, say).
     *
     * @return this server, to add more routes
     */
    public LocalHttpServer on(String method, String path, Function<RecordedRequest, Reply> responder) {
        routes.put(routeKey(method, path), Objects.requireNonNull(responder, "responder"));
        return this;
    }

    /**
     * The server's clock now: the one {@link RecordedRequest#receivedAt()} is read from (monotonic),
     * so a test can tell how long after a moment of its own a request arrived.
     */
    public Instant now() {
        return startWall.plusNanos(System.nanoTime() - startNanos);
    }

    /** Every request received so far, oldest first. */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** The requests received for {@code method} and {@code path}, oldest first. */
    public List<RecordedRequest> requests(String method, String path) {
        return requests.stream().filter(r -> r.method().equalsIgnoreCase(method) && r.path().equals(path)).toList();
    }

    /** How many requests were received for {@code method} and {@code path}. */
    public int requestCount(String method, String path) {
        return requests(method, path).size();
    }

    /** The latest request, if any. */
    public Optional<RecordedRequest> lastRequest() {
        return requests.isEmpty() ? Optional.empty() : Optional.of(requests.get(requests.size() - 1));
    }

    /** Forgets routes and recorded requests. */
    public void reset() {
        routes.clear();
        requests.clear();
    }

    /** Stops the server at once, ending delayed replies. Idempotent. */
    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        Instant receivedAt = now();
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            RecordedRequest request = new RecordedRequest(exchange.getRequestMethod().toUpperCase(Locale.ROOT),
                    exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(),
                    headersOf(exchange.getRequestHeaders()), body, receivedAt);
            requests.add(request);
            Function<RecordedRequest, Reply> route = routes.get(routeKey(request.method(), request.path()));
            if (route == null) {
                route = routes.get(routeKey("*", request.path()));
            }
            Reply reply = route != null ? route.apply(request)
                    : Reply.status(404).body("text/plain; charset=utf-8",
                            "No route for " + request.method() + " " + request.path() + "; routes: " + new TreeMap<>(routes).keySet());
            send(exchange, request, reply);
        }
    }

    private void send(HttpExchange exchange, RecordedRequest request, Reply reply) throws IOException {
        if (!reply.delay.isZero()) {
            try {
                if (closing.await(reply.delay.toNanos(), TimeUnit.NANOSECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (reply.dropConnection) {
            // The JDK server closes the connection, without an answer, when a handler throws.
            throw new IOException("Dropping the connection of " + request.method() + " " + request.path() + " as scripted");
        }
        Headers headers = exchange.getResponseHeaders();
        reply.headers.forEach((name, values) -> headers.put(name, new ArrayList<>(values)));
        if (reply.contentType != null) {
            headers.set("Content-Type", reply.contentType);
        }
        if (reply.encoding != null) {
            headers.set("Content-Encoding", reply.encoding);
        }
        boolean noBody = request.method().equals("HEAD") || reply.status == 204 || reply.status == 304;
        if (reply.stream != null) {
            exchange.sendResponseHeaders(reply.status, noBody ? -1 : 0);
            if (!noBody) {
                try (InputStream in = reply.stream.get(); OutputStream out = encoded(exchange.getResponseBody(), reply.encoding)) {
                    in.transferTo(out);
                }
            }
            return;
        }
        byte[] body = reply.body;
        if (reply.encoding != null) {
            ByteArrayOutputStream zipped = new ByteArrayOutputStream();
            try (OutputStream out = encoded(zipped, reply.encoding)) {
                out.write(body);
            }
            body = zipped.toByteArray();
        }
        exchange.sendResponseHeaders(reply.status, noBody || body.length == 0 ? -1 : body.length);
        if (!noBody && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static OutputStream encoded(OutputStream out, String encoding) throws IOException {
        if (encoding == null) {
            return out;
        }
        return encoding.equals("gzip") ? new GZIPOutputStream(out) : new DeflaterOutputStream(out);
    }

    private static Map<String, List<String>> headersOf(Headers headers) {
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        return Collections.unmodifiableMap(copy);
    }

    private static String routeKey(String method, String path) {
        return method.toUpperCase(Locale.ROOT) + " " + path;
    }

    /**
     * A scripted reply. Immutable: each method returns a changed copy, so a reply can be shared
     * between routes.
     */
    public static final class Reply {
        private final int status;
        private final Map<String, List<String>> headers;
        private final String contentType;
        private final byte[] body;
        private final Supplier<InputStream> stream;
        private final String encoding;
        private final Duration delay;
        private final boolean dropConnection;

        private Reply(int status, Map<String, List<String>> headers, String contentType, byte[] body,
                      Supplier<InputStream> stream, String encoding, Duration delay, boolean dropConnection) {
            this.status = status;
            this.headers = headers;
            this.contentType = contentType;
            this.body = body;
            this.stream = stream;
            this.encoding = encoding;
            this.delay = delay;
            this.dropConnection = dropConnection;
        }

        /** An empty reply with {@code status}. */
        public static Reply status(int status) {
            if (status < 100 || status > 599) {
                throw new IllegalArgumentException("HTTP status " + status + " is out of range 100-599");
            }
            return new Reply(status, Map.of(), null, new byte[0], null, null, Duration.ZERO, false);
        }

        /** An empty 200 reply. */
        public static Reply ok() {
            return status(200);
        }

        /** A 200 reply with a JSON body ({@code application/json; charset=utf-8}). */
        public static Reply json(String json) {
            return ok().body("application/json; charset=utf-8", json);
        }

        /** A 200 reply with an HTML body. */
        public static Reply html(String html) {
            return ok().body("text/html; charset=utf-8", html);
        }

        /** A 200 reply with a plain-text body. */
        public static Reply text(String text) {
            return ok().body("text/plain; charset=utf-8", text);
        }

        /**
         * A 200 reply with the bytes of {@code file} (a recorded response), typed by its
         * extension: {@code .json}, {@code .csv}, {@code .html}, {@code .xml}, {@code .zip},
         * else {@code application/octet-stream}.
         */
        public static Reply file(Path file) {
            try {
                return ok().body(typeOf(file.getFileName().toString()), Files.readAllBytes(file));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the recorded response " + file.toAbsolutePath(), e);
            }
        }

        /** A 200 reply with a classpath resource (a recorded response), typed as by {@link #file(Path)}. */
        public static Reply resource(String name) {
            try (InputStream in = LocalHttpServer.class.getClassLoader().getResourceAsStream(name.startsWith("/") ? name.substring(1) : name)) {
                if (in == null) {
                    throw new IllegalArgumentException("No classpath resource " + name + "; put it under src/test/resources");
                }
                return ok().body(typeOf(name), in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the resource " + name, e);
            }
        }

        /**
         * A 200 reply whose body is streamed, chunked and without {@code Content-Length}, from a
         * fresh stream per request: for large bodies that should not sit in memory.
         */
        public static Reply stream(String contentType, Supplier<InputStream> body) {
            return new Reply(200, Map.of(), contentType, new byte[0], Objects.requireNonNull(body, "body"), null, Duration.ZERO, false);
        }

        /** Closes the connection without any answer (the client sees an I/O error). */
        public static Reply dropConnection() {
            return new Reply(0, Map.of(), null, new byte[0], null, null, Duration.ZERO, true);
        }

        /** This reply with one more header value (repeat to send a header several times). */
        public Reply header(String name, String value) {
            Map<String, List<String>> copy = new LinkedHashMap<>(headers);
            List<String> values = new ArrayList<>(copy.getOrDefault(name, List.of()));
            values.add(value);
            copy.put(name, List.copyOf(values));
            return new Reply(status, Collections.unmodifiableMap(copy), contentType, body, stream, encoding, delay, dropConnection);
        }

        /** This reply setting a cookie: {@code Set-Cookie: name=value; Path=/}. */
        public Reply cookie(String name, String value) {
            return header("Set-Cookie", name + "=" + value + "; Path=/");
        }

        /** This reply with a text body encoded in UTF-8. */
        public Reply body(String contentType, String text) {
            return body(contentType, text.getBytes(StandardCharsets.UTF_8));
        }

        /** This reply with a body. */
        public Reply body(String contentType, byte[] bytes) {
            return new Reply(status, headers, contentType, bytes.clone(), null, encoding, delay, dropConnection);
        }

        /** This reply with its body gzip-compressed and {@code Content-Encoding: gzip}. */
        public Reply gzip() {
            return new Reply(status, headers, contentType, body, stream, "gzip", delay, dropConnection);
        }

        /** This reply with its body zlib-compressed and {@code Content-Encoding: deflate}. */
        public Reply deflate() {
            return new Reply(status, headers, contentType, body, stream, "deflate", delay, dropConnection);
        }

        /** This reply sent only after {@code wait} (ended early when the server closes). */
        public Reply delay(Duration wait) {
            return new Reply(status, headers, contentType, body, stream, encoding, wait, dropConnection);
        }

        private static String typeOf(String name) {
            String n = name.toLowerCase(Locale.ROOT);
            if (n.endsWith(".json")) {
                return "application/json; charset=utf-8";
            } else if (n.endsWith(".csv")) {
                return "text/csv; charset=utf-8";
            } else if (n.endsWith(".html") || n.endsWith(".htm")) {
                return "text/html; charset=utf-8";
            } else if (n.endsWith(".xml")) {
                return "application/xml; charset=utf-8";
            } else if (n.endsWith(".txt")) {
                return "text/plain; charset=utf-8";
            } else if (n.endsWith(".zip")) {
                return "application/zip";
            }
            return "application/octet-stream";
        }

        @Override
        public String toString() {
            return dropConnection ? "Reply[drop connection]"
                    : "Reply[" + status + ", " + contentType + ", " + (stream != null ? "streamed" : body.length + " bytes")
                    + (encoding == null ? "" : ", " + encoding) + (delay.isZero() ? "" : ", after " + delay) + ", headers " + headers + "]";
        }
    }

    /**
     * A request as the server received it.
     *
     * @param method the method, upper case
     * @param path the raw path, such as {@code /v2/market-quote/ltp}
     * @param rawQuery the raw (still encoded) query, or {@code null}
     * @param headers the headers, names matched case-insensitively
     * @param body the body bytes, empty when none
     * @param receivedAt when it arrived (monotonic: differences are exact)
     */
    public record RecordedRequest(String method, String path, String rawQuery, Map<String, List<String>> headers,
                                  byte[] body, Instant receivedAt) {

        /** The first decoded value of query parameter {@code name}. */
        public Optional<String> query(String name) {
            List<String> values = queryParams().get(name);
            return values == null ? Optional.empty() : Optional.of(values.get(0));
        }

        /** The decoded query parameters, in order. */
        public Map<String, List<String>> queryParams() {
            Map<String, List<String>> params = new LinkedHashMap<>();
            if (rawQuery != null && !rawQuery.isEmpty()) {
                for (String pair : rawQuery.split("&")) {
                    int eq = pair.indexOf('=');
                    String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                    String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                    params.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
                }
            }
            return params;
        }

        /** The first value of header {@code name} (case-insensitive). */
        public Optional<String> header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }

        /** The value of cookie {@code name} sent in the {@code Cookie} header. */
        public Optional<String> cookie(String name) {
            for (String header : headers.getOrDefault("Cookie", List.of())) {
                for (String pair : header.split(";")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0 && pair.substring(0, eq).trim().equals(name)) {
                        return Optional.of(pair.substring(eq + 1).trim());
                    }
                }
            }
            return Optional.empty();
        }

        /** The body decoded as UTF-8. */
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        private static String decode(String s) {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return method + " " + path + (rawQuery == null ? "" : "?" + rawQuery) + " (" + body.length + " bytes at " + receivedAt + ")";
        }
    }
}
