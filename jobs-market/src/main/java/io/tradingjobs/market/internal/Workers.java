package io.tradingjobs.market.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** Named worker pools for the concurrent fetches of one run; the run shuts its pool down. */
public final class Workers {
    private Workers() {
    }

    /** A fixed pool of {@code size} daemon threads named {@code <name>-<n>}. */
    public static ExecutorService pool(String name, int size) {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(Math.max(1, size), r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }
}
