package lat.probe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import lat.attack.BatchedAttack;
import lat.attack.CnnInputGradient;
import lat.attack.LocalizedAttack;
import lat.config.AttackSettings;
import lat.config.DataSettings;
import lat.config.ModelSettings;
import lat.config.PgdSettings;
import lat.config.SettingsLoader;
import lat.core.AttackKind;
import lat.core.Seeds;
import lat.data.Digits;
import lat.data.Mnist;
import lat.model.Cnn;
import lat.train.EpsilonRamp;
import lat.train.MinibatchSchedule;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * A lab probe, not a test (docs/notes/2026-11-26-repro-eps-0.3-on-cpu.md): adversarial training of the project's CNN outside
 * Spark (plain DL4J {@code fit}, crafting with {@link LocalizedAttack} per minibatch), then clean
 * and PGD accuracy on test digits under each attack. Finds which training recipe learns at eps 0.3
 * and what it costs, before the real pipeline runs it.
 *
 * <p>Arguments are key=value (defaults in {@link #DEFAULTS}), e.g.
 * {@code kind=standard steps=1500 widths=8,16,128 k=1 alpha=1.25 ramp=500}. The training PGD step
 * is {@code alpha} times the current epsilon, so it follows the ramp.
 */
public final class ReproProbe {
    private static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

    static {
        DEFAULTS.put("kind", "standard"); // natural, standard, background, exact-mask, broad-mask
        DEFAULTS.put("widths", "8,16,128");
        DEFAULTS.put("steps", "400");
        DEFAULTS.put("batch", "50");
        DEFAULTS.put("lr", "1e-3");
        DEFAULTS.put("eps", "0.3");
        DEFAULTS.put("k", "5"); // training PGD steps
        DEFAULTS.put("alpha", "0.1"); // training PGD step, as a fraction of the current epsilon
        DEFAULTS.put("rs", "true"); // training random start
        DEFAULTS.put("ramp", "0"); // steps over which epsilon grows linearly to eps
        DEFAULTS.put("train", "60000"); // training digits
        DEFAULTS.put("eval", "1000"); // test digits
        DEFAULTS.put("evalSteps", "40");
        DEFAULTS.put("evalStep", "0.01");
        DEFAULTS.put("attacks", "standard,background,exact-mask,broad-mask");
        DEFAULTS.put("logEvery", "100");
        DEFAULTS.put("seed", "42");
        DEFAULTS.put("data", "/work/shared/data/mnist");
        DEFAULTS.put("dataset", "mnist"); // lat.data.dataset: whose checksums the files must match
    }

    private ReproProbe() {}

    public static void main(String[] args) {
        Map<String, String> a = new LinkedHashMap<>(DEFAULTS);
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 0 || !DEFAULTS.containsKey(arg.substring(0, eq))) {
                throw new IllegalArgumentException(
                        "expected key=value with a key of " + DEFAULTS.keySet() + ": " + arg);
            }
            a.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        System.out.println("probe " + a);
        String[] w = a.get("widths").split(",");
        ModelSettings model =
                new ModelSettings(Integer.parseInt(w[0]), Integer.parseInt(w[1]), Integer.parseInt(w[2]), 5);
        long seed = Long.parseLong(a.get("seed"));
        int steps = Integer.parseInt(a.get("steps"));
        int batch = Integer.parseInt(a.get("batch"));
        double eps = Double.parseDouble(a.get("eps"));
        int k = Integer.parseInt(a.get("k"));
        double alpha = Double.parseDouble(a.get("alpha"));
        boolean rs = Boolean.parseBoolean(a.get("rs"));
        int ramp = Integer.parseInt(a.get("ramp"));
        int logEvery = Integer.parseInt(a.get("logEvery"));
        String kind = a.get("kind");
        LocalizedAttack fullAttack = kind.equals("natural")
                ? null
                : new LocalizedAttack(
                        AttackKind.fromId(kind), new AttackSettings(eps, 0.0, 6), new PgdSettings(k, alpha * eps, rs));
        EpsilonRamp epsilonRamp = new EpsilonRamp(ramp);

        Configuration hadoop = new Configuration();
        DataSettings data = SettingsLoader.load(
                        Optional.empty(), Map.of("lat.data.dir", a.get("data"), "lat.data.dataset", a.get("dataset")))
                .data();
        Digits train = Mnist.load(data, Mnist.Split.TRAIN, Integer.parseInt(a.get("train")), hadoop);
        Digits test = Mnist.load(data, Mnist.Split.TEST, Integer.parseInt(a.get("eval")), hadoop);
        MultiLayerNetwork net = Cnn.build(model, Double.parseDouble(a.get("lr")), seed);
        CnnInputGradient gradient = CnnInputGradient.of(net);

        // the pipeline's schedule with a single shard: epochs of seeded permutations
        MinibatchSchedule schedule = new MinibatchSchedule(train.size(), 1, batch, seed);
        double craftSeconds = 0;
        double fitSeconds = 0;
        double lossSum = 0;
        long started = System.nanoTime();
        for (int step = 0; step < steps; step++) {
            Digits mb = train.pick(schedule.digitsOf(step));
            INDArray images = mb.images();
            INDArray labels = mb.labelsOneHot();
            long t0 = System.nanoTime();
            double epsNow = eps * epsilonRamp.fraction(step);
            if (fullAttack != null) {
                gradient.syncFrom(net);
                images = epsilonRamp.attackAt(fullAttack, step).craft(gradient, images, labels, Seeds.of(seed, step));
            }
            long t1 = System.nanoTime();
            net.fit(new DataSet(images, labels));
            long t2 = System.nanoTime();
            craftSeconds += (t1 - t0) / 1e9;
            fitSeconds += (t2 - t1) / 1e9;
            lossSum += net.score();
            if ((step + 1) % logEvery == 0) {
                System.out.printf(
                        Locale.ROOT,
                        "step %d eps %.3f  train loss %.4f  craft %.3f s/mb  fit %.3f s/mb  elapsed %.0f s%n",
                        step + 1,
                        epsNow,
                        lossSum / logEvery,
                        craftSeconds / (step + 1),
                        fitSeconds / (step + 1),
                        (System.nanoTime() - started) / 1e9);
                lossSum = 0;
            }
        }
        double trainSeconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "trained %d steps in %.1f s: %.3f s/step (craft %.3f, fit %.3f)%n",
                steps,
                trainSeconds,
                trainSeconds / steps,
                craftSeconds / steps,
                fitSeconds / steps);

        gradient.syncFrom(net);
        PgdSettings evalPgd =
                new PgdSettings(Integer.parseInt(a.get("evalSteps")), Double.parseDouble(a.get("evalStep")), true);
        List<String> row = new ArrayList<>();
        BatchedAttack.Outcome natural = BatchedAttack.natural(gradient, test, 200);
        row.add(String.format(Locale.ROOT, "natural %.3f", natural.cleanAccuracy()));
        for (String name : a.get("attacks").split(",")) {
            LocalizedAttack attack =
                    new LocalizedAttack(AttackKind.fromId(name), new AttackSettings(eps, 0.0, 6), evalPgd);
            BatchedAttack.Outcome o = BatchedAttack.run(gradient, attack, test, 200, seed + 1);
            row.add(String.format(Locale.ROOT, "%s %.3f", name, o.inputAccuracy()));
            System.out.printf(
                    Locale.ROOT,
                    "  eval %s: acc %.3f loss %.3f (%.0f image-steps/s)%n",
                    name,
                    o.inputAccuracy(),
                    o.inputLoss(),
                    o.imageStepsPerSecond());
        }
        System.out.println("RESULT " + kind + " " + a + " | " + String.join(" | ", row)
                + String.format(Locale.ROOT, " | train %.0f s", trainSeconds));
    }
}
