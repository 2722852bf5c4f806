package lat.train;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import lat.attack.BatchedAttack;
import lat.attack.CnnInputGradient;
import lat.attack.LocalizedAttack;
import lat.config.Settings;
import lat.config.TrainSettings;
import lat.core.ModelId;
import lat.core.Seeds;
import lat.data.Digits;
import lat.io.records.CurvePoint;
import lat.io.records.TrainingMetadata;
import lat.spark.TimedJobs;
import lat.train.dl4j.GradientSharing;
import lat.train.dl4j.LateExecutors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The chunks of one model's training in this application, from the step it starts at to the end:
 * each a Spark fit of {@code lat.train.checkpoint-every} steps within {@link ChunkTimeout}, checked
 * by the {@link StandstillGuard}, then a point of the training curve, a checkpoint (the executors
 * start the next chunk from it) and a {@link Progress} line.
 */
final class Chunks {
    /** Clean training digits each point of the training curve is scored on: cheap enough for every checkpoint. */
    static final int CURVE_DIGITS = 1_000;

    private static final int SCORING_BATCH = 500;

    private final JavaSparkContext sc;
    private final Settings settings;
    private final ModelId model;
    private final Digits digits;
    private final int shards;
    private final Checkpoints checkpoints;
    private final Configuration hadoop;
    private final PrintStream log;

    /**
     * What this application's chunks leave for the model's metadata.
     *
     * @param statsDir where this application's executors wrote their statistics
     * @param guard    whether every chunk could be checked for a standstill
     */
    record Trained(
            MultiLayerNetwork network,
            long startStep,
            double wallSeconds,
            double lastChunkLoss,
            List<CurvePoint> curve,
            Path statsDir,
            TrainingMetadata.Guard guard) {}

    Chunks(
            JavaSparkContext sc,
            Settings settings,
            ModelId model,
            Digits digits,
            int shards,
            Checkpoints checkpoints,
            Configuration hadoop,
            PrintStream log) {
        this.sc = sc;
        this.settings = settings;
        this.model = model;
        this.digits = digits;
        this.shards = shards;
        this.checkpoints = checkpoints;
        this.hadoop = hadoop;
        this.log = log;
    }

    /**
     * Trains from {@code start} to the configured length, checkpointing after each chunk.
     *
     * @param identity the settings the model is trained with ({@link TrainingIdentity}), for each checkpoint
     */
    Trained run(Checkpoints.Resumed start, Map<String, String> identity) throws IOException {
        TrainSettings train = settings.train();
        MultiLayerNetwork network = start.network();
        LocalizedAttack attack = model.kind()
                .trainingAttack()
                .map(a -> new LocalizedAttack(a, settings.attack(), train.pgd()))
                .orElse(null);
        long totalSteps = train.totalSteps(digits.size());
        MinibatchSchedule schedule = new MinibatchSchedule(digits.size(), shards, train.batchSize(), settings.seed());
        Path statsDir = TrainingStats.sessionDir(checkpoints.dir());
        GradientSharing sharing = GradientSharing.start(
                sc, settings, network, settings.runId() + "/" + model + "/" + System.nanoTime(), statsDir.toString());

        log.printf(
                "%s: training %d steps of %d on %d shards (%s PGD), %d digits%n",
                model,
                totalSteps,
                train.batchSize(),
                shards,
                attack == null ? "no" : attack.kind() + ", " + train.pgd().steps() + "-step",
                digits.size());
        Progress progress = new Progress(model, totalSteps, start.note().step(), train.batchSize(), log);
        ChunkTimeout timeout = new ChunkTimeout(train.chunkTimeout());
        StandstillGuard guard = new StandstillGuard(model, shards, log);
        double lastChunkLoss = start.note().lastChunkLoss();
        List<CurvePoint> curve = new ArrayList<>(start.note().curveSoFar());
        String syncFrom = null;
        int chunk = 0;
        try (TimedJobs jobs = new TimedJobs(sc);
                LateExecutors late = LateExecutors.dismissFromNow(sc.sc(), model.toString(), log)) {
            for (long from = start.note().step(); from < totalSteps; from += train.checkpointEvery(), chunk++) {
                long to = Math.min(totalSteps, from + train.checkpointEvery());
                long chunkStart = System.nanoTime();
                ShardMinibatches minibatches = new ShardMinibatches(
                        settings.data().dir(),
                        digits.size(),
                        schedule,
                        attack,
                        new EpsilonRamp(train.epsilonRampSteps()),
                        Seeds.of(settings.seed(), model.kind().id()),
                        from,
                        to,
                        chunk,
                        syncFrom);
                String description = String.format("train %s: steps %d-%d of %d", model, from, to, totalSteps);
                INDArray before = network.params().dup();
                fit(jobs, sharing, minibatches, description, timeout, resumption(from));
                TrainingStats sessionSoFar = TrainingStats.read(statsDir, hadoop);
                guard.check(
                        description,
                        sessionSoFar.updatesSent(),
                        before.sub(network.params()).amaxNumber().doubleValue() != 0,
                        resumption(from));
                network.setIterationCount((int) to);
                lastChunkLoss = sessionSoFar.lastChunkLoss();
                double wallSoFar = start.note().wallSeconds() + progress.elapsedSeconds();
                curve.add(new CurvePoint(
                        to, lastChunkLoss, score(network, digits, CURVE_DIGITS).cleanAccuracy(), wallSoFar));
                syncFrom = checkpoints
                        .save(network, Checkpoints.Note.of(to, wallSoFar, lastChunkLoss, identity, List.copyOf(curve)))
                        .toString();
                double seconds = (System.nanoTime() - chunkStart) / 1e9;
                timeout.finished(seconds);
                progress.chunkDone(from, to, seconds, lastChunkLoss);
            }
        }
        return new Trained(
                network,
                start.note().step(),
                start.note().wallSeconds() + progress.elapsedSeconds(),
                lastChunkLoss,
                List.copyOf(curve),
                statsDir,
                guard.status());
    }

    /**
     * Fits one chunk's minibatches, one partition per shard, and applies the updates still queued to
     * the driver's network.
     *
     * @throws lat.core.StallError when the chunk overran {@code timeout} (its Spark job is then cancelled)
     */
    private void fit(
            TimedJobs jobs,
            GradientSharing sharing,
            ShardMinibatches minibatches,
            String description,
            ChunkTimeout timeout,
            String resumption) {
        boolean finished = jobs.runWithin(timeout.limit(), "lat-train-" + model.id(), description, () -> {
            JavaRDD<DataSet> rdd = sc.parallelize(
                            IntStream.range(0, shards).boxed().toList(), shards)
                    .mapPartitions(minibatches)
                    .setName(description);
            sharing.fit(rdd);
            rdd.unpersist(false);
        });
        if (!finished) {
            throw timeout.overran(description, resumption);
        }
        sharing.applyPendingUpdates();
    }

    /** The model scored on (up to) the first {@code count} clean training digits. */
    static BatchedAttack.Outcome score(MultiLayerNetwork network, Digits digits, int count) {
        return BatchedAttack.natural(
                CnnInputGradient.of(network), digits.head(Math.min(count, digits.size())), SCORING_BATCH);
    }

    /** What a rerun does after a chunk that started at {@code from} failed. */
    private String resumption(long from) {
        return from > 0
                ? "The checkpoint at step " + from + " is kept: rerun run id " + settings.runId() + " to resume from it"
                : "Nothing was checkpointed yet: a rerun of run id " + settings.runId() + " starts over";
    }
}
