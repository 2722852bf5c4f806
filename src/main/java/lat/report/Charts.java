package lat.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import lat.core.Images;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.HeatMapStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report's images, drawn with Java2D (tables) and XChart (digits, lines) and encoded as PNG. */
final class Charts {
    private static final Color[] HEAT = {new Color(255, 255, 229), new Color(254, 196, 79), new Color(204, 76, 2)};
    private static final Color[] GREYS = {Color.BLACK, Color.WHITE};
    private static final Color[] DIVERGING = {new Color(33, 102, 172), Color.WHITE, new Color(178, 24, 43)};
    private static final int DIGIT_SIZE = 200;
    private static final Font PLAIN = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 10);

    private Charts() {}

    /**
     * A matrix as a heat map with one colour scale per column (its smallest value palest, its
     * largest darkest), so that an attacked column's cells differ in colour even when the natural
     * column's values are a thousand times larger; the value is written in each cell, NaN cells are
     * left blank.
     *
     * @param notes    a second line under each value (its interval), null where there is none
     * @param logScale colour by the logarithm of the values (losses span orders of magnitude)
     */
    static byte[] matrix(
            String title,
            List<String> rows,
            List<String> columns,
            double[][] values,
            String[][] notes,
            boolean logScale)
            throws IOException {
        int labelWidth = 110;
        int top = 56;
        int cellWidth = 104;
        int cellHeight = 44;
        BufferedImage image = new BufferedImage(
                labelWidth + cellWidth * columns.size() + 10,
                top + cellHeight * rows.size() + 10,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title + " (colours scaled per column)", 8, 20);
        g.setFont(PLAIN);
        for (int c = 0; c < columns.size(); c++) {
            double[] column = new double[rows.size()];
            for (int r = 0; r < rows.size(); r++) {
                column[r] = logScale ? Math.log10(Math.max(values[r][c], 1e-12)) : values[r][c];
            }
            double min =
                    Arrays.stream(column).filter(v -> !Double.isNaN(v)).min().orElse(0);
            double max =
                    Arrays.stream(column).filter(v -> !Double.isNaN(v)).max().orElse(0);
            int x = labelWidth + c * cellWidth;
            g.setColor(Color.BLACK);
            g.drawString(columns.get(c), x + 6, top - 10);
            for (int r = 0; r < rows.size(); r++) {
                int y = top + r * cellHeight;
                if (c == 0) {
                    g.setColor(Color.BLACK);
                    g.drawString(rows.get(r), 8, y + cellHeight / 2 + 5);
                }
                if (Double.isNaN(values[r][c])) {
                    continue;
                }
                double shade = max > min ? (column[r] - min) / (max - min) : 0;
                g.setColor(interpolate(HEAT, shade));
                g.fillRect(x, y, cellWidth - 2, cellHeight - 2);
                g.setColor(shade > 0.7 ? Color.WHITE : Color.BLACK);
                g.drawString(String.format("%.4g", values[r][c]), x + 8, y + 18);
                if (notes[r][c] != null) {
                    g.setFont(SMALL);
                    g.drawString(notes[r][c], x + 4, y + 35);
                    g.setFont(PLAIN);
                }
            }
        }
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        return png.toByteArray();
    }

    /** The colour at {@code t} in [0, 1] along {@code palette}. */
    private static Color interpolate(Color[] palette, double t) {
        double position = Math.max(0, Math.min(1, t)) * (palette.length - 1);
        int i = Math.min(palette.length - 2, (int) position);
        double f = position - i;
        Color a = palette[i];
        Color b = palette[i + 1];
        return new Color(
                (int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
                (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
                (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
    }

    /**
     * A line chart: one line per series, named by its key, through the points {@code {x, y}}, with an
     * error bar of +-{@code e} where a point is {@code {x, y, e}}.
     *
     * @param yMin the bottom of the y axis; NaN to fit the data
     * @param yMax the top of the y axis; NaN to fit the data
     */
    static byte[] lines(
            String title, String xTitle, String yTitle, Map<String, double[][]> series, double yMin, double yMax)
            throws IOException {
        XYChart chart = new XYChartBuilder()
                .width(620)
                .height(380)
                .title(title)
                .xAxisTitle(xTitle)
                .yAxisTitle(yTitle)
                .build();
        series.forEach((name, points) -> {
            double[] xs = Arrays.stream(points).mapToDouble(point -> point[0]).toArray();
            double[] ys = Arrays.stream(points).mapToDouble(point -> point[1]).toArray();
            boolean bars = points.length > 0 && Arrays.stream(points).allMatch(point -> point.length == 3);
            double[] errors =
                    bars ? Arrays.stream(points).mapToDouble(point -> point[2]).toArray() : null;
            chart.addSeries(name, xs, ys, errors).setMarker(SeriesMarkers.CIRCLE);
        });
        XYStyler styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.OutsideS).setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        if (!Double.isNaN(yMin)) {
            styler.setYAxisMin(yMin);
        }
        if (!Double.isNaN(yMax)) {
            styler.setYAxisMax(yMax);
        }
        return png(chart);
    }

    /** A 28 x 28 image with pixels in [0, 1], black to white. */
    static byte[] digit(String title, float[] pixels) throws IOException {
        return image(title, pixels, 0, 1, GREYS, Color.BLACK);
    }

    /** A perturbation (adversarial minus clean) in [-epsilon, epsilon]: blue negative, red positive. */
    static byte[] perturbation(String title, float[] delta, double epsilon) throws IOException {
        return image(title, delta, -epsilon, epsilon, DIVERGING, Color.WHITE);
    }

    /**
     * A 28 x 28 image as a heat map.
     *
     * @param zero the colour of the value 0, also behind the cells (it shows through the seams between them)
     */
    private static byte[] image(String title, float[] pixels, double min, double max, Color[] colors, Color zero)
            throws IOException {
        HeatMapChart chart = new HeatMapChartBuilder()
                .width(DIGIT_SIZE)
                .height(DIGIT_SIZE + 30)
                .title(title)
                .build();
        List<Integer> axis = new ArrayList<>();
        for (int i = 0; i < Images.SIDE; i++) {
            axis.add(i);
        }
        List<Number[]> cells = new ArrayList<>();
        for (int row = 0; row < Images.SIDE; row++) {
            for (int column = 0; column < Images.SIDE; column++) {
                cells.add(new Number[] {column, Images.SIDE - 1 - row, pixels[row * Images.SIDE + column]});
            }
        }
        chart.addSeries(title, axis, axis, cells);
        HeatMapStyler styler = chart.getStyler();
        styler.setRangeColors(colors)
                .setMin(min)
                .setMax(max)
                .setShowValue(false)
                .setDrawBorder(false);
        styler.setLegendVisible(false);
        styler.setAxisTicksVisible(false);
        styler.setPlotGridLinesVisible(false);
        styler.setPlotBorderVisible(false);
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(zero);
        styler.setChartPadding(4);
        return png(chart);
    }

    private static byte[] png(Chart<?, ?> chart) throws IOException {
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }
}
