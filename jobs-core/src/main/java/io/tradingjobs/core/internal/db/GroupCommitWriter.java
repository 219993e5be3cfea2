package io.tradingjobs.core.internal.db;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for small writes: callers hand in a write and wait until it is committed, while one
 * writer thread commits everything queued meanwhile in a single transaction. Each caller keeps
 * synchronous, durable semantics, but ten workers finishing at once cost one transaction instead
 * of ten contending for SQLite's single write lock (whose busy handler sleeps). If a batch fails,
 * its writes are retried one by one so one bad write fails only its own caller.
 */
public final class GroupCommitWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);
    private static final int MAX_BATCH = 256;

    private record Op(Consumer<DSLContext> work, CompletableFuture<Void> done) {
    }

    private static final Op STOP = new Op(dsl -> { }, new CompletableFuture<>());

    private final DSLContext dsl;
    private final BlockingQueue<Op> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean closed;

    public GroupCommitWriter(DSLContext dsl, String name) {
        this.dsl = dsl;
        this.writer = new Thread(this::loop, name);
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Commits {@code work} (in a transaction shared with other queued writes) and returns once it
     * is committed.
     *
     * @throws RuntimeException the write's own failure
     */
    public void write(Consumer<DSLContext> work) {
        if (closed || Thread.currentThread() == writer) {
            work.accept(dsl);
            return;
        }
        Op op = new Op(work, new CompletableFuture<>());
        queue.add(op);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    op.done().get();
                    return;
                } catch (InterruptedException e) {
                    // The write is queued and will be committed; finish waiting, then restore the flag.
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    throw cause instanceof RuntimeException ? (RuntimeException) cause : new IllegalStateException(cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void loop() {
        List<Op> batch = new ArrayList<>();
        while (true) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            boolean stop = batch.remove(STOP);
            if (!batch.isEmpty()) {
                commit(batch);
            }
            batch.clear();
            if (stop) {
                return;
            }
        }
    }

    private void commit(List<Op> batch) {
        try {
            dsl.transaction(cfg -> {
                DSLContext tx = DSL.using(cfg);
                for (Op op : batch) {
                    op.work().accept(tx);
                }
            });
            batch.forEach(op -> op.done().complete(null));
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                batch.get(0).done().completeExceptionally(e);
                return;
            }
            LOG.debug("group commit of {} writes failed ({}); retrying them one by one", batch.size(), e.getMessage());
            for (Op op : batch) {
                try {
                    dsl.transaction(cfg -> op.work().accept(DSL.using(cfg)));
                    op.done().complete(null);
                } catch (RuntimeException single) {
                    op.done().completeExceptionally(single);
                }
            }
        }
    }

    /** Commits what is queued, then stops the writer thread; later writes run on the caller's thread. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        queue.add(STOP);
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
