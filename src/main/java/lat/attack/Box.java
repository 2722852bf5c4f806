package lat.attack;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Max;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Min;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The per-pixel box every L-infinity attack of lat stays in: pixel x may move within
 * [x - e, x + e] ∩ [0, 1], e its entry in the epmatrix. Where e is 0 the box is the single
 * value x, so clipping returns those pixels bit-for-bit unchanged.
 */
final class Box {
    private final INDArray lower;
    private final INDArray upper;

    private Box(INDArray lower, INDArray upper) {
        this.lower = lower;
        this.upper = upper;
    }

    /** The box of {@code images} under {@code epmatrix}, computed once per minibatch. */
    static Box around(INDArray images, INDArray epmatrix) {
        return new Box(
                Transforms.max(images.sub(epmatrix), 0.0, false), Transforms.min(images.add(epmatrix), 1.0, false));
    }

    /** In place: {@code x = min(max(x, lower), upper)}. */
    void clip(INDArray x) {
        Nd4j.exec(new Max(x, lower, x));
        Nd4j.exec(new Min(x, upper, x));
    }

    /** Fresh noise uniform in [-1, 1] shaped like {@code like}: the random starts' draw. */
    static INDArray uniformNoise(INDArray like, long seed) {
        INDArray noise = Nd4j.createUninitialized(like.dataType(), like.shape());
        try (Random random = Nd4j.getRandomFactory().getNewRandomInstance(seed)) {
            Nd4j.getExecutioner().exec(new UniformDistribution(noise, -1.0, 1.0), random);
        } catch (Exception e) {
            throw new IllegalStateException("could not release ND4J's random generator", e);
        }
        return noise;
    }
}
