package io.tradingjobs.maintenance;

import io.tradingjobs.core.notify.Notification;
import io.tradingjobs.core.notify.Notifier;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jooq.DSLContext;

/** Keeps what it is asked to send. */
public final class RecordingNotifier implements Notifier {
    /** Every notification, in order. */
    public final List<Notification> sent = new CopyOnWriteArrayList<>();

    @Override
    public boolean notify(Notification notification) {
        sent.add(notification);
        return true;
    }

    @Override
    public boolean notify(DSLContext transaction, Notification notification) {
        return notify(notification);
    }
}
