package io.tradingjobs.core.internal.notify;

import static io.tradingjobs.core.internal.db.generated.Tables.NOTIFICATION_DELIVERIES;
import static io.tradingjobs.core.internal.db.generated.Tables.NOTIFICATION_EVENTS;

import io.tradingjobs.core.notify.Notification;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * The outbox tables: {@code notification_events} (one row per event, the database log) and
 * {@code notification_deliveries} (one row per event and channel, with its lease and retry state).
 * Every method is one statement or runs in the given transaction; none holds a lock while a
 * channel delivers.
 */
public final class Outbox {
    /** Delivery waiting to be (re)tried. */
    public static final String PENDING = "PENDING";
    /** Delivered. */
    public static final String SENT = "SENT";
    /** Given up: attempts used up or undeliverable. */
    public static final String FAILED = "FAILED";

    private static final int ERROR_LIMIT = 2000;
    private static final int SUBJECT_LIMIT = 1000;

    private final DSLContext dsl;

    public Outbox(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** A delivery that is due. */
    public record Due(String eventId, String channel, int attempts) {
    }

    /** A stored event. */
    public record Event(String eventId, String eventKey, Notification.Severity severity, String subject, String body, String source,
                        String nodeId, long createdAt) {

        /** As a notification for channel {@code channel}. */
        public Notification toNotification(String channel) {
            return new Notification(eventKey, severity, subject, body, List.of(channel));
        }
    }

    /**
     * Inserts the event and its deliveries in {@code tx}, unless an event with its key exists.
     *
     * @return whether it was inserted
     */
    public boolean insert(DSLContext tx, Notification n, Collection<String> channels, String source, String nodeId, long createdAt,
                          long dueAt) {
        String eventId = nextEventId();
        int inserted = tx.insertInto(NOTIFICATION_EVENTS)
                .set(NOTIFICATION_EVENTS.EVENT_ID, eventId)
                .set(NOTIFICATION_EVENTS.EVENT_KEY, n.eventKey())
                .set(NOTIFICATION_EVENTS.SEVERITY, n.severity().name())
                .set(NOTIFICATION_EVENTS.SUBJECT, truncate(n.subject(), SUBJECT_LIMIT))
                .set(NOTIFICATION_EVENTS.BODY, n.body())
                .set(NOTIFICATION_EVENTS.SOURCE, source)
                .set(NOTIFICATION_EVENTS.NODE_ID, nodeId)
                .set(NOTIFICATION_EVENTS.CREATED_AT, createdAt)
                .onConflictDoNothing()
                .execute();
        if (inserted == 0) {
            return false;
        }
        for (String channel : channels) {
            tx.insertInto(NOTIFICATION_DELIVERIES)
                    .set(NOTIFICATION_DELIVERIES.EVENT_ID, eventId)
                    .set(NOTIFICATION_DELIVERIES.CHANNEL, channel)
                    .set(NOTIFICATION_DELIVERIES.STATUS, PENDING)
                    .set(NOTIFICATION_DELIVERIES.ATTEMPTS, 0)
                    .set(NOTIFICATION_DELIVERIES.NEXT_ATTEMPT_AT, dueAt)
                    .onConflictDoNothing()
                    .execute();
        }
        return true;
    }

    /** Whether an event with this key is stored. */
    public boolean exists(String eventKey) {
        return dsl.fetchExists(NOTIFICATION_EVENTS, NOTIFICATION_EVENTS.EVENT_KEY.eq(eventKey));
    }

    /** Pending deliveries of {@code channels} due at {@code now} and not leased, oldest due first. */
    public List<Due> due(Collection<String> channels, long now, int limit) {
        if (channels.isEmpty()) {
            return List.of();
        }
        return dsl.select(NOTIFICATION_DELIVERIES.EVENT_ID, NOTIFICATION_DELIVERIES.CHANNEL, NOTIFICATION_DELIVERIES.ATTEMPTS)
                .from(NOTIFICATION_DELIVERIES)
                .where(NOTIFICATION_DELIVERIES.STATUS.eq(PENDING)
                        .and(NOTIFICATION_DELIVERIES.NEXT_ATTEMPT_AT.le(now))
                        .and(NOTIFICATION_DELIVERIES.CHANNEL.in(channels))
                        .and(NOTIFICATION_DELIVERIES.CLAIMED_UNTIL.isNull().or(NOTIFICATION_DELIVERIES.CLAIMED_UNTIL.lt(now))))
                .orderBy(NOTIFICATION_DELIVERIES.NEXT_ATTEMPT_AT, NOTIFICATION_DELIVERIES.EVENT_ID, NOTIFICATION_DELIVERIES.CHANNEL)
                .limit(limit)
                .fetch(r -> new Due(r.value1(), r.value2(), r.value3()));
    }

    /**
     * Takes the lease on one delivery: a conditional update that succeeds on one node only, so
     * of several dispatchers exactly one sends it.
     *
     * @return whether this node now holds it until {@code until}
     */
    public boolean claim(String eventId, String channel, String node, long now, long until) {
        return dsl.update(NOTIFICATION_DELIVERIES)
                .set(NOTIFICATION_DELIVERIES.CLAIMED_BY, node)
                .set(NOTIFICATION_DELIVERIES.CLAIMED_UNTIL, until)
                .where(NOTIFICATION_DELIVERIES.EVENT_ID.eq(eventId)
                        .and(NOTIFICATION_DELIVERIES.CHANNEL.eq(channel))
                        .and(NOTIFICATION_DELIVERIES.STATUS.eq(PENDING))
                        .and(NOTIFICATION_DELIVERIES.NEXT_ATTEMPT_AT.le(now))
                        .and(NOTIFICATION_DELIVERIES.CLAIMED_UNTIL.isNull().or(NOTIFICATION_DELIVERIES.CLAIMED_UNTIL.lt(now))))
                .execute() == 1;
    }

    /** One event. */
    public Optional<Event> event(String eventId) {
        return dsl.selectFrom(NOTIFICATION_EVENTS).where(NOTIFICATION_EVENTS.EVENT_ID.eq(eventId)).fetchOptional()
                .map(r -> new Event(r.getEventId(), r.getEventKey(), Notification.Severity.valueOf(r.getSeverity()), r.getSubject(),
                        r.getBody(), r.getSource(), r.getNodeId(), r.getCreatedAt()));
    }

    /** Marks a leased delivery sent. */
    public boolean sent(String eventId, String channel, String node, int attempts, long at) {
        return dsl.update(NOTIFICATION_DELIVERIES)
                .set(NOTIFICATION_DELIVERIES.STATUS, SENT)
                .set(NOTIFICATION_DELIVERIES.ATTEMPTS, attempts)
                .set(NOTIFICATION_DELIVERIES.SENT_AT, at)
                .set(NOTIFICATION_DELIVERIES.CLAIMED_UNTIL, (Long) null)
                .set(NOTIFICATION_DELIVERIES.LAST_ERROR, (String) null)
                .where(leasedBy(eventId, channel, node))
                .execute() == 1;
    }

    /** Releases a leased delivery for another try at {@code nextAttemptAt}. */
    public void retry(String eventId, String channel, String node, int attempts, long nextAttemptAt, String error) {
        dsl.update(NOTIFICATION_DELIVERIES)
                .set(NOTIFICATION_DELIVERIES.ATTEMPTS, attempts)
                .set(NOTIFICATION_DELIVERIES.NEXT_ATTEMPT_AT, nextAttemptAt)
                .set(NOTIFICATION_DELIVERIES.CLAIMED_BY, (String) null)
                .set(NOTIFICATION_DELIVERIES.CLAIMED_UNTIL, (Long) null)
                .set(NOTIFICATION_DELIVERIES.LAST_ERROR, truncate(error, ERROR_LIMIT))
                .where(leasedBy(eventId, channel, node))
                .execute();
    }

    /** Gives up on a leased delivery. */
    public void failed(String eventId, String channel, String node, int attempts, String error) {
        dsl.update(NOTIFICATION_DELIVERIES)
                .set(NOTIFICATION_DELIVERIES.STATUS, FAILED)
                .set(NOTIFICATION_DELIVERIES.ATTEMPTS, attempts)
                .set(NOTIFICATION_DELIVERIES.CLAIMED_UNTIL, (Long) null)
                .set(NOTIFICATION_DELIVERIES.LAST_ERROR, truncate(error, ERROR_LIMIT))
                .where(leasedBy(eventId, channel, node))
                .execute();
    }

    private static org.jooq.Condition leasedBy(String eventId, String channel, String node) {
        return NOTIFICATION_DELIVERIES.EVENT_ID.eq(eventId)
                .and(NOTIFICATION_DELIVERIES.CHANNEL.eq(channel))
                .and(NOTIFICATION_DELIVERIES.STATUS.eq(PENDING))
                .and(NOTIFICATION_DELIVERIES.CLAIMED_BY.eq(node));
    }

    /** Deletes events (and their deliveries) created before {@code before} whose deliveries are all done. */
    public int prune(long before, int batchSize) {
        int total = 0;
        while (true) {
            List<String> ids = dsl.select(NOTIFICATION_EVENTS.EVENT_ID).from(NOTIFICATION_EVENTS)
                    .where(NOTIFICATION_EVENTS.CREATED_AT.lt(before)
                            .andNotExists(DSL.selectOne().from(NOTIFICATION_DELIVERIES)
                                    .where(NOTIFICATION_DELIVERIES.EVENT_ID.eq(NOTIFICATION_EVENTS.EVENT_ID))
                                    .and(NOTIFICATION_DELIVERIES.STATUS.eq(PENDING))))
                    .limit(batchSize).fetch(NOTIFICATION_EVENTS.EVENT_ID);
            if (ids.isEmpty()) {
                return total;
            }
            dsl.transaction(cfg -> {
                DSL.using(cfg).deleteFrom(NOTIFICATION_DELIVERIES).where(NOTIFICATION_DELIVERIES.EVENT_ID.in(ids)).execute();
                DSL.using(cfg).deleteFrom(NOTIFICATION_EVENTS).where(NOTIFICATION_EVENTS.EVENT_ID.in(ids)).execute();
            });
            total += ids.size();
        }
    }

    /** A delivery's state, for the API and tests. */
    public record Delivery(String channel, String status, int attempts, Long sentAt, String lastError) {
    }

    /** A stored event with its deliveries. */
    public record Logged(Event event, List<Delivery> deliveries) {
    }

    /** The newest {@code limit} events with their deliveries. */
    public List<Logged> recent(int limit) {
        List<Logged> out = new ArrayList<>();
        for (var r : dsl.selectFrom(NOTIFICATION_EVENTS).orderBy(NOTIFICATION_EVENTS.CREATED_AT.desc(), NOTIFICATION_EVENTS.EVENT_ID)
                .limit(limit).fetch()) {
            Event e = new Event(r.getEventId(), r.getEventKey(), Notification.Severity.valueOf(r.getSeverity()), r.getSubject(), r.getBody(),
                    r.getSource(), r.getNodeId(), r.getCreatedAt());
            List<Delivery> deliveries = new ArrayList<>();
            for (Record d : dsl.selectFrom(NOTIFICATION_DELIVERIES).where(NOTIFICATION_DELIVERIES.EVENT_ID.eq(e.eventId()))
                    .orderBy(NOTIFICATION_DELIVERIES.CHANNEL).fetch()) {
                deliveries.add(new Delivery(d.get(NOTIFICATION_DELIVERIES.CHANNEL), d.get(NOTIFICATION_DELIVERIES.STATUS),
                        d.get(NOTIFICATION_DELIVERIES.ATTEMPTS), d.get(NOTIFICATION_DELIVERIES.SENT_AT), d.get(NOTIFICATION_DELIVERIES.LAST_ERROR)));
            }
            out.add(new Logged(e, deliveries));
        }
        return out;
    }

    static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static final java.util.concurrent.atomic.AtomicLong SEQUENCE = new java.util.concurrent.atomic.AtomicLong();

    /** Ids that sort in creation order (time, then a process-wide sequence), so events go out in the order they happened. */
    static String nextEventId() {
        return String.format(java.util.Locale.ROOT, "%012x-%08x-%s", System.currentTimeMillis(), SEQUENCE.incrementAndGet() & 0xffffffffL,
                UUID.randomUUID().toString().substring(0, 8));
    }
}
