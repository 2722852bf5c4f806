package lat.train.dl4j;

import org.apache.spark.api.java.JavaRDD;
import org.deeplearning4j.spark.api.Repartitioner;

/**
 * Leaves the training RDD's partitions as they are: one shard per executor slot. DL4J's default
 * repartitioner would cut it into one partition (one Spark task) per minibatch.
 */
final class KeepPartitions implements Repartitioner {
    private static final long serialVersionUID = 1L;

    @Override
    public <T> JavaRDD<T> repartition(JavaRDD<T> rdd, int minObjectsPerPartition, int numExecutors) {
        return rdd;
    }
}
