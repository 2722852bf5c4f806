package lat.attack;

import lat.config.ApgdTSettings;
import lat.core.Check;
import lat.core.Seeds;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * APGD-T, AutoAttack's second attack (Croce and Hein 2020): {@link Apgd}'s search on the targeted
 * DLR loss ({@link Dlr#targeted}) against each of the most likely wrong classes in turn, each run
 * only on the digits that no earlier run fooled. Localized like {@link Apgd}: the same epmatrix,
 * so pixels with budget 0 come out bit-for-bit unchanged.
 *
 * <p>Follows the reference (autoattack/autopgd_base.py, {@code APGDAttack_targeted.perturb}, norm
 * Linf, {@code n_target_classes} targets, {@code n_restarts} restarts): target k (k = 2, 3, ...)
 * is the class with the k-th largest logit on the clean image; each run has its own random start.
 * Deviations: (1) a run's candidate is its highest-loss point ({@code x_best}), not the reference's
 * {@code x_best_adv} (any misclassified point visited): a positive targeted DLR already means
 * misclassified, so the two differ only on points misclassified as a third class with the
 * target's logit still below the label's; (2) digits the network misclassifies clean are not
 * attacked (as in AutoAttack's driver); (3) where no run succeeds the clean image is returned, as
 * the reference's {@code perturb} does.
 */
public final class ApgdTargeted {
    private ApgdTargeted() {}

    /**
     * @param adversarial per digit, the first fooling point found, else the clean image: a fresh array
     * @param fooled      per digit, whether it is misclassified (clean or by a run of this attack)
     */
    public record Result(INDArray adversarial, boolean[] fooled) {}

    /**
     * @param images   clean images [n, 1, 28, 28] in [0, 1]; not modified
     * @param labels   one-hot labels [n, 10]
     * @param epmatrix per-pixel budget, shaped like {@code images}
     * @param steps    APGD iterations per run (target and restart)
     * @param seed     seeds every run's random start; the same inputs and seed give the same result
     */
    public static Result perturb(
            CnnInputGradient gradient,
            INDArray images,
            INDArray labels,
            INDArray epmatrix,
            int steps,
            ApgdTSettings settings,
            long seed) {
        Check.positive(steps, "APGD-T steps");
        int[] classes = Rows.classes(labels);
        INDArray clean = gradient.logits(images);
        int[] predicted = Rows.classes(clean);
        boolean[] fooled = new boolean[classes.length];
        for (int i = 0; i < classes.length; i++) {
            fooled[i] = predicted[i] != classes[i];
        }
        double[][] cleanLogits = clean.toDoubleMatrix();
        INDArray adversarial = images.dup();
        for (int k = 0; k < settings.targets(); k++) {
            for (int restart = 0; restart < settings.restarts(); restart++) {
                boolean[] surviving = new boolean[fooled.length];
                for (int i = 0; i < fooled.length; i++) {
                    surviving[i] = !fooled[i];
                }
                int[] rows = Rows.where(surviving);
                if (rows.length == 0) {
                    return new Result(adversarial, fooled);
                }
                int[] label = new int[rows.length];
                int[] target = new int[rows.length];
                for (int j = 0; j < rows.length; j++) {
                    label[j] = classes[rows[j]];
                    // the clean image is correctly classified, so its ranks 2, 3, ... are wrong classes
                    target[j] = Dlr.descending(cleanLogits[rows[j]])[k + 1];
                }
                LogitLoss dlr = Dlr.targeted(label, target);
                Apgd.Objective objective = new Apgd.Objective() {
                    @Override
                    public INDArray gradient(INDArray x, INDArray losses) {
                        return gradient.gradient(x, dlr, losses);
                    }

                    @Override
                    public INDArray losses(INDArray x) {
                        INDArray logits = gradient.logits(x);
                        INDArray losses = Nd4j.create(logits.dataType(), logits.size(0));
                        dlr.lossAndGradient(logits, losses);
                        return losses;
                    }
                };
                INDArray found = Apgd.maximise(
                        objective,
                        Rows.take(images, rows),
                        Rows.take(epmatrix, rows),
                        steps,
                        Seeds.of(Seeds.of(seed, k), restart));
                int[] now = Rows.classes(gradient.logits(found));
                boolean[] broken = new boolean[rows.length];
                for (int j = 0; j < rows.length; j++) {
                    broken[j] = now[j] != label[j];
                }
                int[] brokenRows = Rows.where(broken);
                int[] targetRows = new int[brokenRows.length];
                for (int j = 0; j < brokenRows.length; j++) {
                    targetRows[j] = rows[brokenRows[j]];
                    fooled[targetRows[j]] = true;
                }
                if (brokenRows.length > 0) {
                    Rows.put(adversarial, targetRows, Rows.take(found, brokenRows));
                }
            }
        }
        return new Result(adversarial, fooled);
    }
}
