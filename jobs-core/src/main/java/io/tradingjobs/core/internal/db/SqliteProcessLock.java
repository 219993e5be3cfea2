package io.tradingjobs.core.internal.db;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Holds {@code <database>.scheduler.lock} while a scheduler runs jobs on an SQLite file. Two
 * schedulers on one file would both run every job, and each would take the other's runs for
 * leftovers of a crash; the operating system releases the lock when the process dies, so a
 * {@code kill -9} never leaves it behind.
 */
public final class SqliteProcessLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private SqliteProcessLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of {@code database}.
     *
     * @throws IllegalStateException naming the file and the holder when another scheduler has it
     */
    public static SqliteProcessLock acquire(Path database) {
        Path file = database.toAbsolutePath().normalize().resolveSibling(database.getFileName() + ".scheduler.lock");
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // another scheduler of this process holds it
            }
            if (lock == null) {
                String holder = Files.readString(file, StandardCharsets.UTF_8).trim();
                channel.close();
                throw new IllegalStateException("the SQLite database " + database.toAbsolutePath().normalize()
                        + " is in use by another running scheduler (" + (holder.isEmpty() ? "unknown process" : holder) + "), which "
                        + "would run every job too; stop it, or give this one its own jobs.database.url (several nodes need PostgreSQL "
                        + "and jobs.cluster.enabled=true)");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("process " + ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)), 0);
            return new SqliteProcessLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new IllegalStateException("cannot lock " + file + " to run the scheduler on its SQLite database: " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }

    /** Releases the lock; the file stays (deleting it could race with a scheduler that is starting). */
    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel below releases it too
        }
        closeQuietly(channel);
    }
}
