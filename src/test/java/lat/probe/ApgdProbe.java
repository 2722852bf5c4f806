package lat.probe;

import java.io.File;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import lat.attack.Apgd;
import lat.attack.CnnInputGradient;
import lat.attack.Masks;
import lat.attack.Pgd;
import lat.config.AttackSettings;
import lat.config.DataSettings;
import lat.config.PgdSettings;
import lat.config.SettingsLoader;
import lat.core.AttackKind;
import lat.core.Seeds;
import lat.data.Digits;
import lat.data.Mnist;
import lat.model.ModelStore;
import org.apache.hadoop.conf.Configuration;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A lab probe, not a test: APGD-CE against PGD with the same number of steps, on the trained
 * models of a run directory ({@code models/<run>/<model>/model.zip}), for each attack mask, on
 * the first test digits. Prints mean loss and accuracy per (model, attack, method).
 *
 * <p>Arguments are key=value (defaults in {@link #DEFAULTS}), e.g.
 * {@code models=/tmp/out/models/local eps=0.1 steps=20 step=0.01 eval=500}.
 */
public final class ApgdProbe {
    private static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

    static {
        DEFAULTS.put("models", "output/models/local");
        DEFAULTS.put("eps", "0.1");
        DEFAULTS.put("steps", "20");
        DEFAULTS.put("step", "0.01"); // PGD's step size
        DEFAULTS.put("eval", "500");
        DEFAULTS.put("batch", "100");
        DEFAULTS.put("attacks", "standard,background,exact-mask,broad-mask");
        DEFAULTS.put("seed", "42");
        DEFAULTS.put("data", "/work/shared/data/mnist");
    }

    private ApgdProbe() {}

    public static void main(String[] args) {
        Map<String, String> a = new LinkedHashMap<>(DEFAULTS);
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            if (!a.containsKey(kv[0])) {
                throw new IllegalArgumentException("unknown argument " + kv[0] + "; known: " + a.keySet());
            }
            a.put(kv[0], kv[1]);
        }
        System.out.println("probe " + a);
        Configuration hadoop = new Configuration();
        DataSettings data = SettingsLoader.load(Optional.empty(), Map.of("lat.data.dir", a.get("data")))
                .data();
        Digits test = Mnist.load(data, Mnist.Split.TEST, Integer.parseInt(a.get("eval")), hadoop);
        AttackSettings budget = new AttackSettings(Double.parseDouble(a.get("eps")), 0.0, 6);
        int steps = Integer.parseInt(a.get("steps"));
        PgdSettings pgd = new PgdSettings(steps, Double.parseDouble(a.get("step")), true);
        int batch = Integer.parseInt(a.get("batch"));
        long seed = Long.parseLong(a.get("seed"));
        File[] models = new File(a.get("models")).listFiles(f -> new File(f, "model.zip").isFile());
        Arrays.sort(models);
        System.out.println("model       attack       clean acc  | PGD loss  acc   s   | APGD loss  acc   s");
        for (File model : models) {
            CnnInputGradient gradient =
                    CnnInputGradient.of(ModelStore.load(new File(model, "model.zip").getPath(), hadoop));
            for (String id : a.get("attacks").split(",")) {
                AttackKind kind = AttackKind.valueOf(id.toUpperCase(Locale.ROOT).replace('-', '_'));
                double[] clean = new double[2];
                double[] byPgd = new double[3];
                double[] byApgd = new double[3];
                for (int from = 0, b = 0; from < test.size(); from += batch, b++) {
                    Digits slice = test.slice(from, Math.min(test.size(), from + batch));
                    INDArray images = slice.images();
                    INDArray labels = slice.labelsOneHot();
                    INDArray epmatrix = Masks.epmatrix(kind, images, budget);
                    add(clean, gradient, images, labels, 0);
                    long start = System.nanoTime();
                    INDArray x = Pgd.perturb(gradient, images, labels, epmatrix, pgd, Seeds.of(seed, b));
                    add(byPgd, gradient, x, labels, System.nanoTime() - start);
                    start = System.nanoTime();
                    x = Apgd.perturb(gradient, images, labels, epmatrix, steps, Seeds.of(seed, b));
                    add(byApgd, gradient, x, labels, System.nanoTime() - start);
                }
                double n = test.size();
                System.out.printf(
                        Locale.ROOT,
                        "%-11s %-12s %.3f      | %7.4f  %.3f %5.1f | %7.4f  %.3f %5.1f%n",
                        model.getName(),
                        id,
                        clean[1] / n,
                        byPgd[0] / n,
                        byPgd[1] / n,
                        byPgd[2],
                        byApgd[0] / n,
                        byApgd[1] / n,
                        byApgd[2]);
            }
        }
    }

    /** Adds the summed loss, the correct predictions and the seconds to {@code sums}. */
    private static void add(double[] sums, CnnInputGradient gradient, INDArray x, INDArray labels, long nanos) {
        sums[0] += gradient.losses(x, labels).sumNumber().doubleValue();
        sums[1] += gradient.probabilities(x)
                .argMax(1)
                .eq(labels.argMax(1))
                .castTo(DataType.INT64)
                .sumNumber()
                .longValue();
        if (sums.length > 2) {
            sums[2] += nanos / 1e9;
        }
    }
}
