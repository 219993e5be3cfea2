package io.tradingjobs.market.bvmt;

import java.util.Locale;

/** BVMT-format answers for tests. */
public final class BvmtFake {
    private BvmtFake() {
    }

    /** One {@code markets[]} item. */
    public static String item(String isin, String ticker, String name, double reference, double last, double change, long volume) {
        return String.format(Locale.ROOT, "{\"id\":1,\"isin\":\"%s\",\"close\":%.3f,\"open\":%.3f,\"last\":%.3f,\"change\":%.2f,"
                + "\"volume\":%d,\"trVolume\":%.3f,\"caps\":%d,\"high\":%.3f,\"low\":%.3f,\"time\":\"10:42:13\","
                + "\"referentiel\":{\"stockName\":\"%s\",\"ticker\":\"%s\",\"valGroup\":\"11\",\"isin\":\"%s\"},"
                + "\"limit\":{\"ask\":%.3f,\"bid\":%.3f,\"askQty\":100,\"bidQty\":250,\"askOrd\":1,\"bidOrd\":2}}",
                isin, reference, reference, last, change, volume, volume * last, 12, Math.max(reference, last), Math.min(reference, last),
                name, ticker, isin, last + 0.01, last - 0.01);
    }

    /** The whole board answer. */
    public static String board(String... items) {
        return "{\"markets\":[" + String.join(",", items) + "]}";
    }

    /** A {@code market/{isin}} answer for an index. */
    public static String index(String isin, double last, double change) {
        return String.format(Locale.ROOT, "{\"markets\":[{\"isin\":\"%s\",\"close\":%.2f,\"last\":%.2f,\"change\":%.2f}]}", isin,
                last / (1 + change / 100), last, change);
    }

    /** A typical board of six stocks over four sectors. */
    public static String typicalBoard() {
        return board(item("TN0001800457", "BIAT", "BANQUE INTERNATIONALE ARABE DE TUNISIE", 110.0, 112.2, 2.0, 3500),
                item("TN0002200053", "BT", "BANQUE DE TUNISIE", 5.4, 5.35, -0.93, 12000),
                item("TN0001100254", "SFBT", "SFBT", 12.5, 12.9, 3.2, 40000),
                item("TN0007400013", "TELNET", "TELNET HOLDING", 6.1, 5.8, -4.92, 2000),
                item("TN0003400058", "POULINA", "POULINA GROUP HOLDING", 13.0, 13.0, 0.0, 500),
                item("TN0006560015", "ATB", "ARAB TUNISIAN BANK", 3.0, 3.09, 3.0, 7000));
    }
}
