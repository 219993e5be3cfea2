package io.tradingjobs.examples.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The outside world of the demo, on a loopback port: the NSE and BSE pages and APIs, NewsAPI and a
 * French market news feed, in their real formats, with content dated around the clock's today; and
 * the BVMT platform's own services that its jobs service calls (stock refresh, anomaly batch,
 * sentiment scrape), which acknowledge each call and count it. The
 * job modules read it through their ordinary clients (cookies, rate limits, parsers), so the demo and
 * the example tests exercise the same code as production, without leaving the machine.
 *
 * <p>Index lists are NSE's own files for NIFTY 50 and NIFTY NEXT 50; the other indices are made of
 * those names.
 */
public final class SimulatedWorld implements AutoCloseable {
    private static final ZoneId IST = ZoneId.of("Asia/Kolkata");
    private static final DateTimeFormatter NSE_DAY = DateTimeFormatter.ofPattern("dd-MMM-yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter BSE_DAY = DateTimeFormatter.ofPattern("dd MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter NSE_TIME = DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss", Locale.ENGLISH);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;
    private final Clock clock;
    private final List<String[]> nifty50;
    private final List<String[]> next50;
    private final Map<String, AtomicInteger> servicePosts = new ConcurrentHashMap<>();

    private SimulatedWorld(Clock clock) throws IOException {
        this.clock = clock;
        this.nifty50 = readIndexList("ind_nifty50list.csv");
        this.next50 = readIndexList("ind_niftynext50list.csv");
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "simulated-world");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::route);
        server.start();
    }

    /** Starts the server on a free loopback port. */
    public static SimulatedWorld start(Clock clock) {
        try {
            return new SimulatedWorld(clock);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the simulated outside world on a loopback port", e);
        }
    }

    /** The server's base URL, {@code http://127.0.0.1:<port>}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The settings that point every outside source of the job modules at this server. */
    public Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("nse.base-url", baseUrl());
        s.put("nse.archives-url", baseUrl());
        s.put("nse.archives-fallback-url", baseUrl());
        s.put("bse.base-url", baseUrl());
        s.put("nse.rate-limit", "100/s");
        s.put("bse.rate-limit", "100/s");
        s.put("news.newsapi.base-url", baseUrl());
        s.put("news.newsapi.key", "simulated-newsapi-key");
        s.put("news.rss.feeds", baseUrl() + "/rss/bourse-de-tunis.xml");
        s.put("services.stock.url", baseUrl());
        s.put("services.anomaly.url", baseUrl());
        s.put("services.sentiment.url", baseUrl());
        return s;
    }

    /** How many POSTs the BVMT platform's service at {@code path} (e.g. {@code /api/stocks/refresh}) has received. */
    public int servicePosts(String path) {
        AtomicInteger n = servicePosts.get(path);
        return n == null ? 0 : n.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void route(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (exchange.getRequestMethod().equals("POST") && List.of("/api/stocks/refresh", "/api/anomalies/batch", "/api/sentiment/scrape")
                    .contains(path)) {
                exchange.getRequestBody().readAllBytes();
                servicePosts.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
                send(exchange, "application/json", () -> "{\"status\":\"accepted\"}");
            } else if (path.equals("/")) {
                exchange.getResponseHeaders().add("Set-Cookie", "nsit=simulated-session; Path=/; HttpOnly");
                send(exchange, "text/html", () -> "<html><title>NSE - National Stock Exchange of India Ltd (simulated)</title></html>");
            } else if (path.startsWith("/content/indices/ind_") && path.endsWith("list.csv")) {
                String name = path.substring("/content/indices/ind_".length(), path.length() - "list.csv".length());
                send(exchange, "text/csv", () -> indexList(name));
            } else {
                Supplier<Object> body = switch (path) {
                    case "/api/corporates-corporateActions" -> this::nseActions;
                    case "/api/corporate-announcements" -> this::nseAnnouncements;
                    case "/api/corporate-board-meetings" -> this::nseBoardMeetings;
                    case "/api/holiday-master" -> this::nseHolidays;
                    case "/BseIndiaAPI/api/AnnGetData/w" -> this::bseAnnouncements;
                    case "/BseIndiaAPI/api/DefaultData/w" -> this::bseActions;
                    case "/BseIndiaAPI/api/Corpforthresults/w" -> this::bseResults;
                    case "/v2/everything" -> this::newsApi;
                    case "/rss/bourse-de-tunis.xml" -> this::rss;
                    default -> null;
                };
                if (body == null) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                String type = path.endsWith(".xml") ? "application/rss+xml" : "application/json";
                Object value = body.get();
                send(exchange, type, () -> value instanceof String text ? text : write(value));
            }
        } catch (RuntimeException e) {
            exchange.sendResponseHeaders(500, -1);
        }
    }

    private static void send(HttpExchange exchange, String type, Supplier<String> body) throws IOException {
        byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type + "; charset=utf-8");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static String write(Object node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(IST));
    }

    // Index lists: columns Company Name, Industry, Symbol, Series, ISIN Code.

    private static List<String[]> readIndexList(String file) throws IOException {
        try (InputStream in = SimulatedWorld.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IOException("resource " + file + " is missing from the demo jar");
            }
            List<String[]> rows = new ArrayList<>();
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\r?\n");
            for (int i = 1; i < lines.length; i++) {
                if (!lines[i].isBlank()) {
                    rows.add(lines[i].split(","));
                }
            }
            return rows;
        }
    }

    private String indexList(String name) {
        List<String[]> rows = switch (name) {
            case "nifty50" -> nifty50;
            case "niftynext50", "niftymidcap150", "niftysmallcap250" -> next50;
            case "niftybank" -> industry("Financial Services");
            case "niftyit" -> industry("Information Technology");
            default -> concat(nifty50, next50); // NIFTY 100, 200, 500
        };
        StringBuilder csv = new StringBuilder("Company Name,Industry,Symbol,Series,ISIN Code\n");
        rows.forEach(r -> csv.append(String.join(",", r)).append('\n'));
        return csv.toString();
    }

    private List<String[]> industry(String industry) {
        return concat(nifty50, next50).stream().filter(r -> r[1].equals(industry)).toList();
    }

    private static List<String[]> concat(List<String[]> a, List<String[]> b) {
        List<String[]> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    // NSE and BSE corporate data: a few events on NIFTY names, dated around today.

    private ArrayNode nseActions() {
        ArrayNode items = JSON.createArrayNode();
        String[][] actions = {{"Interim Dividend - Rs 10 Per Share", "3"}, {"Bonus 1:1", "6"}, {"Face Value Split (Sub-Division) - From Rs 10/- Per Share To Rs 2/- Per Share", "9"}};
        for (int i = 0; i < actions.length; i++) {
            String[] company = nifty50.get(i * 7);
            String ex = NSE_DAY.format(today().plusDays(Long.parseLong(actions[i][1])));
            items.addObject().put("symbol", company[2]).put("series", "EQ").put("subject", actions[i][0]).put("exDate", ex)
                    .put("recDate", ex).put("comp", company[0]).put("isin", company[4]).put("faceVal", "10");
        }
        return items;
    }

    private ArrayNode nseAnnouncements() {
        ArrayNode items = JSON.createArrayNode();
        for (int i = 0; i < 3; i++) {
            String[] company = nifty50.get(3 + i * 5);
            String at = NSE_TIME.format(ZonedDateTime.now(clock.withZone(IST)).minusHours(2L + i * 20L));
            items.addObject().put("symbol", company[2]).put("desc", i == 0 ? "Outcome of Board Meeting" : "Updates").put("an_dt", at)
                    .put("sm_name", company[0]).put("sm_isin", company[4])
                    .put("attchmntText", company[0] + " has informed the Exchange about a simulated corporate update.");
        }
        return items;
    }

    private ArrayNode nseBoardMeetings() {
        ArrayNode items = JSON.createArrayNode();
        for (int i = 0; i < 4; i++) {
            String[] company = nifty50.get(1 + i * 9);
            String day = NSE_DAY.format(today().plusDays(4L + i * 3L));
            items.addObject().put("bm_symbol", company[2]).put("bm_date", day).put("sm_name", company[0]).put("sm_isin", company[4])
                    .put("bm_desc", "Board Meeting Intimation")
                    .put("bm_purpose", company[0] + " has informed the Exchange about Board Meeting to be held on " + day
                            + " to consider and approve the Quarterly Unaudited Financial Results.");
        }
        return items;
    }

    private ObjectNode nseHolidays() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode cm = root.putArray("CM");
        String[][] holidays = {{"26-Jan-2026", "Republic Day"}, {"02-Oct-2026", "Mahatma Gandhi Jayanti"}, {"25-Dec-2026", "Christmas"}};
        for (int i = 0; i < holidays.length; i++) {
            LocalDate day = LocalDate.parse(holidays[i][0], NSE_DAY);
            cm.addObject().put("tradingDate", holidays[i][0]).put("weekDay", day.getDayOfWeek().getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH))
                    .put("description", holidays[i][1]).put("Sr_no", i + 1);
        }
        return root;
    }

    private ObjectNode bseAnnouncements() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode table = root.putArray("Table");
        String[] company = next50.get(2);
        String at = ZonedDateTime.now(clock.withZone(IST)).minusHours(5).toLocalDateTime().withNano(0).toString();
        table.addObject().put("NEWSID", "simulated-" + today()).put("SCRIP_CD", 500000 + 1).put("NEWS_DT", at).put("DT_TM", at)
                .put("NEWSSUB", company[0] + " - Investor Presentation").put("HEADLINE", "Investor presentation for the quarter (simulated).")
                .put("CATEGORYNAME", "Company Update").put("SLONGNAME", company[0])
                .put("NSURL", "https://www.bseindia.com/stock-share-price/x/" + company[2].toLowerCase(Locale.ROOT) + "/500001/");
        root.putArray("Table1").addObject().put("ROWCNT", 1);
        return root;
    }

    private ArrayNode bseActions() {
        ArrayNode items = JSON.createArrayNode();
        String[] company = nifty50.get(7); // the same company and dividend as NSE's first action: one event, two exchanges
        LocalDate ex = today().plusDays(3);
        items.addObject().put("scrip_code", 500002).put("short_name", company[2]).put("long_name", company[0])
                .put("Ex_date", BSE_DAY.format(ex)).put("RD_Date", BSE_DAY.format(ex)).put("Purpose", "Interim Dividend - Rs. - 10.0000")
                .put("exdate", ex.toString().replace("-", ""));
        return items;
    }

    private ArrayNode bseResults() {
        ArrayNode items = JSON.createArrayNode();
        String[] company = next50.get(5);
        items.addObject().put("scrip_Code", "500003").put("short_name", company[2]).put("Long_Name", company[0])
                .put("meeting_date", BSE_DAY.format(today().plusDays(8)));
        return items;
    }

    // News: NewsAPI's /v2/everything for the Indian watchlist, an RSS feed in French for BVMT names.

    private ObjectNode newsApi() {
        ObjectNode root = JSON.createObjectNode().put("status", "ok");
        ArrayNode articles = root.putArray("articles");
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(ZoneOffset.UTC)).withNano(0);
        String[][] news = {
                {"Reliance Industries shares rise after strong quarterly profit growth", "Reliance Industries beat estimates with record profit."},
                {"Infosys wins large deal, shares gain", "Infosys signed a multi-year contract, lifting its outlook."},
                {"HDFC Bank shares fall as regulator opens probe into loan book", "HDFC Bank slumped after the probe was announced."},
                {"Tata Consultancy Services holds guidance steady", "TCS kept its revenue guidance unchanged for the year."}};
        for (int i = 0; i < news.length; i++) {
            articles.addObject().<ObjectNode>set("source", JSON.createObjectNode().putNull("id").put("name", "Simulated Wire"))
                    .put("title", news[i][0]).put("description", news[i][1])
                    .put("url", baseUrl() + "/news/" + today() + "/" + i).put("publishedAt", now.minusMinutes(20L + 45L * i).toInstant().toString());
        }
        root.put("totalResults", articles.size());
        return root;
    }

    private String rss() {
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(ZoneId.of("Africa/Tunis"))).withNano(0);
        String[][] items = {
                {"SFBT : le bénéfice net bondit de 12% au premier semestre", "La SFBT annonce une forte croissance de ses résultats."},
                {"BIAT : hausse du produit net bancaire", "La BIAT publie des indicateurs en progression."},
                {"Poulina Group Holding : le titre chute après l'annonce de pertes", "Effondrement du cours de Poulina Group Holding."}};
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>"
                + "<title>Bourse de Tunis - Actualités (simulées)</title><link>" + baseUrl() + "/</link><language>fr-FR</language>\n");
        for (int i = 0; i < items.length; i++) {
            xml.append("<item><title>").append(items[i][0].replace("'", "&apos;")).append("</title><link>").append(baseUrl())
                    .append("/actualites/").append(today()).append('/').append(i).append("</link><description>").append(items[i][1])
                    .append("</description><pubDate>").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(now.minusMinutes(30L + 60L * i)))
                    .append("</pubDate></item>\n");
        }
        return xml.append("</channel></rss>\n").toString();
    }
}
