package io.tradingjobs.maintenance.backup;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Grandfather-father-son retention: which backups to keep, as a pure function of the backups'
 * times and "now" (read from the injected clock by the caller).
 *
 * <p>With {@code now} falling on day {@code D} (in {@link #zone()}), a backup is kept when it is
 * <ul>
 *   <li><b>daily</b>: the newest backup taken on one of the {@code daily} calendar days
 *       {@code D, D-1, ..., D-(daily-1)};</li>
 *   <li><b>weekly</b>: the newest backup taken in one of the {@code weekly} ISO weeks (Monday to
 *       Sunday) ending with the week that contains {@code D};</li>
 *   <li><b>monthly</b>: the newest backup taken in one of the {@code monthly} calendar months
 *       ending with {@code D}'s month;</li>
 *   <li><b>latest</b>: the newest backup of all, whatever its age, so a long outage never leaves
 *       no backup at all;</li>
 *   <li><b>future</b>: taken after {@code now} (a clock set back): never deleted.</li>
 * </ul>
 * One backup may be kept for several reasons (today's backup is normally daily, weekly, monthly and
 * latest at once). Every other backup is to be deleted. "Newest" orders by time, then by the
 * caller's tie-breaker order (the input order, later wins).
 *
 * @param daily days kept (0 for none)
 * @param weekly ISO weeks kept
 * @param monthly months kept
 * @param zone the zone days, weeks and months are counted in
 */
public record GfsRetention(int daily, int weekly, int monthly, ZoneId zone) {

    /** Why a backup is kept. */
    public enum Reason {
        /** Newest of one of the last days. */
        DAILY,
        /** Newest of one of the last ISO weeks. */
        WEEKLY,
        /** Newest of one of the last months. */
        MONTHLY,
        /** Newest of all. */
        LATEST,
        /** Taken after now. */
        FUTURE
    }

    /** Validates. */
    public GfsRetention {
        if (daily < 0 || weekly < 0 || monthly < 0) {
            throw new IllegalArgumentException("retention counts must not be negative: daily=" + daily + ", weekly=" + weekly
                    + ", monthly=" + monthly);
        }
        java.util.Objects.requireNonNull(zone, "zone");
    }

    /** The seed's policy: 7 daily, 4 weekly, 12 monthly, counted in UTC. */
    public static GfsRetention standard() {
        return new GfsRetention(7, 4, 12, ZoneId.of("UTC"));
    }

    /**
     * What to keep and what to delete.
     *
     * @param <T> the backup type
     * @param backups every backup of one source
     * @param time when each was taken
     * @param now the current instant
     * @return the decision; every input is either kept (with its reasons) or to be deleted
     */
    public <T> Plan<T> plan(Collection<T> backups, Function<T, Instant> time, Instant now) {
        List<T> newestFirst = new ArrayList<>(backups);
        List<T> indexed = new ArrayList<>(backups);
        newestFirst.sort(Comparator.comparing(time).thenComparing(indexed::indexOf).reversed());
        LocalDate today = LocalDate.ofInstant(now, zone);
        LocalDate firstDay = today.minusDays(daily - 1L);
        LocalDate thisMonday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate firstMonday = thisMonday.minusWeeks(weekly - 1L);
        YearMonth thisMonth = YearMonth.from(today);
        YearMonth firstMonth = thisMonth.minusMonths(monthly - 1L);

        Map<T, Set<Reason>> keep = new LinkedHashMap<>();
        Set<LocalDate> days = new java.util.HashSet<>();
        Set<LocalDate> weeks = new java.util.HashSet<>();
        Set<YearMonth> months = new java.util.HashSet<>();
        boolean first = true;
        for (T b : newestFirst) {
            Instant t = time.apply(b);
            Set<Reason> reasons = EnumSet.noneOf(Reason.class);
            if (t.isAfter(now)) {
                reasons.add(Reason.FUTURE);
            } else {
                if (first) {
                    reasons.add(Reason.LATEST);
                    first = false;
                }
                LocalDate day = LocalDate.ofInstant(t, zone);
                if (daily > 0 && !day.isBefore(firstDay) && days.add(day)) {
                    reasons.add(Reason.DAILY);
                }
                LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                if (weekly > 0 && !monday.isBefore(firstMonday) && weeks.add(monday)) {
                    reasons.add(Reason.WEEKLY);
                }
                YearMonth month = YearMonth.from(day);
                if (monthly > 0 && !month.isBefore(firstMonth) && months.add(month)) {
                    reasons.add(Reason.MONTHLY);
                }
            }
            if (!reasons.isEmpty()) {
                keep.put(b, reasons);
            }
        }
        List<T> delete = newestFirst.stream().filter(b -> !keep.containsKey(b)).toList();
        return new Plan<>(keep, delete);
    }

    /**
     * A retention decision.
     *
     * @param <T> the backup type
     * @param keep the backups to keep, newest first, with why
     * @param delete the backups to delete, newest first
     */
    public record Plan<T>(Map<T, Set<Reason>> keep, List<T> delete) {
        /** How many kept backups have {@code reason}. */
        public long count(Reason reason) {
            return keep.values().stream().filter(r -> r.contains(reason)).count();
        }
    }
}
