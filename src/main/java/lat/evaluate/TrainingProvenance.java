package lat.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.FileNotFoundException;
import java.io.IOException;
import lat.core.DataError;
import lat.io.JsonFiles;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * How an evaluated model was trained, as its {@code metadata.json} recorded it when it was trained
 * (not the evaluate command's configuration, which may differ): the provenance columns
 * {@code model_*} and {@code train_*} of the evaluation table. The file is read as JSON by its keys
 * (written by {@code lat.train.TrainingMetadata}; the jobs do not depend on each other's classes).
 *
 * @param conv1Channels channels of the first convolution
 * @param conv2Channels channels of the second convolution
 * @param denseUnits    units of the hidden dense layer
 * @param steps         minibatch steps trained
 * @param epsilon       the training attack's budget; 0 for a model trained on clean digits
 * @param pgdSteps      training PGD steps; 0 for a model trained on clean digits
 */
public record TrainingProvenance(int conv1Channels, int conv2Channels, int denseUnits, long steps,
                                 double epsilon, int pgdSteps) {

    /**
     * The provenance of the model whose metadata.json is {@code file} (any Hadoop path).
     *
     * @throws DataError naming the file (and the key) when it is missing, unreadable or lacks a setting
     */
    public static TrainingProvenance read(Path file, Configuration conf) {
        JsonNode metadata;
        try {
            metadata = JsonFiles.read(file, JsonNode.class, conf);
        } catch (FileNotFoundException e) {
            throw new DataError("model metadata " + file + " does not exist; train the model first (lat train)", e);
        } catch (IOException e) {
            throw new DataError("cannot read model metadata " + file + ": " + e.getMessage(), e);
        }
        // A model trained on clean digits records no training PGD (pgd: null).
        boolean attacked = metadata.path("pgd").isObject();
        return new TrainingProvenance(
                (int) number(metadata, "/training/model/conv1Channels", file),
                (int) number(metadata, "/training/model/conv2Channels", file),
                (int) number(metadata, "/training/model/denseUnits", file),
                (long) number(metadata, "/steps", file),
                attacked ? number(metadata, "/attack/epsilon", file) : 0.0,
                attacked ? (int) number(metadata, "/pgd/steps", file) : 0);
    }

    private static double number(JsonNode metadata, String pointer, Path file) {
        JsonNode value = metadata.at(pointer);
        if (!value.isNumber()) {
            throw new DataError("model metadata " + file + ": " + pointer.substring(1).replace('/', '.') + " is "
                    + (value.isMissingNode() ? "missing" : value.toString()) + ", expected a number; retrain the "
                    + "model with lat train");
        }
        return value.asDouble();
    }
}
