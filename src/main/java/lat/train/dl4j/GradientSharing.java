package lat.train.dl4j;

import lat.config.Settings;
import lat.config.TrainSettings;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.solvers.accumulation.encoding.threshold.AdaptiveThresholdAlgorithm;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.parameterserver.training.SharedTrainingMaster;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.parameterserver.distributed.conf.VoidConfiguration;

/**
 * DL4J's gradient-sharing parameter server as lat configures it ({@code lat.train.parameter-server}):
 * threshold-encoded updates over Aeron UDP between the executors and the driver, which applies
 * them all to its network (the one checkpointed).
 */
public final class GradientSharing {
    private final SharedTrainingMaster master;
    private final SparkDl4jMultiLayer sparkNetwork;

    private GradientSharing(SharedTrainingMaster master, SparkDl4jMultiLayer sparkNetwork) {
        this.master = master;
        this.sparkNetwork = sparkNetwork;
    }

    /**
     * Gradient sharing for training {@code network} (the driver's) in this application.
     *
     * @param training identifies the model being trained (run and model kind), for the executors' per-JVM state
     * @param statsDir Hadoop directory where each executor JVM writes its statistics at the end of a chunk
     */
    public static GradientSharing start(
            JavaSparkContext sc, Settings settings, MultiLayerNetwork network, String training, String statsDir) {
        AeronDirectory.claim();
        SharedTrainingMaster master = trainingMaster(sc, settings);
        SparkDl4jMultiLayer sparkNetwork = new SparkDl4jMultiLayer(sc, network, master);
        sparkNetwork.setListeners(new CraftingListener(training, statsDir));
        return new GradientSharing(master, sparkNetwork);
    }

    /** Fits the executors' minibatches, one partition per shard; returns when every executor is done. */
    public void fit(JavaRDD<DataSet> minibatches) {
        sparkNetwork.fit(minibatches);
    }

    /** Applies to the driver's network the updates that reached it but wait in DL4J's queue. */
    public void applyPendingUpdates() {
        master.getUpdatesConsumer().flush();
    }

    private static SharedTrainingMaster trainingMaster(JavaSparkContext sc, Settings settings) {
        TrainSettings.ParameterServer ps = settings.train().parameterServer();
        String controller = !ps.controllerAddress().isEmpty()
                ? ps.controllerAddress()
                : sc.master().startsWith("local") ? "127.0.0.1" : sc.getConf().get("spark.driver.host", "127.0.0.1");
        VoidConfiguration.VoidConfigurationBuilder voidConfiguration = VoidConfiguration.builder()
                // not unicastPort(): DL4J 1.0.0-M2 ignores it, and JVMs of one host sharing a port train alone,
                // silently
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
