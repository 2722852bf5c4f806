package lat.cli;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import lat.bench.Bench;
import lat.bench.BenchOptions;
import lat.bench.BenchReport;
import lat.bench.BenchResult;
import lat.config.HadoopConfigurations;
import lat.config.Settings;
import lat.core.ConfigError;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Measures PGD and training throughput on this machine (see {@link Bench}). */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Measure PGD image-steps/s (standard and broad-mask, several minibatch sizes) and "
                    + "training minibatches/s (natural and adversarial, crafting and fitting apart) for the CNN "
                    + "of lat.model, with achieved GFLOP/s against an estimate of the machine's peak.",
            "Images: the first MNIST test digits of lat.data.dir, random images where there are none."
        })
public final class BenchCommand implements Callable<Integer> {
    @Mixin
    private ConfigOptions config;

    @Option(
            names = "--warmup",
            paramLabel = "N",
            description = "Untimed runs before each measurement " + "(default 2; --quick: 1).")
    private Integer warmup;

    @Option(
            names = "--warmup-seconds",
            paramLabel = "S",
            description = "Untimed runs go on for at least this long "
                    + "before each measurement, so that the JVM has compiled the code timed (default 5; --quick: 0).")
    private Double warmupSeconds;

    @Option(
            names = "--reps",
            paramLabel = "N",
            description = "Timed runs per figure; each figure is their " + "median (default 5; --quick: 3).")
    private Integer reps;

    @Option(names = "--steps", paramLabel = "N", description = "PGD steps per timed attack (default 10; --quick: 2).")
    private Integer steps;

    @Option(
            names = "--batches",
            paramLabel = "B,...",
            split = ",",
            description = "Minibatch sizes for PGD (default 50,100,200; --quick: 50).")
    private List<Integer> batches;

    @Option(
            names = "--train-batch",
            paramLabel = "B",
            defaultValue = "50",
            description = "Training minibatch size (default: ${DEFAULT-VALUE}, the paper's).")
    private int trainBatch;

    @Option(
            names = "--train-steps",
            paramLabel = "K,...",
            split = ",",
            description = "PGD steps k per adversarial training minibatch (default 10,40; --quick: 2).")
    private List<Integer> trainSteps;

    @Option(names = "--quick", description = "A short run (seconds): the --quick defaults above.")
    private boolean quick;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON (any Hadoop path).")
    private String json;

    @Override
    public Integer call() throws IOException {
        Settings settings = config.load();
        if (json != null) {
            BenchReport.KIND.requireReplaceable(new Path(json), HadoopConfigurations.create());
        }
        BenchOptions options;
        try {
            options = new BenchOptions(
                    orDefault(warmup, 2, 1),
                    orDefault(warmupSeconds, 5.0, 0.0),
                    orDefault(reps, 5, 3),
                    orDefault(steps, 10, 2),
                    orDefault(batches, List.of(50, 100, 200), List.of(50)),
                    trainBatch,
                    orDefault(trainSteps, List.of(10, 40), List.of(2)));
        } catch (IllegalArgumentException e) {
            throw new ConfigError("bench: " + e.getMessage());
        }
        BenchResult result = Bench.run(settings, options);
        BenchReport.print(result, System.out);
        if (json != null) {
            BenchReport.writeJson(result, json, HadoopConfigurations.create());
            System.out.println("wrote " + json);
        }
        return 0;
    }

    private <T> T orDefault(T given, T full, T quickValue) {
        return given != null ? given : quick ? quickValue : full;
    }
}
