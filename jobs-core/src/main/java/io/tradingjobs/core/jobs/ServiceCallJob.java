package io.tradingjobs.core.jobs;

import io.tradingjobs.core.config.Config;
import io.tradingjobs.core.http.Http;
import io.tradingjobs.core.http.HttpException;
import io.tradingjobs.core.http.HttpResponse;
import io.tradingjobs.core.spi.Job;
import io.tradingjobs.core.spi.JobContext;
import io.tradingjobs.core.spi.NonRetryableException;
import jakarta.inject.Inject;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The BVMT seed's "endpoint triggered" job kind: POSTs to a configured service URL plus a path
 * (e.g. {@code STOCK_SERVICE_URL} + {@code /api/stocks/refresh}) and records the outcome as the
 * run's summary ({@code POST <url> -> 200 in 35 ms}). A non-2xx answer fails the run with the URL
 * and status (429 and 5xx are retried by the HTTP layer first; 4xx other than 429 is not retried).
 *
 * <p>Register an instance, or subclass it for a provider that lists classes:
 * <pre>{@code
 * builder.job(JobDefinition.builder("bvmt.stocks-refresh").schedule("every 15 minutes during BVMT market hours").build(),
 *             ServiceCallJob.post("services.stock.url", "/api/stocks/refresh"));
 * }</pre>
 * A job-scoped setting {@code jobs.<id>.body} (JSON) becomes the request body; without it the
 * body is {@code {}}.
 */
public class ServiceCallJob implements Job {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceCallJob.class);
    private final String urlSetting;
    private final String path;
    private Http http;
    private Config config;

    /**
     * @param urlSetting the setting holding the service's base URL, e.g. {@code services.stock.url}
     * @param path the path to POST to, e.g. {@code /api/stocks/refresh}
     */
    protected ServiceCallJob(String urlSetting, String path) {
        this.urlSetting = Objects.requireNonNull(urlSetting, "urlSetting");
        this.path = Objects.requireNonNull(path, "path");
    }

    /** A job posting to {@code path} under the base URL held by setting {@code urlSetting}. */
    public static ServiceCallJob post(String urlSetting, String path) {
        return new ServiceCallJob(urlSetting, path);
    }

    /** Receives the core's services; called by the scheduler's injector. */
    @Inject
    public void setServices(Http httpLayer, Config configuration) {
        this.http = httpLayer;
        this.config = configuration;
    }

    @Override
    public void run(JobContext context) throws Exception {
        String url = url(config, urlSetting, path);
        String body = context.settings().string("body", "{}");
        context.summary(send(url, http.post(url).body("application/json", body.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    }

    /**
     * The same call from inside another job's run, for a job that also triggers a service (the
     * BVMT seed's market pulse, anomaly scan and sentiment scan): POSTs {@code json} to the base URL
     * held by {@code urlSetting} plus {@code path}.
     *
     * @return the outcome in the words of a run summary: {@code POST <url> -> 200 in 35 ms: <body>}
     * @throws NonRetryableException when {@code urlSetting} is not set or blank
     * @throws HttpException naming the URL and status on a non-2xx answer, a time-out or an I/O failure
     */
    public static String post(Http http, Config config, String urlSetting, String path, Object json)
            throws HttpException, NonRetryableException {
        String url = url(config, urlSetting, path);
        return send(url, http.post(url).json(json));
    }

    /**
     * {@link #post(Http, Config, String, String, Object)} as a side step of a run whose own work is
     * already stored (the anomaly scan's batch, the news job's scrape request): a failure, an unset
     * URL included, is logged and returned as a note for the run's summary instead of failing the run.
     *
     * @param what what the call does, for the note: {@code "posting 12 anomalies"}
     * @return {@code what} and the outcome: {@code "posting 12 anomalies: POST <url> -> 200 in 35 ms"}
     *     or {@code "posting 12 anomalies failed: <why>"}
     * @throws HttpException when the run was cancelled (timed out, shutting down) during the call:
     *     the run ends as cancelled, not as a success with a note
     */
    public static String postAsSideStep(JobContext run, Http http, String urlSetting, String path, Object json, String what)
            throws HttpException {
        try {
            return what + ": " + post(http, run.config(), urlSetting, path, json);
        } catch (HttpException | NonRetryableException e) {
            if (e instanceof HttpException cancelled && run.isCancelled()) {
                throw cancelled;
            }
            LOG.warn("{} failed: {}", what, e.getMessage());
            return what + " failed: " + e.getMessage();
        }
    }

    private static String url(Config config, String urlSetting, String path) throws NonRetryableException {
        String base = config.get(urlSetting).filter(v -> !v.isBlank()).orElseThrow(() -> new NonRetryableException(
                "setting " + urlSetting + " (the service's base URL) is not set; set it, e.g. " + urlSetting + "=http://localhost:8001"));
        return base.replaceAll("/+$", "") + (path.startsWith("/") ? path : "/" + path);
    }

    private static String send(String url, Http.Request request) throws HttpException {
        long t0 = System.nanoTime();
        HttpResponse response = request.send();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        String text = response.text();
        String snippet = text.length() > 200 ? text.substring(0, 200) + "…" : text;
        return "POST " + url + " -> " + response.status() + " in " + ms + " ms"
                + (snippet.isBlank() ? "" : ": " + snippet.strip());
    }
}
