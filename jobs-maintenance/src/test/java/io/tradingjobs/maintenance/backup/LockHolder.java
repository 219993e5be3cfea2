package io.tradingjobs.maintenance.backup;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Another process that holds a backup directory's lock until its standard input closes. */
public final class LockHolder {
    private LockHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (FileChannel ch = FileChannel.open(Path.of(args[0], ".backup.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = ch.lock()) {
            System.out.println("locked " + lock.isValid());
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold until the parent closes our input
            }
        }
    }
}
