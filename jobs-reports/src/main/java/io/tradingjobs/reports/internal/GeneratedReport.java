package io.tradingjobs.reports.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A generated report: its HTML, which refers to its images as {@code cid:<part>} (the form an
 * e-mail needs; {@link ReportStore} rewrites them for the browser), and the PNG parts by name.
 *
 * @param id {@code <kind>-<periodStart>}, e.g. {@code daily-2026-02-06}
 * @param sections the sections the report has (inputs that were missing are left out)
 */
public record GeneratedReport(String id, String kind, LocalDate periodStart, LocalDate periodEnd, String title, String html,
                              Map<String, byte[]> parts, List<String> sections, Instant generatedAt) {

    /** The id of a report of {@code kind} for the period starting {@code start}. */
    public static String idOf(String kind, LocalDate start) {
        return kind + "-" + start;
    }
}
