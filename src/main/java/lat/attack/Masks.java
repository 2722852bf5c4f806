package lat.attack;

import lat.config.AttackSettings;
import lat.core.AttackKind;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.MaxPooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Pooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Which pixels each attack of the paper may change, computed per image from the clean image,
 * batched over a minibatch of images [n, 1, 28, 28] with pixels in [0, 1]. Pure functions.
 */
public final class Masks {
    /** Dilation by the 8-neighbourhood: a 3 x 3 max filter, stride 1, SAME. */
    private static final Pooling2DConfig NEIGHBOURHOOD = Pooling2DConfig.builder()
            .kH(3)
            .kW(3)
            .sH(1)
            .sW(1)
            .dH(1)
            .dW(1)
            .paddingMode(PaddingMode.SAME)
            .isNHWC(false)
            .type(Pooling2D.Pooling2DType.MAX)
            .build();

    private Masks() {}

    /**
     * The changeable-pixel mask: 1 where {@code kind} may change a pixel, 0 where it may not;
     * a fresh float array shaped like {@code images}.
     */
    public static INDArray changeable(AttackKind kind, INDArray images, AttackSettings settings) {
        return switch (kind) {
            case STANDARD -> Nd4j.ones(images.dataType(), images.shape());
            case BACKGROUND -> background(images, settings.backgroundBlock());
            case EXACT_MASK -> digit(images, settings.digitThreshold()).rsubi(1.0);
            case BROAD_MASK -> dilate(digit(images, settings.digitThreshold())).rsubi(1.0);
        };
    }

    /**
     * Algorithm 1's epmatrix: {@code epsilon} where {@code kind} may change a pixel, 0 elsewhere.
     */
    public static INDArray epmatrix(AttackKind kind, INDArray images, AttackSettings settings) {
        return changeable(kind, images, settings).muli(settings.epsilon());
    }

    /** Every pixel except the central {@code block} x {@code block} square (rows/cols 11..16 for 6). */
    private static INDArray background(INDArray images, int block) {
        INDArray mask = Nd4j.ones(images.dataType(), images.shape());
        long height = images.size(2);
        long width = images.size(3);
        long top = (height - block) / 2;
        long left = (width - block) / 2;
        mask.get(
                        NDArrayIndex.all(),
                        NDArrayIndex.all(),
                        NDArrayIndex.interval(top, top + block),
                        NDArrayIndex.interval(left, left + block))
                .assign(0);
        return mask;
    }

    /** 1 where the pixel belongs to the digit (intensity above {@code threshold}), 0 elsewhere. */
    private static INDArray digit(INDArray images, double threshold) {
        return images.gt(threshold).castTo(images.dataType().isFPType() ? images.dataType() : DataType.FLOAT);
    }

    /** 1 where the pixel or one of its 8 neighbours is 1. */
    private static INDArray dilate(INDArray binary) {
        INDArray dilated = Nd4j.create(binary.dataType(), binary.shape());
        Nd4j.exec(new MaxPooling2D(binary, dilated, NEIGHBOURHOOD));
        return dilated;
    }
}
