package lat.train;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import lat.attack.LocalizedAttack;
import lat.config.HadoopConfigurations;
import lat.core.Seeds;
import lat.data.Digits;
import lat.data.Mnist;
import lat.train.dl4j.AdversarialDataSet;
import lat.train.dl4j.AeronDirectory;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Runs on the executors: turns a partition holding shard ids into that shard's minibatches of one
 * chunk of steps. The executor reads the training digits itself, through the data layer (any
 * Hadoop path), once per JVM.
 *
 * @param dataDir  {@code lat.data.dir}
 * @param examples training digits used
 * @param attack   the training attack at full epsilon; null for the natural model
 * @param ramp     scales {@code attack} down over the first steps (an identity by default)
 * @param from     first global step of the chunk
 * @param to       end (exclusive) of the chunk
 * @param chunk    the chunk's number in this application
 * @param syncFrom checkpoint the executors start the chunk from; null for none
 */
record ShardMinibatches(
        String dataDir,
        int examples,
        MinibatchSchedule schedule,
        LocalizedAttack attack,
        EpsilonRamp ramp,
        long seed,
        long from,
        long to,
        int chunk,
        String syncFrom)
        implements FlatMapFunction<Iterator<Integer>, DataSet> {

    @Override
    public Iterator<DataSet> call(Iterator<Integer> shards) {
        // runs on the executor before DL4J starts its transport there
        AeronDirectory.claim();
        Digits digits = Mnist.loadOncePerJvm(dataDir, Mnist.Split.TRAIN, examples, HadoopConfigurations.create());
        List<DataSet> minibatches = new ArrayList<>();
        while (shards.hasNext()) {
            int shard = shards.next();
            long first = from + Math.floorMod(shard - from, (long) schedule.shards());
            for (long step = first; step < to; step += schedule.shards()) {
                Digits batch = digits.pick(schedule.digitsOf(step));
                minibatches.add(new AdversarialDataSet(
                        batch.images(),
                        batch.labelsOneHot(),
                        ramp.attackAt(attack, step),
                        shard,
                        Seeds.of(seed, step),
                        chunk,
                        syncFrom));
            }
        }
        return minibatches.iterator();
    }
}
