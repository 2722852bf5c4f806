package lat.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import lat.cli.RunOutputs.Writes;
import lat.config.HadoopConfigurations;
import lat.config.Settings;
import lat.config.SettingsLoader;
import lat.data.MnistFetcher;
import lat.evaluate.EvaluateJob;
import lat.evaluate.ExamplesFile;
import lat.io.HadoopFiles;
import lat.io.OutputLayout;
import lat.io.RunLock;
import lat.report.Report;
import lat.spark.SparkSessions;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The main job: data, the five models, the evaluation table and the report, on the configured run. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "The main job: fetch MNIST if missing, train the models of lat.train.models, evaluate them "
                    + "on natural inputs and under each attack, and render the report.",
            "Models already trained under this run id are kept (--force retrains them); the run's partition "
                    + "of the evaluation table and its report are rewritten."
        })
public final class RunCommand implements Callable<Integer> {
    @Mixin
    private ConfigOptions config;

    @Option(names = "--force", description = "Retrain models that are already complete.")
    private boolean force;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        Settings settings = config.load();
        try (RunLock lock =
                RunOutputs.claim(settings, "run", List.of(Writes.MODELS, Writes.EVALUATION, Writes.REPORT))) {
            return run(settings, lock, start);
        }
    }

    private int run(Settings settings, RunLock lock, long start) throws Exception {
        new MnistFetcher(settings.data(), HadoopConfigurations.create())
                .fetch(settings.data().dir(), System.out::println);

        int status = TrainCommand.trainAll(config, settings, force, lock);
        if (status != 0) {
            return status;
        }
        SparkSession spark = SparkSessions.open(settings, "evaluate and report");
        var rows = EvaluateJob.run(spark, settings, settings.train().modelIds());
        EvaluateCommand.print(rows);
        Path report = Report.render(spark, settings, SettingsLoader.paper()); // the page

        OutputLayout layout = new OutputLayout(settings.outputDir(), settings.runId());
        System.out.printf(
                "run %s done in %.1f min%n  models:           %s%n  evaluation table: %s (run_id=%s)%n"
                        + "  examples:         %s%n  report:           %s%n",
                settings.runId(),
                (System.nanoTime() - start) / 60e9,
                layout.modelsDir(),
                layout.evaluationTable(),
                settings.runId(),
                ExamplesFile.path(layout),
                report);
        printVerdicts(new Path(report.getParent(), Report.VERDICTS_TXT), spark);
        return 0;
    }

    /** The verdicts on the paper's findings, as the report wrote them beside the page. */
    private static void printVerdicts(Path verdicts, SparkSession spark) throws IOException {
        try (InputStream in = HadoopFiles.fileSystem(
                        verdicts, spark.sparkContext().hadoopConfiguration())
                .open(verdicts)) {
            System.out.print("\n" + new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
