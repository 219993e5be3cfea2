package io.tradingjobs.core.internal.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradingjobs.core.internal.ops.OpsSettings;
import io.tradingjobs.core.notify.Notification;
import io.tradingjobs.core.notify.NotificationChannel;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Telegram Bot API {@code sendMessage}: plain text (no parse mode, so nothing needs escaping), cut
 * to Telegram's 4096 characters. A 429 answer's {@code parameters.retry_after} (or
 * {@code Retry-After}) becomes a {@link RetryLaterException}; a 400 (unknown chat, bad request)
 * is not retried. The bot token sits in the URL path, so no URL is ever put in a message.
 */
public final class TelegramChannel implements NotificationChannel {
    /** The channel's name. */
    public static final String NAME = "telegram";
    /** Telegram's limit on a message's text. */
    public static final int MAX_TEXT = 4096;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OpsSettings.Telegram settings;
    private final HttpClient client;

    public TelegramChannel(OpsSettings.Telegram settings) {
        this.settings = settings;
        this.client = HttpClient.newBuilder().connectTimeout(settings.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void deliver(Notification n) throws Exception {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("chat_id", settings.chatId());
        payload.put("text", fit(n.text()));
        payload.put("disable_web_page_preview", true);
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.baseUrl() + "/bot" + settings.token() + "/sendMessage"))
                .timeout(settings.timeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(payload)))
                .build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IOException("Telegram could not be reached: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage().replace(settings.token(), "****")));
        }
        int status = response.statusCode();
        JsonNode body = parse(response.body());
        String description = body.path("description").asText("");
        if (status == 200 && body.path("ok").asBoolean(false)) {
            return;
        }
        String what = "Telegram answered " + status + (description.isEmpty() ? "" : ": " + description.replace(settings.token(), "****"));
        if (status == 429) {
            long seconds = body.path("parameters").path("retry_after").asLong(
                    response.headers().firstValue("Retry-After").map(TelegramChannel::seconds).orElse(30L));
            throw new RetryLaterException(what, Duration.ofSeconds(Math.max(1, seconds)));
        }
        if (status == 400) {
            throw new UndeliverableException(what + " (check notify.telegram.chat-id)");
        }
        throw new IOException(what);
    }

    /** {@code text} cut to {@value #MAX_TEXT} characters, ending in an ellipsis when cut, never splitting a surrogate pair. */
    static String fit(String text) {
        if (text.length() <= MAX_TEXT) {
            return text;
        }
        int end = MAX_TEXT - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }

    private static long seconds(String header) {
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return 30L;
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
