package lat.attack;

import java.util.Arrays;
import lat.core.Check;
import lat.core.Images;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The targeted Difference of Logits Ratio loss of APGD-T (Croce and Hein 2020, eq. 6; the
 * reference's {@code dlr_loss_targeted}): for logits z sorted z_pi1 >= z_pi2 >= ..., label y and
 * target t, {@code -(z_y - z_t) / (z_pi1 - (z_pi3 + z_pi4) / 2 + 1e-12)}. Positive exactly where the
 * target's logit beats the label's, so a point of positive loss is misclassified; invariant to
 * shifting and (positive) scaling the logits, unlike the cross-entropy. Computed on the CPU in
 * doubles: it touches n x 10 numbers.
 */
public final class Dlr {
    /** The reference's guard against a zero denominator. */
    static final double GUARD = 1e-12;

    private Dlr() {}

    /** The targeted DLR of each image's label {@code labels[i]} against {@code targets[i]}, with its gradient. */
    public static LogitLoss targeted(int[] labels, int[] targets) {
        Check.that(labels.length == targets.length, "DLR needs one target per label");
        for (int i = 0; i < labels.length; i++) {
            Check.that(labels[i] != targets[i], "a DLR target must differ from its label, both " + labels[i]);
        }
        return (logits, losses) -> {
            Check.that(
                    logits.size(0) == labels.length,
                    "DLR: " + logits.size(0) + " logits, " + labels.length + " labels");
            double[][] z = logits.toDoubleMatrix();
            double[][] gradient = new double[z.length][Images.CLASSES];
            double[] loss = new double[z.length];
            for (int i = 0; i < z.length; i++) {
                int[] order = descending(z[i]);
                int y = labels[i];
                int t = targets[i];
                double numerator = z[i][y] - z[i][t];
                double denominator = z[i][order[0]] - 0.5 * (z[i][order[2]] + z[i][order[3]]) + GUARD;
                loss[i] = -numerator / denominator;
                // d(-N/D) = -dN/D + N dD/D^2, dN = e_y - e_t, dD = e_pi1 - (e_pi3 + e_pi4) / 2
                gradient[i][y] -= 1 / denominator;
                gradient[i][t] += 1 / denominator;
                double ratio = numerator / (denominator * denominator);
                gradient[i][order[0]] += ratio;
                gradient[i][order[2]] -= 0.5 * ratio;
                gradient[i][order[3]] -= 0.5 * ratio;
            }
            losses.assign(Nd4j.createFromArray(loss).castTo(losses.dataType()));
            return Nd4j.createFromArray(gradient).castTo(logits.dataType());
        };
    }

    /** The classes by decreasing logit; ties keep the lower class first. */
    static int[] descending(double[] z) {
        Integer[] order = new Integer[z.length];
        for (int c = 0; c < z.length; c++) {
            order[c] = c;
        }
        Arrays.sort(order, (a, b) -> Double.compare(z[b], z[a]));
        return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }
}
