package io.tradingjobs.nse.corporate;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A corporate action or announcement as one exchange reported it.
 *
 * @param exchange {@code NSE} or {@code BSE}
 * @param symbol the trading symbol (BSE's short name for BSE), upper case
 * @param isin the ISIN, or null when the source has none
 * @param company the company name, or null
 * @param text the parsed type and figures
 * @param exDate the ex-date, or null
 * @param recordDate the record date, or null
 * @param eventDate when it was announced (or the ex-date for actions), or null
 * @param subject the original text
 */
record CorporateEvent(String exchange, String symbol, String isin, String company, ActionText text, LocalDate exDate,
                      LocalDate recordDate, LocalDate eventDate, String subject) {

    /**
     * The exchange-independent identity: symbol, type, ex-date (else the announcement date) and
     * the normalised figures, so the same dividend seen on NSE and BSE, or on a re-run, is one row.
     * Events without figures that tell them apart (results, other) add a digest of their text.
     */
    String key() {
        StringBuilder key = new StringBuilder(symbol).append('|').append(text.type().label()).append('|');
        key.append(exDate != null ? "ex:" + exDate : eventDate != null ? "on:" + eventDate : "on:?");
        switch (text.type()) {
            case DIVIDEND -> key.append("|rs:").append(text.dividendPerShare() == null ? "?" : text.dividendPerShare().toPlainString());
            case SPLIT -> key.append("|fv:").append(plain(text.splitFrom())).append("->").append(plain(text.splitTo()));
            case BONUS, RIGHTS -> key.append("|ratio:").append(text.ratio() == null ? "?" : text.ratio());
            case BUYBACK -> { }
            case RESULTS -> { }
            case OTHER -> key.append('|').append(digest(subject));
        }
        return key.toString();
    }

    private static String plain(BigDecimal value) {
        return value == null ? "?" : value.toPlainString();
    }

    static String digest(String text) {
        String normalized = (text == null ? "" : text).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(normalized.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
