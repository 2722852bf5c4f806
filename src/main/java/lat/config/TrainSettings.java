package lat.config;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import lat.core.Check;
import lat.core.ModelId;
import lat.core.ModelKind;

/**
 * Training ({@code lat.train}).
 *
 * @param models          the model kinds to train, in order
 * @param seeds           the training seeds: each kind is trained once with each ({@code lat.train.seeds})
 * @param steps           minibatch steps per model (paper: 100,000); replaced by {@code epochs} when that is set
 * @param epochs          passes over the training digits instead of {@code steps}; 0 to count steps
 * @param batchSize       examples per minibatch (paper: 50)
 * @param learningRate    Adam's learning rate (paper: 1e-4)
 * @param pgd             the attack used to craft training examples (paper: 40 steps of 0.01, random start)
 * @param checkpointEvery steps between checkpoints (and progress lines)
 * @param chunkTimeout    the longest a chunk of {@code checkpointEvery} steps may take before the job fails
 * @param shards          training shards, one per executor slot; 0 for Spark's default parallelism
 * @param parameterServer the gradient-sharing settings
 * @param epsilonRampSteps global steps over which the training epsilon grows linearly to its full value;
 *                        0 for the paper's full epsilon from the first step
 */
public record TrainSettings(
        List<ModelKind> models,
        List<Long> seeds,
        long steps,
        int epochs,
        int batchSize,
        double learningRate,
        PgdSettings pgd,
        long checkpointEvery,
        Duration chunkTimeout,
        int shards,
        ParameterServer parameterServer,
        long epsilonRampSteps)
        implements Serializable {

    public TrainSettings {
        Check.that(!models.isEmpty(), "at least one model to train");
        models = List.copyOf(models);
        Check.that(!seeds.isEmpty(), "at least one training seed");
        Check.that(seeds.stream().distinct().count() == seeds.size(), "distinct training seeds, got " + seeds);
        seeds = List.copyOf(seeds);
        Check.positive(steps, "training steps");
        Check.notNegative(epochs, "training epochs");
        Check.positive(batchSize, "training batch size");
        Check.positive(learningRate, "learning rate");
        Check.positive(checkpointEvery, "steps between checkpoints");
        Check.that(chunkTimeout.compareTo(Duration.ZERO) > 0, "a positive chunk timeout");
        Check.notNegative(shards, "training shards");
        Check.notNegative(epsilonRampSteps, "epsilon ramp steps");
    }

    /** The models to train: each kind with each seed, kinds in order, then seeds in order. */
    public List<ModelId> modelIds() {
        return models.stream()
                .flatMap(kind -> seeds.stream().map(seed -> new ModelId(kind, seed)))
                .toList();
    }

    /** The steps a model trains for: {@code steps}, or {@code epochs} passes over {@code trainExamples}. */
    public long totalSteps(int trainExamples) {
        return epochs > 0 ? (long) epochs * ((trainExamples + batchSize - 1) / batchSize) : steps;
    }

    /**
     * DL4J's gradient sharing ({@code lat.train.parameter-server}): SharedTrainingMaster with
     * threshold-encoded updates over Aeron UDP.
     *
     * @param threshold         initial threshold of the adaptive threshold algorithm
     * @param workersPerNode    training threads per executor
     * @param port              0: a free UDP port per JVM; else the driver's port, executor i {@code port + 1 + i}
     * @param samePort          with a fixed {@code port}: every JVM takes {@code port} itself (one lat JVM per host)
     * @param controllerAddress address of the driver as the executors reach it; empty for Spark's driver host
     * @param networkMask       the network the executors talk over (e.g. 10.0.0.0/16); empty to let DL4J choose
     */
    public record ParameterServer(
            double threshold,
            int workersPerNode,
            int port,
            boolean samePort,
            String controllerAddress,
            String networkMask)
            implements Serializable {
        public ParameterServer {
            Check.positive(threshold, "parameter-server threshold");
            Check.positive(workersPerNode, "workers per node");
            Check.that(
                    port == 0 || port >= 1024 && port <= 65535 - 1024,
                    "parameter-server port must be 0 or from 1024 to " + (65535 - 1024) + ", got " + port);
            Check.that(!samePort || port != 0, "parameter-server same-port needs a fixed port, not 0");
        }
    }
}
