package lat.bench;

import java.util.ArrayList;
import java.util.List;
import lat.attack.Apgd;
import lat.attack.CnnInputGradient;
import lat.attack.LocalizedAttack;
import lat.attack.Masks;
import lat.config.PgdSettings;
import lat.config.Settings;
import lat.core.AttackKind;
import lat.model.Cnn;
import lat.model.LayerHelpers;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Measures the two computations the project's running time is made of, with the project's own
 * code: PGD through {@link LocalizedAttack#craft} on {@link CnnInputGradient} (image-steps per
 * second), APGD-CE through {@link Apgd#perturb} likewise, and training minibatches through
 * DL4J's {@code fit}, natural and adversarial (Algorithm 1: sync the attack's weights, craft with
 * k PGD steps, fit).
 */
public final class Bench {
    /** The attacks timed for PGD: Madry's and a localized one (the masks add little work). */
    static final List<AttackKind> PGD_ATTACKS = List.of(AttackKind.STANDARD, AttackKind.BROAD_MASK);
    /** The attack timed for APGD-CE: like PGD's, its cost does not depend on the mask. */
    static final AttackKind APGD_ATTACK = AttackKind.STANDARD;
    /** The attack crafting adversarial training minibatches; its cost does not depend on the mask. */
    static final AttackKind TRAINING_ATTACK = AttackKind.BROAD_MASK;
    /** The natural training row of DL4J's own convolutions, timed when the network has layer helpers. */
    static final String NATURAL_WITHOUT_HELPERS = "natural, no helpers";
    /** The natural training row with DL4J's dense layer, ReLU and Adam in place of lat's. */
    static final String NATURAL_DL4J_CLASSES = "natural, DL4J's classes";

    private final Settings settings;
    private final BenchOptions options;
    private final FlopCount flops;
    private final CpuPeak peak;

    private Bench(Settings settings, BenchOptions options) {
        this.settings = settings;
        this.options = options;
        this.flops = FlopCount.of(settings.model());
        this.peak = CpuPeak.ofThisMachine();
    }

    /** Runs every measurement for the CNN of {@code settings.model()} (minutes at the defaults). */
    public static BenchResult run(Settings settings, BenchOptions options) {
        return new Bench(settings, options).run();
    }

    private BenchResult run() {
        BenchDigits digits = BenchDigits.load(settings.data(), options.largestBatch(), settings.seed());
        MultiLayerNetwork network = Cnn.build(settings.model(), settings.train().learningRate(), settings.seed());
        Backend backend = Backend.ofThisJvm(network);
        return new BenchResult(
                settings.model(),
                network.numParams(),
                digits.source(),
                options,
                flops,
                backend,
                peak,
                pgdSpeeds(network, digits),
                apgdSpeeds(network, digits),
                trainingSpeeds(network, digits));
    }

    private List<BenchResult.PgdSpeed> pgdSpeeds(MultiLayerNetwork network, BenchDigits digits) {
        CnnInputGradient gradient = CnnInputGradient.of(network);
        PgdSettings pgd =
                new PgdSettings(options.pgdSteps(), settings.evaluate().pgd().stepSize(), true);
        List<BenchResult.PgdSpeed> speeds = new ArrayList<>();
        for (AttackKind kind : PGD_ATTACKS) {
            LocalizedAttack attack = new LocalizedAttack(kind, settings.attack(), pgd);
            for (int batch : options.batchSizes()) {
                INDArray images = digits.images(batch);
                INDArray labels = digits.labels(batch);
                speeds.add(attackSpeed(
                        kind,
                        batch,
                        pgd.steps(),
                        pgd.steps() * flops.pgdStep(),
                        () -> attack.craft(gradient, images, labels, settings.seed())));
            }
        }
        return speeds;
    }

    private List<BenchResult.PgdSpeed> apgdSpeeds(MultiLayerNetwork network, BenchDigits digits) {
        CnnInputGradient gradient = CnnInputGradient.of(network);
        int steps = options.pgdSteps();
        List<BenchResult.PgdSpeed> speeds = new ArrayList<>();
        for (int batch : options.batchSizes()) {
            INDArray images = digits.images(batch);
            INDArray labels = digits.labels(batch);
            INDArray epmatrix = Masks.epmatrix(APGD_ATTACK, images, settings.attack());
            // a PGD step's work per step (each gradient's forward pass also scores its point), plus
            // the forward pass that scores the last point
            speeds.add(attackSpeed(
                    APGD_ATTACK,
                    batch,
                    steps,
                    steps * flops.pgdStep() + flops.forward(),
                    () -> Apgd.perturb(gradient, images, labels, epmatrix, steps, settings.seed())));
        }
        return speeds;
    }

    /** Times {@code attack} on {@code batch} images; {@code flopsPerImage} is the work of one whole attack. */
    private BenchResult.PgdSpeed attackSpeed(
            AttackKind kind, int batch, int steps, double flopsPerImage, Runnable attack) {
        Stopwatch.Timing timing = Stopwatch.time(options.warmup(), options.warmupSeconds(), options.reps(), attack);
        Spread rate = Spread.of(timing.seconds()[0]).rate((double) batch * steps);
        Spread gflops = rate.map(r -> r * flopsPerImage / steps / 1e9);
        return new BenchResult.PgdSpeed(
                kind.id(), batch, steps, rate, gflops, percentOfPeak(gflops), timing.conditions());
    }

    private List<BenchResult.TrainingSpeed> trainingSpeeds(MultiLayerNetwork network, BenchDigits digits) {
        int batch = options.trainBatchSize();
        INDArray images = digits.images(batch);
        INDArray labels = digits.labels(batch);
        List<BenchResult.TrainingSpeed> speeds = new ArrayList<>();
        speeds.add(naturalSpeed("natural", network, images, labels));

        CnnInputGradient gradient = CnnInputGradient.of(network);
        for (int k : options.trainPgdSteps()) {
            PgdSettings pgd = new PgdSettings(
                    k, settings.train().pgd().stepSize(), settings.train().pgd().randomStart());
            LocalizedAttack attack = new LocalizedAttack(TRAINING_ATTACK, settings.attack(), pgd);
            INDArray[] adversarial = new INDArray[1];
            Stopwatch.Timing timing = Stopwatch.time(
                    options.warmup(),
                    options.warmupSeconds(),
                    options.reps(),
                    () -> {
                        gradient.syncFrom(network);
                        adversarial[0] = attack.craft(gradient, images, labels, settings.seed());
                    },
                    () -> network.fit(new DataSet(adversarial[0], labels)));
            speeds.add(trainingSpeed("adversarial", k, timing.seconds()[0], timing.seconds()[1], timing.conditions()));
        }
        // Before/after for lat's dense layer, ReLU and Adam: the same network with DL4J's classes.
        speeds.add(naturalSpeed(NATURAL_DL4J_CLASSES, Cnn.withDl4jClasses(network), images, labels));
        // Before/after for DL4J's oneDNN layer helpers: a twin network (same seed) built without them,
        // timed in a block of its own like every other row (it used to alternate with the natural row's
        // runs, the only row whose runs had another network's work between them).
        if (!LayerHelpers.of(network).isEmpty()) {
            MultiLayerNetwork plain = LayerHelpers.with(
                    false, () -> Cnn.build(settings.model(), settings.train().learningRate(), settings.seed()));
            speeds.add(naturalSpeed(NATURAL_WITHOUT_HELPERS, plain, images, labels));
        }
        return speeds;
    }

    private BenchResult.TrainingSpeed naturalSpeed(
            String mode, MultiLayerNetwork network, INDArray images, INDArray labels) {
        Stopwatch.Timing fit = Stopwatch.time(
                options.warmup(),
                options.warmupSeconds(),
                options.reps(),
                () -> network.fit(new DataSet(images, labels)));
        return trainingSpeed(mode, 0, new double[options.reps()], fit.seconds()[0], fit.conditions());
    }

    /** One training figure from the per-rep seconds spent crafting and fitting each minibatch. */
    private BenchResult.TrainingSpeed trainingSpeed(
            String mode, int k, double[] craft, double[] fit, CpuConditions conditions) {
        int batch = options.trainBatchSize();
        double[] total = new double[craft.length];
        for (int i = 0; i < total.length; i++) {
            total[i] = craft[i] + fit[i];
        }
        Spread minibatches = Spread.of(total).rate(1);
        double flopsPerMinibatch = batch * (k * flops.pgdStep() + flops.trainingExample());
        Spread gflops = minibatches.map(r -> r * flopsPerMinibatch / 1e9);
        return new BenchResult.TrainingSpeed(
                mode,
                batch,
                k,
                minibatches,
                Spread.of(craft),
                Spread.of(fit),
                gflops,
                percentOfPeak(gflops),
                conditions);
    }

    private double percentOfPeak(Spread gflops) {
        return peak.gflops() > 0 ? 100 * gflops.median() / peak.gflops() : 0;
    }
}
