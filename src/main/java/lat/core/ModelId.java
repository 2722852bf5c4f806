package lat.core;

import java.io.Serializable;

/**
 * One trained model of a run: a model kind trained with one training seed ({@code lat.train.seeds}).
 * Its {@link #id()}, {@code <kind>-seed<seed>} (e.g. {@code background-seed2}), names it in paths,
 * locks, logs, metadata and Airflow task ids: letters, digits and {@code -} only.
 *
 * @param kind the model kind: how it is trained
 * @param seed the training seed: initialisation, shuffling and the training attack's random starts
 */
public record ModelId(ModelKind kind, long seed) implements Serializable, Comparable<ModelId> {
    private static final String SEPARATOR = "-seed";

    public ModelId {
        Check.that(kind != null, "a model id needs a model kind");
    }

    /** The stable string id, {@code <kind>-seed<seed>}. */
    public String id() {
        return kind.id() + SEPARATOR + seed;
    }

    /**
     * The model id {@code id} names, the inverse of {@link #id()}.
     *
     * @throws IllegalArgumentException naming the text and the form expected
     */
    public static ModelId parse(String id) {
        int at = id.lastIndexOf(SEPARATOR);
        if (at > 0) {
            try {
                return new ModelId(
                        ModelKind.fromId(id.substring(0, at)), Long.parseLong(id.substring(at + SEPARATOR.length())));
            } catch (IllegalArgumentException notAnId) {
                // reported below with the form expected
            }
        }
        throw new IllegalArgumentException(
                "'" + id + "' is not a model id; expected <model>" + SEPARATOR + "<seed> with a model from "
                        + ModelKind.ids() + " and a whole number, e.g. background" + SEPARATOR + "1");
    }

    /** By kind in the paper's order, then by seed. */
    @Override
    public int compareTo(ModelId other) {
        int byKind = kind.compareTo(other.kind);
        return byKind != 0 ? byKind : Long.compare(seed, other.seed);
    }

    @Override
    public String toString() {
        return id();
    }
}
