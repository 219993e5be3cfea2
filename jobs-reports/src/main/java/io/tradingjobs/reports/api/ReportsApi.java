package io.tradingjobs.reports.api;

import io.tradingjobs.core.config.Config;
import io.tradingjobs.core.ops.ReportsEndpoint;
import io.tradingjobs.reports.daily.DailyReportGenerator;
import io.tradingjobs.reports.internal.GeneratedReport;
import io.tradingjobs.reports.internal.ReportDelivery;
import io.tradingjobs.reports.internal.ReportSettings;
import io.tradingjobs.reports.internal.ReportStore;
import io.tradingjobs.reports.performance.PerformanceJob;
import io.tradingjobs.reports.weekly.WeeklyReportGenerator;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reports API of the management server:
 * <ul>
 *   <li>{@code GET /api/reports}: the archived reports, newest first, each with its sections, its
 *       PNG parts and the address of its HTML;</li>
 *   <li>{@code GET /api/reports/{id}} (e.g. {@code daily-2026-02-06}, or with {@code .html}): the
 *       report as one self-contained HTML file (charts as {@code data:} images);
 *       {@code GET /api/reports/{id}.{part}.png} (e.g. {@code daily-2026-02-06.sectors.png}) one
 *       chart;</li>
 *   <li>{@code POST /api/reports/generate} with {@code {"kind":"daily|weekly|performance" ({@code type} works too),
 *       "date":"2026-02-06", "email":false}}: generates it now, on the request's thread, archives it
 *       (e-mails it only when {@code email} is true) and answers its id. {@code date} defaults to
 *       today in the market's zone.</li>
 * </ul>
 * No PDF: the report is HTML, which a browser prints to PDF.
 */
public final class ReportsApi implements ReportsEndpoint {
    private static final Pattern PART = Pattern.compile("([a-z]+-\\d{4}-\\d{2}-\\d{2})\\.([a-z0-9-]+)\\.png");
    private static final Pattern REPORT = Pattern.compile("([a-z]+-\\d{4}-\\d{2}-\\d{2})(\\.html)?");

    private final ReportStore store;
    private final Provider<DailyReportGenerator> daily;
    private final Provider<WeeklyReportGenerator> weekly;
    private final Provider<PerformanceJob> performance;
    private final ReportDelivery delivery;
    private final Config config;
    private final Clock clock;

    @Inject
    public ReportsApi(ReportStore store, Provider<DailyReportGenerator> daily, Provider<WeeklyReportGenerator> weekly,
                      Provider<PerformanceJob> performance, ReportDelivery delivery, Config config, Clock clock) {
        this.store = store;
        this.daily = daily;
        this.weekly = weekly;
        this.performance = performance;
        this.delivery = delivery;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public List<?> list(int limit) {
        return store.list(limit).stream().map(e -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", e.id());
            m.put("kind", e.kind());
            m.put("period_start", e.periodStart());
            m.put("period_end", e.periodEnd());
            m.put("title", e.title());
            m.put("generated_at", e.generatedAt());
            m.put("sections", e.sections());
            m.put("url", "api/reports/" + e.id());
            m.put("parts", e.parts().stream().map(p -> "api/reports/" + e.id() + "." + p + ".png").toList());
            m.put("emailed_to", e.emailedTo() == null ? List.of() : List.of(e.emailedTo().split(",")));
            m.put("emailed_at", e.emailedAt());
            return m;
        }).toList();
    }

    @Override
    public Optional<ReportFile> get(String id) {
        Matcher part = PART.matcher(id);
        if (part.matches()) {
            return store.part(part.group(1), part.group(2)).map(b -> new ReportFile(id, "image/png", b));
        }
        Matcher report = REPORT.matcher(id);
        if (report.matches()) {
            return store.browserHtml(report.group(1)).map(html -> new ReportFile(report.group(1) + ".html", "text/html; charset=utf-8",
                    html.getBytes(StandardCharsets.UTF_8)));
        }
        return Optional.empty();
    }

    @Override
    public Object generate(Map<String, Object> request) {
        ReportSettings s = ReportSettings.read(config);
        Object k = request.containsKey("kind") ? request.get("kind") : request.getOrDefault("type", "daily");
        String kind = String.valueOf(k).trim().toLowerCase(Locale.ROOT);
        LocalDate date;
        Object d = request.get("date");
        try {
            date = d == null || d.toString().isBlank() ? LocalDate.now(clock.withZone(s.marketZone())) : LocalDate.parse(d.toString().trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("date '" + d + "' is not a date; write it as 2026-02-06");
        }
        boolean email = Boolean.parseBoolean(String.valueOf(request.getOrDefault("email", "false")));
        Map<String, Object> out = new LinkedHashMap<>();
        try {
            switch (kind) {
                case "daily", "weekly" -> {
                    GeneratedReport r = kind.equals("daily") ? daily.get().generate(date) : weekly.get().generate(date);
                    List<String> to = delivery.deliver(r, email, s.recipients());
                    out.put("id", r.id());
                    out.put("kind", r.kind());
                    out.put("period_start", r.periodStart().toString());
                    out.put("period_end", r.periodEnd().toString());
                    out.put("sections", r.sections());
                    out.put("url", "api/reports/" + r.id());
                    out.put("emailed_to", to);
                }
                case "performance" -> {
                    out.put("kind", kind);
                    out.put("date", date.toString());
                    out.put("summary", performance.get().compute(date, s).orElse("no trades up to " + date + "; nothing written"));
                }
                default -> throw new IllegalArgumentException("kind '" + kind + "' is not known; use daily, weekly or performance");
            }
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("could not generate the " + kind + " report of " + date + ": " + e.getMessage(), e);
        }
        return out;
    }
}
