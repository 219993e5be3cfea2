package io.tradingjobs.reports.test;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jooq.DSLContext;

/**
 * A plausible BVMT market as jobs-market, jobs-alerts and jobs-nse would store it: TUNINDEX daily
 * closes for eight weeks and every 15 minutes on the report day, a market pulse of 20 stocks at
 * each day's close of the report's week, sectors and top movers, and (when asked) anomalies,
 * sentiment and the next session's corporate calendar. Deterministic.
 */
public final class BvmtFixture {
    public static final ZoneId TUNIS = ZoneId.of("Africa/Tunis");

    record Stock(String isin, String ticker, String name, String sector, double price) {
    }

    static final List<Stock> STOCKS = List.of(
            new Stock("TN0001100254", "SFBT", "Société Frigorifique et Brasserie de Tunis", "Food & beverage", 12.60),
            new Stock("TN0001800457", "BIAT", "Banque Internationale Arabe de Tunisie", "Banks", 98.50),
            new Stock("TN0005700018", "PGH", "Poulina Group Holding", "Industrials", 12.10),
            new Stock("TN0007670011", "DH", "Délice Holding", "Food & beverage", 16.45),
            new Stock("TN0007400013", "CC", "Carthage Cement", "Materials", 2.06),
            new Stock("TN0006560015", "SOTUV", "Sotuver", "Materials", 13.80),
            new Stock("TN0007440019", "TLNET", "Telnet Holding", "Technology", 5.95),
            new Stock("TN0007530017", "OTH", "One Tech Holding", "Technology", 9.70),
            new Stock("TN0001600154", "TJARI", "Attijari Bank", "Banks", 52.30),
            new Stock("TN0001900604", "BH", "BH Bank", "Banks", 11.95),
            new Stock("TN0003400058", "AB", "Amen Bank", "Banks", 38.20),
            new Stock("TN0007570013", "EUCY", "Euro-Cycles", "Automobile", 13.25),
            new Stock("TN0007610017", "SAH", "SAH Lilas", "Consumer goods", 10.40),
            new Stock("TN0007720014", "UMED", "Unimed", "Healthcare", 8.15),
            new Stock("TN0007410012", "NAKL", "Ennakl Automobiles", "Automobile", 12.90),
            new Stock("TN0007550015", "CITY", "City Cars", "Automobile", 12.30),
            new Stock("TN0001200401", "TAIR", "Tunisair", "Transport", 0.52),
            new Stock("TN0007630012", "SPDIT", "Sotipapier", "Materials", 4.95),
            new Stock("TN0007590018", "CELL", "Cellcom", "Technology", 2.14),
            new Stock("TN0007470016", "LNDOR", "Land'Or", "Food & beverage", 8.60));

    private BvmtFixture() {
    }

    /** Stores the market data, and the other modules' signals when {@code signals}. */
    public static void seed(DSLContext dsl, LocalDate day, boolean signals) {
        OtherModules.market(dsl);
        Random rnd = new Random(20260206L);
        // Daily closes for eight weeks of weekdays, ending the day before the report day.
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = day.minusWeeks(8); d.isBefore(day); d = d.plusDays(1)) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                days.add(d);
            }
        }
        double index = 10_180;
        for (LocalDate d : days) {
            index *= 1 + 0.0009 + rnd.nextGaussian() * 0.0042;
            indexValue(dsl, d.atTime(14, 10).atZone(TUNIS).toInstant().toEpochMilli(), index, null);
        }
        double prevClose = index;
        double v = prevClose;
        for (LocalTime t = LocalTime.of(9, 0); !t.isAfter(LocalTime.of(14, 10)); t = t.plusMinutes(10)) {
            v *= 1 + 0.00045 + rnd.nextGaussian() * 0.0007;
            indexValue(dsl, day.atTime(t).atZone(TUNIS).toInstant().toEpochMilli(), v, (v / prevClose - 1) * 100);
        }

        // A pulse at each day's close of the week, prices drifting stock by stock.
        Map<String, Double> price = new LinkedHashMap<>();
        STOCKS.forEach(s -> price.put(s.isin(), s.price()));
        LocalDate monday = day.with(DayOfWeek.MONDAY);
        long lastSnapshot = 0;
        List<double[]> lastChanges = new ArrayList<>();
        for (LocalDate d = monday; !d.isAfter(day); d = d.plusDays(1)) {
            long at = d.atTime(14, 15).atZone(TUNIS).toInstant().toEpochMilli();
            lastSnapshot = at;
            lastChanges.clear();
            for (int i = 0; i < STOCKS.size(); i++) {
                Stock s = STOCKS.get(i);
                double ref = price.get(s.isin());
                double drift = (i % 5 == 0 ? 0.004 : i % 7 == 0 ? -0.006 : 0.0008);
                double last = round3(ref * (1 + drift + rnd.nextGaussian() * 0.014));
                price.put(s.isin(), last);
                long volume = 2_000 + rnd.nextInt(120_000);
                double change = (last / ref - 1) * 100;
                lastChanges.add(new double[] {i, change, last});
                dsl.insertInto(table(name("pulse_snapshots")))
                        .set(field(name("snapshot_at")), at).set(field(name("isin")), s.isin()).set(field(name("ticker")), s.ticker())
                        .set(field(name("stock_name")), s.name()).set(field(name("val_group")), "11")
                        .set(field(name("reference_price")), ref).set(field(name("open_price")), ref)
                        .set(field(name("last_price")), last).set(field(name("high_price")), Math.max(ref, last))
                        .set(field(name("low_price")), Math.min(ref, last)).set(field(name("change_percent")), change)
                        .set(field(name("volume")), volume).set(field(name("traded_value")), volume * last)
                        .set(field(name("caps")), last * (4_000_000 + 1_000_000L * i)).set(field(name("trade_time")), "14:10:00")
                        .set(field(name("simulated")), 0).execute();
            }
        }
        // Sectors and movers of the last snapshot.
        Map<String, List<double[]>> bySector = new LinkedHashMap<>();
        for (double[] c : lastChanges) {
            bySector.computeIfAbsent(STOCKS.get((int) c[0]).sector(), k -> new ArrayList<>()).add(c);
        }
        for (Map.Entry<String, List<double[]>> e : bySector.entrySet()) {
            int up = (int) e.getValue().stream().filter(c -> c[1] > 0).count();
            int down = (int) e.getValue().stream().filter(c -> c[1] < 0).count();
            dsl.insertInto(table(name("sector_performance"))).set(field(name("snapshot_at")), lastSnapshot)
                    .set(field(name("sector")), e.getKey()).set(field(name("stocks")), e.getValue().size())
                    .set(field(name("advancers")), up).set(field(name("decliners")), down)
                    .set(field(name("avg_change_percent")), e.getValue().stream().mapToDouble(c -> c[1]).average().orElse(0))
                    .set(field(name("traded_value")), 50_000.0 + 180_000.0 * e.getValue().size()).execute();
        }
        List<double[]> sorted = new ArrayList<>(lastChanges);
        sorted.sort(Comparator.comparingDouble(c -> -c[1]));
        for (int r = 0; r < 5; r++) {
            mover(dsl, lastSnapshot, "UP", r + 1, sorted.get(r));
            mover(dsl, lastSnapshot, "DOWN", r + 1, sorted.get(sorted.size() - 1 - r));
        }

        if (signals) {
            OtherModules.alerts(dsl);
            OtherModules.nse(dsl);
            long t = day.atTime(10, 30).atZone(TUNIS).toInstant().toEpochMilli();
            anomaly(dsl, "a1", "TLNET", "VOLUME_SPIKE", "high", "Volume 4.2× the 20-day average", t);
            anomaly(dsl, "a2", "SOTUV", "PRICE_MOVE", "medium", "Up 5.8 % in 40 minutes", t + 3_600_000);
            anomaly(dsl, "a3", "TAIR", "PRICE_MOVE", "low", "Down 3.1 % on thin volume", t + 7_200_000);
            // Daily buckets per symbol, as alerts.sentiment writes them; one sector bucket that the report ignores.
            String[] syms = {"BIAT", "SFBT", "PGH", "TLNET", "TAIR", "DH", "CC", "OTH"};
            double[] scores = {0.62, 0.35, 0.18, 0.44, -0.51, 0.08, -0.22, 0.27};
            int[][] counts = {{3, 0, 1}, {2, 0, 1}, {1, 0, 1}, {2, 0, 0}, {0, 2, 1}, {1, 1, 1}, {0, 1, 1}, {1, 0, 0}};
            long bucket = day.atStartOfDay(TUNIS).toInstant().toEpochMilli();
            for (int i = 0; i < syms.length; i++) {
                sentiment(dsl, "symbol", syms[i], bucket, counts[i], scores[i]);
            }
            sentiment(dsl, "sector", "Banks", bucket, new int[] {9, 0, 0}, 0.9);
            LocalDate next = day.getDayOfWeek() == DayOfWeek.FRIDAY ? day.plusDays(3) : day.plusDays(1);
            earnings(dsl, "BIAT", "Banque Internationale Arabe de Tunisie", next, "Board meeting: annual results 2025 and dividend");
            earnings(dsl, "SAH", "SAH Lilas", next, "Financial results for the year");
            dsl.insertInto(table(name("corporate_announcements"))).set(field(name("event_key")), "DIV|SFBT|" + next)
                    .set(field(name("symbol")), "SFBT").set(field(name("company_name")), "SFBT").set(field(name("action_type")), "DIVIDEND")
                    .set(field(name("exchanges")), "BVMT").set(field(name("dividend_per_share")), "0.750")
                    .set(field(name("ex_date")), next.toString()).set(field(name("subject")), "Dividend TND 0.750 per share")
                    .set(field(name("first_seen_at")), t).set(field(name("updated_at")), t).execute();
        }
    }

    private static void indexValue(DSLContext dsl, long ts, double value, Double pct) {
        dsl.insertInto(table(name("index_values"))).set(field(name("index_key")), "TUNINDEX").set(field(name("ts")), ts)
                .set(field(name("index_value")), Math.round(value * 100) / 100.0).set(field(name("change_percent")), pct)
                .set(field(name("source")), "bvmt").execute();
    }

    private static void mover(DSLContext dsl, long at, String direction, int rank, double[] c) {
        Stock s = STOCKS.get((int) c[0]);
        dsl.insertInto(table(name("top_movers"))).set(field(name("snapshot_at")), at).set(field(name("direction")), direction)
                .set(field(name("rank_no")), rank).set(field(name("isin")), s.isin()).set(field(name("ticker")), s.ticker())
                .set(field(name("last_price")), c[2]).set(field(name("change_percent")), c[1]).execute();
    }

    private static void anomaly(DSLContext dsl, String id, String symbol, String type, String severity, String what, long at) {
        dsl.insertInto(table(name("alert_anomalies"))).set(field(name("anomaly_id")), id).set(field(name("symbol")), symbol)
                .set(field(name("anomaly_type")), type).set(field(name("severity")), severity).set(field(name("message")), what)
                .set(field(name("observed_at")), at).set(field(name("detected_at")), at).execute();
    }

    private static void sentiment(DSLContext dsl, String scope, String subject, long bucket, int[] posNegNeutral, double score) {
        dsl.insertInto(table(name("sentiment_history"))).set(field(name("scope")), scope).set(field(name("subject")), subject)
                .set(field(name("bucket_start")), bucket).set(field(name("articles")), posNegNeutral[0] + posNegNeutral[1] + posNegNeutral[2])
                .set(field(name("positive")), posNegNeutral[0]).set(field(name("negative")), posNegNeutral[1])
                .set(field(name("neutral")), posNegNeutral[2]).set(field(name("avg_score")), score).set(field(name("computed_at")), bucket)
                .execute();
    }

    private static void earnings(DSLContext dsl, String symbol, String company, LocalDate date, String purpose) {
        dsl.insertInto(table(name("earnings_calendar"))).set(field(name("symbol")), symbol).set(field(name("meeting_date")), date.toString())
                .set(field(name("purpose")), purpose).set(field(name("company_name")), company).set(field(name("exchanges")), "BVMT")
                .set(field(name("updated_at")), 0L).execute();
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
