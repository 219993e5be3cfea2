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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Holds {@code <database>.scheduler.lock} while a scheduler runs jobs on an SQLite file. Two
 * schedulers on one file would both run every job, and each would take the other's runs for
 * leftovers of a crash; the operating system releases the lock when the process dies, so a
 * {@code kill -9} never leaves it behind.
 *
 * <p>The locks are POSIX record locks on Linux, which the operating system drops when the process
 * closes <em>any</em> descriptor of the file. So a scheduler of this process that finds the file
 * taken by another of this process must not open it at all: the lock files held here are also
 * kept in {@link #HELD}, which is checked first.
 */
public final class SqliteProcessLock implements AutoCloseable {
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private SqliteProcessLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
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
        if (!HELD.add(file)) {
            throw inUse(database, "process " + ProcessHandle.current().pid());
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // not expected past HELD; refuse rather than share
            }
            if (lock == null) {
                ByteBuffer holder = ByteBuffer.allocate(256);
                channel.read(holder, 0);
                channel.close();
                HELD.remove(file);
                String who = new String(holder.array(), 0, holder.position(), StandardCharsets.UTF_8).trim();
                throw inUse(database, who.isEmpty() ? "unknown process" : who);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("process " + ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)), 0);
            return new SqliteProcessLock(file, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            HELD.remove(file);
            throw new IllegalStateException("cannot lock " + file + " to run the scheduler on its SQLite database: " + e.getMessage(), e);
        }
    }

    private static IllegalStateException inUse(Path database, String holder) {
        return new IllegalStateException("the SQLite database " + database.toAbsolutePath().normalize()
                + " is in use by another running scheduler (" + holder + "), which "
                + "would run every job too; stop it, or give this one its own jobs.database.url (several nodes need PostgreSQL "
                + "and jobs.cluster.enabled=true)");
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
        HELD.remove(file);
    }
}
