package lat.evaluate;

import java.util.Iterator;
import java.util.List;
import lat.core.DataError;
import lat.data.Digits;
import lat.data.Mnist;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.SerializableConfiguration;

/**
 * Runs on the executors: scores one {@link EvaluationTask}. The executor reads the test digits
 * itself through the data layer (any Hadoop path) and loads each model, both once per JVM.
 *
 * @param dataDir      {@code lat.data.dir}
 * @param examples     test digits evaluated
 * @param imagesSha256 SHA-256 of the test images file the driver read: an executor that sees
 *                     another file (e.g. a local path that differs between hosts) fails loudly
 * @param hadoop       the driver's Hadoop configuration (credentials for s3a:// and the like)
 * @param progress     what the driver's progress lines count
 */
record EvaluateShard(
        String dataDir,
        int examples,
        String imagesSha256,
        CellEvaluator evaluator,
        Broadcast<SerializableConfiguration> hadoop,
        EvaluationProgress.Counters progress)
        implements FlatMapFunction<EvaluationTask, MinibatchSums> {

    @Override
    public Iterator<MinibatchSums> call(EvaluationTask task) {
        Configuration conf = hadoop.value().value();
        Digits digits = Mnist.loadOncePerJvm(dataDir, Mnist.Split.TEST, examples, conf);
        if (!digits.imagesSha256().equals(imagesSha256)) {
            throw new DataError("the MNIST test images in " + dataDir + " differ between the driver and this "
                    + "executor (SHA-256 " + digits.imagesSha256() + ", expected " + imagesSha256
                    + "); lat.data.dir must name the same files everywhere");
        }
        List<MinibatchSums> sums = evaluator.evaluate(
                ModelFiles.load(task.modelPath(), task.modelSha256(), conf), task.cell(), digits, task.shard());
        progress.taskDone(task.cell(), task.shard().to() - task.shard().from());
        return sums.iterator();
    }
}
