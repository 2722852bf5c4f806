package lat.attack;

import java.util.List;
import lat.core.Images;
import lat.model.Cnn;
import lat.model.ReluActivation;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.MaxPooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Pooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Reverse;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The gradient of the cross-entropy loss with respect to the input images of the paper's CNN
 * ({@link Cnn}): the one computation every PGD step needs, so the hot path of the whole tool.
 *
 * <p>Why not {@code MultiLayerNetwork.calculateGradients}: DL4J computes weight gradients too and
 * its im2col convolutions are slow (~150 image-steps/s here against ~1,800 for this class). This
 * class runs the network's own weights (copied in by {@link #syncFrom}) through individual ND4J
 * ops that the oneDNN (CPU) and cuDNN (GPU) backends accelerate, and computes input gradients
 * only: dense layers by matrix products with the transposed weights, ReLU and max-pooling by their
 * backprop ops, and the convolutions' input gradients as transposed convolutions (stride 1, odd
 * kernel, SAME). The second one's is a forward SAME convolution whose weights swap input and
 * output channels and are rotated by 180 degrees. The first one's has a single output channel,
 * which oneDNN pads to a block of 16 (5.5 ms at B=50, a fifth of a PGD step), so it is computed
 * the other way round: a 1x1 convolution to one channel per kernel tap, then {@code col2im} adds
 * the taps into the image (3.1 ms; docs/notes/2026-11-27-training-step-classes.md).
 * All activations live in buffers allocated once per minibatch size.
 *
 * <p>Not thread-safe: one instance per thread. The loss is the <em>sum</em> over the minibatch,
 * so each image's gradient is that of its own loss, independent of the minibatch size.
 */
public final class CnnInputGradient {
    private final long kernel;
    private final long conv1Channels;
    private final long conv2Channels;
    private final long denseUnits;
    private final DataType dataType;
    private final Conv2DConfig convSame;
    private final Pooling2DConfig pool;
    private final Conv2DConfig convOneByOne;

    // Weights in DL4J's layout (conv OIYX, dense [in, out]), the flipped weights of the second conv
    // and the first conv's weights as a 1x1 convolution to its k*k taps.
    private final INDArray w1;
    private final INDArray b1;
    private final INDArray w2;
    private final INDArray b2;
    private final INDArray w3;
    private final INDArray b3;
    private final INDArray w4;
    private final INDArray b4;
    private final INDArray w1Taps;
    private final INDArray w2Flipped;
    private final INDArray zeroBiasTaps;
    private final INDArray zeroBiasIn;

    private Buffers buffers;

    private CnnInputGradient(MultiLayerNetwork network) {
        Cnn.Shape shape = Cnn.shapeOf(network);
        kernel = shape.kernelSize();
        conv1Channels = shape.conv1Channels();
        conv2Channels = shape.conv2Channels();
        denseUnits = shape.denseUnits();
        dataType = network.params().dataType();
        convSame = Conv2DConfig.builder()
                .kH(kernel)
                .kW(kernel)
                .sH(1)
                .sW(1)
                .dH(1)
                .dW(1)
                .paddingMode(PaddingMode.SAME)
                .dataFormat("NCHW")
                .weightsFormat(WeightsFormat.OIYX)
                .build();
        pool = Pooling2DConfig.builder()
                .kH(2)
                .kW(2)
                .sH(2)
                .sW(2)
                .dH(1)
                .dW(1)
                .paddingMode(PaddingMode.VALID)
                .isNHWC(false)
                .type(Pooling2D.Pooling2DType.MAX)
                .build();
        convOneByOne = Conv2DConfig.builder()
                .kH(1)
                .kW(1)
                .sH(1)
                .sW(1)
                .dH(1)
                .dW(1)
                .paddingMode(PaddingMode.VALID)
                .dataFormat("NCHW")
                .weightsFormat(WeightsFormat.OIYX)
                .build();
        w1 = Nd4j.create(dataType, conv1Channels, Images.CHANNELS, kernel, kernel);
        b1 = Nd4j.create(dataType, conv1Channels);
        w2 = Nd4j.create(dataType, conv2Channels, conv1Channels, kernel, kernel);
        b2 = Nd4j.create(dataType, conv2Channels);
        // 'f' order, as DL4J's: oneDNN's d W^T on it took 1.7 ms against 6.6 on 'c' order (x W: 2.9 against 2.3)
        w3 = Nd4j.create(dataType, new long[] {conv2Channels * Cnn.POOLED2_SIDE * Cnn.POOLED2_SIDE, denseUnits}, 'f');
        b3 = Nd4j.create(dataType, 1, denseUnits);
        w4 = Nd4j.create(dataType, denseUnits, Images.CLASSES);
        b4 = Nd4j.create(dataType, 1, Images.CLASSES);
        w1Taps = Nd4j.create(dataType, kernel * kernel, conv1Channels, 1, 1);
        w2Flipped = Nd4j.create(dataType, conv1Channels, conv2Channels, kernel, kernel);
        zeroBiasTaps = Nd4j.zeros(dataType, kernel * kernel);
        zeroBiasIn = Nd4j.zeros(dataType, conv1Channels);
        syncFrom(network);
    }

    /** A gradient for {@code network}, which must be built by {@link Cnn}; weights are copied now. */
    public static CnnInputGradient of(MultiLayerNetwork network) {
        return new CnnInputGradient(network);
    }

    /**
     * Copies the current parameters of {@code network} (same shape as at construction): call it
     * whenever the network has been trained further, e.g. before crafting each training minibatch.
     */
    public void syncFrom(MultiLayerNetwork network) {
        List<INDArray> p = Cnn.parameters(network);
        w1.assign(p.get(0));
        b1.assign(p.get(1).reshape(conv1Channels));
        w2.assign(p.get(2));
        b2.assign(p.get(3).reshape(conv2Channels));
        w3.assign(p.get(4));
        b3.assign(p.get(5));
        w4.assign(p.get(6));
        b4.assign(p.get(7));
        // taps[ky * k + kx][c] = w1[c][0][ky][kx]
        w1Taps.assign(w1.reshape(conv1Channels, kernel * kernel).transpose().reshape(w1Taps.shape()));
        flip(w2, w2Flipped);
    }

    /** {@code flipped[i][o] = rot180(w[o][i])}: the weights whose convolution is w's input gradient. */
    private static void flip(INDArray w, INDArray flipped) {
        Nd4j.exec(new Reverse(w.permute(1, 0, 2, 3), flipped, 2, 3));
    }

    /**
     * Computes the gradient of the summed cross-entropy loss at {@code images} ([n, 1, 28, 28])
     * for the one-hot {@code labels} ([n, 10]).
     *
     * @return a buffer owned by this object, [n, 1, 28, 28], overwritten by the next call
     */
    public INDArray gradient(INDArray images, INDArray labels) {
        return backward(forward(images), labels);
    }

    /**
     * As {@link #gradient}, and also each image's loss at {@code images} (as {@link #losses}) from
     * the same forward pass: for attacks that score every point they visit (APGD).
     *
     * @param losses receives the losses, [n]
     */
    public INDArray gradient(INDArray images, INDArray labels, INDArray losses) {
        Buffers b = forward(images);
        losses.assign(lossesOf(b, labels));
        return backward(b, labels);
    }

    /**
     * The gradient of the summed {@code loss} of each image's logits at {@code images}: for attacks
     * on a loss other than the cross-entropy (APGD-T's targeted DLR).
     *
     * @param losses receives each image's loss, [n]
     * @return a buffer owned by this object, [n, 1, 28, 28], overwritten by the next call
     */
    public INDArray gradient(INDArray images, LogitLoss loss, INDArray losses) {
        Buffers b = forward(images);
        b.probabilities.assign(loss.lossAndGradient(b.logits, losses));
        return backwardFromLogits(b);
    }

    private INDArray backward(Buffers b, INDArray labels) {
        // d loss / d logits = softmax - onehot
        b.probabilities.subi(labels.castTo(dataType));
        return backwardFromLogits(b);
    }

    /** The input gradient from d loss / d logits, held in {@code b.probabilities}. */
    private INDArray backwardFromLogits(Buffers b) {
        // dense layers: d input = d output x W^T, then through the ReLU (whose derivative overwrites
        // the forward buffers: nothing reads them again before the next forward pass)
        Nd4j.gemm(b.probabilities, w4, b.dDense, false, true, 1.0, 0.0);
        b.dDense.muli(ReluActivation.derivativeInPlace(b.dense));
        Nd4j.exec(new Mmul(
                b.dDense, w3, b.dFlat, MMulTranspose.builder().transposeB(true).build()));
        // second block: ReLU (on the pooled array, see forward), unpool, convolution input gradient
        INDArray dPool2 = b.dFlat.reshape('c', b.pool2.shape());
        dPool2.muli(ReluActivation.derivativeInPlace(b.pool2));
        maxPoolBackprop(b.act2, dPool2, b.dAct2);
        Nd4j.exec(new Conv2D(new INDArray[] {b.dAct2, w2Flipped, zeroBiasIn}, new INDArray[] {b.dPool1}, convSame));
        // first block
        b.dPool1.muli(ReluActivation.derivativeInPlace(b.pool1));
        maxPoolBackprop(b.act1, b.dPool1, b.dAct1);
        // first convolution, transposed: each pixel's gradient for every kernel tap, then col2im
        // adds tap (ky, kx) of output pixel (y, x) into image pixel (y + ky - p, x + kx - p)
        Nd4j.exec(new Conv2D(new INDArray[] {b.dAct1, w1Taps, zeroBiasTaps}, new INDArray[] {b.taps1}, convOneByOne));
        int p = (int) kernel / 2;
        Nd4j.exec(DynamicCustomOp.builder("col2im")
                .addInputs(b.taps1.reshape('c', b.size, Images.CHANNELS, kernel, kernel, Images.SIDE, Images.SIDE))
                .addOutputs(b.dImages)
                // sH, sW, pH, pW, image H, W, dH, dW, same mode
                .addIntegerArguments(1, 1, p, p, Images.SIDE, Images.SIDE, 1, 1, 0)
                .build());
        return b.dImages;
    }

    /**
     * The cross-entropy loss of each image (natural log), [n]: a fresh array.
     */
    public INDArray losses(INDArray images, INDArray labels) {
        return lossesOf(forward(images), labels);
    }

    private INDArray lossesOf(Buffers b, INDArray labels) {
        INDArray chosen = b.probabilities.mul(labels.castTo(dataType)).sum(1);
        return Transforms.log(Transforms.max(chosen, Double.MIN_NORMAL, false), false)
                .negi();
    }

    /** The logits (the last layer before the softmax) of each image, [n, 10]: a fresh array. */
    public INDArray logits(INDArray images) {
        return forward(images).logits.dup();
    }

    /** The class probabilities of each image, [n, 10]: a fresh array. */
    public INDArray probabilities(INDArray images) {
        return forward(images).probabilities.dup();
    }

    private Buffers forward(INDArray images) {
        long n = images.size(0);
        if (buffers == null || buffers.size != n) {
            buffers = new Buffers(n);
        }
        Buffers b = buffers;
        // ReLU after max-pooling: the two commute exactly, and the pooled arrays are 4x smaller. The
        // unpooled arrays (act1, act2) therefore hold pre-ReLU values; max-pooling's backprop routes
        // each gradient to the same pixel either way, and the ReLU derivative on the pooled array
        // zeroes it exactly where the unpooled one would.
        Nd4j.exec(new Conv2D(new INDArray[] {images.castTo(dataType), w1, b1}, new INDArray[] {b.act1}, convSame));
        Nd4j.exec(new MaxPooling2D(b.act1, b.pool1, pool));
        Transforms.relu(b.pool1, false);
        Nd4j.exec(new Conv2D(new INDArray[] {b.pool1, w2, b2}, new INDArray[] {b.act2}, convSame));
        Nd4j.exec(new MaxPooling2D(b.act2, b.pool2, pool));
        Transforms.relu(b.pool2, false);
        Nd4j.exec(new Mmul(
                b.pool2.reshape('c', n, conv2Channels * Cnn.POOLED2_SIDE * Cnn.POOLED2_SIDE),
                w3,
                b.dense,
                MMulTranspose.allFalse()));
        b.dense.addiRowVector(b3);
        Transforms.relu(b.dense, false);
        Nd4j.gemm(b.dense, w4, b.logits, false, false, 1.0, 0.0);
        b.logits.addiRowVector(b4);
        Nd4j.exec(new SoftMax(b.logits, b.probabilities, 1));
        return b;
    }

    private void maxPoolBackprop(INDArray input, INDArray gradOut, INDArray gradIn) {
        Nd4j.exec(DynamicCustomOp.builder("maxpool2d_bp")
                .addInputs(input, gradOut)
                .addOutputs(gradIn)
                // kH, kW, sH, sW, pH, pW, dH, dW, same mode, extra, NCHW
                .addIntegerArguments(2, 2, 2, 2, 0, 0, 1, 1, 0, 0, 0)
                .build());
    }

    /** Activations and their gradients for one minibatch size, allocated once. */
    private final class Buffers {
        final long size;
        final INDArray act1;
        final INDArray pool1;
        final INDArray act2;
        final INDArray pool2;
        final INDArray dense;
        final INDArray logits;
        final INDArray probabilities;
        final INDArray dDense;
        final INDArray dFlat;
        final INDArray dAct2;
        final INDArray dPool1;
        final INDArray dAct1;
        final INDArray taps1;
        final INDArray dImages;

        Buffers(long n) {
            size = n;
            act1 = Nd4j.create(dataType, n, conv1Channels, Images.SIDE, Images.SIDE);
            pool1 = Nd4j.create(dataType, n, conv1Channels, Cnn.POOLED1_SIDE, Cnn.POOLED1_SIDE);
            act2 = Nd4j.create(dataType, n, conv2Channels, Cnn.POOLED1_SIDE, Cnn.POOLED1_SIDE);
            pool2 = Nd4j.create(dataType, n, conv2Channels, Cnn.POOLED2_SIDE, Cnn.POOLED2_SIDE);
            dense = Nd4j.create(dataType, n, denseUnits);
            logits = Nd4j.create(dataType, n, Images.CLASSES);
            probabilities = Nd4j.create(dataType, n, Images.CLASSES);
            dDense = Nd4j.create(dataType, n, denseUnits);
            dFlat = Nd4j.create(dataType, n, conv2Channels * Cnn.POOLED2_SIDE * Cnn.POOLED2_SIDE);
            dAct2 = Nd4j.create(dataType, n, conv2Channels, Cnn.POOLED1_SIDE, Cnn.POOLED1_SIDE);
            dPool1 = Nd4j.create(dataType, n, conv1Channels, Cnn.POOLED1_SIDE, Cnn.POOLED1_SIDE);
            dAct1 = Nd4j.create(dataType, n, conv1Channels, Images.SIDE, Images.SIDE);
            taps1 = Nd4j.create(dataType, n, kernel * kernel, Images.SIDE, Images.SIDE);
            dImages = Nd4j.create(dataType, Images.batchShape(n));
        }
    }
}
