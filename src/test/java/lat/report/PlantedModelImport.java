package lat.report;

import lat.model.ModelStore;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * A deliberate violation for {@code ArchitectureTest}: a report class that loads a model. Test code
 * only; it shows that the rule "the report only renders" can fail.
 */
final class PlantedModelImport {
    private PlantedModelImport() {}

    static MultiLayerNetwork load(String path) {
        return ModelStore.load(path, new org.apache.hadoop.conf.Configuration());
    }
}
