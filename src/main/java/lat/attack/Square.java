package lat.attack;

import java.util.SplittableRandom;
import lat.config.SquareSettings;
import lat.core.Images;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Square Attack, L-infinity (Andriushchenko et al. 2020), AutoAttack's black-box attack: random
 * search that needs only the network's logits, never a gradient, so a model cannot hide behind
 * masked gradients. From a start of vertical stripes at the corners of the box, each query moves
 * one random square of side s to a random corner of the box and keeps the move only if it lowers
 * the margin {@code z_y - max_{j != y} z_j}; a digit is fooled once its margin is at most 0, and
 * is queried no more.
 *
 * <p>Follows the reference (autoattack/square.py, {@code attack_single_run}, norm Linf, loss
 * margin, as AutoAttack's standard suite builds it: {@code resc_schedule=False}, one restart): the
 * stripes' signs drawn per image and column; each iteration one square position and sign shared
 * by the minibatch; side {@code s = max(round(sqrt(p * 784)), 1)} with p from {@link #p}; the
 * position uniform in {@code [0, 28 - s)} as there. Localized: the stripes and every square are
 * scaled by each pixel's budget and clipped to its {@link Box} (the squares may fall anywhere,
 * but only pixels with budget > 0 can change). Digits misclassified clean are not queried (0
 * queries), as the reference's {@code perturb} attacks only the correctly classified. Deviations:
 * digits whose mask leaves no free pixel are not queried either (they come back unchanged);
 * the random numbers come from {@link SplittableRandom}, not torch; every digit returns its
 * lowest-margin point, fooled or not (the reference returns the clean image where it fails).
 */
public final class Square {
    private Square() {}

    /** The network seen from outside: logits [n, 10] of images [n, 1, 28, 28], no gradient. */
    @FunctionalInterface
    public interface Forward {
        INDArray logits(INDArray images);
    }

    /**
     * @param adversarial per digit, its lowest-margin point: a fresh array
     * @param margins     per digit, its margin there (<= 0: fooled)
     * @param queries     per digit, forward passes spent on it, counting the start's (the
     *                    reference's n_queries): for a fooled digit, the queries until success
     */
    public record Result(INDArray adversarial, double[] margins, int[] queries) {
        public boolean fooled(int digit) {
            return margins[digit] <= 0;
        }
    }

    /**
     * @param images   clean images [n, 1, 28, 28] in [0, 1]; not modified
     * @param labels   one-hot labels [n, 10]
     * @param epmatrix per-pixel budget, shaped like {@code images}
     * @param seed     seeds the stripes and the squares; the same inputs and seed give the same result
     */
    public static Result perturb(
            Forward network, INDArray images, INDArray labels, INDArray epmatrix, SquareSettings settings, long seed) {
        int n = (int) images.size(0);
        int[] classes = Rows.classes(labels);
        float[] clean = images.dup('c').data().asFloat();
        float[] budget = epmatrix.dup('c').data().asFloat();
        float[] lower = new float[clean.length];
        float[] upper = new float[clean.length];
        for (int p = 0; p < clean.length; p++) {
            // as Box computes them: where the budget is 0 both are the pixel itself
            lower[p] = Math.max(clean[p] - budget[p], 0f);
            upper[p] = Math.min(clean[p] + budget[p], 1f);
        }
        double[] margins = margins(network.logits(images), classes, Rows.all(n));
        int[] queries = new int[n];
        boolean[] attacked = new boolean[n];
        for (int i = 0; i < n; i++) {
            attacked[i] = margins[i] > 0 && hasFreePixel(budget, i);
        }

        SplittableRandom random = new SplittableRandom(seed);
        float[] best = clean.clone();
        for (int i = 0; i < n; i++) {
            for (int col = 0; col < Images.SIDE; col++) {
                float sign = random.nextBoolean() ? 1f : -1f;
                for (int row = 0; row < Images.SIDE; row++) {
                    int p = i * Images.PIXELS + row * Images.SIDE + col;
                    best[p] = clip(clean[p] + sign * budget[p], lower[p], upper[p]);
                }
            }
        }
        int[] rows = Rows.where(attacked);
        if (rows.length > 0) {
            double[] start = margins(network.logits(batch(best, rows)), classes, rows);
            for (int j = 0; j < rows.length; j++) {
                margins[rows[j]] = start[j];
                queries[rows[j]] = 1;
            }
        }

        for (int iteration = 0; iteration < settings.queries(); iteration++) {
            boolean[] active = new boolean[n];
            for (int i = 0; i < n; i++) {
                active[i] = attacked[i] && margins[i] > 0;
            }
            rows = Rows.where(active);
            if (rows.length == 0) {
                break;
            }
            int side = side(p(iteration, settings.pInit()));
            int top = Images.SIDE - side > 0 ? random.nextInt(Images.SIDE - side) : 0;
            int left = Images.SIDE - side > 0 ? random.nextInt(Images.SIDE - side) : 0;
            float sign = random.nextBoolean() ? 2f : -2f;
            float[] candidate = new float[rows.length * Images.PIXELS];
            for (int j = 0; j < rows.length; j++) {
                System.arraycopy(best, rows[j] * Images.PIXELS, candidate, j * Images.PIXELS, Images.PIXELS);
                for (int row = top; row < top + side; row++) {
                    for (int col = left; col < left + side; col++) {
                        int offset = row * Images.SIDE + col;
                        int p = rows[j] * Images.PIXELS + offset;
                        int q = j * Images.PIXELS + offset;
                        candidate[q] = clip(candidate[q] + sign * budget[p], lower[p], upper[p]);
                    }
                }
            }
            double[] tried = margins(network.logits(toImages(candidate, rows.length)), classes, rows);
            for (int j = 0; j < rows.length; j++) {
                int i = rows[j];
                queries[i]++;
                if (tried[j] < margins[i]) {
                    margins[i] = tried[j];
                    System.arraycopy(candidate, j * Images.PIXELS, best, i * Images.PIXELS, Images.PIXELS);
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (!attacked[i]) {
                System.arraycopy(clean, i * Images.PIXELS, best, i * Images.PIXELS, Images.PIXELS);
            }
        }
        return new Result(toImages(best, n).castTo(images.dataType()), margins, queries);
    }

    /**
     * The reference's schedule of p, the fraction of the image a square covers, at iteration
     * {@code iteration} (0-based): p-init, halved after iterations 10, 50, 200, 500, 1000, 2000,
     * 4000, 6000 and 8000.
     */
    static double p(int iteration, double pInit) {
        int[] ends = {10, 50, 200, 500, 1000, 2000, 4000, 6000, 8000};
        double p = pInit;
        for (int end : ends) {
            if (iteration > end) {
                p /= 2;
            }
        }
        return p;
    }

    /** The side of a square covering about {@code p} of the image: max(round(sqrt(p * 784)), 1). */
    static int side(double p) {
        return Math.max((int) Math.round(Math.sqrt(p * Images.PIXELS)), 1);
    }

    /** Per row {@code rows[j]}: z_y - max over the other classes, from the logits of those rows. */
    static double[] margins(INDArray logits, int[] classes, int[] rows) {
        double[][] z = logits.toDoubleMatrix();
        double[] margins = new double[rows.length];
        for (int j = 0; j < rows.length; j++) {
            int y = classes[rows[j]];
            double other = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < z[j].length; c++) {
                if (c != y) {
                    other = Math.max(other, z[j][c]);
                }
            }
            margins[j] = z[j][y] - other;
        }
        return margins;
    }

    private static float clip(float x, float lower, float upper) {
        return Math.min(Math.max(x, lower), upper);
    }

    private static boolean hasFreePixel(float[] budget, int image) {
        for (int p = image * Images.PIXELS; p < (image + 1) * Images.PIXELS; p++) {
            if (budget[p] > 0) {
                return true;
            }
        }
        return false;
    }

    private static INDArray batch(float[] pixels, int[] rows) {
        float[] picked = new float[rows.length * Images.PIXELS];
        for (int j = 0; j < rows.length; j++) {
            System.arraycopy(pixels, rows[j] * Images.PIXELS, picked, j * Images.PIXELS, Images.PIXELS);
        }
        return toImages(picked, rows.length);
    }

    private static INDArray toImages(float[] pixels, int n) {
        return Nd4j.create(pixels, Images.batchShape(n), 'c');
    }
}
