package lat.cli;

import java.util.List;
import java.util.concurrent.Callable;
import lat.cli.RunOutputs.Writes;
import lat.config.Settings;
import lat.evaluate.EvaluateJob;
import lat.evaluate.EvaluationMatrix;
import lat.evaluate.EvaluationRow;
import lat.evaluate.EvaluationTable;
import lat.evaluate.ExamplesFile;
import lat.evaluate.RobustnessCurves;
import lat.io.OutputLayout;
import lat.io.RunLock;
import lat.spark.SparkSessions;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lat evaluate}: the run's models x inputs matrix on Spark, into the evaluation table. */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = {
            "Evaluate the run's trained models on natural inputs and under each attack of "
                    + "lat.evaluate.attacks (white-box PGD, lat.evaluate.pgd) on the first lat.evaluate.examples test digits.",
            "Replaces the run's partition <lat.output-dir>/evaluation/run_id=<lat.run-id>/ of the Parquet "
                    + "evaluation table and the examples the report shows as Figure 1, "
                    + "<lat.output-dir>/examples/<lat.run-id>/examples.json, and prints the loss and accuracy matrices."
        })
public final class EvaluateCommand implements Callable<Integer> {
    @Mixin
    private ConfigOptions config;

    @Option(
            names = {"--models", "--model"},
            split = ",",
            paramLabel = "NAME",
            description = "Models to evaluate (natural, standard, background, exact-mask, broad-mask; "
                    + "default lat.train.models).")
    private List<String> models;

    @Override
    public Integer call() {
        // --models goes through the configuration, so a wrong name is the usual one-line error (exit 2).
        Settings settings = config.override("lat.train.models", models).load();
        try (RunLock lock = RunOutputs.claim(settings, "evaluate", List.of(Writes.EVALUATION))) {
            return evaluate(settings);
        }
    }

    private static int evaluate(Settings settings) {
        SparkSession spark = SparkSessions.open(settings, "evaluate");
        long start = System.nanoTime();
        List<EvaluationRow> rows =
                EvaluateJob.run(spark, settings, settings.train().modelIds());
        print(rows);
        System.out.printf(
                "%d cells of run %s on %d test digits in %.1f s; wrote %s and %s%n",
                rows.size(),
                settings.runId(),
                rows.get(0).examples(),
                (System.nanoTime() - start) / 1e9,
                EvaluationTable.partition(settings.outputDir(), settings.runId()),
                ExamplesFile.path(new OutputLayout(settings.outputDir(), settings.runId())));
        return 0;
    }

    /** The console's view of a run's rows: the 5 x 5 matrices, and the robustness curves where there are any. */
    static void print(List<EvaluationRow> rows) {
        System.out.print(EvaluationMatrix.of(rows).toText());
        // natural inputs and at least two epsilons make a curve
        RobustnessCurves.of(rows).stream()
                .filter(curves -> curves.epsilons().size() > 2)
                .forEach(curves -> System.out.print("\n" + curves.toText()));
    }
}
