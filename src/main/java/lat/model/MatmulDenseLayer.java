package lat.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's {@link DenseLayer} (same configuration, parameters and results) with a faster training
 * step, for the paper's 3136 x 1024 dense layer. Two changes, both inside the layer:
 * <ul>
 *   <li>Its three matrix products go through libnd4j's {@code matmul} op, with operand layouts
 *   chosen so that oneDNN takes them on the CPU (on both cores, with its AVX-512 kernels), instead
 *   of the {@code gemm} DL4J calls, which OpenBLAS runs on one thread (submit/lat sets that, to keep
 *   OpenBLAS's own threads off the cores ND4J uses). On CUDA the op runs on cuBLAS, as DL4J's does.</li>
 *   <li>Backprop reuses the pre-activation of the forward pass instead of recomputing it, as
 *   DL4J's {@code BaseLayer.backpropGradient} does.</li>
 * </ul>
 * Measured at B=50 (docs/notes/2026-11-27-training-step-classes.md): about 25 ms of DL4J's ~60 ms {@code fit} went into this
 * layer's products. Options DL4J's path supports and this one does not (layer norm, weight noise,
 * dropout, masks, no bias) fall back to DL4J's code. Models saved with it name this class in their
 * configuration, so loading them needs lat on the classpath.
 */
public final class MatmulDenseLayer extends DenseLayer {
    /**
     * The defaults of {@code DenseLayer.Builder}, so that the network's global settings (weight
     * initialisation, updater, ...) fill in the rest exactly as for a DL4J dense layer; also the
     * constructor Jackson uses when DL4J reads a configuration.
     */
    public MatmulDenseLayer() {
        setHasBias(true);
        setBiasInit(Double.NaN);
        setGainInit(Double.NaN);
        setGradientNormalizationThreshold(Double.NaN);
        setRegularization(new ArrayList<>());
        setRegularizationBias(new ArrayList<>());
    }

    /** A dense layer of {@code units} outputs (its input size comes from the network's input type). */
    public static MatmulDenseLayer of(long units, IActivation activation) {
        MatmulDenseLayer layer = new MatmulDenseLayer();
        layer.setNOut(units);
        layer.setActivationFn(activation);
        return layer;
    }

    // As DenseLayer.instantiate, with this class's layer.
    @Override
    public Layer instantiate(
            NeuralNetConfiguration conf,
            Collection<TrainingListener> listeners,
            int layerIndex,
            INDArray layerParamsView,
            boolean initializeParams,
            DataType networkDataType) {
        LayerValidation.assertNInNOutSet("MatmulDenseLayer", getLayerName(), layerIndex, getNIn(), getNOut());
        Impl layer = new Impl(conf, networkDataType);
        layer.setListeners(listeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        Map<String, INDArray> params = initializer().init(conf, layerParamsView, initializeParams);
        layer.setParamTable(params);
        layer.setConf(conf);
        return layer;
    }

    /** The layer itself. */
    static final class Impl extends org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer {
        private static final String W = DefaultParamInitializer.WEIGHT_KEY;
        private static final String B = DefaultParamInitializer.BIAS_KEY;

        /** The pre-activation of the last forward pass in training, and the input it was computed from. */
        private INDArray keptPreOutput;

        private INDArray keptInput;

        Impl(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        /** Whether an option this layer leaves to DL4J's code is on. */
        private boolean usesDl4jPath() {
            return hasLayerNorm()
                    || !hasBias()
                    || layerConf().getWeightNoise() != null
                    || layerConf().getIDropout() != null
                    || maskArray != null;
        }

        @Override
        protected Pair<INDArray, INDArray> preOutputWithPreNorm(
                boolean training, boolean forBackprop, LayerWorkspaceMgr workspaceMgr) {
            INDArray kept = keptInput == input ? keptPreOutput : null;
            keptPreOutput = null;
            keptInput = null;
            if (usesDl4jPath()) {
                return super.preOutputWithPreNorm(training, forBackprop, workspaceMgr);
            }
            if (forBackprop && kept != null) {
                return new Pair<>(kept, kept);
            }
            assertInputSet(false);
            INDArray weights = getParam(W);
            if (input.rank() != 2 || input.columns() != weights.rows()) {
                return super.preOutputWithPreNorm(training, forBackprop, workspaceMgr); // throws DL4J's message
            }
            INDArray x = input.castTo(dataType);
            INDArray z = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, x.size(0), weights.size(1));
            Nd4j.exec(new Mmul(x, weights, z, MMulTranspose.allFalse()));
            z.addiRowVector(getParam(B));
            if (training && !forBackprop) {
                // the activation function overwrites z in place
                keptPreOutput = workspaceMgr.dup(ArrayType.ACTIVATIONS, z);
                keptInput = input;
            }
            return new Pair<>(z, z);
        }

        @Override
        public void clear() {
            super.clear();
            keptPreOutput = null;
            keptInput = null;
        }

        // As BaseLayer.backpropGradient without its layer-norm, weight-noise and mask branches.
        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            if (usesDl4jPath()) {
                return super.backpropGradient(epsilon, workspaceMgr);
            }
            assertInputSet(true);
            INDArray z = preOutputWithPreNorm(true, true, workspaceMgr).getFirst();
            INDArray delta = layerConf().getActivationFn().backprop(z, epsilon).getFirst();
            INDArray x = input.castTo(dataType);
            INDArray weights = getParam(W);

            // dL/dW is an 'f'-order [nIn, nOut] view, so its transpose is 'c'-order: delta^T x fills it.
            INDArray weightGrad = gradientViews.get(W);
            Nd4j.exec(new Mmul(
                    delta,
                    x,
                    weightGrad.transpose(),
                    MMulTranspose.builder().transposeA(true).build()));
            INDArray biasGrad = gradientViews.get(B);
            delta.sum(biasGrad, 0);
            Gradient gradient = new DefaultGradient();
            gradient.gradientForVariable().put(W, weightGrad);
            gradient.gradientForVariable().put(B, biasGrad);

            INDArray epsilonNext =
                    workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, x.size(0), weights.size(0));
            Nd4j.exec(new Mmul(
                    delta,
                    weights,
                    epsilonNext,
                    MMulTranspose.builder().transposeB(true).build()));
            weightNoiseParams.clear();
            return new Pair<>(gradient, epsilonNext);
        }
    }
}
