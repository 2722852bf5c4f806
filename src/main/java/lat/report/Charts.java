package lat.report;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import lat.core.Images;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.HeatMapStyler;

/** The report's images, drawn with XChart heat maps and encoded as PNG. */
final class Charts {
    private static final Color[] HEAT = {new Color(255, 255, 229), new Color(254, 196, 79), new Color(204, 76, 2)};
    private static final Color[] GREYS = {Color.BLACK, Color.WHITE};
    private static final Color[] DIVERGING = {new Color(33, 102, 172), Color.WHITE, new Color(178, 24, 43)};
    private static final int DIGIT_SIZE = 200;

    private Charts() {
    }

    /**
     * A matrix as a heat map: {@code values[row][column]}, rows top to bottom as given, the value
     * written in each cell; NaN cells are left out.
     *
     * @param min the value of the palest colour; NaN for the smallest value (so also {@code max})
     */
    static byte[] matrix(String title, List<String> rows, List<String> columns, double[][] values, double min,
                         double max) throws IOException {
        HeatMapChart chart = new HeatMapChartBuilder().width(580).height(360).title(title).build();
        List<Number[]> cells = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < columns.size(); c++) {
                if (!Double.isNaN(values[r][c])) {
                    // XChart's y axis runs bottom to top: the first row goes on top.
                    cells.add(new Number[] {c, rows.size() - 1 - r, values[r][c]});
                }
            }
        }
        List<String> bottomUp = new ArrayList<>(rows);
        Collections.reverse(bottomUp);
        chart.addSeries(title, columns, bottomUp, cells);
        HeatMapStyler styler = chart.getStyler();
        styler.setRangeColors(HEAT).setShowValue(true).setHeatMapValueDecimalPattern("0.000")
                .setValueFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13)).setValueFontColor(Color.BLACK);
        if (!Double.isNaN(min)) {
            styler.setMin(min);
        }
        if (!Double.isNaN(max)) {
            styler.setMax(max);
        }
        styler.setLegendVisible(false);
        styler.setPlotGridLinesVisible(false);
        styler.setChartBackgroundColor(Color.WHITE);
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
        HeatMapChart chart = new HeatMapChartBuilder().width(DIGIT_SIZE).height(DIGIT_SIZE + 30).title(title).build();
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
        styler.setRangeColors(colors).setMin(min).setMax(max).setShowValue(false).setDrawBorder(false);
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
