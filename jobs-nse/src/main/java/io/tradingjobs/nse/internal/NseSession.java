package io.tradingjobs.nse.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingjobs.core.http.Http;
import io.tradingjobs.core.http.HttpException;
import io.tradingjobs.core.http.HttpResponse;
import java.net.URI;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads NSE's JSON API, which answers 401 or 403 to a client without the cookies its home page
 * sets: the session is primed on {@code nse.base-url} before the first call and primed again, once,
 * when an answer says it has expired. A second refusal after a fresh session fails with the URL.
 */
public final class NseSession {
    private static final Logger LOG = LoggerFactory.getLogger(NseSession.class);

    private final Http http;
    private final String baseUrl;
    private final String host;

    /**
     * @param http the shared HTTP layer (its cookie store keeps the session)
     * @param baseUrl {@code nse.base-url}, without a trailing slash
     */
    public NseSession(Http http, String baseUrl) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.host = URI.create(baseUrl).getHost();
    }

    /** {@code nse.base-url}. */
    public String baseUrl() {
        return baseUrl;
    }

    /**
     * GETs {@code path} with {@code query} and returns its JSON.
     *
     * @throws HttpException when NSE refuses the session twice, answers another error, or sends
     *     something that is not JSON (all naming the URL)
     */
    public JsonNode getJson(String path, Map<String, String> query) throws HttpException {
        if (http.cookies(host).isEmpty()) {
            prime();
        }
        HttpResponse response = request(path, query).sendAllowingErrors();
        if (refused(response)) {
            LOG.info("NSE answered {} to {}: the session expired, priming a new one", response.status(), path);
            http.clearCookies(host);
            prime();
            response = request(path, query).sendAllowingErrors();
            if (refused(response)) {
                throw new HttpException(response.method(), response.url(), response.status(),
                        "HTTP " + response.status() + " again after priming a fresh session on " + baseUrl
                                + " (NSE keeps refusing this client: check nse.base-url, the User-Agent, or whether NSE blocks this address)",
                        null, null);
            }
        }
        if (!response.isSuccess()) {
            throw new HttpException(response.method(), response.url(), response.status(), "HTTP " + response.status(), null, null);
        }
        return response.json();
    }

    private static boolean refused(HttpResponse response) {
        return response.status() == 401 || response.status() == 403;
    }

    private void prime() throws HttpException {
        HttpResponse home = http.get(baseUrl + "/")
                .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
                .header("Accept-Language", "en-US,en;q=0.9")
                .send();
        LOG.debug("primed an NSE session on {} ({} cookies)", baseUrl, http.cookies(host).size());
        if (http.cookies(host).isEmpty()) {
            LOG.warn("NSE's home page {} set no cookies (HTTP {}); API calls may be refused", baseUrl, home.status());
        }
    }

    private Http.Request request(String path, Map<String, String> query) {
        Http.Request request = http.get(baseUrl + path)
                .header("Accept", "application/json, text/plain, */*")
                .header("Accept-Language", "en-US,en;q=0.9")
                .header("Referer", baseUrl + "/");
        query.forEach(request::query);
        return request;
    }
}
