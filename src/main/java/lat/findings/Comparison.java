package lat.findings;

import java.util.Arrays;
import java.util.Locale;
import lat.core.AttackKind;
import lat.core.ModelKind;

/**
 * One test of a finding: the effect of {@code metric} on the cell (model, input), against a base
 * cell, compared with {@code margin}.
 *
 * @param model       the model, as {@link ModelKind#id()}
 * @param input       {@value #NATURAL} or an attack, as {@link AttackKind#id()}
 * @param baseModel   the base cell's model; null for {@link Effect#VALUE}
 * @param baseInput   the base cell's input; null for {@link Effect#VALUE}
 * @param side        where the effect must lie, relative to {@code margin}, for the claim to hold
 * @param paperStated the effect the paper's text states (a percentage finding, as a fraction), or null
 */
public record Comparison(
        Metric metric,
        Effect effect,
        String model,
        String input,
        String baseModel,
        String baseInput,
        Side side,
        double margin,
        Double paperStated) {
    /** The input of clean digits. */
    public static final String NATURAL = "natural";

    /** How the effect is computed from the cells' means. */
    public enum Effect {
        /** the cell's mean */
        VALUE,
        /** the cell's mean minus the base's */
        DIFFERENCE,
        /** the cell's mean over the base's, minus 1 */
        RELATIVE
    }

    /** Which side of the margin the claim puts the effect on. */
    public enum Side {
        ABOVE,
        BELOW
    }

    public Comparison {
        if (metric == null || effect == null || side == null) {
            throw new IllegalArgumentException("a comparison needs a metric, an effect and a side");
        }
        requireModel(model);
        requireInput(input);
        if ((effect == Effect.VALUE) != (baseModel == null && baseInput == null)) {
            throw new IllegalArgumentException("a comparison of effect " + effect
                    + " needs a base cell exactly when it is not a value, got " + baseModel + " on " + baseInput);
        }
        if (effect != Effect.VALUE) {
            requireModel(baseModel);
            requireInput(baseInput);
        }
        if (!Double.isFinite(margin)) {
            throw new IllegalArgumentException("a comparison's margin must be finite, got " + margin);
        }
    }

    /** The effect of the cell's mean {@code cell} against the base's {@code base} (ignored for a value). */
    public double effectOf(double cell, double base) {
        return switch (effect) {
            case VALUE -> cell;
            case DIFFERENCE -> cell - base;
            case RELATIVE -> cell / base - 1;
        };
    }

    /** E.g. "loss(broad-mask on natural) / loss(natural on natural) - 1 < 0". */
    public String describe() {
        String name = metric.name().toLowerCase(Locale.ROOT);
        String cell = name + "(" + model + " on " + input + ")";
        String base = name + "(" + baseModel + " on " + baseInput + ")";
        String lhs = switch (effect) {
            case VALUE -> cell;
            case DIFFERENCE -> cell + " - " + base;
            case RELATIVE -> cell + " / " + base + " - 1";
        };
        return lhs + (side == Side.ABOVE ? " > " : " < ") + margin;
    }

    private static void requireModel(String model) {
        if (Arrays.stream(ModelKind.values()).noneMatch(kind -> kind.id().equals(model))) {
            throw new IllegalArgumentException("unknown model " + model + ", expected one of "
                    + Arrays.stream(ModelKind.values()).map(ModelKind::id).toList());
        }
    }

    private static void requireInput(String input) {
        if (!NATURAL.equals(input)
                && Arrays.stream(AttackKind.values())
                        .noneMatch(kind -> kind.id().equals(input))) {
            throw new IllegalArgumentException(
                    "unknown input " + input + ", expected " + NATURAL + " or one of " + AttackKind.ids());
        }
    }
}
