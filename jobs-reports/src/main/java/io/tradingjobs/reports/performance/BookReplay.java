package io.tradingjobs.reports.performance;

import io.tradingjobs.reports.trades.Trade;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Replays trades day by day into P&L, exactly: positions are FIFO lots per strategy and symbol,
 * realised P&L is the price difference of the matched quantity, open lots are marked to market at
 * the day's stored close (the latest close on or before the day; the last fill's price when no
 * close is stored since that fill). Fees count in full on the day they are paid.
 *
 * <p>A <b>closed trade</b> is a fill that reduces a position; its P&L is the realised difference on
 * the matched quantity less that fill's own fees (opening fees are in the day's P&L, not in the
 * win/loss of a closed trade).
 */
final class BookReplay {

    /** Totals of one strategy (or the whole book) at the end of a day. */
    record DayTotals(BigDecimal realized, BigDecimal unrealized, BigDecimal fees, int fills, List<BigDecimal> closed) {
        BigDecimal total() {
            return realized.add(unrealized).subtract(fees);
        }
    }

    /** Everything known at the end of each day: per strategy, cumulative totals; plus the day's fills and closed trades. */
    record Day(LocalDate date, Map<String, DayTotals> byStrategy) {
    }

    private static final class Lot {
        BigDecimal qty; // signed: + long, - short
        final BigDecimal price;

        Lot(BigDecimal qty, BigDecimal price) {
            this.qty = qty;
            this.price = price;
        }
    }

    private static final class Book {
        final Map<String, Deque<Lot>> lots = new HashMap<>();
        BigDecimal realized = BigDecimal.ZERO;
        BigDecimal fees = BigDecimal.ZERO;
    }

    private BookReplay() {
    }

    /**
     * Replays {@code trades} (oldest first) through {@code through}.
     *
     * @param closes stored day closes per symbol
     * @return one entry per day from the first trade's day to {@code through} on which something
     *     happened or a held symbol has a close, with cumulative totals per strategy
     */
    static List<Day> replay(List<Trade> trades, Map<String, NavigableMap<LocalDate, Double>> closes, LocalDate through, ZoneId zone) {
        List<Day> out = new ArrayList<>();
        if (trades.isEmpty()) {
            return out;
        }
        NavigableMap<LocalDate, List<Trade>> byDay = new TreeMap<>();
        for (Trade t : trades) {
            LocalDate d = t.time().atZone(zone).toLocalDate();
            if (!d.isAfter(through)) {
                byDay.computeIfAbsent(d, k -> new ArrayList<>()).add(t);
            }
        }
        if (byDay.isEmpty()) {
            return out;
        }
        LocalDate first = byDay.firstKey();
        NavigableSet<LocalDate> days = new TreeSet<>(byDay.keySet());
        for (NavigableMap<LocalDate, Double> c : closes.values()) {
            days.addAll(c.subMap(first, true, through, true).keySet());
        }
        days.add(through);

        Map<String, Book> books = new TreeMap<>();
        Map<String, BigDecimal> lastPrice = new HashMap<>();
        Map<String, LocalDate> lastTraded = new HashMap<>();
        for (LocalDate day : days) {
            Map<String, Integer> fills = new HashMap<>();
            Map<String, List<BigDecimal>> closed = new HashMap<>();
            for (Trade t : byDay.getOrDefault(day, List.of())) {
                Book b = books.computeIfAbsent(t.strategy(), k -> new Book());
                fills.merge(t.strategy(), 1, Integer::sum);
                lastPrice.put(t.symbol(), t.price());
                lastTraded.put(t.symbol(), day);
                b.fees = b.fees.add(t.fees());
                BigDecimal matched = apply(b.lots.computeIfAbsent(t.symbol(), k -> new ArrayDeque<>()), t);
                if (matched != null) {
                    b.realized = b.realized.add(matched);
                    closed.computeIfAbsent(t.strategy(), k -> new ArrayList<>()).add(matched.subtract(t.fees()));
                }
            }
            Map<String, DayTotals> totals = new TreeMap<>();
            for (Map.Entry<String, Book> e : books.entrySet()) {
                BigDecimal unrealized = BigDecimal.ZERO;
                for (Map.Entry<String, Deque<Lot>> s : e.getValue().lots.entrySet()) {
                    if (s.getValue().isEmpty()) {
                        continue;
                    }
                    BigDecimal mark = mark(closes.get(s.getKey()), day, lastPrice.get(s.getKey()), lastTraded.get(s.getKey()));
                    for (Lot lot : s.getValue()) {
                        unrealized = unrealized.add(mark.subtract(lot.price).multiply(lot.qty));
                    }
                }
                totals.put(e.getKey(), new DayTotals(e.getValue().realized, unrealized, e.getValue().fees,
                        fills.getOrDefault(e.getKey(), 0), List.copyOf(closed.getOrDefault(e.getKey(), List.of()))));
            }
            out.add(new Day(day, totals));
        }
        return out;
    }

    /** Applies a fill to the symbol's lots; returns the realised P&L when it closed something, else null. */
    private static BigDecimal apply(Deque<Lot> lots, Trade t) {
        BigDecimal remaining = t.quantity();
        BigDecimal realized = null;
        int sign = t.sign();
        while (remaining.signum() > 0 && !lots.isEmpty() && lots.peekFirst().qty.signum() == -sign) {
            Lot lot = lots.peekFirst();
            BigDecimal open = lot.qty.abs();
            BigDecimal take = open.min(remaining);
            // long closed by a sell: (exit - entry) * q; short covered by a buy: (entry - exit) * q
            BigDecimal pnl = t.price().subtract(lot.price).multiply(take).multiply(BigDecimal.valueOf(-sign));
            realized = realized == null ? pnl : realized.add(pnl);
            remaining = remaining.subtract(take);
            if (take.compareTo(open) == 0) {
                lots.pollFirst();
            } else {
                lot.qty = lot.qty.add(take.multiply(BigDecimal.valueOf(sign)));
            }
        }
        if (remaining.signum() > 0) {
            lots.addLast(new Lot(remaining.multiply(BigDecimal.valueOf(sign)), t.price()));
        }
        return realized;
    }

    private static BigDecimal mark(NavigableMap<LocalDate, Double> closes, LocalDate day, BigDecimal lastTrade, LocalDate tradedOn) {
        if (closes != null) {
            Map.Entry<LocalDate, Double> e = closes.floorEntry(day);
            // A close older than the last fill is staler than the fill's price.
            if (e != null && e.getValue() != null && !e.getValue().isNaN() && !e.getKey().isBefore(tradedOn)) {
                return BigDecimal.valueOf(e.getValue());
            }
        }
        return lastTrade;
    }
}
