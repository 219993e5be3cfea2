package io.tradingjobs.reports.weekly;

import static io.tradingjobs.reports.internal.Html.chart;
import static io.tradingjobs.reports.internal.Html.dir;
import static io.tradingjobs.reports.internal.Html.esc;
import static io.tradingjobs.reports.internal.Html.fraction;
import static io.tradingjobs.reports.internal.Html.kpi;
import static io.tradingjobs.reports.internal.Html.num;
import static io.tradingjobs.reports.internal.Html.pct;
import static io.tradingjobs.reports.internal.db.Tables.DAILY_PERFORMANCE;

import io.tradingjobs.core.calendar.TradingCalendar;
import io.tradingjobs.core.calendar.TradingCalendars;
import io.tradingjobs.core.config.Config;
import io.tradingjobs.reports.charts.Charts;
import io.tradingjobs.reports.internal.BvmtTables;
import io.tradingjobs.reports.internal.GeneratedReport;
import io.tradingjobs.reports.internal.Html;
import io.tradingjobs.reports.internal.ReportSettings;
import io.tradingjobs.reports.internal.SignalTables;
import io.tradingjobs.reports.metrics.PerformanceMetrics;
import io.tradingjobs.reports.internal.db.tables.records.DailyPerformanceRecord;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Builds the weekly report of the week (Monday to Sunday) containing a day: the index's week and
 * recent trend (chart), the week's best and worst stocks and breadth, the book's week from
 * {@code daily_performance} when the performance job runs, risk of the index over the last 60
 * closes (volatility, VaR, drawdown), the rule-based {@link Outlook}, and the week's notable
 * events (anomalies, and the next week's corporate calendar). Missing inputs shorten it.
 */
public final class WeeklyReportGenerator {
    /** The report kind. */
    public static final String KIND = "weekly";
    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("d MMM uuuu", Locale.ENGLISH);

    private final DSLContext dsl;
    private final Config config;
    private final Clock clock;

    @Inject
    public WeeklyReportGenerator(DSLContext dsl, Config config, Clock clock) {
        this.dsl = dsl;
        this.config = config;
        this.clock = clock;
    }

    /** Generates the report of the week containing {@code day}; does not store it. */
    public GeneratedReport generate(LocalDate day) {
        ReportSettings s = ReportSettings.read(config);
        ZoneId zone = s.marketZone();
        LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate sunday = monday.plusDays(6);
        long from = monday.atStartOfDay(zone).toInstant().toEpochMilli();
        long to = sunday.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
        TradingCalendar calendar = TradingCalendars.byCode(s.marketCalendar()).orElse(TradingCalendars.bvmt());

        NavigableMap<LocalDate, Double> closes = BvmtTables.dailyCloses(dsl, s.marketIndex(), sunday.minusDays(120), sunday, zone);
        List<BvmtTables.Mover> moves = BvmtTables.periodMoves(dsl, from, to);
        Map<String, List<BvmtTables.Mover>> movers = BvmtTables.split(moves, s.movers());
        List<BvmtTables.Sector> sectors = BvmtTables.sectors(dsl, from, to);
        Optional<List<SignalTables.Anomaly>> anomalies = SignalTables.anomalies(dsl, from, to, 10);
        LocalDate nextMonday = sunday.plusDays(1);
        Optional<List<SignalTables.CalendarEvent>> events = SignalTables.calendar(dsl, nextMonday, nextMonday.plusDays(4));
        List<DailyPerformanceRecord> book = dsl.selectFrom(DAILY_PERFORMANCE)
                .where(DAILY_PERFORMANCE.PERF_DATE.between(monday.toString(), sunday.toString())).orderBy(DAILY_PERFORMANCE.PERF_DATE).fetch();

        String title = "Weekly report — week of " + monday;
        Map<String, byte[]> parts = new LinkedHashMap<>();
        List<String> sections = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        StringBuilder h = new StringBuilder(16_384);
        h.append(Html.open(title));
        h.append("<div class=\"card head\"><h1>Weekly report</h1><p>").append(esc(SHORT.format(monday))).append(" – ")
                .append(esc(SHORT.format(sunday.minusDays(2)))).append(" · ").append(esc(calendar.code())).append("</p></div>");

        // Performance.
        NavigableMap<LocalDate, Double> week = closes.subMap(monday, true, sunday, true);
        Map.Entry<LocalDate, Double> before = closes.lowerEntry(monday);
        int up = (int) moves.stream().filter(m -> m.changePercent() > 0).count();
        int down = (int) moves.stream().filter(m -> m.changePercent() < 0).count();
        if (!week.isEmpty() || !moves.isEmpty()) {
            sections.add("performance");
            h.append("<div class=\"card\"><h2>Weekly performance</h2><div class=\"kpis\">");
            if (!week.isEmpty()) {
                double last = week.lastEntry().getValue();
                Double change = before == null ? null : (last / before.getValue() - 1) * 100;
                h.append(kpi(s.marketIndex(), num(last, 2), "")).append(kpi("Week", pct(change), dir(change)));
                double hi = week.values().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
                double lo = week.values().stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
                h.append(kpi("Week range", num(lo, 2) + " – " + num(hi, 2), ""));
            }
            if (!moves.isEmpty()) {
                h.append(kpi("Breadth", "<span class=\"up\">" + up + "▲</span> <span class=\"down\">" + down + "▼</span>", ""));
            }
            h.append("</div>");
            NavigableMap<LocalDate, Double> recent = closes.tailMap(sunday.minusWeeks(8), true);
            if (recent.size() >= 2) {
                parts.put("index-weeks", Charts.dailyLine(s.marketIndex() + ", last 8 weeks", recent, zone));
                h.append(chart("index-weeks", s.marketIndex() + " over the last 8 weeks"));
            }
            if (!movers.get("gainers").isEmpty() || !movers.get("losers").isEmpty()) {
                Map<String, Double> bars = new LinkedHashMap<>();
                movers.get("gainers").forEach(m -> bars.put(m.ticker(), m.changePercent()));
                List<BvmtTables.Mover> losers = movers.get("losers");
                for (int i = losers.size() - 1; i >= 0; i--) {
                    bars.put(losers.get(i).ticker(), losers.get(i).changePercent());
                }
                parts.put("week-movers", Charts.percentBars("Best and worst stocks of the week", bars));
                h.append(chart("week-movers", "Best and worst stocks of the week"));
            }
            if (!sectors.isEmpty()) {
                h.append("<p class=\"note\">Best sector: <b>").append(esc(sectors.get(0).name())).append("</b> (")
                        .append(pct(sectors.get(0).avgChangePercent())).append(") · weakest: <b>")
                        .append(esc(sectors.get(sectors.size() - 1).name())).append("</b> (")
                        .append(pct(sectors.get(sectors.size() - 1).avgChangePercent())).append("), at the week's last pulse.</p>");
            }
            h.append("</div>");
        } else {
            missing.add("market performance (no index values or market pulse stored for the week)");
        }

        if (!book.isEmpty()) {
            sections.add("book");
            BigDecimal pnl = BigDecimal.ZERO;
            int winning = 0;
            double growth = 1;
            for (DailyPerformanceRecord r : book) {
                BigDecimal d = new BigDecimal(r.getDayPnl());
                pnl = pnl.add(d);
                winning += d.signum() > 0 ? 1 : 0;
                growth *= 1 + (r.getDailyReturn() == null ? 0 : r.getDailyReturn());
            }
            BigDecimal equity = new BigDecimal(book.get(book.size() - 1).getEquity());
            h.append("<div class=\"card\"><h2>Portfolio</h2><div class=\"kpis\">")
                    .append(kpi("Week P&L", Html.money(pnl, true), pnl.signum() > 0 ? "up" : pnl.signum() < 0 ? "down" : ""))
                    .append(kpi("Week return", fraction(growth - 1), dir(growth - 1)))
                    .append(kpi("Equity", Html.money(equity, false), ""))
                    .append(kpi("Winning days", winning + " / " + book.size(), "")).append("</div></div>");
        }

        // Risk.
        double[] closeArray = closes.values().stream().mapToDouble(Double::doubleValue).toArray();
        double[] window = closeArray.length > 61 ? java.util.Arrays.copyOfRange(closeArray, closeArray.length - 61, closeArray.length) : closeArray;
        double[] returns = Outlook.returns(window);
        if (returns.length >= 2) {
            sections.add("risk");
            h.append("<div class=\"card\"><h2>Risk</h2><div class=\"kpis\">")
                    .append(kpi("Volatility (annual)", fraction(PerformanceMetrics.annualVolatility(returns, PerformanceMetrics.DAILY)), ""))
                    .append(kpi("VaR 95 % (1 day)", fraction(PerformanceMetrics.valueAtRisk(returns, 0.05)), "down"))
                    .append(kpi("Max drawdown", fraction(PerformanceMetrics.maxDrawdown(returns)), "down"))
                    .append("</div><p class=\"note\">").append(esc(s.marketIndex())).append(", last ").append(returns.length)
                    .append(" daily returns; historical VaR, drawdown from the window's start or later peak.</p></div>");
        } else {
            missing.add("risk (fewer than 3 daily closes of the index)");
        }

        // Outlook.
        double[] trendCloses = closeArray.length > 20 ? java.util.Arrays.copyOfRange(closeArray, closeArray.length - 20, closeArray.length) : closeArray;
        Outlook o = Outlook.of(trendCloses, up, down);
        sections.add("outlook");
        String cls = o.outlook().equals("constructive") ? "up" : o.outlook().equals("cautious") ? "down" : "";
        h.append("<div class=\"card\"><h2>Outlook</h2><div class=\"kpis\">").append(kpi("Outlook", esc(o.outlook()), cls))
                .append(kpi("Trend", esc(o.trend()), "")).append(kpi("Breadth", esc(o.breadth()), "")).append(kpi("Risk", esc(o.risk()), ""))
                .append("</div><ul class=\"rules\">");
        o.reasons().forEach(r -> h.append("<li>").append(esc(r)).append("</li>"));
        h.append("</ul><p class=\"note\">Rules: trend from the last close against the 5- and 20-day means; breadth from the share of "
                + "stocks up (≥ 60 % broad, ≤ 40 % weak); risk elevated when one-day VaR 95 % is below −2 % or the index is more than 10 % "
                + "off its peak. Constructive = up trend with broad breadth; cautious = down trend with weak breadth or elevated risk. "
                + "Not investment advice.</p></div>");

        // Notable events.
        boolean anyEvents = anomalies.map(a -> !a.isEmpty()).orElse(false) || events.map(e -> !e.isEmpty()).orElse(false);
        if (anomalies.isPresent() || events.isPresent()) {
            sections.add("events");
            h.append("<div class=\"card\"><h2>Notable events</h2>");
            if (!anyEvents) {
                h.append("<p class=\"muted\">No anomaly this week and nothing on next week's calendar.</p>");
            }
            anomalies.filter(a -> !a.isEmpty()).ifPresent(list -> {
                h.append("<table><tr><th>Day</th><th>Symbol</th><th>Anomaly</th><th>Severity</th></tr>");
                for (SignalTables.Anomaly a : list) {
                    String sev = a.severity() == null ? "" : a.severity().toLowerCase(Locale.ROOT);
                    h.append("<tr><td>").append(esc(a.at().atZone(zone).toLocalDate())).append("</td><td>").append(esc(a.symbol()))
                            .append("</td><td>").append(esc(a.type())).append(a.description() == null ? "" : " — " + esc(a.description()))
                            .append("</td><td><span class=\"badge ").append(esc(sev)).append("\">").append(esc(a.severity())).append("</span></td></tr>");
                }
                h.append("</table>");
            });
            events.filter(e -> !e.isEmpty()).ifPresent(list -> {
                h.append("<h2 style=\"margin-top:14px\">Next week</h2><table><tr><th>Date</th><th>Symbol</th><th>Event</th></tr>");
                for (SignalTables.CalendarEvent e : list) {
                    h.append("<tr><td>").append(esc(e.date())).append("</td><td>").append(esc(e.symbol())).append("</td><td>")
                            .append(esc(e.kind())).append(": ").append(esc(e.detail())).append("</td></tr>");
                }
                h.append("</table>");
            });
            h.append("</div>");
        } else {
            missing.add("events (neither jobs-alerts nor jobs-nse installed)");
        }
        if (!missing.isEmpty()) {
            h.append("<p class=\"note\">Not in this report: ").append(esc(String.join("; ", missing))).append(".</p>");
        }
        java.time.Instant now = clock.instant();
        h.append(Html.close("Generated by trading-jobs reports.weekly on " + now.atZone(zone).toLocalDate() + " "
                + DateTimeFormatter.ofPattern("HH:mm").format(now.atZone(zone)) + " " + zone.getId()));
        return new GeneratedReport(GeneratedReport.idOf(KIND, monday), KIND, monday, sunday, title, h.toString(), parts, sections, now);
    }
}
