package io.tradingjobs.reports.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.SimpleDateFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYAreaRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.time.Day;
import org.jfree.data.time.Millisecond;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;

/**
 * The reports' charts, drawn by JFreeChart into PNG bytes, without a display (the JVM is put in
 * headless mode if nothing said otherwise). Images are drawn at twice their nominal size so they
 * stay sharp on high-density screens. Thread-safe: every call builds its own chart.
 */
public final class Charts {
    /** Nominal width of a chart, in CSS pixels. */
    public static final int WIDTH = 680;
    /** Nominal height of a chart, in CSS pixels. */
    public static final int HEIGHT = 260;

    static final Color UP = new Color(0x16, 0x8a, 0x4a);
    static final Color DOWN = new Color(0xc9, 0x37, 0x37);
    static final Color LINE = new Color(0x1f, 0x5f, 0xbf);
    static final Color GRID = new Color(0xe3, 0xe7, 0xee);
    static final Color TEXT = new Color(0x33, 0x3b, 0x48);
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 13);

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Charts() {
    }

    /** A point of a time series. */
    public record Point(Instant time, double value) {
    }

    /**
     * A line of an index through the day, with its previous close as a dashed reference line
     * (when known), times shown in {@code zone}.
     */
    public static byte[] intradayLine(String title, List<Point> points, Double previousClose, ZoneId zone) {
        TimeSeries series = new TimeSeries(title);
        TimeZone tz = TimeZone.getTimeZone(zone);
        for (Point p : points) {
            series.addOrUpdate(new Millisecond(Date.from(p.time()), tz, java.util.Locale.ROOT), p.value());
        }
        TimeSeriesCollection data = new TimeSeriesCollection(series, tz);
        DateAxis x = new DateAxis();
        x.setTimeZone(tz);
        x.setDateFormatOverride(formatter("HH:mm", tz));
        NumberAxis y = new NumberAxis();
        y.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, false);
        line.setSeriesPaint(0, LINE);
        line.setSeriesStroke(0, new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        XYPlot plot = new XYPlot(data, x, y, line);
        if (previousClose != null) {
            ValueMarker m = new ValueMarker(previousClose, new Color(0x8a, 0x93, 0xa3), new BasicStroke(1f, BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_MITER, 1f, new float[] {4f, 4f}, 0f));
            plot.addRangeMarker(m);
            double lo = Math.min(previousClose, points.stream().mapToDouble(Point::value).min().orElse(previousClose));
            double hi = Math.max(previousClose, points.stream().mapToDouble(Point::value).max().orElse(previousClose));
            double pad = Math.max((hi - lo) * 0.08, Math.abs(hi) * 0.0005);
            y.setRange(lo - pad, hi + pad);
        }
        return png(chart(title, plot), WIDTH, HEIGHT);
    }

    /** Daily closes as a line (the weekly report's index over recent weeks). */
    public static byte[] dailyLine(String title, Map<LocalDate, Double> closes, ZoneId zone) {
        TimeSeries series = new TimeSeries(title);
        for (Map.Entry<LocalDate, Double> e : closes.entrySet()) {
            series.addOrUpdate(new Day(e.getKey().getDayOfMonth(), e.getKey().getMonthValue(), e.getKey().getYear()), e.getValue());
        }
        TimeZone tz = TimeZone.getTimeZone(zone);
        DateAxis x = new DateAxis();
        x.setTimeZone(tz);
        x.setDateFormatOverride(formatter("d MMM", tz));
        NumberAxis y = new NumberAxis();
        y.setAutoRangeIncludesZero(false);
        XYAreaRenderer area = new XYAreaRenderer(XYAreaRenderer.AREA_AND_SHAPES);
        area.setSeriesPaint(0, new Color(0x1f, 0x5f, 0xbf, 40));
        area.setOutline(true);
        area.setSeriesOutlinePaint(0, LINE);
        area.setSeriesOutlineStroke(0, new BasicStroke(2f));
        XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, true);
        line.setSeriesPaint(0, LINE);
        line.setSeriesStroke(0, new BasicStroke(2f));
        XYPlot plot = new XYPlot(new TimeSeriesCollection(series, tz), x, y, line);
        return png(chart(title, plot), WIDTH, HEIGHT);
    }

    /**
     * Horizontal bars of percentages, green when positive and red when negative, in the order given
     * (e.g. sectors by change, or gainers then losers).
     */
    public static byte[] percentBars(String title, Map<String, Double> percentByLabel) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        percentByLabel.forEach((label, v) -> data.addValue(v, "change", label));
        CategoryAxis x = new CategoryAxis();
        x.setTickLabelFont(FONT);
        x.setMaximumCategoryLabelWidthRatio(0.35f);
        NumberAxis y = new NumberAxis("%");
        y.setAutoRangeIncludesZero(true);
        BarRenderer bars = new BarRenderer() {
            private static final long serialVersionUID = 1L;

            @Override
            public Paint getItemPaint(int row, int column) {
                Number v = data.getValue(row, column);
                return v != null && v.doubleValue() < 0 ? DOWN : UP;
            }
        };
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setMaximumBarWidth(0.08);
        bars.setItemMargin(0);
        CategoryPlot plot = new CategoryPlot(data, x, y, bars);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.addRangeMarker(new ValueMarker(0, new Color(0x8a, 0x93, 0xa3), new BasicStroke(1f)));
        int height = Math.max(140, 48 + 24 * percentByLabel.size());
        return png(chart(title, plot), WIDTH, height);
    }

    private static JFreeChart chart(String title, org.jfree.chart.plot.Plot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        if (plot instanceof XYPlot xy) {
            xy.setDomainGridlinePaint(GRID);
            xy.setRangeGridlinePaint(GRID);
            xy.setDomainGridlinesVisible(false);
            style(xy.getDomainAxis());
            style(xy.getRangeAxis());
        } else if (plot instanceof CategoryPlot cp) {
            cp.setRangeGridlinePaint(GRID);
            style(cp.getDomainAxis());
            style(cp.getRangeAxis());
        }
        JFreeChart chart = new JFreeChart(null, FONT, plot, false);
        TextTitle t = new TextTitle(title, TITLE);
        t.setPaint(TEXT);
        t.setHorizontalAlignment(org.jfree.chart.ui.HorizontalAlignment.LEFT);
        chart.setTitle(t);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        chart.setPadding(new org.jfree.chart.ui.RectangleInsets(6, 6, 6, 10));
        return chart;
    }

    private static void style(org.jfree.chart.axis.Axis axis) {
        axis.setTickLabelFont(FONT);
        axis.setLabelFont(FONT);
        axis.setTickLabelPaint(TEXT);
        axis.setLabelPaint(TEXT);
        axis.setAxisLinePaint(GRID);
        axis.setTickMarkPaint(GRID);
    }

    private static SimpleDateFormat formatter(String pattern, TimeZone tz) {
        SimpleDateFormat f = new SimpleDateFormat(pattern, java.util.Locale.ROOT);
        f.setTimeZone(tz);
        return f;
    }

    /** The chart drawn at twice {@code width} × {@code height}, as PNG. */
    static byte[] png(JFreeChart chart, int width, int height) {
        BufferedImage image = chart.createBufferedImage(width * 2, height * 2, width, height, null);
        try {
            return ChartUtils.encodeAsPNG(image);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
