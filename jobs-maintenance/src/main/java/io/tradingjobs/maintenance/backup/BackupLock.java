package io.tradingjobs.maintenance.backup;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One backup at a time per backup directory: a fair JVM-wide lock (threads of this process queue
 * in arrival order) and then an OS file lock on {@code .backup.lock} in the directory (other
 * processes wait too). {@link FileChannel#lock()} blocks until the other process releases it, and
 * an interrupt (time-out, shutdown) ends the wait.
 */
final class BackupLock implements AutoCloseable {
    private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private final ReentrantLock jvmLock;
    private final FileChannel channel;
    private final FileLock fileLock;

    private BackupLock(ReentrantLock jvmLock, FileChannel channel, FileLock fileLock) {
        this.jvmLock = jvmLock;
        this.channel = channel;
        this.fileLock = fileLock;
    }

    /** Waits for the directory's lock; the directory must exist. */
    static BackupLock acquire(Path dir) throws IOException, InterruptedException {
        ReentrantLock jvm = JVM_LOCKS.computeIfAbsent(dir.toAbsolutePath().normalize(), d -> new ReentrantLock(true));
        jvm.lockInterruptibly();
        FileChannel ch = null;
        try {
            ch = FileChannel.open(dir.resolve(".backup.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock fl = ch.lock();
            return new BackupLock(jvm, ch, fl);
        } catch (IOException | RuntimeException e) {
            if (ch != null) {
                ch.close();
            }
            jvm.unlock();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            fileLock.release();
            channel.close();
        } finally {
            jvmLock.unlock();
        }
    }
}
