package lat.cli;

import java.util.concurrent.Callable;
import lat.attack.BatchedAttack;
import lat.attack.CnnInputGradient;
import lat.attack.LocalizedAttack;
import lat.attack.Pgd;
import lat.config.HadoopConfigurations;
import lat.config.Settings;
import lat.core.AttackKind;
import lat.core.ConfigError;
import lat.data.Digits;
import lat.data.Mnist;
import lat.export.AdversarialExport;
import lat.io.OutputLayout;
import lat.model.ModelStore;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Crafts adversarial examples for the first N test digits against a model and exports them as
 * IDX files (see {@link AdversarialExport}).
 */
@Command(
        name = "attack",
        mixinStandardHelpOptions = true,
        description = {
            "Craft adversarial examples of the first N MNIST test digits against a model "
                    + "and export them as IDX files (adversarial, clean, labels).",
            "PGD settings default to lat.evaluate.pgd and lat.attack; the options override them."
        })
public final class AttackCommand implements Callable<Integer> {
    @Mixin
    private ConfigOptions config;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "DL4J model zip (any Hadoop path).")
    private String model;

    @Option(
            names = "--attack",
            required = true,
            paramLabel = "NAME",
            description = "standard, background, exact-mask or broad-mask.")
    private String attack;

    @Option(
            names = "--examples",
            paramLabel = "N",
            defaultValue = "100",
            description = "How many test digits, from the first (default: ${DEFAULT-VALUE}).")
    private int examples;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Output directory (default: <lat.output-dir>/adversarial/<lat.run-id>/<attack>).")
    private String out;

    @Option(names = "--epsilon", paramLabel = "X", description = "Overrides lat.attack.epsilon.")
    private Double epsilon;

    @Option(names = "--steps", paramLabel = "N", description = "Overrides lat.evaluate.pgd.steps.")
    private Integer steps;

    @Option(names = "--step-size", paramLabel = "X", description = "Overrides lat.evaluate.pgd.step-size.")
    private Double stepSize;

    @Option(names = "--random-start", negatable = true, description = "Overrides lat.evaluate.pgd.random-start.")
    private Boolean randomStart;

    @Option(names = "--fgsm", description = "FGSM: one step of the whole epsilon, no random start.")
    private boolean fgsm;

    @Override
    public Integer call() {
        if (examples < 1) {
            throw new ConfigError("--examples " + examples + ": expected a positive number of test digits");
        }
        Settings settings = config.override("lat.attack.epsilon", epsilon)
                .override("lat.evaluate.pgd.steps", steps)
                .override("lat.evaluate.pgd.step-size", stepSize)
                .override("lat.evaluate.pgd.random-start", randomStart)
                .load();
        AttackKind kind = attackKind();
        // The evaluation's step size is checked against lat.evaluate.epsilons; here it meets lat.attack.epsilon.
        if (!fgsm && settings.evaluate().pgd().stepSize() > settings.attack().epsilon()) {
            throw new ConfigError("PGD step size " + settings.evaluate().pgd().stepSize() + " (--step-size, "
                    + "lat.evaluate.pgd.step-size) is larger than epsilon "
                    + settings.attack().epsilon()
                    + " (--epsilon, lat.attack.epsilon): expected at most epsilon");
        }
        LocalizedAttack localized = new LocalizedAttack(
                kind,
                settings.attack(),
                fgsm
                        ? Pgd.fgsm(settings.attack().epsilon())
                        : settings.evaluate().pgd());

        Configuration conf = HadoopConfigurations.create();
        MultiLayerNetwork network = ModelStore.load(model, conf);
        String dir = out != null ? out : defaultDirectory(settings, kind);
        export(settings, localized, network, examples, dir, conf);
        return 0;
    }

    /** {@code <lat.output-dir>/adversarial/<lat.run-id>/<attack>} */
    private static String defaultDirectory(Settings settings, AttackKind kind) {
        return new OutputLayout(settings.outputDir(), settings.runId())
                .adversarialDir(kind.id())
                .toString();
    }

    /** Crafts the first {@code examples} test digits' adversarial versions, writes them to {@code dir}, reports. */
    private static void export(
            Settings settings,
            LocalizedAttack localized,
            MultiLayerNetwork network,
            int examples,
            String dir,
            Configuration conf) {
        Digits test = Mnist.load(settings.data(), Mnist.Split.TEST, examples, conf);
        BatchedAttack.Outcome result = BatchedAttack.run(
                CnnInputGradient.of(network),
                localized,
                test,
                settings.evaluate().batchSize(),
                settings.seed());
        AdversarialExport.write(dir, test.pixels(), result.inputs(), test.labels(), conf);
        System.out.printf(
                "%s: %d digits, eps %.3g, %d PGD steps of %.3g%s: loss %.4f -> %.4f, accuracy %.3f -> %.3f%n",
                localized.kind(),
                test.size(),
                localized.attack().epsilon(),
                localized.pgd().steps(),
                localized.pgd().stepSize(),
                localized.pgd().randomStart() ? " (random start)" : "",
                result.cleanLoss(),
                result.inputLoss(),
                result.cleanAccuracy(),
                result.inputAccuracy());
        System.out.printf(
                "wrote %s/{%s,%s,%s} in %.1f s (%.0f image-steps/s)%n",
                dir,
                AdversarialExport.ADVERSARIAL,
                AdversarialExport.CLEAN,
                AdversarialExport.LABELS,
                result.seconds(),
                result.imageStepsPerSecond());
    }

    private AttackKind attackKind() {
        try {
            return AttackKind.fromId(attack);
        } catch (IllegalArgumentException e) {
            throw new ConfigError("--attack: " + e.getMessage());
        }
    }
}
