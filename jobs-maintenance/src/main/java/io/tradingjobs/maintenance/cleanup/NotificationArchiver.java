package io.tradingjobs.maintenance.cleanup;

import static io.tradingjobs.maintenance.internal.db.Tables.NOTIFICATION_ARCHIVE;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Moves notifications older than a cut-off from the core's outbox ({@code notification_events}
 * and its {@code notification_deliveries}) to {@code notification_archive}, in batches, each batch
 * one transaction: a notification is always in exactly one of the two places. Events with a
 * delivery still {@code PENDING} stay in the outbox until it is sent or given up.
 */
public final class NotificationArchiver {
    private static final Table<Record> EVENTS = table(name("notification_events"));
    private static final Table<Record> DELIVERIES = table(name("notification_deliveries"));
    private static final Field<String> E_ID = field(name("notification_events", "event_id"), String.class);
    private static final Field<Long> E_CREATED = field(name("notification_events", "created_at"), Long.class);
    private static final Field<String> D_ID = field(name("notification_deliveries", "event_id"), String.class);
    private static final Field<String> D_CHANNEL = field(name("notification_deliveries", "channel"), String.class);
    private static final Field<String> D_STATUS = field(name("notification_deliveries", "status"), String.class);

    private final DSLContext dsl;
    private final int batchSize;
    private final Runnable checkCancelled;

    /**
     * @param dsl the library's database
     * @param batchSize events per transaction
     * @param checkCancelled called between batches
     */
    public NotificationArchiver(DSLContext dsl, int batchSize, Runnable checkCancelled) {
        this.dsl = dsl;
        this.batchSize = batchSize;
        this.checkCancelled = checkCancelled;
    }

    /**
     * Archives every event created before {@code cutoff} whose deliveries are finished.
     *
     * @param now stamps {@code archived_at}
     * @return events moved
     */
    public long archive(Instant cutoff, Instant now) {
        long total = 0;
        while (true) {
            checkCancelled.run();
            int moved = dsl.transactionResult(cfg -> moveBatch(DSL.using(cfg), cutoff.toEpochMilli(), now.toEpochMilli()));
            total += moved;
            if (moved < batchSize) {
                return total;
            }
        }
    }

    private int moveBatch(DSLContext tx, long cutoff, long now) {
        List<Record> events = tx.select(EVENTS.fields()).from(EVENTS)
                .where(E_CREATED.lt(cutoff))
                .andNotExists(DSL.selectOne().from(DELIVERIES).where(D_ID.eq(E_ID)).and(D_STATUS.eq("PENDING")))
                .orderBy(E_CREATED).limit(batchSize).fetch();
        if (events.isEmpty()) {
            return 0;
        }
        List<String> ids = events.stream().map(r -> r.get("event_id", String.class)).toList();
        Map<String, StringBuilder> deliveries = new LinkedHashMap<>();
        for (Record d : tx.select(D_ID, D_CHANNEL, D_STATUS).from(DELIVERIES).where(D_ID.in(ids)).orderBy(D_ID, D_CHANNEL).fetch()) {
            StringBuilder sb = deliveries.computeIfAbsent(d.get(D_ID), k -> new StringBuilder());
            if (sb.length() > 0) {
                sb.append(';');
            }
            sb.append(d.get(D_CHANNEL)).append(':').append(d.get(D_STATUS));
        }
        var insert = tx.insertInto(NOTIFICATION_ARCHIVE, NOTIFICATION_ARCHIVE.EVENT_ID, NOTIFICATION_ARCHIVE.EVENT_KEY,
                NOTIFICATION_ARCHIVE.SEVERITY, NOTIFICATION_ARCHIVE.SUBJECT, NOTIFICATION_ARCHIVE.BODY, NOTIFICATION_ARCHIVE.SOURCE,
                NOTIFICATION_ARCHIVE.NODE_ID, NOTIFICATION_ARCHIVE.CREATED_AT, NOTIFICATION_ARCHIVE.DELIVERIES, NOTIFICATION_ARCHIVE.ARCHIVED_AT);
        for (Record e : events) {
            String id = e.get("event_id", String.class);
            StringBuilder d = deliveries.get(id);
            String deliveryText = d == null ? "" : d.length() > 4000 ? d.substring(0, 4000) : d.toString();
            insert = insert.values(id, e.get("event_key", String.class), e.get("severity", String.class), e.get("subject", String.class),
                    e.get("body", String.class), e.get("source", String.class), e.get("node_id", String.class),
                    e.get("created_at", Long.class), deliveryText, now);
        }
        insert.onConflictDoNothing().execute();
        tx.deleteFrom(DELIVERIES).where(D_ID.in(ids)).execute();
        tx.deleteFrom(EVENTS).where(E_ID.in(ids)).execute();
        return events.size();
    }
}
