package lat.attack;

import org.nd4j.linalg.api.ndarray.INDArray;

/** A per-image loss of a network's logits, with its gradient: what a gradient attack other than CE raises. */
@FunctionalInterface
public interface LogitLoss {
    /**
     * @param logits [n, 10], not modified
     * @param losses receives each image's loss, [n]
     * @return d (sum of the losses) / d logits, [n, 10], a fresh array of the logits' type
     */
    INDArray lossAndGradient(INDArray logits, INDArray losses);
}
