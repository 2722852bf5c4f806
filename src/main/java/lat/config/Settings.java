package lat.config;

/**
 * Every setting of a run, loaded once from configuration (see {@code reference.conf}, which
 * documents each key) and validated. Immutable; Spark jobs ship it to executors.
 *
 * @param runId     names the run's outputs ({@code lat.run-id})
 * @param outputDir root of all outputs, any Hadoop path ({@code lat.output-dir})
 * @param seed      the run seed ({@code lat.seed}): the evaluation's PGD random starts; also the seed of
 *                  every random choice of a training, there replaced by the model's training seed
 *                  ({@link #withSeed})
 * @param spark     how to reach Spark
 */
public record Settings(
        String runId,
        String outputDir,
        long seed,
        DataSettings data,
        ModelSettings model,
        AttackSettings attack,
        TrainSettings train,
        EvaluateSettings evaluate,
        SparkSettings spark)
        implements java.io.Serializable {

    /** These settings with {@code seed} in place of the run seed: what one model's training runs with. */
    public Settings withSeed(long seed) {
        return new Settings(runId, outputDir, seed, data, model, attack, train, evaluate, spark);
    }
}
