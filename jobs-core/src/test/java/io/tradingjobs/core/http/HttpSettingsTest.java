package io.tradingjobs.core.http;

import io.tradingjobs.core.config.Config;
import io.tradingjobs.core.config.ConfigException;
import io.tradingjobs.core.internal.http.HttpSettings;
import io.tradingjobs.core.internal.http.RetryDelays;
import io.tradingjobs.core.internal.http.Secrets;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class HttpSettingsTest {

    @Test
    void defaults_apply_when_nothing_is_set() {
        HttpSettings settings = HttpSettings.from(Config.of(Map.of()));

        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.responseTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.maxAttempts()).isEqualTo(4);
        assertThat(settings.baseDelay()).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.maxDelay()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.maxBodyBytes()).isEqualTo(64L * 1024 * 1024);
        assertThat(settings.userAgent()).startsWith("Mozilla/5.0");
        assertThat(settings.maxConnections()).isEqualTo(20);
        assertThat(settings.rateLimits()).isEmpty();
    }

    @Test
    void settings_are_read_including_per_host_rate_limits() {
        HttpSettings settings = HttpSettings.from(Config.of(Map.of(
                "http.timeout.connect", "3s",
                "http.max-body-bytes", "10MiB",
                "http.rate-limit.api.upstox.com", "50/s, 500/min, 2000/30min")));

        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.maxBodyBytes()).isEqualTo(10L * 1024 * 1024);
        assertThat(settings.rateLimits()).containsEntry("api.upstox.com", List.of(
                new RateLimit(50, Duration.ofSeconds(1)), new RateLimit(500, Duration.ofMinutes(1)), new RateLimit(2000, Duration.ofMinutes(30))));
    }

    @Test
    void every_bad_setting_is_reported_at_once_with_its_value() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> HttpSettings.from(Config.of(Map.of(
                "http.timeout.connect", "soon",
                "http.retry.max-attempts", "0",
                "http.max-body-bytes", "lots",
                "http.rate-limit.api.upstox.com", "50 per second"))));

        assertThat(e.getMessage()).contains(
                "http.timeout.connect=soon", "http.retry.max-attempts=0", "http.max-body-bytes=lots",
                "http.rate-limit.api.upstox.com=50 per second", "50/s, 500/min");
        assertThat(e.getSuppressed()).hasSize(4);
    }

    @Test
    void Retry_After_is_read_as_seconds_or_an_HTTP_date() {
        Instant now = Instant.parse("2015-10-21T07:28:00Z");

        assertThat(RetryDelays.parseRetryAfter("120", now)).hasValue(Duration.ofSeconds(120));
        assertThat(RetryDelays.parseRetryAfter("Wed, 21 Oct 2015 07:28:30 GMT", now)).hasValue(Duration.ofSeconds(30));
        assertThat(RetryDelays.parseRetryAfter("Wed, 21 Oct 2015 07:27:00 GMT", now)).hasValue(Duration.ZERO);
        assertThat(RetryDelays.parseRetryAfter("soon", now)).isEmpty();
    }

    @Test
    void Retry_After_is_capped_by_the_max_delay_and_backoff_grows_with_jitter() {
        RetryDelays delays = new RetryDelays(Duration.ofMillis(100), Duration.ofSeconds(5), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

        assertThat(delays.delay(1, "3600")).isEqualTo(Duration.ofSeconds(5));
        assertThat(delays.delay(1, "2")).isEqualTo(Duration.ofSeconds(2));
        for (int i = 0; i < 50; i++) {
            assertThat(delays.delay(1, null)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
            assertThat(delays.delay(3, null)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
            assertThat(delays.delay(20, null)).isBetween(Duration.ofMillis(2500), Duration.ofSeconds(5));
        }
    }

    @Test
    void secrets_in_URLs_and_bodies_are_masked_but_instrument_keys_are_not() {
        assertThat(Secrets.maskUrl("https://user:pw@x.com/a?apikey=1&instrument_key=NSE_EQ%7CX&access_token=2&api-key=3&code=4"))
                .isEqualTo("https://****@x.com/a?apikey=****&instrument_key=NSE_EQ%7CX&access_token=****&api-key=****&code=****");
        assertThat(Secrets.scrub("{\"access_token\":\"abc\",\"user\":\"u\"} Bearer xyz.123", List.of()))
                .isEqualTo("{\"access_token\":\"****\",\"user\":\"u\"} Bearer ****");
    }
}
