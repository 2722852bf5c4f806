package lat.train;

import lat.config.Settings;
import lat.config.TrainSettings;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.optimize.solvers.accumulation.encoding.threshold.AdaptiveThresholdAlgorithm;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.parameterserver.training.SharedTrainingMaster;
import org.nd4j.parameterserver.distributed.conf.VoidConfiguration;

/**
 * DL4J's gradient-sharing parameter server as lat configures it ({@code lat.train.parameter-server}):
 * threshold-encoded updates over Aeron UDP between the executors and the driver.
 */
final class GradientSharing {
    private GradientSharing() {
    }

    /** The training master of one model's application. */
    static SharedTrainingMaster trainingMaster(JavaSparkContext sc, Settings settings) {
        TrainSettings.ParameterServer ps = settings.train().parameterServer();
        String controller = !ps.controllerAddress().isEmpty() ? ps.controllerAddress()
                : sc.master().startsWith("local") ? "127.0.0.1"
                : sc.getConf().get("spark.driver.host", "127.0.0.1");
        VoidConfiguration.VoidConfigurationBuilder voidConfiguration = VoidConfiguration.builder()
                // not unicastPort(): DL4J 1.0.0-M2 ignores it, and JVMs of one host sharing a port train alone, silently
                .portSupplier(new ExecutorPortSupplier(ps.port(), ps.samePort()))
                .controllerAddress(controller);
        if (!ps.networkMask().isEmpty()) {
            voidConfiguration.networkMask(ps.networkMask());
        }
        int batchSize = settings.train().batchSize();
        return new SharedTrainingMaster.Builder(voidConfiguration.build(), batchSize)
                .thresholdAlgorithm(new AdaptiveThresholdAlgorithm(ps.threshold()))
                .batchSizePerWorker(batchSize)
                .workersPerNode(ps.workersPerNode())
                // Direct: the minibatches reach the executors as they are (Export would save them as plain DataSets).
                .rddTrainingApproach(RDDTrainingApproach.Direct)
                // one partition per shard, kept as it is: DL4J's default would make one task per minibatch
                .repartitionData(Repartition.Never)
                .repartitioner(new KeepPartitions())
                .collectTrainingStats(false)
                .rngSeed(settings.seed())
                .build();
    }
}
