package io.tradingjobs.reports.internal;

import static io.tradingjobs.reports.internal.db.Tables.REPORTS;
import static io.tradingjobs.reports.internal.db.Tables.REPORT_PARTS;

import io.tradingjobs.reports.internal.db.tables.records.ReportsRecord;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The archive of generated reports ({@code reports}, {@code report_parts}). A report is stored
 * once per kind and period: generating it again replaces it.
 */
public final class ReportStore {
    private static final Pattern CID = Pattern.compile("src=\"cid:([A-Za-z0-9._-]+)\"");

    /** A stored report as the API lists it. */
    public record Entry(String id, String kind, String periodStart, String periodEnd, String title, Instant generatedAt,
                        List<String> sections, List<String> parts, String emailedTo, Instant emailedAt) {
    }

    private final DSLContext dsl;

    @Inject
    public ReportStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Stores (or replaces) the report and its parts in one transaction. */
    public void save(GeneratedReport r) {
        dsl.transaction(cfg -> {
            DSLContext tx = DSL.using(cfg);
            tx.deleteFrom(REPORT_PARTS).where(REPORT_PARTS.REPORT_ID.eq(r.id())).execute();
            tx.deleteFrom(REPORTS).where(REPORTS.REPORT_ID.eq(r.id())).execute();
            tx.insertInto(REPORTS).set(REPORTS.REPORT_ID, r.id()).set(REPORTS.KIND, r.kind())
                    .set(REPORTS.PERIOD_START, r.periodStart().toString()).set(REPORTS.PERIOD_END, r.periodEnd().toString())
                    .set(REPORTS.TITLE, r.title()).set(REPORTS.HTML, r.html()).set(REPORTS.SECTIONS, String.join(",", r.sections()))
                    .set(REPORTS.GENERATED_AT, r.generatedAt().toEpochMilli()).execute();
            for (Map.Entry<String, byte[]> p : r.parts().entrySet()) {
                tx.insertInto(REPORT_PARTS).set(REPORT_PARTS.REPORT_ID, r.id()).set(REPORT_PARTS.PART_NAME, p.getKey())
                        .set(REPORT_PARTS.CONTENT_TYPE, "image/png")
                        .set(REPORT_PARTS.CONTENT_BASE64, Base64.getEncoder().encodeToString(p.getValue())).execute();
            }
        });
    }

    /** Records that the report was e-mailed. */
    public void markEmailed(String id, List<String> to, Instant at) {
        dsl.update(REPORTS).set(REPORTS.EMAILED_TO, String.join(",", to)).set(REPORTS.EMAILED_AT, at.toEpochMilli())
                .where(REPORTS.REPORT_ID.eq(id)).execute();
    }

    /** The newest reports first, at most {@code limit}. */
    public List<Entry> list(int limit) {
        Map<String, List<String>> parts = new LinkedHashMap<>();
        List<ReportsRecord> rows = dsl.selectFrom(REPORTS).orderBy(REPORTS.GENERATED_AT.desc(), REPORTS.REPORT_ID).limit(limit).fetch();
        if (!rows.isEmpty()) {
            dsl.select(REPORT_PARTS.REPORT_ID, REPORT_PARTS.PART_NAME).from(REPORT_PARTS)
                    .where(REPORT_PARTS.REPORT_ID.in(rows.stream().map(ReportsRecord::getReportId).toList()))
                    .orderBy(REPORT_PARTS.REPORT_ID, REPORT_PARTS.PART_NAME)
                    .forEach(r -> parts.computeIfAbsent(r.value1(), k -> new ArrayList<>()).add(r.value2()));
        }
        List<Entry> out = new ArrayList<>();
        for (ReportsRecord r : rows) {
            out.add(new Entry(r.getReportId(), r.getKind(), r.getPeriodStart(), r.getPeriodEnd(), r.getTitle(),
                    Instant.ofEpochMilli(r.getGeneratedAt()), r.getSections().isEmpty() ? List.of() : List.of(r.getSections().split(",")),
                    parts.getOrDefault(r.getReportId(), List.of()), r.getEmailedTo(),
                    r.getEmailedAt() == null ? null : Instant.ofEpochMilli(r.getEmailedAt())));
        }
        return out;
    }

    /** The stored HTML as it was mailed (images as {@code cid:}). */
    public Optional<String> html(String id) {
        return dsl.select(REPORTS.HTML).from(REPORTS).where(REPORTS.REPORT_ID.eq(id)).fetchOptional(REPORTS.HTML);
    }

    /** The HTML for a browser or a saved file: images inlined as {@code data:} URIs, so it stands alone. */
    public Optional<String> browserHtml(String id) {
        return html(id).map(html -> {
            Map<String, String> parts = new LinkedHashMap<>();
            dsl.select(REPORT_PARTS.PART_NAME, REPORT_PARTS.CONTENT_BASE64).from(REPORT_PARTS).where(REPORT_PARTS.REPORT_ID.eq(id))
                    .forEach(r -> parts.put(r.value1(), r.value2()));
            return inline(html, parts);
        });
    }

    /** One PNG part. */
    public Optional<byte[]> part(String id, String name) {
        return dsl.select(REPORT_PARTS.CONTENT_BASE64).from(REPORT_PARTS)
                .where(REPORT_PARTS.REPORT_ID.eq(id)).and(REPORT_PARTS.PART_NAME.eq(name))
                .fetchOptional(REPORT_PARTS.CONTENT_BASE64).map(b -> Base64.getDecoder().decode(b));
    }

    /** Replaces {@code src="cid:x"} by the part's data URI. */
    public static String inline(String html, Map<String, String> base64ByPart) {
        Matcher m = CID.matcher(html);
        StringBuilder b = new StringBuilder(html.length() + base64ByPart.values().stream().mapToInt(String::length).sum());
        while (m.find()) {
            String data = base64ByPart.get(m.group(1));
            m.appendReplacement(b, Matcher.quoteReplacement(data == null ? m.group() : "src=\"data:image/png;base64," + data + "\""));
        }
        m.appendTail(b);
        return b.toString();
    }

    /** {@link #inline} from raw bytes. */
    public static String inlineBytes(String html, Map<String, byte[]> parts) {
        Map<String, String> b64 = new LinkedHashMap<>();
        parts.forEach((k, v) -> b64.put(k, Base64.getEncoder().encodeToString(v)));
        return inline(html, b64);
    }
}
