package lat.findings;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A run's per-digit outcomes: every cell (model, input) with the same training seeds and the same
 * digits, so that comparisons between cells are paired by digit (and by seed).
 */
public final class Outcomes {
    private final List<Long> seeds;
    private final int digits;
    private final Map<String, List<CellOutcomes>> cells = new LinkedHashMap<>();

    private Outcomes(List<CellOutcomes> all) {
        if (all.isEmpty()) {
            throw new IllegalArgumentException("no per-digit outcomes");
        }
        digits = all.get(0).correct().length;
        seeds = List.copyOf(
                new TreeSet<>(all.stream().map(CellOutcomes::trainSeed).toList()));
        for (CellOutcomes cell : all) {
            if (cell.correct().length != digits) {
                throw new IllegalArgumentException("cell " + cell.model() + " on " + cell.input() + " has "
                        + cell.correct().length + " digits, the others " + digits);
            }
            cells.computeIfAbsent(key(cell.model(), cell.input()), k -> new ArrayList<>())
                    .add(cell);
        }
        cells.forEach((key, list) -> {
            list.sort(Comparator.comparingLong(CellOutcomes::trainSeed));
            if (!list.stream().map(CellOutcomes::trainSeed).toList().equals(seeds)) {
                throw new IllegalArgumentException("cell " + key.replace('\u0000', ' ') + " has training seeds "
                        + list.stream().map(CellOutcomes::trainSeed).toList() + ", expected each of " + seeds
                        + " once");
            }
        });
    }

    /** The outcomes of every (model, input, training seed), at most one each. */
    public static Outcomes of(List<CellOutcomes> cells) {
        return new Outcomes(cells);
    }

    /** The training seeds, ascending. */
    public List<Long> seeds() {
        return seeds;
    }

    public int digits() {
        return digits;
    }

    /** The cell's per-seed outcomes in the order of {@link #seeds()}, if the run has the cell. */
    public Optional<List<CellOutcomes>> cell(String model, String input) {
        return Optional.ofNullable(cells.get(key(model, input)));
    }

    /** The cell's values of {@code metric}, {@code [seed][digit]}. */
    Optional<double[][]> values(String model, String input, Metric metric) {
        return cell(model, input)
                .map(list -> list.stream().map(c -> c.values(metric)).toArray(double[][]::new));
    }

    private static String key(String model, String input) {
        return model + "\u0000" + input;
    }
}
