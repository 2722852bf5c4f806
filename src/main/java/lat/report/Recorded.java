package lat.report;

import java.util.function.Function;
import lat.config.ModelSettings;
import lat.io.records.TrainingMetadata;

/**
 * One value a model's metadata.json records, read from its record: a part that a file may lack
 * (the training PGD of the natural model, the versions of a file from another tool) gives null.
 */
@FunctionalInterface
interface Recorded extends Function<TrainingMetadata, Object> {

    /** The field {@code field} of the part {@code part}; null where the part is missing. */
    static <T> Recorded in(Function<TrainingMetadata, T> part, Function<T, ?> field) {
        return metadata -> {
            T value = part.apply(metadata);
            return value == null ? null : field.apply(value);
        };
    }

    /** The field {@code field} of the model's widths, inside the training settings. */
    static Recorded cnn(Function<ModelSettings, ?> field) {
        return in(
                metadata ->
                        metadata.training() == null ? null : metadata.training().model(),
                field);
    }
}
