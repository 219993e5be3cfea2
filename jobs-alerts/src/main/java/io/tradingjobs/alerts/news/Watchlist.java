package io.tradingjobs.alerts.news;

import io.tradingjobs.core.config.Config;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The symbols whose news is watched, from {@code alerts.watchlist}: comma-separated entries
 * {@code SYMBOL[:Company name[:Sector]]}, e.g. {@code RELIANCE:Reliance Industries:Energy,SFBT:SFBT:Agroalimentaire}.
 *
 * @param entries the watched symbols
 */
public record Watchlist(List<Entry> entries) {

    /**
     * One watched symbol.
     *
     * @param symbol the ticker, as used in queries and matched in text (whole word)
     * @param company the company's name, also matched (case and accents ignored); may equal the symbol
     * @param sector the sector, for the sector heatmap; {@code null} when not given
     */
    public record Entry(String symbol, String company, String sector) {
        Pattern pattern() {
            String alts = Pattern.quote(fold(symbol)) + (company.equals(symbol) ? "" : "|" + Pattern.quote(fold(company)));
            return Pattern.compile("(?<![\\p{L}\\p{N}])(" + alts + ")(?![\\p{L}\\p{N}])");
        }

        /** The NewsAPI query: {@code "Company name" OR SYMBOL}. */
        public String query() {
            return company.equals(symbol) ? symbol : "\"" + company + "\" OR " + symbol;
        }
    }

    /** Reads {@code alerts.watchlist}. */
    public static Watchlist from(Config config) {
        List<Entry> list = new ArrayList<>();
        for (String item : config.list("alerts.watchlist")) {
            String[] parts = item.split(":");
            String symbol = parts[0].trim();
            if (symbol.isEmpty()) {
                continue;
            }
            String company = parts.length > 1 && !parts[1].isBlank() ? parts[1].trim() : symbol;
            String sector = parts.length > 2 && !parts[2].isBlank() ? parts[2].trim() : null;
            list.add(new Entry(symbol, company, sector));
        }
        return new Watchlist(List.copyOf(list));
    }

    /** The watched symbols that {@code text} names (by symbol or company name), in watchlist order. */
    public List<Entry> matches(String text) {
        String folded = fold(text);
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries) {
            if (e.pattern().matcher(folded).find()) {
                out.add(e);
            }
        }
        return out;
    }

    /** The entry of {@code symbol}, or null. */
    public Entry entry(String symbol) {
        return entries.stream().filter(e -> e.symbol().equals(symbol)).findFirst().orElse(null);
    }

    static String fold(String s) {
        return Normalizer.normalize(s.toLowerCase(Locale.ROOT), Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    }
}
