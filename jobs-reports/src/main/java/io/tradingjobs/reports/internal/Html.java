package io.tradingjobs.reports.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Small HTML helpers for the reports: escaping, number formats and the shared inline CSS. */
public final class Html {
    private Html() {
    }

    /** The report's style, inlined in {@code <style>} (mail clients that drop it still get a readable page). */
    public static final String CSS = """
            body{margin:0;background:#f3f5f8;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:#1f2633;font-size:14px;line-height:1.45}
            .page{max-width:760px;margin:0 auto;padding:24px 16px}
            .card{background:#fff;border:1px solid #e1e6ee;border-radius:10px;padding:18px 20px;margin:0 0 16px}
            .head{background:#12355b;color:#fff;border:0}
            .head h1{margin:0 0 4px;font-size:22px}
            .head p{margin:0;color:#c9d6e6}
            h2{font-size:16px;margin:0 0 12px;color:#12355b}
            .kpis{display:flex;flex-wrap:wrap;gap:10px}
            .kpi{flex:1 1 130px;background:#f7f9fc;border:1px solid #e6ebf2;border-radius:8px;padding:10px 12px}
            .kpi .l{font-size:12px;color:#5b6678;text-transform:uppercase;letter-spacing:.03em}
            .kpi .v{font-size:19px;font-weight:600;margin-top:2px}
            .up{color:#168a4a}.down{color:#c93737}.muted{color:#6b7585}
            table{width:100%;border-collapse:collapse;font-size:13px}
            th{text-align:left;font-weight:600;color:#5b6678;border-bottom:2px solid #e1e6ee;padding:6px 8px}
            td{border-bottom:1px solid #eef1f5;padding:6px 8px;vertical-align:top}
            td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
            img.chart{width:100%;max-width:680px;height:auto;display:block;margin:4px 0 10px}
            .two{display:flex;flex-wrap:wrap;gap:16px}.two>div{flex:1 1 300px}
            .badge{display:inline-block;padding:1px 7px;border-radius:9px;font-size:11px;font-weight:600;background:#eef1f5;color:#39424f}
            .badge.high,.badge.critical{background:#fde8e8;color:#a12a2a}.badge.medium,.badge.warning{background:#fff3dc;color:#8a5a00}
            .badge.low,.badge.info{background:#e6f0fb;color:#1f4f8a}
            .note{font-size:12px;color:#6b7585;margin:8px 0 0}
            .foot{font-size:12px;color:#7a8494;text-align:center;margin:18px 0 0}
            ul.rules{margin:6px 0 0;padding-left:18px}ul.rules li{margin:2px 0}
            """;

    /** Escapes text for HTML content and attribute values. */
    public static String esc(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** {@code 1,234,567.89} with {@code decimals} digits; an em dash for null or NaN. */
    public static String num(Double v, int decimals) {
        if (v == null || v.isNaN()) {
            return "—";
        }
        if (v.isInfinite()) {
            return v > 0 ? "∞" : "−∞";
        }
        DecimalFormat f = new DecimalFormat(decimals == 0 ? "#,##0" : "#,##0." + "0".repeat(decimals), DecimalFormatSymbols.getInstance(Locale.ROOT));
        return f.format(v).replace('-', '−');
    }

    /** Exact money with two decimals and a sign when asked; an em dash for null. */
    public static String money(BigDecimal v, boolean signed) {
        if (v == null) {
            return "—";
        }
        DecimalFormat f = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
        f.setRoundingMode(RoundingMode.HALF_EVEN);
        String s = f.format(v);
        return (signed && v.signum() > 0 ? "+" : "") + s.replace('-', '−');
    }

    /** A large amount in compact form: 1.23 M, 456.7 k. */
    public static String compact(Double v) {
        if (v == null || v.isNaN()) {
            return "—";
        }
        double a = Math.abs(v);
        if (a >= 1e9) {
            return num(v / 1e9, 2) + " bn";
        }
        if (a >= 1e6) {
            return num(v / 1e6, 2) + " M";
        }
        if (a >= 1e4) {
            return num(v / 1e3, 1) + " k";
        }
        return num(v, 0);
    }

    /** A percentage with a sign, from a percent value (1.5 → {@code +1.50 %}). */
    public static String pct(Double percent) {
        if (percent == null || percent.isNaN()) {
            return "—";
        }
        return (percent > 0 ? "+" : "") + num(percent, 2) + " %";
    }

    /** A percentage with a sign, from a fraction (0.015 → {@code +1.50 %}). */
    public static String fraction(Double f) {
        return f == null || f.isNaN() ? "—" : f.isInfinite() ? num(f, 0) : pct(f * 100);
    }

    /** {@code up}, {@code down} or empty, for colouring a change. */
    public static String dir(Double v) {
        return v == null || v.isNaN() || v == 0 ? "" : v > 0 ? "up" : "down";
    }

    /** A key figure tile. */
    public static String kpi(String label, String value, String cls) {
        return "<div class=\"kpi\"><div class=\"l\">" + esc(label) + "</div><div class=\"v " + esc(cls) + "\">" + value + "</div></div>";
    }

    /** An inline chart image, referred to by content id. */
    public static String chart(String part, String alt) {
        return "<img class=\"chart\" src=\"cid:" + esc(part) + "\" alt=\"" + esc(alt) + "\" width=\"680\">";
    }

    /** Opens the page. */
    public static String open(String title) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                + "<title>" + esc(title) + "</title><style>" + CSS + "</style></head><body><div class=\"page\">";
    }

    /** Closes the page with a footer. */
    public static String close(String footer) {
        return "<p class=\"foot\">" + esc(footer) + "</p></div></body></html>";
    }
}
