package io.tradingjobs.core.http;

import io.tradingjobs.core.config.Config;
import io.tradingjobs.core.test.LocalHttpServer.RecordedRequest;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/** Shared set-up for the HTTP tests: a client with short delays, and timing helpers. */
final class HttpTestSupport {

    private HttpTestSupport() {
    }

    /** A client with 10 ms base backoff and short time-outs, plus {@code keyValues} (key, value, key, value...). */
    static Http fastHttp(String... keyValues) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "http.retry.base-delay", "10ms",
                "http.retry.max-delay", "5s",
                "http.timeout.connect", "2s",
                "http.timeout.response", "5s"));
        for (int i = 0; i < keyValues.length; i += 2) {
            settings.put(keyValues[i], keyValues[i + 1]);
        }
        return Http.create(Config.of(settings));
    }

    /** Time between the arrivals of two recorded requests. */
    static Duration between(RecordedRequest first, RecordedRequest second) {
        return Duration.between(first.receivedAt(), second.receivedAt());
    }

    /** Time between the first and last of {@code requests}. */
    static Duration span(List<RecordedRequest> requests) {
        return between(requests.get(0), requests.get(requests.size() - 1));
    }

    /**
     * Whether {@code thread} is in {@link Thread#sleep} called from a class whose name starts with
     * {@code callerPrefix}: how a test knows a caller is in the wait it means to interrupt (a thread
     * in TIMED_WAITING may be elsewhere, e.g. waiting for a pooled connection).
     */
    static boolean isSleepingIn(Thread thread, String callerPrefix) {
        StackTraceElement[] frames = thread.getStackTrace();
        int i = 0;
        while (i < frames.length && isSleepFrame(frames[i])) {
            i++;
        }
        return i > 0 && i < frames.length && frames[i].getClassName().startsWith(callerPrefix);
    }

    private static boolean isSleepFrame(StackTraceElement frame) {
        String cls = frame.getClassName();
        return cls.equals("java.lang.Thread") && frame.getMethodName().startsWith("sleep")
                || cls.equals("java.util.concurrent.TimeUnit") && frame.getMethodName().equals("sleep");
    }

    /** What a request sent on another thread ended with. */
    static final class Outcome {
        final AtomicReference<HttpResponse> response = new AtomicReference<>();
        final AtomicReference<Throwable> error = new AtomicReference<>();
        volatile boolean interruptedAfterwards;
        volatile long finishedNanos;
    }

    /** Sends {@code request} on a new thread, recording the outcome; the thread is started. */
    static Thread sendInBackground(Http.Request request, Outcome outcome) {
        Thread thread = new Thread(() -> {
            try {
                outcome.response.set(request.send());
            } catch (Throwable e) {
                outcome.error.set(e);
            } finally {
                outcome.interruptedAfterwards = Thread.currentThread().isInterrupted();
                outcome.finishedNanos = System.nanoTime();
            }
        }, "http-test-caller");
        thread.start();
        return thread;
    }
}
