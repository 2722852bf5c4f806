package lat.config;

/**
 * Every setting of a run, loaded once from configuration (see {@code reference.conf}, which
 * documents each key) and validated. Immutable; Spark jobs ship it to executors.
 *
 * @param runId     names the run's outputs ({@code lat.run-id})
 * @param outputDir root of all outputs, any Hadoop path ({@code lat.output-dir})
 * @param seed      seed of every random choice: initialisation, shuffling, PGD random starts
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
        implements java.io.Serializable {}
