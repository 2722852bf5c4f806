package lat.attack;

import java.util.ArrayList;
import java.util.List;
import lat.core.Check;
import lat.core.Images;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.controlflow.Select;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * APGD-CE, the first attack of AutoAttack (Croce and Hein, "Reliable evaluation of adversarial
 * robustness with an ensemble of diverse parameter-free attacks", ICML 2020): L-infinity PGD on
 * the cross-entropy with momentum and a step size that halves, image by image, when progress
 * stalls, so it has no step size to tune. Localized like {@link Pgd}: every pixel stays in its
 * {@link Box}, pixels with budget 0 come out bit-for-bit unchanged.
 *
 * <p>Follows the reference implementation (autoattack/autopgd_base.py, {@code APGDAttack}: norm
 * Linf, loss ce, one restart) vectorised over the minibatch: each image has its own step size,
 * best point and checkpoint conditions. Where the epsilon is a scalar there, here it is each
 * pixel's entry in the epmatrix: the step size is a per-image scale (2 at first, then halved)
 * times each pixel's budget, so a pixel with budget e steps by 2e, e, e/2, ... and one with budget
 * 0 never moves.
 */
public final class Apgd {
    /** The step size starts at twice each pixel's budget (the reference's 2 * eps). */
    static final double INITIAL_STEP = 2.0;
    /** Weight of the new step against the previous one: the paper's alpha. */
    static final double MOMENTUM = 0.75;
    /** Condition 1: the step halves when at most this fraction of a window's steps raised the loss. */
    static final double RHO = 0.75;

    private Apgd() {}

    /**
     * Crafts adversarial images that raise the cross-entropy of the network behind {@code gradient}.
     *
     * @param images   clean images [n, 1, 28, 28] in [0, 1]; not modified
     * @param labels   one-hot labels [n, 10]
     * @param epmatrix per-pixel budget, shaped like {@code images} (see {@link Masks#epmatrix})
     * @param steps    iterations (the reference's n_iter): as many gradients as PGD with these steps
     *                 (each also scores its point: the loss comes from the same forward pass), plus
     *                 one forward pass to score the last point
     * @param seed     seeds the random start; the same inputs and seed give the same result
     * @return a fresh array: per image, the point of highest loss found (the reference's x_best)
     */
    public static INDArray perturb(
            CnnInputGradient gradient, INDArray images, INDArray labels, INDArray epmatrix, int steps, long seed) {
        Objective crossEntropy = new Objective() {
            @Override
            public INDArray gradient(INDArray x, INDArray losses) {
                return gradient.gradient(x, labels, losses);
            }

            @Override
            public INDArray losses(INDArray x) {
                return gradient.losses(x, labels);
            }
        };
        return maximise(crossEntropy, images, epmatrix, steps, seed);
    }

    /** The loss APGD raises: per image, its value and (from the same forward pass) its input gradient. */
    interface Objective {
        /** Fills {@code losses} ([n]) and returns the input gradient, possibly a buffer reused by the next call. */
        INDArray gradient(INDArray x, INDArray losses);

        /** The losses at {@code x}, [n]: a fresh array. */
        INDArray losses(INDArray x);
    }

    /** APGD on any {@code objective}: the search of {@link #perturb}, also APGD-T's on the targeted DLR. */
    static INDArray maximise(Objective objective, INDArray images, INDArray epmatrix, int steps, long seed) {
        Check.notNegative(steps, "APGD steps");
        long n = images.size(0);
        DataType type = images.dataType();
        Box box = Box.around(images, epmatrix);
        INDArray budget = epmatrix.reshape('c', n, Images.PIXELS);

        INDArray x = images.add(randomStart(images, epmatrix, seed));
        box.clip(x);
        INDArray loss = Nd4j.create(type, n);
        INDArray grad = objective.gradient(x, loss).dup();
        INDArray xBest = x.dup();
        INDArray gradBest = grad.dup();
        INDArray lossBest = loss.dup();
        INDArray xPrevious = x.dup();
        INDArray stepScale = Nd4j.valueArrayOf(new long[] {n, 1}, INITIAL_STEP, type);

        // State of the current window between checkpoints, per image.
        List<Integer> checkpoints = checkpoints(steps);
        int check = 0;
        INDArray lossBefore = loss;
        INDArray raised = Nd4j.zeros(type, n);
        INDArray lossBestAtCheck = lossBest.dup();
        INDArray halvedAtCheck = Nd4j.ones(DataType.BOOL, n);

        for (int i = 0; i < steps; i++) {
            boolean last = i == steps - 1;
            // x_{k+1} = P(x_k + a (z_{k+1} - x_k) + (1 - a)(x_k - x_{k-1})), z = P(x_k + eta sign(grad))
            double a = i == 0 ? 1.0 : MOMENTUM;
            INDArray stepSizes = budget.mulColumnVector(stepScale).reshape(images.shape());
            INDArray z = x.add(Transforms.sign(grad, true).muli(stepSizes));
            box.clip(z);
            INDArray momentum = x.sub(xPrevious);
            xPrevious = x;
            x = x.add(z.subi(x).muli(a)).addi(momentum.muli(1.0 - a));
            box.clip(x);

            // the last point only needs scoring: no gradient, and no checkpoint below
            loss = last ? objective.losses(x).castTo(type) : Nd4j.create(type, n);
            if (!last) {
                grad = objective.gradient(x, loss).dup();
            }
            raised.addi(loss.gt(lossBefore).castTo(type));
            lossBefore = loss;
            INDArray improved = loss.gt(lossBest);
            xBest = select(improved, x, xBest);
            lossBest = select(improved, loss, lossBest);
            if (last) {
                break;
            }
            gradBest = select(improved, grad, gradBest);

            if (check < checkpoints.size() && i + 1 == checkpoints.get(check)) {
                int window = checkpoints.get(check) - (check == 0 ? 0 : checkpoints.get(check - 1));
                INDArray halve = halve(raised, window, halvedAtCheck, lossBestAtCheck, lossBest);
                // halved where flagged (exact: times 0.5 or 1), restarting there from the best point
                stepScale.muli(halve.castTo(type).reshape(n, 1).muli(-0.5).addi(1.0));
                x = select(halve, xBest, x);
                grad = select(halve, gradBest, grad);
                halvedAtCheck = halve;
                lossBestAtCheck = lossBest.dup();
                raised.assign(0);
                check++;
            }
        }
        return xBest;
    }

    /**
     * The iterations after which APGD checks its progress, for {@code steps} iterations: the
     * paper's w_j = ceil(p_j * steps) with p_0 = 0, p_1 = 0.22, p_{j+1} = p_j + max(p_j - p_{j-1}
     * - 0.03, 0.06), computed in integers as the reference does (windows of int(0.22 steps), each
     * int(0.03 steps) shorter than the last, at least int(0.06 steps), all at least 1).
     */
    static List<Integer> checkpoints(int steps) {
        int first = Math.max((int) (0.22 * steps), 1);
        int shortest = Math.max((int) (0.06 * steps), 1);
        int shrink = Math.max((int) (0.03 * steps), 1);
        List<Integer> at = new ArrayList<>();
        int end = 0;
        for (int window = first; end + window <= steps; window = Math.max(window - shrink, shortest)) {
            end += window;
            at.add(end);
        }
        return at;
    }

    /**
     * Which images halve their step size at a checkpoint (boolean [n]): condition 1, at most
     * {@code RHO * window} of the window's steps raised the loss (the reference's {@code <=}; the
     * paper writes {@code <}); or condition 2, the step size was not halved at the previous
     * checkpoint and the best loss has not risen since.
     *
     * @param raised          per image, the window's steps that raised the loss over the step before
     * @param halvedAtCheck   per image, whether the previous checkpoint halved (true before the first)
     * @param lossBestAtCheck per image, the best loss at the previous checkpoint
     * @param lossBest        per image, the best loss now
     */
    static INDArray halve(
            INDArray raised, int window, INDArray halvedAtCheck, INDArray lossBestAtCheck, INDArray lossBest) {
        INDArray oscillating = raised.lte(RHO * window);
        INDArray stalled = Transforms.not(Transforms.or(halvedAtCheck, lossBest.gt(lossBestAtCheck)));
        return Transforms.or(oscillating, stalled);
    }

    /**
     * The reference's random start: x + eps * t / max|t|, t uniform in [-1, 1]^d, so each image's
     * largest draw reaches the full budget. Localized, eps is the epmatrix; the maximum is over
     * all pixels of the draw as there (its value does not depend on the mask).
     */
    private static INDArray randomStart(INDArray images, INDArray epmatrix, long seed) {
        long n = images.size(0);
        INDArray t = Box.uniformNoise(images, seed).reshape('c', n, Images.PIXELS);
        INDArray largest = t.amax(1).addi(1e-12).reshape(n, 1);
        return t.diviColumnVector(largest)
                .muli(epmatrix.reshape('c', n, Images.PIXELS))
                .reshape(images.shape());
    }

    /** Per image (row), {@code ifTrue}'s row where {@code rows} is true, else {@code ifFalse}'s: fresh. */
    static INDArray select(INDArray rows, INDArray ifTrue, INDArray ifFalse) {
        INDArray out = ifTrue.ulike();
        Nd4j.exec(new Select(new INDArray[] {rows, ifTrue, ifFalse}, new INDArray[] {out}));
        return out;
    }
}
