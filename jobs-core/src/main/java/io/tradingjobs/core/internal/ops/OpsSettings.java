package io.tradingjobs.core.internal.ops;

import io.tradingjobs.core.internal.config.CheckedSettings;
import io.tradingjobs.core.SchedulerBuildException.Problem;
import io.tradingjobs.core.config.Config;
import io.tradingjobs.core.config.ConfigException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The settings of the operations surface (management server, metrics) and of notifications, read
 * and checked at {@code build()}: every problem is added to the build's list with the bad value
 * (secrets masked) and the fix.
 */
public record OpsSettings(Server server, boolean metricsEnabled, Email email, Telegram telegram, Failures failures,
                          Dispatch dispatch, List<String> secrets) {

    /** The management server; {@code port} is null when it is off. */
    public record Server(Integer port, String bind, InetAddress bindAddress, String token, boolean healthPublic, int threads) {
        /** Whether it listens only on a loopback address (127.0.0.0/8, ::1). */
        public boolean loopback() {
            return bindAddress != null && bindAddress.isLoopbackAddress();
        }
    }

    /** SMTP delivery; {@code enabled} false means no e-mail channel. */
    public record Email(boolean enabled, String from, List<String> to, String host, int port, String user, String password,
                        boolean starttls, Duration timeout) {
    }

    /** Telegram delivery; {@code enabled} false means no Telegram channel. */
    public record Telegram(boolean enabled, String baseUrl, String token, String chatId, Duration timeout) {
    }

    /** Job failure alerts. */
    public record Failures(boolean enabled, int afterConsecutive, boolean recovery) {
    }

    /** The outbox dispatcher. */
    public record Dispatch(Duration interval, Duration lease, int maxAttempts, Duration backoff, Duration maxBackoff,
                           Duration logRetention) {
    }

    /** Reads every setting, adding problems to {@code problems}. */
    public static OpsSettings read(Config config, List<Problem> problems) {
        CheckedSettings r = new CheckedSettings(config, problems);

        Integer port = null;
        if (config.get("jobs.http.port").isPresent()) {
            port = r.get("jobs.http.port", k -> config.integer(k, 0), 0, "use a port such as 8010, or 0 for any free port");
            if (port < 0 || port > 65535) {
                problems.add(new Problem("jobs.http.port", String.valueOf(port), "is not a TCP port", "use 1 to 65535 (8010 as in the seeds), or 0 for any free port"));
                port = null;
            }
        }
        String bind = config.string("jobs.http.bind", "127.0.0.1");
        InetAddress bindAddress = null;
        try {
            bindAddress = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            problems.add(new Problem("jobs.http.bind", bind, "is not an address of this machine", "use 127.0.0.1 (the default), or 0.0.0.0 with jobs.http.token"));
        }
        String token = config.get("jobs.http.token").orElse(null);
        if (token != null && token.length() < 16) {
            problems.add(new Problem("jobs.http.token", Config.printable("jobs.http.token", token), "is " + token.length()
                    + " characters long; a short token is easy to guess", "use at least 16 random characters, e.g. the output of: openssl rand -hex 24"));
        }
        boolean healthPublic = r.get("jobs.http.health.public", k -> config.bool(k, false), false, "use true or false");
        int threads = r.get("jobs.http.threads", k -> config.integer(k, 4), 4, "use a whole number such as 4");
        if (threads < 1) {
            problems.add(new Problem("jobs.http.threads", String.valueOf(threads), "must be at least 1", "use a whole number such as 4"));
            threads = 1;
        }
        Server server = new Server(port, bind, bindAddress, token, healthPublic, threads);
        if (port != null && bindAddress != null && !server.loopback() && token == null) {
            problems.add(new Problem("jobs.http.bind", bind, "opens the management API (run, pause, history) beyond this machine without a token",
                    "set jobs.http.token to a long random secret (clients send Authorization: Bearer <token>), or bind to 127.0.0.1"));
        }
        boolean metrics = r.get("jobs.metrics.enabled", k -> config.bool(k, true), true, "use true or false");

        Email email = readEmail(config, r, problems);
        Telegram telegram = readTelegram(config, r, problems);

        boolean failuresOn = r.get("notify.failures.enabled", k -> config.bool(k, true), true, "use true or false");
        int after = r.get("notify.failures.after-consecutive", k -> config.integer(k, 1), 1, "use a whole number such as 1");
        if (after < 1) {
            problems.add(new Problem("notify.failures.after-consecutive", String.valueOf(after), "must be at least 1",
                    "use 1 to be told about the first failed run, 3 for the third in a row"));
            after = 1;
        }
        boolean recovery = r.get("notify.failures.recovery", k -> config.bool(k, true), true, "use true or false");

        Duration interval = r.duration("notify.dispatch.interval", Duration.ofSeconds(2));
        Duration lease = r.duration("notify.dispatch.lease", Duration.ofMinutes(5));
        int maxAttempts = r.get("notify.dispatch.max-attempts", k -> config.integer(k, 10), 10, "use a whole number such as 10");
        if (maxAttempts < 1) {
            problems.add(new Problem("notify.dispatch.max-attempts", String.valueOf(maxAttempts), "must be at least 1", "use a whole number such as 10"));
            maxAttempts = 1;
        }
        Duration backoff = r.duration("notify.dispatch.backoff", Duration.ofSeconds(10));
        Duration maxBackoff = r.duration("notify.dispatch.max-backoff", Duration.ofHours(1));
        Duration retention = r.duration("notify.log.retention", Duration.ofDays(90));
        Duration slowest = email.timeout().plus(telegram.timeout());
        if (lease.compareTo(slowest) <= 0) {
            problems.add(new Problem("notify.dispatch.lease", lease.toString(), "is not longer than a delivery may take (" + slowest
                    + "); another node could send the same delivery again", "use a lease well above the channel time-outs, e.g. 5m"));
        }

        List<String> secrets = new ArrayList<>();
        for (String key : config.keys()) {
            if (Config.isSecret(key)) {
                config.get(key).filter(v -> v.length() >= 4).ifPresent(secrets::add);
            }
        }
        return new OpsSettings(server, metrics, email, telegram, new Failures(failuresOn, after, recovery),
                new Dispatch(interval, lease, maxAttempts, backoff, maxBackoff, retention), List.copyOf(secrets));
    }

    private static Email readEmail(Config config, CheckedSettings r, List<Problem> problems) {
        boolean enabled = r.get("notify.email.enabled", k -> config.bool(k, false), false, "use true or false");
        String host = config.get("notify.email.smtp.host").orElse(null);
        int port = r.get("notify.email.smtp.port", k -> config.integer(k, 587), 587, "use the SMTP port, e.g. 587");
        String user = config.get("notify.email.smtp.user").orElse(null);
        String password = config.get("notify.email.smtp.password").orElse(null);
        boolean starttls = r.get("notify.email.smtp.starttls", k -> config.bool(k, true), true, "use true or false");
        Duration timeout = r.duration("notify.email.timeout", Duration.ofSeconds(30));
        String from = config.get("notify.email.from").orElse(user);
        List<String> to = config.list("notify.email.to");
        if (enabled) {
            if (host == null) {
                problems.add(new Problem("notify.email.smtp.host", null, "e-mail is enabled (EMAIL_ENABLED) but no SMTP server is set",
                        "set notify.email.smtp.host (SMTP_HOST), e.g. smtp.gmail.com, or EMAIL_ENABLED=false"));
            }
            if (port < 1 || port > 65535) {
                problems.add(new Problem("notify.email.smtp.port", String.valueOf(port), "is not a TCP port", "use 587 (STARTTLS) or 25"));
            }
            if (from == null) {
                problems.add(new Problem("notify.email.from", null, "e-mail is enabled but has no sender", "set notify.email.from (EMAIL_FROM)"));
            } else {
                checkAddress("notify.email.from", from, problems);
            }
            if (to.isEmpty()) {
                problems.add(new Problem("notify.email.to", null, "e-mail is enabled but has no recipient",
                        "set notify.email.to (EMAIL_TO), several separated by commas"));
            }
            to.forEach(a -> checkAddress("notify.email.to", a, problems));
            if (user != null && password == null) {
                problems.add(new Problem("notify.email.smtp.password", null, "an SMTP user is set but no password",
                        "set notify.email.smtp.password (SMTP_PASSWORD), e.g. an app password"));
            }
        }
        return new Email(enabled, from, to, host, port, user, password, starttls, timeout);
    }

    private static Telegram readTelegram(Config config, CheckedSettings r, List<Problem> problems) {
        String token = config.get("notify.telegram.token").orElse(null);
        String chat = config.get("notify.telegram.chat-id").orElse(null);
        String baseUrl = config.string("notify.telegram.base-url", "https://api.telegram.org");
        Duration timeout = r.duration("notify.telegram.timeout", Duration.ofSeconds(30));
        Boolean explicit = config.get("notify.telegram.enabled").isPresent()
                ? r.get("notify.telegram.enabled", k -> config.bool(k, false), false, "use true or false, or leave it empty") : null;
        boolean enabled = explicit != null ? explicit : token != null || chat != null;
        if (enabled) {
            if (token == null) {
                problems.add(new Problem("notify.telegram.token", null, "Telegram is enabled but has no bot token",
                        "set notify.telegram.token (NOTIFY_TELEGRAM_TOKEN) to the token BotFather gave, or notify.telegram.enabled=false"));
            }
            if (chat == null) {
                problems.add(new Problem("notify.telegram.chat-id", null, "Telegram is enabled but has no chat to write to",
                        "set notify.telegram.chat-id (NOTIFY_TELEGRAM_CHAT_ID), e.g. -1001234567890 or @channelname"));
            }
            try {
                URI uri = URI.create(baseUrl);
                if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
                    throw new IllegalArgumentException("not an http(s) URL");
                }
            } catch (IllegalArgumentException e) {
                problems.add(new Problem("notify.telegram.base-url", baseUrl, "is not an http(s) URL", "use https://api.telegram.org (the default)"));
            }
        }
        return new Telegram(enabled, baseUrl.replaceAll("/+$", ""), token, chat, timeout);
    }

    private static void checkAddress(String key, String address, List<Problem> problems) {
        try {
            new InternetAddress(address, true);
        } catch (AddressException e) {
            problems.add(new Problem(key, address, "is not an e-mail address (" + e.getMessage() + ")", "write it as name@example.com"));
        }
    }

}
