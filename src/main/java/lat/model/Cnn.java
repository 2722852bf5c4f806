package lat.model;

import java.util.List;
import java.util.Map;
import lat.config.ModelSettings;
import lat.core.Images;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The CNN of the paper, Madry et al.'s MNIST model: conv k x k x c1 (SAME) + ReLU, max-pool 2,
 * conv k x k x c2 (SAME) + ReLU, max-pool 2, dense d + ReLU, dense 10 + softmax, trained with
 * Adam on the cross-entropy loss. With c1 = 32, c2 = 64, d = 1024, k = 5 it has 3,274,634
 * parameters. Input: [n, 1, 28, 28] (NCHW), pixels in [0, 1].
 *
 * <p>The dense layer, the ReLUs and Adam are lat's subclasses of DL4J's ({@link MatmulDenseLayer},
 * {@link ReluActivation}, {@link JavaAdam}): the same computation, a faster training step
 * (docs/design.md). Networks saved before them, with DL4J's classes, are accepted everywhere.
 */
public final class Cnn {
    /** Layer indices in the {@link MultiLayerNetwork}: conv, pool, conv, pool, dense, output. */
    private static final int CONV1 = 0;

    private static final int CONV2 = 2;
    private static final int DENSE = 4;
    private static final int OUTPUT = 5;

    /** lat's classes in the network's configuration, and the DL4J classes they stand in for. */
    private static final Map<Class<?>, Class<?>> DL4J_CLASSES = Map.of(
            MatmulDenseLayer.class, DenseLayer.class,
            ReluActivation.class, ActivationReLU.class,
            JavaAdam.class, Adam.class);

    /** Side of the feature maps after the first max-pooling (14 for MNIST). */
    public static final int POOLED1_SIDE = Images.SIDE / 2;
    /** Side of the feature maps after the second max-pooling (7), flattened into the dense layer. */
    public static final int POOLED2_SIDE = POOLED1_SIDE / 2;

    private Cnn() {}

    /** The widths of a built network. */
    public record Shape(int conv1Channels, int conv2Channels, int denseUnits, int kernelSize) {}

    /** A freshly initialised network (float32) for the given widths, learning rate and seed. */
    public static MultiLayerNetwork build(ModelSettings model, double learningRate, long seed) {
        int k = model.kernelSize();
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new JavaAdam(learningRate))
                .weightInit(WeightInit.RELU)
                .convolutionMode(ConvolutionMode.Same)
                // Keep each convolution's im2col matrix from the forward pass for backprop instead
                // of rebuilding it: fit ~20% faster on CPU (docs/performance.md).
                .cacheMode(CacheMode.DEVICE)
                .list()
                .layer(
                        CONV1,
                        new ConvolutionLayer.Builder(k, k)
                                .nIn(Images.CHANNELS)
                                .nOut(model.conv1Channels())
                                .stride(1, 1)
                                .activation(new ReluActivation())
                                .build())
                .layer(
                        1,
                        new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                                .kernelSize(2, 2)
                                .stride(2, 2)
                                .build())
                .layer(
                        CONV2,
                        new ConvolutionLayer.Builder(k, k)
                                .nOut(model.conv2Channels())
                                .stride(1, 1)
                                .activation(new ReluActivation())
                                .build())
                .layer(
                        3,
                        new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                                .kernelSize(2, 2)
                                .stride(2, 2)
                                .build())
                .layer(DENSE, MatmulDenseLayer.of(model.denseUnits(), new ReluActivation()))
                .layer(
                        OUTPUT,
                        new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                                .nOut(Images.CLASSES)
                                .activation(Activation.SOFTMAX)
                                .weightInit(WeightInit.XAVIER)
                                .build())
                .setInputType(InputType.convolutional(Images.SIDE, Images.SIDE, Images.CHANNELS))
                .build();
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        return network;
    }

    /**
     * The widths of {@code network}, checking that it has this class's architecture.
     *
     * @throws IllegalArgumentException naming what differs when it is another network
     */
    public static Shape shapeOf(MultiLayerNetwork network) {
        Layer[] layers = network.getLayers();
        String expected = "conv, pool, conv, pool, dense, output";
        if (layers.length != 6
                || !(layers[CONV1].conf().getLayer() instanceof ConvolutionLayer conv1)
                || !(layers[1].conf().getLayer() instanceof SubsamplingLayer)
                || !(layers[CONV2].conf().getLayer() instanceof ConvolutionLayer conv2)
                || !(layers[3].conf().getLayer() instanceof SubsamplingLayer)
                || !(layers[DENSE].conf().getLayer() instanceof DenseLayer dense)
                || !(layers[OUTPUT].conf().getLayer() instanceof OutputLayer output)) {
            throw new IllegalArgumentException("not the paper's CNN: expected layers " + expected);
        }
        int[] kernel = conv1.getKernelSize();
        if (kernel[0] != kernel[1]
                || kernel[0] % 2 == 0
                || conv1.getNIn() != Images.CHANNELS
                || output.getNOut() != Images.CLASSES
                || conv1.getConvolutionMode() != ConvolutionMode.Same
                || conv2.getKernelSize()[0] != kernel[0]) {
            throw new IllegalArgumentException(
                    "not the paper's CNN: expected square odd SAME kernels, " + "1 input channel and 10 classes");
        }
        return new Shape((int) conv1.getNOut(), (int) conv2.getNOut(), (int) dense.getNOut(), kernel[0]);
    }

    /**
     * {@code network}'s twin with DL4J's own classes in place of lat's (dense layer, ReLU, Adam),
     * the same parameters and a fresh updater state: the "before" of comparisons (bench, tests).
     */
    public static MultiLayerNetwork withDl4jClasses(MultiLayerNetwork network) {
        String json = network.getLayerWiseConfigurations().toJson();
        for (Map.Entry<Class<?>, Class<?>> replaced : DL4J_CLASSES.entrySet()) {
            json = json.replace(
                    '"' + replaced.getKey().getName() + '"',
                    '"' + replaced.getValue().getName() + '"');
        }
        MultiLayerNetwork twin = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(json));
        twin.init(network.params().dup(), true);
        return twin;
    }

    /** The parameter arrays (views) in order: conv1 W, b, conv2 W, b, dense W, b, output W, b. */
    public static List<INDArray> parameters(MultiLayerNetwork network) {
        return List.of(
                network.getParam(CONV1 + "_W"), network.getParam(CONV1 + "_b"),
                network.getParam(CONV2 + "_W"), network.getParam(CONV2 + "_b"),
                network.getParam(DENSE + "_W"), network.getParam(DENSE + "_b"),
                network.getParam(OUTPUT + "_W"), network.getParam(OUTPUT + "_b"));
    }
}
