package io.tradingjobs.reports.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Statistics of closed trades, each given by its realised P&L net of fees. Money is exact
 * ({@link BigDecimal}); ratios are doubles.
 *
 * <ul>
 *   <li>A <b>win</b> has P&L &gt; 0, a <b>loss</b> &lt; 0; a <b>breakeven</b> (exactly 0) is a closed
 *       trade that is neither, so it lowers the win rate.</li>
 *   <li>{@code winRate} = wins / closed trades; NaN with no closed trade.</li>
 *   <li>{@code profitFactor} = gross profit / |gross loss|; {@code +Infinity} with profit and no
 *       loss, NaN with neither.</li>
 *   <li>{@code averageWin}, {@code averageLoss} (negative) and {@code expectancy} (net P&L per
 *       closed trade) are rounded half-even to {@link #SCALE} decimals; null when undefined.</li>
 * </ul>
 *
 * @param closedTrades number of closed trades
 * @param wins trades with P&L &gt; 0
 * @param losses trades with P&L &lt; 0
 * @param breakevens trades with P&L = 0
 * @param grossProfit sum of winning P&L
 * @param grossLoss sum of losing P&L (zero or negative)
 * @param netPnl sum of all P&L
 * @param winRate wins / closed trades
 * @param profitFactor gross profit / |gross loss|
 * @param averageWin gross profit / wins
 * @param averageLoss gross loss / losses (negative)
 * @param expectancy net P&L / closed trades
 */
public record TradeStatistics(int closedTrades, int wins, int losses, int breakevens, BigDecimal grossProfit,
                              BigDecimal grossLoss, BigDecimal netPnl, double winRate, double profitFactor,
                              BigDecimal averageWin, BigDecimal averageLoss, BigDecimal expectancy) {

    /** Decimals of the averages. */
    public static final int SCALE = 4;

    /** The statistics of the closed trades' P&Ls (nulls are not allowed). */
    public static TradeStatistics of(Collection<BigDecimal> closedTradePnls) {
        int wins = 0;
        int losses = 0;
        int even = 0;
        BigDecimal profit = BigDecimal.ZERO;
        BigDecimal loss = BigDecimal.ZERO;
        for (BigDecimal p : closedTradePnls) {
            Objects.requireNonNull(p, "a closed trade's P&L");
            int sign = p.signum();
            if (sign > 0) {
                wins++;
                profit = profit.add(p);
            } else if (sign < 0) {
                losses++;
                loss = loss.add(p);
            } else {
                even++;
            }
        }
        int n = wins + losses + even;
        BigDecimal net = profit.add(loss);
        double winRate = n == 0 ? Double.NaN : (double) wins / n;
        double pf;
        if (loss.signum() == 0) {
            pf = profit.signum() > 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        } else {
            pf = profit.doubleValue() / loss.abs().doubleValue();
        }
        return new TradeStatistics(n, wins, losses, even, profit, loss, net, winRate, pf,
                divide(profit, wins), divide(loss, losses), divide(net, n));
    }

    /** Sums P&L per day, exactly, in date order. */
    public static SortedMap<LocalDate, BigDecimal> dailyPnl(Collection<? extends Map.Entry<LocalDate, BigDecimal>> pnls) {
        SortedMap<LocalDate, BigDecimal> out = new TreeMap<>();
        for (Map.Entry<LocalDate, BigDecimal> e : pnls) {
            out.merge(e.getKey(), e.getValue(), BigDecimal::add);
        }
        return out;
    }

    private static BigDecimal divide(BigDecimal sum, int count) {
        return count == 0 ? null : sum.divide(BigDecimal.valueOf(count), SCALE, RoundingMode.HALF_EVEN);
    }
}
