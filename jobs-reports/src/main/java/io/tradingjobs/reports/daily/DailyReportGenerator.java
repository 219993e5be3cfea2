package io.tradingjobs.reports.daily;

import static io.tradingjobs.reports.internal.Html.chart;
import static io.tradingjobs.reports.internal.Html.compact;
import static io.tradingjobs.reports.internal.Html.dir;
import static io.tradingjobs.reports.internal.Html.esc;
import static io.tradingjobs.reports.internal.Html.kpi;
import static io.tradingjobs.reports.internal.Html.num;
import static io.tradingjobs.reports.internal.Html.pct;

import io.tradingjobs.core.calendar.TradingCalendar;
import io.tradingjobs.core.calendar.TradingCalendars;
import io.tradingjobs.core.config.Config;
import io.tradingjobs.reports.charts.Charts;
import io.tradingjobs.reports.internal.BvmtTables;
import io.tradingjobs.reports.internal.GeneratedReport;
import io.tradingjobs.reports.internal.Html;
import io.tradingjobs.reports.internal.ReportSettings;
import io.tradingjobs.reports.internal.SignalTables;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Builds the daily market report of one day from what the other modules stored: market summary
 * (volume, traded value, capitalisation, breadth, index change, top movers), sector breakdown,
 * anomalies, sentiment and the next trading day's corporate calendar, with three charts (index
 * through the day, sectors, movers). A section whose input is missing is left out and named in a
 * note; the report never fails for a missing input.
 */
public final class DailyReportGenerator {
    /** The report kind. */
    public static final String KIND = "daily";
    private static final DateTimeFormatter LONG = DateTimeFormatter.ofPattern("EEEE d MMMM uuuu", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    private final DSLContext dsl;
    private final Config config;
    private final Clock clock;

    @Inject
    public DailyReportGenerator(DSLContext dsl, Config config, Clock clock) {
        this.dsl = dsl;
        this.config = config;
        this.clock = clock;
    }

    /** Generates the report of {@code day} (in {@code reports.market.timezone}); does not store it. */
    public GeneratedReport generate(LocalDate day) {
        ReportSettings s = ReportSettings.read(config);
        ZoneId zone = s.marketZone();
        long from = day.atStartOfDay(zone).toInstant().toEpochMilli();
        long to = day.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();

        Optional<BvmtTables.Summary> summary = BvmtTables.summary(dsl, from, to);
        Optional<BvmtTables.IndexDay> index = BvmtTables.index(dsl, s.marketIndex(), from, to);
        List<BvmtTables.Sector> sectors = BvmtTables.sectors(dsl, from, to);
        Map<String, List<BvmtTables.Mover>> movers = BvmtTables.movers(dsl, from, to, s.movers());
        Optional<List<SignalTables.Anomaly>> anomalies = SignalTables.anomalies(dsl, from, to, 15);
        Optional<SignalTables.Sentiment> sentiment = SignalTables.sentiment(dsl, from, to);
        TradingCalendar calendar = TradingCalendars.byCode(s.marketCalendar()).orElse(TradingCalendars.bvmt());
        LocalDate next = calendar.nextTradingDay(day);
        Optional<List<SignalTables.CalendarEvent>> events = SignalTables.calendar(dsl, next, next);

        String title = "Daily market report — " + day;
        Map<String, byte[]> parts = new LinkedHashMap<>();
        List<String> sections = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        StringBuilder h = new StringBuilder(16_384);
        h.append(Html.open(title));
        h.append("<div class=\"card head\"><h1>Daily market report</h1><p>").append(esc(LONG.format(day))).append(" · ")
                .append(esc(calendar.code())).append(calendar.isTradingDay(day) ? "" : " · not a trading day").append("</p></div>");

        // Market summary.
        if (summary.isPresent() || index.isPresent()) {
            sections.add("market");
            h.append("<div class=\"card\"><h2>Market summary</h2><div class=\"kpis\">");
            index.ifPresent(ix -> h.append(kpi(ix.key(), num(ix.last(), 2), ""))
                    .append(kpi("Change", pct(ix.changePercent()) + (ix.change() == null ? "" : " <span class=\"muted\" style=\"font-size:13px\">("
                            + (ix.change() > 0 ? "+" : "") + num(ix.change(), 2) + ")</span>"), dir(ix.changePercent()))));
            summary.ifPresent(m -> h.append(kpi("Volume", compact((double) m.volume()), ""))
                    .append(kpi("Traded value", compact(m.tradedValue()) + " <span class=\"muted\" style=\"font-size:12px\">TND</span>", ""))
                    .append(kpi("Capitalisation", compact(m.capitalisation()) + " <span class=\"muted\" style=\"font-size:12px\">TND</span>", ""))
                    .append(kpi("Breadth", "<span class=\"up\">" + m.advancers() + "▲</span> <span class=\"down\">" + m.decliners()
                            + "▼</span> <span class=\"muted\">" + m.unchanged() + "=</span>", "")));
            h.append("</div>");
            if (index.isPresent() && index.get().points().size() >= 2) {
                BvmtTables.IndexDay ix = index.get();
                parts.put("index-intraday", Charts.intradayLine(ix.key() + " through the day", ix.points(), ix.previousClose(), zone));
                h.append(chart("index-intraday", ix.key() + " through the day"));
            }
            summary.ifPresent(m -> h.append("<p class=\"note\">").append(m.stocks()).append(" stocks at the last market pulse, ")
                    .append(esc(TIME.format(m.snapshotAt().atZone(zone)))).append(' ').append(esc(zone.getId())).append(".</p>"));
            h.append("</div>");
        } else {
            missing.add("market summary (no market pulse or index values stored for the day)");
        }

        // Top movers.
        List<BvmtTables.Mover> gainers = movers.get("gainers");
        List<BvmtTables.Mover> losers = movers.get("losers");
        if (!gainers.isEmpty() || !losers.isEmpty()) {
            sections.add("movers");
            Map<String, Double> bars = new LinkedHashMap<>();
            gainers.forEach(m -> bars.put(label(m), m.changePercent()));
            for (int i = losers.size() - 1; i >= 0; i--) {
                bars.put(label(losers.get(i)), losers.get(i).changePercent());
            }
            parts.put("movers", Charts.percentBars("Gainers and losers, % change", bars));
            h.append("<div class=\"card\"><h2>Top movers</h2>").append(chart("movers", "Top gainers and losers"))
                    .append("<div class=\"two\"><div>").append(moverTable("Gainers", gainers)).append("</div><div>")
                    .append(moverTable("Losers", losers)).append("</div></div></div>");
        } else {
            missing.add("top movers");
        }

        // Sectors.
        if (!sectors.isEmpty()) {
            sections.add("sectors");
            Map<String, Double> bars = new LinkedHashMap<>();
            sectors.forEach(x -> bars.put(x.name(), x.avgChangePercent()));
            parts.put("sectors", Charts.percentBars("Average change by sector, %", bars));
            h.append("<div class=\"card\"><h2>Sector breakdown</h2>").append(chart("sectors", "Average change by sector"))
                    .append("<table><tr><th>Sector</th><th class=\"n\">Stocks</th><th class=\"n\">Up / down</th><th class=\"n\">Avg change</th>"
                            + "<th class=\"n\">Traded value</th></tr>");
            for (BvmtTables.Sector x : sectors) {
                h.append("<tr><td>").append(esc(x.name())).append("</td><td class=\"n\">").append(x.stocks())
                        .append("</td><td class=\"n\"><span class=\"up\">").append(x.advancers()).append("</span> / <span class=\"down\">")
                        .append(x.decliners()).append("</span></td><td class=\"n ").append(dir(x.avgChangePercent())).append("\">")
                        .append(pct(x.avgChangePercent())).append("</td><td class=\"n\">").append(compact(x.tradedValue())).append("</td></tr>");
            }
            h.append("</table></div>");
        } else {
            missing.add("sector breakdown");
        }

        // Anomalies.
        if (anomalies.isPresent()) {
            sections.add("anomalies");
            h.append("<div class=\"card\"><h2>Anomalies detected</h2>");
            if (anomalies.get().isEmpty()) {
                h.append("<p class=\"muted\">No anomaly detected today.</p>");
            } else {
                h.append("<table><tr><th>Time</th><th>Symbol</th><th>Type</th><th>Severity</th><th>What</th></tr>");
                for (SignalTables.Anomaly a : anomalies.get()) {
                    String sev = a.severity() == null ? "" : a.severity().toLowerCase(Locale.ROOT);
                    h.append("<tr><td>").append(esc(TIME.format(a.at().atZone(zone)))).append("</td><td>").append(esc(a.symbol()))
                            .append("</td><td>").append(esc(a.type())).append("</td><td><span class=\"badge ").append(esc(sev)).append("\">")
                            .append(esc(a.severity())).append("</span></td><td>").append(esc(a.description())).append("</td></tr>");
                }
                h.append("</table>");
            }
            h.append("</div>");
        } else {
            missing.add("anomalies (jobs-alerts not installed)");
        }

        // Sentiment.
        if (sentiment.isPresent()) {
            sections.add("sentiment");
            SignalTables.Sentiment se = sentiment.get();
            h.append("<div class=\"card\"><h2>Sentiment</h2>");
            if (se.readings() == 0) {
                h.append("<p class=\"muted\">No sentiment reading today.</p>");
            } else {
                String mood = se.averageScore() > 0.05 ? "positive" : se.averageScore() < -0.05 ? "negative" : "neutral";
                h.append("<div class=\"kpis\">").append(kpi("Overall", esc(mood), mood.equals("positive") ? "up" : mood.equals("negative") ? "down" : ""))
                        .append(kpi("Average score", num(se.averageScore(), 2), dir(se.averageScore())))
                        .append(kpi("Readings", se.readings() + "", ""))
                        .append(kpi("Positive / negative", "<span class=\"up\">" + se.positive() + "</span> / <span class=\"down\">"
                                + se.negative() + "</span>", "")).append("</div>");
                if (!se.mostPositive().isEmpty() || !se.mostNegative().isEmpty()) {
                    h.append("<p class=\"note\">Most positive: ").append(esc(names(se.mostPositive()))).append(" · most negative: ")
                            .append(esc(names(se.mostNegative()))).append("</p>");
                }
            }
            h.append("</div>");
        } else {
            missing.add("sentiment (no news module installed)");
        }

        // Tomorrow's calendar.
        if (events.isPresent()) {
            sections.add("calendar");
            h.append("<div class=\"card\"><h2>Next session's calendar — ").append(esc(LONG.format(next))).append("</h2>");
            if (events.get().isEmpty()) {
                h.append("<p class=\"muted\">No earnings or corporate action scheduled.</p>");
            } else {
                h.append("<table><tr><th>Symbol</th><th>Event</th><th>Details</th></tr>");
                for (SignalTables.CalendarEvent e : events.get()) {
                    h.append("<tr><td><b>").append(esc(e.symbol())).append("</b>").append(e.company() == null ? "" : "<br><span class=\"muted\">"
                            + esc(e.company()) + "</span>").append("</td><td>").append(esc(e.kind())).append("</td><td>")
                            .append(esc(e.detail())).append("</td></tr>");
                }
                h.append("</table>");
            }
            h.append("</div>");
        } else {
            missing.add("calendar events (jobs-nse not installed)");
        }

        if (!missing.isEmpty()) {
            h.append("<p class=\"note\">Not in this report: ").append(esc(String.join("; ", missing))).append(".</p>");
        }
        java.time.Instant now = clock.instant();
        h.append(Html.close("Generated by trading-jobs reports.daily at " + TIME.format(now.atZone(zone)) + " " + zone.getId()
                + " on " + now.atZone(zone).toLocalDate()));
        return new GeneratedReport(GeneratedReport.idOf(KIND, day), KIND, day, day, title, h.toString(), parts, sections, now);
    }

    private static String label(BvmtTables.Mover m) {
        return m.ticker() == null ? "?" : m.ticker();
    }

    private static String names(List<Map.Entry<String, Double>> list) {
        return list.isEmpty() ? "—" : String.join(", ", list.stream().map(e -> e.getKey() + " (" + num(e.getValue(), 2) + ")").toList());
    }

    private static String moverTable(String title, List<BvmtTables.Mover> list) {
        StringBuilder b = new StringBuilder("<table><tr><th>").append(esc(title)).append("</th><th class=\"n\">Last</th><th class=\"n\">Change</th></tr>");
        if (list.isEmpty()) {
            b.append("<tr><td colspan=\"3\" class=\"muted\">none</td></tr>");
        }
        for (BvmtTables.Mover m : list) {
            b.append("<tr><td><b>").append(esc(m.ticker())).append("</b>").append(m.name() == null ? "" : "<br><span class=\"muted\">"
                    + esc(m.name()) + "</span>").append("</td><td class=\"n\">").append(num(m.lastPrice(), 3)).append("</td><td class=\"n ")
                    .append(dir(m.changePercent())).append("\">").append(pct(m.changePercent())).append("</td></tr>");
        }
        return b.append("</table>").toString();
    }
}
