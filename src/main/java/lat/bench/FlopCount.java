package lat.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import lat.config.ModelSettings;
import lat.core.Images;
import lat.model.Cnn;

/**
 * Analytic floating-point operation counts of the paper's CNN per image, counting a
 * multiply-add as 2 FLOPs and only the convolutions and dense layers (ReLU, pooling, softmax
 * and the optimiser's update add well under 1%).
 *
 * @param conv1 multiply-adds of the first convolution (28 x 28 x c1 outputs, k x k x 1 each)
 * @param conv2 multiply-adds of the second convolution (14 x 14 x c2 outputs, k x k x c1 each)
 * @param dense multiply-adds of the hidden dense layer (7 x 7 x c2 inputs, d outputs)
 * @param output multiply-adds of the output layer (d inputs, 10 outputs)
 */
public record FlopCount(long conv1, long conv2, long dense, long output) {

    /** The counts of the CNN with {@code model}'s widths. */
    public static FlopCount of(ModelSettings model) {
        long k2 = (long) model.kernelSize() * model.kernelSize();
        long c1 = model.conv1Channels();
        long c2 = model.conv2Channels();
        long side = Images.SIDE;
        long pooled1 = Cnn.POOLED1_SIDE;
        long pooled2 = Cnn.POOLED2_SIDE;
        return new FlopCount(
                side * side * c1 * k2,
                pooled1 * pooled1 * c2 * k2 * c1,
                pooled2 * pooled2 * c2 * model.denseUnits(),
                (long) model.denseUnits() * Images.CLASSES);
    }

    /** FLOPs of one forward pass. */
    @JsonProperty
    public double forward() {
        return 2.0 * (conv1 + conv2 + dense + output);
    }

    /**
     * FLOPs of one PGD step: a forward pass, then the gradient with respect to each layer's input
     * only (as many multiply-adds as the forward pass, the first convolution included, since the
     * image gradient is what PGD needs).
     */
    @JsonProperty
    public double pgdStep() {
        return 2 * forward();
    }

    /**
     * FLOPs of one training example: a forward pass, the weight gradients of every layer (as many
     * multiply-adds as the forward pass) and the input gradients of every layer but the first.
     */
    @JsonProperty
    public double trainingExample() {
        return 3 * forward() - 2.0 * conv1;
    }
}
