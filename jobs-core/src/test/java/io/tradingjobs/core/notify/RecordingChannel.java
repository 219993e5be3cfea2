package io.tradingjobs.core.notify;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A host channel that records what it is given, the way a host adds Slack or a pager. */
public final class RecordingChannel implements NotificationChannel {
    /** One delivery. */
    public record Delivered(String node, Notification notification) {
    }

    private final String name;
    private final String node;
    private final List<Delivered> delivered;

    /**
     * @param delivered shared by the channels of several nodes to see who delivered what
     */
    public RecordingChannel(String name, String node, List<Delivered> delivered) {
        this.name = name;
        this.node = node;
        this.delivered = delivered;
    }

    public RecordingChannel(String name) {
        this(name, "node", new CopyOnWriteArrayList<>());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void deliver(Notification notification) {
        delivered.add(new Delivered(node, notification));
    }

    /** What was delivered, in order. */
    public List<Delivered> delivered() {
        return List.copyOf(delivered);
    }

    /** Subjects delivered, in order. */
    public List<String> subjects() {
        return delivered.stream().map(d -> d.notification().subject()).toList();
    }

    /** A Guice module adding this channel. */
    public Module module() {
        return new AbstractModule() {
            @Override
            protected void configure() {
                Multibinder.newSetBinder(binder(), NotificationChannel.class).addBinding().toInstance(RecordingChannel.this);
            }
        };
    }
}
