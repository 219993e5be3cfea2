package io.tradingjobs.core.internal.ops;

import static io.tradingjobs.core.internal.db.generated.Tables.JOB_RUNS;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tradingjobs.core.JobRun;
import io.tradingjobs.core.JobStatus;
import io.tradingjobs.core.RunStatus;
import io.tradingjobs.core.RunTrigger;
import io.tradingjobs.core.UnknownJobException;
import io.tradingjobs.core.internal.notify.Scrubber;
import io.tradingjobs.core.internal.run.SchedulerCore;
import io.tradingjobs.core.ops.ReportsEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The management server: the BVMT seed's job API, the dashboard, {@code /health} and
 * {@code /metrics}, on the JDK's HTTP server (no extra dependency).
 *
 * <p>Access: bound to a loopback address, reads are open and, when {@code jobs.http.token} is set,
 * every {@code POST} needs it; bound beyond loopback, every request needs it ({@code /health}
 * too, unless {@code jobs.http.health.public=true}). The token is sent as
 * {@code Authorization: Bearer <token>}, or as the password of HTTP Basic, which lets a browser
 * open the dashboard through its own login prompt. On loopback the {@code Host} header must name
 * a loopback host (no DNS rebinding), and a {@code POST} from another site's page is refused.
 * Every answer has the configured secrets masked.
 */
public final class ManagementServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ManagementServer.class);
    private static final String JSON_TYPE = "application/json; charset=utf-8";
    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 1000;
    private static final int MAX_BODY = 1 << 20;
    private static final String REALM = "trading-jobs";
    private static final List<String> ASSETS = List.of("index.html", "app.js", "app.css", "favicon.svg");
    private static final String ASSET_DIR = "io/tradingjobs/core/dashboard/";
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final OpsSettings.Server settings;
    private final SchedulerCore core;
    private final DSLContext dsl;
    private final Supplier<Optional<ReportsEndpoint>> reports;
    private final JobMetrics metrics;
    private final Scrubber scrubber;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final Map<String, byte[]> assets = new HashMap<>();
    private HttpServer server;
    private ExecutorService executor;

    /** An answer. */
    private record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {
        static Reply json(ObjectMapper json, Scrubber scrubber, int status, Object value) {
            try {
                String text = scrubber.scrub(json.writeValueAsString(value));
                return new Reply(status, JSON_TYPE, text.getBytes(StandardCharsets.UTF_8), new LinkedHashMap<>());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write the answer as JSON: " + e.getOriginalMessage(), e);
            }
        }

        Reply header(String name, String value) {
            headers.put(name, value);
            return this;
        }
    }

    /** An error to answer with its status. */
    private static final class HttpError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;
        final String error;
        final transient Map<String, String> headers = new LinkedHashMap<>();

        HttpError(int status, String error, String message) {
            super(message);
            this.status = status;
            this.error = error;
        }

        HttpError header(String name, String value) {
            headers.put(name, value);
            return this;
        }
    }

    public ManagementServer(OpsSettings.Server settings, SchedulerCore core, DSLContext dsl, Supplier<Optional<ReportsEndpoint>> reports,
                            JobMetrics metrics, Scrubber scrubber) {
        this.settings = settings;
        this.core = core;
        this.dsl = dsl;
        this.reports = reports;
        this.metrics = metrics;
        this.scrubber = scrubber;
    }

    /**
     * Listens on {@code jobs.http.bind}:{@code jobs.http.port}.
     *
     * @throws IllegalStateException when the port is taken or the address is not this machine's
     */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        for (String name : ASSETS) {
            try (InputStream in = ManagementServer.class.getClassLoader().getResourceAsStream(ASSET_DIR + name)) {
                if (in == null) {
                    throw new IllegalStateException("the dashboard file " + ASSET_DIR + name + " is missing from the jar");
                }
                assets.put(name, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        String where = settings.bind() + ":" + settings.port();
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(settings.bindAddress(), settings.port()), 50);
            executor = Executors.newFixedThreadPool(settings.threads(), r -> {
                Thread t = new Thread(r, "tradingjobs-http-" + THREADS.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            s.setExecutor(executor);
            s.createContext("/", this::handle);
            s.start();
            server = s;
        } catch (BindException e) {
            throw new IllegalStateException("the management server cannot listen on " + where + ": " + e.getMessage()
                    + "; set jobs.http.port to a free port (0 picks one), or stop what uses it", e);
        } catch (IOException e) {
            throw new IllegalStateException("the management server cannot listen on " + where + ": " + e.getMessage(), e);
        }
        LOG.info("management server on http://{}:{}/ ({}{})", hostForUrl(), port(),
                settings.loopback() ? "this machine only" : "reachable from other machines; token required",
                settings.token() != null && settings.loopback() ? "; token required for POST" : "");
    }

    private String hostForUrl() {
        String h = server.getAddress().getAddress().getHostAddress();
        return h.contains(":") ? "[" + h + "]" : h;
    }

    /** The port listened on; -1 when not started. */
    public synchronized int port() {
        return server == null ? -1 : server.getAddress().getPort();
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server = null;
        }
    }

    // ---- request handling -------------------------------------------------------------------

    private void handle(HttpExchange ex) {
        long t0 = System.nanoTime();
        String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
        String path = ex.getRequestURI().getRawPath();
        Reply reply;
        try {
            reply = route(ex, method.equals("HEAD") ? "GET" : method, path);
        } catch (HttpError e) {
            reply = Reply.json(json, scrubber, e.status, Views.error(e.status, e.error, e.getMessage()));
            reply.headers().putAll(e.headers);
        } catch (UnknownJobException e) {
            reply = Reply.json(json, scrubber, 404, Views.error(404, "not found", e.getMessage()));
        } catch (RuntimeException e) {
            LOG.warn("management API {} {} failed: {}", method, path, scrubber.scrub(String.valueOf(e)));
            reply = Reply.json(json, scrubber, 500, Views.error(500, "internal error", e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage())));
        }
        send(ex, method, reply);
        LOG.debug("{} {} {} in {} ms", method, path, reply.status(), (System.nanoTime() - t0) / 1_000_000);
    }

    private void send(HttpExchange ex, String method, Reply reply) {
        try (ex) {
            var h = ex.getResponseHeaders();
            h.set("Content-Type", reply.contentType());
            h.set("Cache-Control", "no-store");
            h.set("X-Content-Type-Options", "nosniff");
            h.set("Referrer-Policy", "no-referrer");
            h.set("X-Frame-Options", "DENY");
            reply.headers().forEach(h::set);
            boolean noBody = method.equals("HEAD") || reply.body().length == 0;
            ex.sendResponseHeaders(reply.status(), noBody ? -1 : reply.body().length);
            if (!noBody) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(reply.body());
                }
            }
        } catch (IOException e) {
            LOG.debug("could not answer {} {}: {}", method, ex.getRequestURI().getRawPath(), e.getMessage());
        }
    }

    private Reply route(HttpExchange ex, String method, String path) {
        checkHost(ex);
        List<String> seg = segments(path);
        boolean isStatic = seg.isEmpty() || seg.get(0).equals("static");
        boolean isHealth = seg.size() == 1 && seg.get(0).equals("health");
        checkAccess(ex, method, isStatic, isHealth);

        if (seg.isEmpty()) {
            allow(method, "GET");
            return asset("index.html");
        }
        switch (seg.get(0)) {
            case "static":
                allow(method, "GET");
                if (seg.size() != 2 || !ASSETS.contains(seg.get(1))) {
                    throw notFound("no dashboard file " + path);
                }
                return asset(seg.get(1));
            case "health":
                allow(method, "GET");
                return health(seg);
            case "metrics":
                allow(method, "GET");
                if (seg.size() != 1) {
                    throw notFound("no resource " + path);
                }
                return metrics.scrape()
                        .map(text -> new Reply(200, "text/plain; version=0.0.4; charset=utf-8",
                                text.getBytes(StandardCharsets.UTF_8), new LinkedHashMap<>()))
                        .orElseThrow(() -> notFound(JobMetrics.MISSING));
            case "api":
                if (seg.size() >= 2 && seg.get(1).equals("jobs")) {
                    return jobsApi(ex, method, seg.subList(2, seg.size()));
                }
                if (seg.size() >= 2 && seg.get(1).equals("reports")) {
                    return reportsApi(ex, method, seg.subList(2, seg.size()));
                }
                throw notFound("no API " + path + "; see /api/jobs and /api/reports");
            default:
                throw notFound("no resource " + path + "; the dashboard is at /, the API under /api/jobs");
        }
    }

    private Reply jobsApi(HttpExchange ex, String method, List<String> rest) {
        if (rest.isEmpty()) {
            allow(method, "GET");
            Map<String, JobRun> running = runningByJob();
            List<Map<String, Object>> jobs = new ArrayList<>();
            for (JobStatus s : core.statuses()) {
                jobs.add(Views.job(s, running.get(s.id())));
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("jobs", jobs);
            body.put("node", core.nodeId());
            body.put("time", Views.time(Instant.now()));
            return ok(body);
        }
        if (rest.get(0).equals("history")) {
            if (rest.size() == 1) {
                allow(method, "GET");
                return runs(core.history(null, limit(ex)));
            }
            if (rest.size() == 2 && rest.get(1).equals("failed")) {
                allow(method, "GET");
                return runs(core.failures(limit(ex)));
            }
            throw notFound("no resource /api/jobs/" + String.join("/", rest) + "; use /api/jobs/history or /api/jobs/history/failed");
        }
        String id = rest.get(0);
        if (rest.size() == 1) {
            allow(method, "GET");
            JobStatus s = core.status(id).orElseThrow(() -> new UnknownJobException(id, jobIds()));
            Map<String, Object> body = Views.job(s, runningByJob().get(id));
            body.put("recent_runs", core.history(id, 10).stream().map(Views::run).toList());
            return ok(body);
        }
        if (rest.size() == 2) {
            switch (rest.get(1)) {
                case "history":
                    allow(method, "GET");
                    return runs(core.history(id, limit(ex)));
                case "run": {
                    allow(method, "POST");
                    String runId = runNow(id);
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("job_id", id);
                    body.put("run_id", runId);
                    body.put("status", "started");
                    body.put("message", "run " + runId + " of " + id + " started; see /api/jobs/" + id + "/history");
                    return Reply.json(json, scrubber, 202, body);
                }
                case "pause":
                    allow(method, "POST");
                    control(() -> core.pause(id));
                    return ok(Views.job(core.status(id).orElseThrow(), runningByJob().get(id)));
                case "resume":
                    allow(method, "POST");
                    control(() -> core.resume(id));
                    return ok(Views.job(core.status(id).orElseThrow(), runningByJob().get(id)));
                default:
                    break;
            }
        }
        throw notFound("no resource /api/jobs/" + String.join("/", rest)
                + "; per job there are /api/jobs/{id}, /history, /run, /pause and /resume");
    }

    private interface Control {
        void run() throws Exception;
    }

    /** Runs a control call; a refusal in the job's state (already running, disabled) is a 409. */
    private static void control(Control c) {
        try {
            c.run();
        } catch (IllegalStateException e) { // JobAlreadyRunningException, a disabled job
            throw new HttpError(409, "conflict", e.getMessage());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private String runNow(String id) {
        String[] runId = new String[1];
        control(() -> runId[0] = core.runNow(id));
        return runId[0];
    }

    private Reply reportsApi(HttpExchange ex, String method, List<String> rest) {
        ReportsEndpoint endpoint = reports.get().orElseThrow(() -> new HttpError(404, "reports module not installed",
                "add io.tradingjobs:jobs-reports"));
        if (rest.isEmpty()) {
            allow(method, "GET");
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("reports", endpoint.list(limit(ex)));
            return ok(body);
        }
        if (rest.size() == 1 && rest.get(0).equals("generate")) {
            allow(method, "POST");
            Map<String, Object> request = readJsonObject(ex);
            try {
                return Reply.json(json, scrubber, 202, endpoint.generate(request));
            } catch (IllegalArgumentException e) {
                throw new HttpError(400, "bad request", e.getMessage());
            }
        }
        if (rest.size() == 1) {
            allow(method, "GET");
            String id = rest.get(0);
            ReportsEndpoint.ReportFile file = endpoint.get(id).orElseThrow(() -> notFound("no report '" + id + "'"));
            String name = file.fileName().replaceAll("[^A-Za-z0-9._-]", "_");
            return new Reply(200, file.contentType(), file.content(), new LinkedHashMap<>())
                    .header("Content-Disposition", "attachment; filename=\"" + name + "\"");
        }
        throw notFound("no resource /api/reports/" + String.join("/", rest));
    }

    private Map<String, Object> readJsonObject(HttpExchange ex) {
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readNBytes(MAX_BODY + 1);
        } catch (IOException e) {
            throw new HttpError(400, "bad request", "could not read the request body: " + e.getMessage());
        }
        if (body.length > MAX_BODY) {
            throw new HttpError(413, "payload too large", "the request body is over " + MAX_BODY + " bytes");
        }
        if (body.length == 0) {
            return Map.of();
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = json.readValue(body, Map.class);
            return m == null ? Map.of() : m;
        } catch (IOException e) {
            throw new HttpError(400, "bad request", "the request body is not a JSON object");
        }
    }

    private Reply health(List<String> seg) {
        if (seg.size() != 1) {
            throw notFound("no resource /" + String.join("/", seg));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        boolean up;
        try {
            dsl.selectOne().fetch();
            up = true;
        } catch (RuntimeException e) {
            up = false;
        }
        body.put("status", up ? "UP" : "DOWN");
        body.put("database", up ? "UP" : "DOWN");
        return Reply.json(json, scrubber, up ? 200 : 503, body);
    }

    private Reply runs(List<JobRun> runs) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("runs", runs.stream().map(Views::run).toList());
        body.put("count", runs.size());
        return ok(body);
    }

    private Reply ok(Object body) {
        return Reply.json(json, scrubber, 200, body);
    }

    private Reply asset(String name) {
        String type = name.endsWith(".html") ? "text/html; charset=utf-8"
                : name.endsWith(".js") ? "text/javascript; charset=utf-8"
                : name.endsWith(".css") ? "text/css; charset=utf-8" : "image/svg+xml";
        return new Reply(200, type, assets.get(name), new LinkedHashMap<>())
                .header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                        + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    }

    private Map<String, JobRun> runningByJob() {
        Map<String, JobRun> out = new HashMap<>();
        for (var r : dsl.selectFrom(JOB_RUNS).where(JOB_RUNS.STATUS.eq(RunStatus.RUNNING.name()))
                .orderBy(JOB_RUNS.STARTED_AT.desc()).limit(500).fetch()) {
            out.putIfAbsent(r.getJobId(), new JobRun(r.getRunId(), r.getJobId(), instant(r.getScheduledAt()), instant(r.getStartedAt()),
                    null, RunStatus.RUNNING, r.getAttempt(), null, r.getNodeId(), RunTrigger.valueOf(r.getTriggerKind()), r.getMessage(),
                    null, r.getProgressDone(), r.getProgressTotal()));
        }
        return out;
    }

    private static Instant instant(Long ms) {
        return ms == null ? null : Instant.ofEpochMilli(ms);
    }

    private List<String> jobIds() {
        return core.jobs().stream().map(j -> j.id()).sorted().toList();
    }

    // ---- checks -------------------------------------------------------------------------------

    private void checkHost(HttpExchange ex) {
        if (!settings.loopback()) {
            return;
        }
        String host = ex.getRequestHeaders().getFirst("Host");
        if (host == null) {
            return; // HTTP/1.0 client on this machine
        }
        String name = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1)
                : host.contains(":") ? host.substring(0, host.lastIndexOf(':')) : host;
        name = name.toLowerCase(Locale.ROOT);
        if (!(name.equals("localhost") || name.equals("[::1]") || name.matches("127(\\.\\d{1,3}){3}"))) {
            throw new HttpError(403, "forbidden", "this server listens on " + settings.bind()
                    + " and answers only requests addressed to this machine (Host: localhost or 127.0.0.1)");
        }
    }

    private void checkAccess(HttpExchange ex, String method, boolean isStatic, boolean isHealth) {
        boolean post = !method.equals("GET");
        if (post) {
            String origin = ex.getRequestHeaders().getFirst("Origin");
            String host = ex.getRequestHeaders().getFirst("Host");
            String site = ex.getRequestHeaders().getFirst("Sec-Fetch-Site");
            boolean foreign = "cross-site".equalsIgnoreCase(site);
            if (origin != null && host != null) {
                try {
                    URI o = URI.create(origin);
                    String authority = o.getPort() < 0 ? o.getHost() : o.getHost() + ":" + o.getPort();
                    foreign |= o.getHost() == null || !authority.equalsIgnoreCase(host);
                } catch (IllegalArgumentException e) {
                    foreign = true;
                }
            }
            if (foreign) {
                throw new HttpError(403, "forbidden", "cross-site requests may not change jobs; use the dashboard or an API client");
            }
        }
        boolean needed = settings.loopback() ? settings.token() != null && post : !(isHealth && settings.healthPublic());
        if (!needed || authorized(ex)) {
            return;
        }
        boolean sent = ex.getRequestHeaders().getFirst("Authorization") != null;
        LOG.debug("refused {} {} from {}: {}", method, ex.getRequestURI().getRawPath(), ex.getRemoteAddress().getAddress().getHostAddress(),
                sent ? "wrong token" : "no token");
        // Pages get the Basic challenge so a browser shows its login prompt (the token is the password).
        String challenge = isStatic ? "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"" : "Bearer realm=\"" + REALM + "\"";
        throw new HttpError(401, "unauthorized", sent ? "the token is not valid" : "this request needs the token: send Authorization: Bearer <jobs.http.token>")
                .header("WWW-Authenticate", challenge);
    }

    private boolean authorized(HttpExchange ex) {
        String token = settings.token();
        String header = ex.getRequestHeaders().getFirst("Authorization");
        if (token == null || header == null) {
            return false;
        }
        String given = null;
        if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            given = header.substring(7).trim();
        } else if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String pair = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
                given = pair.substring(pair.indexOf(':') + 1);
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }

    private static void allow(String method, String allowed) {
        if (!method.equals(allowed)) {
            throw new HttpError(405, "method not allowed", method + " is not allowed here; use " + allowed)
                    .header("Allow", allowed.equals("GET") ? "GET, HEAD" : allowed);
        }
    }

    private static int limit(HttpExchange ex) {
        String raw = query(ex).get("limit");
        if (raw == null || raw.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(raw.trim());
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new HttpError(400, "bad request", "limit=" + raw + " is not valid; use a whole number from 1 to " + MAX_LIMIT
                + " (default " + DEFAULT_LIMIT + ")");
    }

    private static Map<String, String> query(HttpExchange ex) {
        Map<String, String> out = new HashMap<>();
        String q = ex.getRequestURI().getRawQuery();
        if (q != null) {
            for (String pair : q.split("&")) {
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.putIfAbsent(k, v);
            }
        }
        return out;
    }

    private static List<String> segments(String rawPath) {
        List<String> out = new ArrayList<>();
        for (String s : rawPath.split("/")) {
            if (!s.isEmpty()) {
                out.add(URLDecoder.decode(s, StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static HttpError notFound(String message) {
        return new HttpError(404, "not found", message);
    }
}
