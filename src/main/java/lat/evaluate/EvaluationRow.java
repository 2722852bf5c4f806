package lat.evaluate;

import java.time.Instant;
import lat.core.ModelId;
import lat.core.ModelKind;

/**
 * One row of the evaluation table (contract, docs/design.md): one cell of one run's grid
 * (model and training seed, input, method, epsilon, steps). The first sixteen fields are the contract's
 * columns; the others are extras, among them the provenance of the numbers: the code that computed them and how
 * the model was trained.
 *
 * @param model        the model kind
 * @param trainSeed    the model's training seed ({@code lat.train.seeds}): (model, trainSeed) is one trained model
 * @param attack       {@code natural} for clean inputs, else the attack's name
 * @param method       how the attack searched its budget ({@code pgd}); {@code none} for natural inputs
 * @param epsilon      the attack's L-infinity budget; 0 for natural inputs
 * @param pgdSteps     the attack's steps; 0 for natural inputs
 * @param stepSize     PGD's step size; 0 for natural inputs
 * @param randomStart  whether PGD started from a random point; false for natural inputs
 * @param examples     test digits evaluated
 * @param loss         mean cross-entropy, natural log
 * @param accuracy     fraction classified correctly, 0..1
 * @param dataset      the test set, {@code mnist-test} or {@code fashion-mnist-test} ({@code lat.data.dataset}): its first {@code examples} images
 * @param seed         the run seed ({@code lat.seed}); PGD's random starts derive from it, the
 *                     model and the attack (see {@link CellEvaluator#cellSeed(long, Cell)})
 * @param createdAt    when the evaluation job started (the same for all rows of one job)
 * @param durationS    seconds spent on the cell, summed over its shards (executor time)
 * @param lossSum      summed cross-entropy: {@code loss = lossSum / examples}
 * @param correct      digits classified correctly: {@code accuracy = correct / examples}
 * @param modelSha256  SHA-256 of the model zip evaluated
 * @param dataSha256   SHA-256 of the whole decompressed MNIST test images file
 * @param codeVersion  the code that evaluated: version and git commit ({@link lat.core.BuildInfo#codeVersion()})
 * @param nd4jBackend  the ND4J backend it evaluated on, {@code artifact:classifier}
 * @param training     how the model was trained, from its metadata.json
 */
public record EvaluationRow(
        String runId,
        String model,
        long trainSeed,
        String attack,
        String method,
        double epsilon,
        int pgdSteps,
        double stepSize,
        boolean randomStart,
        long examples,
        double loss,
        double accuracy,
        String dataset,
        long seed,
        Instant createdAt,
        double durationS,
        double lossSum,
        long correct,
        String modelSha256,
        String dataSha256,
        String codeVersion,
        String nd4jBackend,
        TrainingProvenance training) {

    /** The trained model of this row: its kind and training seed. */
    public ModelId modelId() {
        return new ModelId(ModelKind.fromId(model), trainSeed);
    }
}
