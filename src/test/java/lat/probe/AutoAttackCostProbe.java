package lat.probe;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import lat.attack.Apgd;
import lat.attack.ApgdTargeted;
import lat.attack.CnnInputGradient;
import lat.attack.Masks;
import lat.attack.Square;
import lat.config.ApgdTSettings;
import lat.config.AttackSettings;
import lat.config.DataSettings;
import lat.config.ModelSettings;
import lat.config.SettingsLoader;
import lat.config.SquareSettings;
import lat.core.AttackKind;
import lat.core.Images;
import lat.data.Digits;
import lat.data.Mnist;
import lat.model.Cnn;
import org.apache.hadoop.conf.Configuration;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A lab probe, not a test: what Square's queries and APGD-T's runs cost on a CNN of the repro
 * (8/16/128) or the paper's (32/64/1024) shape, B = 100 test digits. The network is freshly
 * initialised and each digit's label is its own prediction, so every digit is attacked; at
 * epsilon 0.001 (standard mask) almost none is fooled, so every digit pays every query: the
 * worst case per digit. Prints forward passes per second (bare, and inside Square), Square's
 * seconds per digit at 5,000 queries, and APGD-CE's and APGD-T's seconds.
 *
 * <p>Arguments: {@code shape=repro|paper queries=N steps=N data=DIR}.
 */
public final class AutoAttackCostProbe {
    private AutoAttackCostProbe() {}

    public static void main(String[] args) {
        String shape = "repro";
        int queries = 500;
        int steps = 20;
        String data = "/work/shared/data/mnist";
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            switch (kv[0]) {
                case "shape" -> shape = kv[1];
                case "queries" -> queries = Integer.parseInt(kv[1]);
                case "steps" -> steps = Integer.parseInt(kv[1]);
                case "data" -> data = kv[1];
                default -> throw new IllegalArgumentException("unknown argument " + kv[0]);
            }
        }
        ModelSettings model =
                shape.equals("paper") ? new ModelSettings(32, 64, 1024, 5) : new ModelSettings(8, 16, 128, 5);
        CnnInputGradient gradient = CnnInputGradient.of(Cnn.build(model, 1e-3, 42));
        DataSettings dataSettings = SettingsLoader.load(Optional.empty(), Map.of("lat.data.dir", data))
                .data();
        Digits digits = Mnist.load(dataSettings, Mnist.Split.TEST, 100, new Configuration());
        INDArray images = digits.images();
        INDArray labels = Nd4j.eye(Images.CLASSES)
                .getRows(gradient.logits(images).argMax(1).toIntVector())
                .castTo(images.dataType());
        INDArray epmatrix = Masks.epmatrix(AttackKind.STANDARD, images, new AttackSettings(0.001, 0.0, 6));
        System.out.printf(Locale.ROOT, "shape %s, B=100, queries %d, steps %d%n", model, queries, steps);

        for (int i = 0; i < 20; i++) {
            gradient.logits(images); // warm-up
        }
        int repeats = Math.max(queries / 5, 20);
        long start = System.nanoTime();
        for (int i = 0; i < repeats; i++) {
            gradient.logits(images);
        }
        double bare = 100.0 * repeats / seconds(start);
        System.out.printf(Locale.ROOT, "bare forward: %.0f images/s%n", bare);

        start = System.nanoTime();
        Square.Result square =
                Square.perturb(gradient::logits, images, labels, epmatrix, new SquareSettings(queries, 0.8), 1);
        double squareSeconds = seconds(start);
        long passes = Arrays.stream(square.queries()).asLongStream().sum();
        long fooled = Arrays.stream(square.margins()).filter(m -> m <= 0).count();
        double rate = passes / squareSeconds;
        System.out.printf(
                Locale.ROOT,
                "square: %d queries, %d image forward passes in %.1f s = %.0f images/s; %d fooled;"
                        + " %.2f s per digit at 5000 queries (%.1f s per minibatch of 100)%n",
                queries,
                passes,
                squareSeconds,
                rate,
                fooled,
                5001 / rate,
                5001 * 100 / rate);

        start = System.nanoTime();
        Apgd.perturb(gradient, images, labels, epmatrix, steps, 1);
        double ce = seconds(start);
        start = System.nanoTime();
        ApgdTargeted.Result one =
                ApgdTargeted.perturb(gradient, images, labels, epmatrix, steps, new ApgdTSettings(1, 1), 1);
        double t1 = seconds(start);
        start = System.nanoTime();
        ApgdTargeted.Result nine =
                ApgdTargeted.perturb(gradient, images, labels, epmatrix, steps, ApgdTSettings.STANDARD, 1);
        double t9 = seconds(start);
        System.out.printf(
                Locale.ROOT,
                "apgd-ce %.2f s; apgd-t 1 target %.2f s (x%.2f); 9 targets %.2f s (x%.2f); fooled by apgd-t: %d, %d%n",
                ce,
                t1,
                t1 / ce,
                t9,
                t9 / ce,
                count(one.fooled()),
                count(nine.fooled()));
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static long count(boolean[] flags) {
        long n = 0;
        for (boolean f : flags) {
            n += f ? 1 : 0;
        }
        return n;
    }
}
