package lat.train;

import org.deeplearning4j.spark.api.Repartition;

/**
 * A deliberate violation for {@code ArchitectureTest}: a class of the training job that uses DL4J's
 * Spark API directly, not through {@code lat.train.dl4j}. Test code only; it shows that the rule can fail.
 */
final class PlantedParameterServerImport {
    private PlantedParameterServerImport() {}

    static Repartition repartition() {
        return Repartition.Never;
    }
}
