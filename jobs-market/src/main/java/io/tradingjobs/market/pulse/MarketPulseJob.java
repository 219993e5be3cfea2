package io.tradingjobs.market.pulse;

import io.tradingjobs.core.config.Config;
import io.tradingjobs.core.http.Http;
import io.tradingjobs.core.jobs.ServiceCallJob;
import io.tradingjobs.core.spi.Job;
import io.tradingjobs.core.spi.JobContext;
import io.tradingjobs.market.internal.MarketStore;
import io.tradingjobs.market.internal.MarketStore.MoverRow;
import io.tradingjobs.market.internal.MarketStore.SectorRow;
import io.tradingjobs.market.internal.MarketSources;
import io.tradingjobs.market.source.Board;
import io.tradingjobs.market.source.BoardQuote;
import io.tradingjobs.market.source.MarketDataSource;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code market.pulse} (the BVMT seed's Market Pulse): fetches the whole board with TUNINDEX and
 * TUNINDEX20 from {@code market.pulse.source} ({@code bvmt} or {@code simulated}), computes the
 * sector performance and the top {@code market.pulse.top-movers} gainers and losers, and stores
 * them as one snapshot (one transaction, keyed by the minute). With {@code market.pulse.refresh=true}
 * it then POSTs to {@code STOCK_SERVICE_URL} ({@code services.stock.url}) + {@code /api/stocks/refresh},
 * as the seed does; the snapshot is stored before, and a failed call fails the run.
 */
public final class MarketPulseJob implements Job {
    private final MarketSources sources;
    private final MarketStore store;
    private final Config config;
    private final Clock clock;
    private final Http http;

    /** Injected. */
    @Inject
    public MarketPulseJob(MarketSources sources, MarketStore store, Config config, Clock clock, Http http) {
        this.sources = sources;
        this.store = store;
        this.config = config;
        this.clock = clock;
        this.http = http;
    }

    @Override
    public void run(JobContext ctx) throws Exception {
        MarketDataSource source = sources.byName(config.string("market.pulse.source", "bvmt"));
        ctx.progress(0, 3);
        Board board = source.board();
        ctx.progress(1, 3);
        Instant at = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        List<SectorRow> sectors = sectors(board.quotes());
        List<MoverRow> movers = movers(board.quotes(), config.integer("market.pulse.top-movers", 5));
        store.storePulse(board, at, sectors, movers, source.name());
        List<String[]> instruments = new ArrayList<>();
        for (BoardQuote q : board.quotes()) {
            instruments.add(new String[] {q.isin(), q.ticker(), q.name(), q.isin(), q.sector()});
        }
        store.upsertInstruments(instruments, source.name(), "BVMT", clock.instant());
        ctx.progress(2, 3);
        StringBuilder summary = new StringBuilder();
        summary.append(board.simulated() ? "SIMULATED " : "").append("BVMT pulse at ").append(at).append(": ")
                .append(board.quotes().size()).append(" stocks, ").append(sectors.size()).append(" sectors");
        board.indices().forEach(i -> summary.append(", ").append(i.indexKey()).append(' ').append(i.value()));
        movers.stream().filter(m -> m.rank() == 1).forEach(m -> summary.append(", top ").append(m.direction().toLowerCase())
                .append(' ').append(m.ticker()).append(String.format(" %+.2f%%", m.changePercent())));
        if (config.bool("market.pulse.refresh", false)) {
            // The seed's POST STOCK_SERVICE_URL/api/stocks/refresh; a failed call (or no URL) fails the run.
            summary.append("; ").append(ServiceCallJob.post(http, config, "services.stock.url",
                    config.string("market.pulse.refresh-path", "/api/stocks/refresh"), Map.of()));
        }
        ctx.progress(3, 3);
        ctx.summary(summary.toString());
    }

    /** Sector figures over the stocks that traded (have a last price). */
    static List<SectorRow> sectors(List<BoardQuote> quotes) {
        Map<String, List<BoardQuote>> bySector = new TreeMap<>();
        for (BoardQuote q : quotes) {
            if (q.last() != null && q.last() > 0) {
                bySector.computeIfAbsent(q.sector(), s -> new ArrayList<>()).add(q);
            }
        }
        List<SectorRow> out = new ArrayList<>();
        bySector.forEach((sector, list) -> out.add(new SectorRow(sector, list.size(),
                (int) list.stream().filter(q -> q.changePercent() > 0).count(),
                (int) list.stream().filter(q -> q.changePercent() < 0).count(),
                Math.round(list.stream().mapToDouble(BoardQuote::changePercent).average().orElse(0) * 100) / 100.0,
                list.stream().mapToDouble(BoardQuote::tradedValue).sum())));
        return out;
    }

    /** The top {@code n} gainers (change above 0) and losers (below 0) among the stocks that traded. */
    static List<MoverRow> movers(List<BoardQuote> quotes, int n) {
        List<BoardQuote> traded = quotes.stream().filter(q -> q.last() != null && q.last() > 0).toList();
        List<MoverRow> out = new ArrayList<>();
        Comparator<BoardQuote> byChange = Comparator.comparingDouble(BoardQuote::changePercent).thenComparing(BoardQuote::isin);
        List<BoardQuote> gainers = traded.stream().filter(q -> q.changePercent() > 0).sorted(byChange.reversed()).limit(n).toList();
        List<BoardQuote> losers = traded.stream().filter(q -> q.changePercent() < 0).sorted(byChange).limit(n).toList();
        for (int i = 0; i < gainers.size(); i++) {
            BoardQuote q = gainers.get(i);
            out.add(new MoverRow("GAINER", i + 1, q.isin(), q.ticker(), q.last(), q.changePercent()));
        }
        for (int i = 0; i < losers.size(); i++) {
            BoardQuote q = losers.get(i);
            out.add(new MoverRow("LOSER", i + 1, q.isin(), q.ticker(), q.last(), q.changePercent()));
        }
        return out;
    }
}
