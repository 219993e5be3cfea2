package io.tradingjobs.nse.indices;

import io.tradingjobs.nse.internal.BadDataException;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * Parses NSE's {@code ind_<name>list.csv}: header {@code Company Name,Industry,Symbol,Series,ISIN Code},
 * CRLF or LF, with or without a final newline or a BOM.
 */
final class IndexListParser {
    static final List<String> HEADER = List.of("Company Name", "Industry", "Symbol", "Series", "ISIN Code");

    private IndexListParser() {
    }

    /**
     * The constituents of {@code text}, in file order, one per symbol.
     *
     * @throws BadDataException naming {@code url} when the text is HTML, has another header, or a
     *     row lacks a field
     */
    static List<IndexConstituent> parse(String url, String contentType, String text) throws BadDataException {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        String start = body.stripLeading();
        if (contentType.contains("html") || start.startsWith("<")) {
            throw new BadDataException(url, "expected an index CSV but got HTML (" + (contentType.isEmpty() ? "no Content-Type" : contentType)
                    + "), perhaps an error or block page: " + describeHtml(start));
        }
        CSVFormat format = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).setTrim(true).get();
        Map<String, IndexConstituent> bySymbol = new LinkedHashMap<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(body), format)) {
            List<CSVRecord> records = parser.getRecords();
            if (records.isEmpty()) {
                throw new BadDataException(url, "the file is empty (expected the header " + String.join(",", HEADER) + " and rows)");
            }
            List<String> header = new ArrayList<>(records.get(0).toList());
            if (!header.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList()
                    .equals(HEADER.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList())) {
                throw new BadDataException(url, "the header is " + String.join(",", header) + ", expected " + String.join(",", HEADER)
                        + " (NSE changed the file format?)");
            }
            for (CSVRecord r : records.subList(1, records.size())) {
                if (r.size() != HEADER.size()) {
                    throw new BadDataException(url, "line " + r.getRecordNumber() + " has " + r.size() + " fields, expected "
                            + HEADER.size() + ": " + String.join(",", r.toList()));
                }
                String company = r.get(0);
                String symbol = r.get(2).toUpperCase(Locale.ROOT);
                String isin = r.get(4).toUpperCase(Locale.ROOT);
                if (symbol.isEmpty()) {
                    throw new BadDataException(url, "line " + r.getRecordNumber() + " has no symbol: " + String.join(",", r.toList()));
                }
                boolean placeholder = company.toLowerCase(Locale.ROOT).startsWith("dummy") || !isin.startsWith("INE");
                bySymbol.putIfAbsent(symbol, new IndexConstituent(company, industry(r.get(1)), symbol, r.get(3).toUpperCase(Locale.ROOT),
                        isin, placeholder));
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw new BadDataException(url, "is not readable CSV: " + e.getMessage(), e);
        }
        return List.copyOf(bySymbol.values());
    }

    /** NSE's own spelling ({@code Metals & Mining}, {@code Automobile and Auto Components}) when a file writes it in capitals. */
    static String industry(String raw) {
        String text = raw.trim().replaceAll("\\s+", " ");
        if (!text.equals(text.toUpperCase(Locale.ROOT))) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        for (String word : text.split(" ")) {
            if (out.length() > 0) {
                out.append(' ');
            }
            String lower = word.toLowerCase(Locale.ROOT);
            if (out.length() > 0 && (lower.equals("and") || lower.equals("of") || lower.equals("&"))) {
                out.append(lower);
            } else if (!lower.isEmpty()) {
                out.append(Character.toUpperCase(lower.charAt(0))).append(lower.substring(1));
            }
        }
        return out.toString();
    }

    /** The page's title and the start of its text, which usually say what went wrong. */
    private static String describeHtml(String html) {
        Document page = Jsoup.parse(html);
        String title = page.title().trim();
        String text = page.body() == null ? "" : page.body().text().trim();
        String both = title.isEmpty() || text.startsWith(title) ? text : text.isEmpty() ? title : "'" + title + "' " + text;
        return snippet(both.isEmpty() ? html : both);
    }

    private static String snippet(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() > 120 ? oneLine.substring(0, 120) + "..." : oneLine;
    }
}
