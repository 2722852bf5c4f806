package lat.evaluate;

import lat.core.DataError;
import lat.io.records.TrainingMetadata;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * How an evaluated model was trained, as its {@code metadata.json} recorded it when it was trained
 * (not the evaluate command's configuration, which may differ): the provenance columns
 * {@code model_*} and {@code train_*} of the evaluation table.
 *
 * @param conv1Channels channels of the first convolution
 * @param conv2Channels channels of the second convolution
 * @param denseUnits    units of the hidden dense layer
 * @param steps         minibatch steps trained
 * @param epsilon       the training attack's budget; 0 for a model trained on clean digits
 * @param pgdSteps      training PGD steps; 0 for a model trained on clean digits
 */
public record TrainingProvenance(
        int conv1Channels, int conv2Channels, int denseUnits, long steps, double epsilon, int pgdSteps) {

    /**
     * The provenance of the model whose metadata.json is {@code file} (any Hadoop path).
     *
     * @throws DataError naming the file (and the key) when it is missing, unreadable or lacks a setting
     */
    public static TrainingProvenance read(Path file, Configuration conf) {
        TrainingMetadata metadata = TrainingMetadata.read(file, conf);
        return new TrainingProvenance(
                metadata.training().model().conv1Channels(),
                metadata.training().model().conv2Channels(),
                metadata.training().model().denseUnits(),
                metadata.steps(),
                metadata.attacked() ? metadata.attack().epsilon() : 0.0,
                metadata.attacked() ? metadata.pgd().steps() : 0);
    }
}
