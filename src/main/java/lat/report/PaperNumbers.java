package lat.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The paper's Figure 2 (Rothberg, Chen, Ji; docs/design.md): cross-entropy loss of each model (rows) on
 * each input (columns), the natural-input loss multiplied by 1000. The paper gives no accuracies. The
 * numbers live in {@code lat/report/paper-figure2.csv}, which the notebook reads too.
 */
final class PaperNumbers {
    static final String RESOURCE = "/lat/report/paper-figure2.csv";

    private static final Map<String, double[]> LOSS = new LinkedHashMap<>();
    static final List<String> INPUTS;
    static final List<String> MODELS;

    static {
        List<String> lines = read().stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .toList();
        List<String> header = List.of(lines.get(0).split(","));
        INPUTS = header.subList(1, header.size());
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",");
            LOSS.put(
                    fields[0],
                    Arrays.stream(fields, 1, fields.length)
                            .mapToDouble(Double::parseDouble)
                            .toArray());
        }
        MODELS = List.copyOf(LOSS.keySet());
    }

    private PaperNumbers() {}

    /** The paper's loss for {@code model} on {@code input} as printed (natural inputs x1000); NaN if it has none. */
    static double loss(String model, String input) {
        double[] row = LOSS.get(model);
        int column = INPUTS.indexOf(input);
        return row == null || column < 0 ? Double.NaN : row[column];
    }

    private static List<String> read() {
        try (InputStream in = Objects.requireNonNull(PaperNumbers.class.getResourceAsStream(RESOURCE), RESOURCE);
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
