package io.tradingjobs.maintenance.internal;

import java.util.concurrent.locks.ReentrantLock;

/**
 * One heavy maintenance job at a time in this process: the seed schedules the weekly database
 * maintenance and the daily backup both at 02:00 on Sunday, and a VACUUM or checkpoint running
 * beside a backup only slows both down. The second one waits (fair, in arrival order).
 */
public final class MaintenanceWindow {
    private static final ReentrantLock LOCK = new ReentrantLock(true);

    private MaintenanceWindow() {
    }

    /** Waits for the window; an interrupt (time-out, shutdown) ends the wait. */
    public static AutoCloseable enter() throws InterruptedException {
        LOCK.lockInterruptibly();
        return LOCK::unlock;
    }
}
