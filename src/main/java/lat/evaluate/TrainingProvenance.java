package lat.evaluate;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.Map;
import lat.config.ModelSettings;
import lat.core.DataError;
import lat.io.JsonFiles;
import lat.train.TrainingMetadata;
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
public record TrainingProvenance(int conv1Channels, int conv2Channels, int denseUnits, long steps,
                                 double epsilon, int pgdSteps) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The provenance of the model whose metadata.json is {@code file} (any Hadoop path).
     *
     * @throws DataError naming the file when it is missing, unreadable or lacks a setting
     */
    public static TrainingProvenance read(Path file, Configuration conf) {
        try {
            return of(JsonFiles.read(file, TrainingMetadata.class, conf), file.toString());
        } catch (FileNotFoundException e) {
            throw new DataError("model metadata " + file + " does not exist; train the model first (lat train)", e);
        } catch (IOException e) {
            throw new DataError("cannot read model metadata " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The provenance of a model from its metadata.
     *
     * @param file where the metadata came from, for error messages
     * @throws DataError naming the file and the key when a setting is missing
     */
    public static TrainingProvenance of(TrainingMetadata metadata, String file) {
        Object widths = require(metadata.training(), "training", file).get("model");
        if (widths == null) {
            throw new DataError(file + ": no training.model (the CNN's widths); retrain the model with lat train");
        }
        ModelSettings model = JSON.convertValue(widths, ModelSettings.class);
        boolean attacked = metadata.pgd() != null;
        Object epsilon = require(metadata.attack(), "attack", file).get("epsilon");
        if (attacked && !(epsilon instanceof Number)) {
            throw new DataError(file + ": attack.epsilon is " + epsilon + ", expected a number");
        }
        return new TrainingProvenance(model.conv1Channels(), model.conv2Channels(), model.denseUnits(),
                metadata.steps(), attacked ? ((Number) epsilon).doubleValue() : 0.0,
                attacked ? metadata.pgd().steps() : 0);
    }

    private static Map<String, Object> require(Map<String, Object> section, String name, String file) {
        if (section == null) {
            throw new DataError(file + ": no '" + name + "' section; retrain the model with lat train");
        }
        return section;
    }
}
