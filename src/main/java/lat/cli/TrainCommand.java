package lat.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import lat.cli.RunOutputs.Writes;
import lat.config.Settings;
import lat.core.ConfigError;
import lat.core.ModelId;
import lat.io.RunLock;
import lat.spark.SparkSessions;
import lat.train.TrainJob;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lat train}: trains the configured models (each kind of {@code lat.train.models} with each seed
 * of {@code lat.train.seeds}) one after another on Spark (Algorithm 1), each in a Spark application of
 * its own.
 *
 * <p>Why one application per model: DL4J 1.0.0-M2 keeps its parameter server in static state. A
 * second SharedTrainingMaster in the same JVMs does not train like the first (on a cluster the
 * executors train alone; in local mode the later models were measured to learn visibly faster
 * than the first from identical settings, as if updates were applied twice). So with several
 * models, this command starts one JVM per model (locally), or refuses (on a cluster, where
 * submit/spark-submit.sh submits one application per model).
 */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = {
            "Train models on Spark with DL4J's gradient-sharing parameter server: natural, or "
                    + "adversarially with an attack whose examples each executor crafts for its own shard (Algorithm 1).",
            "Outputs <lat.output-dir>/models/<lat.run-id>/<model>-seed<seed>/{model.zip,metadata.json}; a rerun resumes "
                    + "from the last checkpoint and skips complete models."
        })
public final class TrainCommand implements Callable<Integer> {
    @Mixin
    private ConfigOptions config;

    @Option(
            names = {"--models", "--model"},
            split = ",",
            paramLabel = "NAME",
            description =
                    "Models to train (natural, standard, background, exact-mask, broad-mask; default lat.train.models).")
    private List<String> models;

    @Option(
            names = {"--seeds", "--seed"},
            split = ",",
            paramLabel = "SEED",
            description = "Training seeds: each model is trained once per seed (default lat.train.seeds).")
    private List<Long> seeds;

    @Option(names = "--force", description = "Retrain models that are already complete, discarding checkpoints.")
    private boolean force;

    @Override
    public Integer call() throws Exception {
        // Everything is validated before Spark starts: a typo costs no cluster time.
        Settings settings = config.override("lat.train.models", models)
                .override("lat.train.seeds", seeds)
                .load();
        try (RunLock lock = RunOutputs.claim(settings, "train", List.of(Writes.MODELS))) {
            return trainAll(config, settings, force, lock);
        }
    }

    /**
     * Trains every model (kind x seed) of {@code settings}: in this JVM when there is one, else one JVM
     * per model.
     */
    static int trainAll(ConfigOptions config, Settings settings, boolean force, RunLock lock) throws Exception {
        List<ModelId> ids = settings.train().modelIds();
        if (ids.size() == 1) {
            trainHere(settings, ids.get(0), force);
            return 0;
        }
        if (!settings.spark().master().startsWith("local")) {
            throw new ConfigError(
                    "lat.train.models: on a cluster, train one model per Spark application "
                            + "(--model NAME --seed N); submit/spark-submit.sh -- train --seeds A,B submits one application per model and seed");
        }
        for (ModelId id : ids) {
            int status = trainInChildJvm(config, id, force, lock);
            if (status != 0) {
                return status;
            }
        }
        return 0;
    }

    private static void trainHere(Settings settings, ModelId id, boolean force) throws IOException {
        SparkSession spark = SparkSessions.openForTraining(settings, "train " + id);
        new TrainJob(spark, settings, System.out).train(id, force);
    }

    /** {@code lat train --model KIND --seed N} in a new JVM with this one's flags, classpath and configuration. */
    private static int trainInChildJvm(ConfigOptions config, ModelId id, boolean force, RunLock lock)
            throws IOException, InterruptedException {
        List<String> arguments =
                new ArrayList<>(List.of("train", "--models", id.kind().id(), "--seeds", Long.toString(id.seed())));
        arguments.addAll(config.asArguments());
        if (force) {
            arguments.add("--force");
        }
        return ChildJvm.run(arguments, Map.of(RunLock.SHARED_ENV, lock.token()));
    }
}
