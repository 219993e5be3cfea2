/**
 * The one HTTP layer every job uses to reach outside services (Upstox, NSE, BSE, BVMT).
 *
 * <p>Jobs receive an {@link io.tradingjobs.core.http.Http} by injection and build requests on it:
 * <pre>{@code
 * JsonNode quote = http.get("https://api.upstox.com/v2/market-quote/ltp")
 *         .query("instrument_key", "NSE_EQ|INE002A01018")
 *         .bearerToken(accessToken)
 *         .send()
 *         .json();
 * }</pre>
 * Time-outs, retries with backoff on 429/5xx and I/O errors (honouring {@code Retry-After}),
 * per-host rate limits, cookies, gzip and a response size cap are handled here, configured by the
 * {@code http.*} settings listed on {@link io.tradingjobs.core.internal.http.HttpSettings}.
 * Failures are {@link io.tradingjobs.core.http.HttpException}s that name the method, the URL
 * (secrets masked) and the status.
 */
package io.tradingjobs.core.http;
