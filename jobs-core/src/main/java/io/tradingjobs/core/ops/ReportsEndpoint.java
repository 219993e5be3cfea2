package io.tradingjobs.core.ops;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the management server answers on {@code /api/reports}; the reports module binds one with
 * Guice ({@code bind(ReportsEndpoint.class).to(...)}). Without a binding those endpoints answer
 * 404 saying which module to add.
 *
 * <p>Values returned are serialized by Jackson (records, maps, lists, {@code java.time} values as
 * ISO-8601). Methods are called on the server's threads, concurrently. Experimental: may change
 * with the reports module.
 */
public interface ReportsEndpoint {

    /** {@code GET /api/reports?limit=}: the generated reports, newest first, at most {@code limit}. */
    List<?> list(int limit);

    /** {@code GET /api/reports/{id}}: the report's file to download; empty when there is no such report (404). */
    Optional<ReportFile> get(String id);

    /**
     * {@code POST /api/reports/generate}: starts generating a report on demand.
     *
     * @param request the request's JSON object (empty when no body was sent)
     * @return what to answer with 202, e.g. the run or report id
     * @throws IllegalArgumentException when the request is invalid (answered 400 with its message)
     */
    Object generate(Map<String, Object> request);

    /**
     * A report to download.
     *
     * @param fileName the name offered to the browser, e.g. {@code daily-2026-02-08.pdf}
     * @param contentType e.g. {@code application/pdf}
     * @param content the bytes
     */
    record ReportFile(String fileName, String contentType, byte[] content) {
        public ReportFile {
            Objects.requireNonNull(fileName, "fileName");
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(content, "content");
        }
    }
}
