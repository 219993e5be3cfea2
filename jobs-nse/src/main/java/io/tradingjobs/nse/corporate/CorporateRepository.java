package io.tradingjobs.nse.corporate;

import static io.tradingjobs.nse.internal.db.Tables.CORPORATE_ANNOUNCEMENTS;
import static io.tradingjobs.nse.internal.db.Tables.EARNINGS_CALENDAR;
import static io.tradingjobs.nse.internal.db.Tables.NSE_SECTOR_INFO;

import io.tradingjobs.core.notify.Notification;
import io.tradingjobs.core.notify.Notifier;
import io.tradingjobs.nse.internal.db.tables.records.CorporateAnnouncementsRecord;
import io.tradingjobs.nse.internal.db.tables.records.EarningsCalendarRecord;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * {@code corporate_announcements} and {@code earnings_calendar}: one row per event, merging the
 * exchanges that reported it; new events of watched symbols raise an alert in the same transaction.
 */
final class CorporateRepository {
    private final DSLContext dsl;
    private final Notifier notifier;

    CorporateRepository(DSLContext dsl, Notifier notifier) {
        this.dsl = dsl;
        this.notifier = notifier;
    }

    /**
     * What a save did.
     *
     * @param newEvents events stored for the first time
     * @param knownEvents events already stored (possibly from the other exchange)
     * @param newMeetings earnings calendar entries stored for the first time
     * @param alerts alerts raised for watched symbols
     */
    record Saved(int newEvents, int knownEvents, int newMeetings, int alerts) {
    }

    Saved save(Collection<CorporateEvent> events, Collection<EarningsEvent> meetings, Set<String> watchlist, long nowMillis) {
        Map<String, List<CorporateEvent>> byKey = new LinkedHashMap<>();
        for (CorporateEvent e : events) {
            byKey.computeIfAbsent(e.key(), k -> new java.util.ArrayList<>()).add(e);
        }
        Map<String, List<EarningsEvent>> meetingsByKey = new LinkedHashMap<>();
        for (EarningsEvent m : meetings) {
            meetingsByKey.computeIfAbsent(m.symbol() + "|" + m.date(), k -> new java.util.ArrayList<>()).add(m);
        }
        return dsl.transactionResult(cfg -> {
            DSLContext tx = DSL.using(cfg);
            int created = 0;
            int known = 0;
            int alerts = 0;
            for (Map.Entry<String, List<CorporateEvent>> entry : byKey.entrySet()) {
                CorporateAnnouncementsRecord row = tx.selectFrom(CORPORATE_ANNOUNCEMENTS)
                        .where(CORPORATE_ANNOUNCEMENTS.EVENT_KEY.eq(entry.getKey())).fetchOne();
                boolean isNew = row == null;
                if (isNew) {
                    CorporateEvent first = entry.getValue().get(0);
                    row = tx.newRecord(CORPORATE_ANNOUNCEMENTS);
                    row.setEventKey(entry.getKey());
                    row.setSymbol(first.symbol());
                    row.setActionType(first.text().type().label());
                    row.setDividendPerShare(plain(first.text().dividendPerShare()));
                    row.setSplitFrom(plain(first.text().splitFrom()));
                    row.setSplitTo(plain(first.text().splitTo()));
                    row.setBonusRatio(first.text().type() == ActionType.BONUS ? first.text().ratio() : null);
                    row.setExDate(date(first.exDate()));
                    row.setEventDate(date(first.eventDate()));
                    row.setSubject(first.subject());
                    row.setFirstSeenAt(nowMillis);
                    row.setExchanges("");
                    created++;
                } else {
                    known++;
                }
                Set<String> exchanges = exchanges(row.getExchanges());
                for (CorporateEvent e : entry.getValue()) {
                    exchanges.add(e.exchange());
                    if (row.getIsin() == null) {
                        row.setIsin(e.isin());
                    }
                    if (row.getCompanyName() == null) {
                        row.setCompanyName(e.company());
                    }
                    if (row.getRecordDate() == null) {
                        row.setRecordDate(date(e.recordDate()));
                    }
                    if (e.exchange().equals("NSE") && !row.getSubject().contains(e.subject())) {
                        row.setSubject(e.subject()); // NSE's wording is the more regular one
                    }
                }
                if (row.getIsin() == null) {
                    row.setIsin(tx.select(NSE_SECTOR_INFO.ISIN).from(NSE_SECTOR_INFO).where(NSE_SECTOR_INFO.SYMBOL.eq(row.getSymbol()))
                            .fetchOne(NSE_SECTOR_INFO.ISIN));
                }
                row.setExchanges(String.join(",", exchanges));
                row.setUpdatedAt(nowMillis);
                row.store();
                if (isNew && watchlist.contains(row.getSymbol())) {
                    if (notifier.notify(tx, alert(row))) {
                        alerts++;
                    }
                }
            }
            int newMeetings = 0;
            for (List<EarningsEvent> same : meetingsByKey.values()) {
                EarningsEvent first = same.get(0);
                EarningsCalendarRecord row = tx.selectFrom(EARNINGS_CALENDAR).where(EARNINGS_CALENDAR.SYMBOL.eq(first.symbol())
                        .and(EARNINGS_CALENDAR.MEETING_DATE.eq(first.date().toString()))).fetchOne();
                if (row == null) {
                    row = tx.newRecord(EARNINGS_CALENDAR);
                    row.setSymbol(first.symbol());
                    row.setMeetingDate(first.date().toString());
                    row.setPurpose(truncate(first.purpose(), 2000));
                    row.setExchanges("");
                    newMeetings++;
                }
                Set<String> exchanges = exchanges(row.getExchanges());
                for (EarningsEvent m : same) {
                    exchanges.add(m.exchange());
                    if (m.exchange().equals("NSE")) {
                        row.setPurpose(truncate(m.purpose(), 2000));
                    }
                    if (row.getIsin() == null) {
                        row.setIsin(m.isin());
                    }
                    if (row.getCompanyName() == null) {
                        row.setCompanyName(m.company());
                    }
                }
                row.setExchanges(String.join(",", exchanges));
                row.setUpdatedAt(nowMillis);
                row.store();
            }
            return new Saved(created, known, newMeetings, alerts);
        });
    }

    private static Notification alert(CorporateAnnouncementsRecord row) {
        StringBuilder figures = new StringBuilder();
        if (row.getDividendPerShare() != null) {
            figures.append(", Rs ").append(row.getDividendPerShare()).append(" per share");
        }
        if (row.getSplitFrom() != null) {
            figures.append(", face value ").append(row.getSplitFrom()).append(" -> ").append(row.getSplitTo());
        }
        if (row.getBonusRatio() != null) {
            figures.append(", ratio ").append(row.getBonusRatio());
        }
        String subject = row.getSymbol() + ": " + row.getActionType() + figures
                + (row.getExDate() != null ? ", ex-date " + row.getExDate() : "");
        String body = row.getSubject() + "\nexchanges: " + row.getExchanges()
                + (row.getRecordDate() != null ? "\nrecord date: " + row.getRecordDate() : "");
        String key = "nse.corporate:" + row.getEventKey();
        if (key.length() > Notification.MAX_KEY_LENGTH) {
            key = "nse.corporate:" + row.getSymbol() + ":" + CorporateEvent.digest(row.getEventKey());
        }
        return Notification.of(key, Notification.Severity.INFO, subject, body);
    }

    private static Set<String> exchanges(String stored) {
        Set<String> set = new TreeSet<>();
        Arrays.stream(stored == null ? new String[0] : stored.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(set::add);
        return set;
    }

    private static String plain(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

    private static String date(LocalDate day) {
        return day == null ? null : day.toString();
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
