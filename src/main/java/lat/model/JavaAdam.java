package lat.model;

import java.nio.FloatBuffer;
import java.util.Map;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Adam exactly as DL4J defines it (same configuration, same state, same formula as
 * {@link AdamUpdater} and libnd4j's {@code adam_updater} op), with the update computed in Java on
 * the CPU backend.
 *
 * <p>Why: libnd4j computes the square root of each element with scalar code (its {@code sqrt}
 * transform takes 4 ns per float here, against 0.5 ns in a loop the JIT vectorises), so its Adam
 * op took 12 ms of a 60 ms {@code fit} of the paper's CNN at B=50 on two cores (docs/notes/2026-11-27-training-step-classes.md).
 * Here each thread copies a block of the gradient and of both moments into small Java arrays,
 * updates them there in one vectorised pass and copies them back: the same memory traffic as the
 * op's, without its scalar square roots.
 *
 * <p>Anything this path cannot reach as plain host memory (another data type, a non-contiguous
 * view, the CUDA backend) goes to DL4J's op unchanged. Models saved with this updater name this
 * class in their configuration, so loading them needs lat on the classpath.
 */
public final class JavaAdam extends Adam {
    /** Floats per block: a thread's three blocks (6 KB) stay in its L1 cache (512 was the fastest of 512 to 32768). */
    private static final int BLOCK = 512;
    /** Below this many parameters one thread does it: handing work to another costs microseconds (a judgement, not measured). */
    private static final int PARALLEL_FROM = 1 << 16;

    /** For Jackson, when DL4J reads a configuration. */
    public JavaAdam() {}

    public JavaAdam(double learningRate) {
        super(learningRate);
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        // As Adam.instantiate: the view as a vector, its first half m, its second half v.
        INDArray vector = viewArray.reshape(viewArray.length());
        Updater updater = new Updater(this);
        updater.setStateViewArray(vector, new long[] {vector.length() / 2}, vector.ordering(), initializeViewArray);
        return updater;
    }

    @Override
    public GradientUpdater instantiate(Map<String, INDArray> state, boolean initialize) {
        Updater updater = new Updater(this);
        updater.setState(state, initialize);
        return updater;
    }

    // Adam's clone() would turn a copied configuration back into a plain Adam.
    @Override
    public JavaAdam clone() {
        JavaAdam copy = new JavaAdam();
        copy.setLrAndSchedule(
                getLearningRate(),
                getLearningRateSchedule() == null
                        ? null
                        : getLearningRateSchedule().clone());
        copy.setBeta1(getBeta1());
        copy.setBeta2(getBeta2());
        copy.setEpsilon(getEpsilon());
        return copy;
    }

    /** DL4J's updater with {@link #applyUpdater} computed in Java where it can be. */
    static final class Updater extends AdamUpdater {
        Updater(Adam config) {
            super(config);
        }

        @Override
        public void applyUpdater(INDArray gradient, int iteration, int epoch) {
            INDArray m = getM();
            INDArray v = getV();
            if (m == null
                    || v == null
                    || !onHost(gradient)
                    || !onHost(m)
                    || !onHost(v)
                    || gradient.length() != m.length()) {
                super.applyUpdater(gradient, iteration, epoch);
                return;
            }
            Adam config = getConfig();
            float beta1 = (float) config.getBeta1();
            float beta2 = (float) config.getBeta2();
            float epsilon = (float) config.getEpsilon();
            // The op's step size lr * sqrt(1 - beta2^t) / (1 - beta1^t), t = iteration + 1, rounded
            // to float where the op rounds: 1 - beta2^t loses digits in float, and a step size
            // computed in double would differ from DL4J's by ~3e-6 relative.
            float lr = (float) config.getLearningRate(iteration, epoch);
            float beta1T = (float) Math.pow(beta1, iteration + 1);
            float beta2T = (float) Math.pow(beta2, iteration + 1);
            float stepSize = (float) (lr * (float) Math.sqrt((float) (1.0 - beta2T)) / (1.0 - beta1T));
            if (Float.isNaN(stepSize) || Float.isInfinite(stepSize) || stepSize == 0) {
                stepSize = epsilon;
            }
            Step step = new Step(floats(gradient), floats(m), floats(v), beta1, beta2, epsilon, stepSize);
            int n = (int) gradient.length();
            int threads = n < PARALLEL_FROM
                    ? 1
                    : Math.max(
                            1,
                            Math.min(
                                    Nd4j.getEnvironment().maxThreads(),
                                    Runtime.getRuntime().availableProcessors()));
            if (threads == 1) {
                step.run(0, n);
            } else {
                IntStream.range(0, threads)
                        .parallel()
                        .forEach(i -> step.run((int) ((long) n * i / threads), (int) ((long) n * (i + 1) / threads)));
            }
        }

        /**
         * Whether {@code array} is a float32 vector in host memory, in one contiguous run, as the Java
         * path needs (a matrix's buffer order could differ from the moments' element order).
         */
        private static boolean onHost(INDArray array) {
            return Nd4j.getEnvironment().isCPU()
                    && array.dataType() == DataType.FLOAT
                    && array.isVectorOrScalar()
                    && array.elementWiseStride() == 1
                    && array.length() <= Integer.MAX_VALUE;
        }

        /** The elements of a contiguous {@code array}, a view or not, from its first. */
        private static FloatBuffer floats(INDArray array) {
            return array.data()
                    .asNioFloat()
                    .position((int) array.offset())
                    .slice()
                    .limit((int) array.length());
        }
    }

    /** One Adam step over the three buffers, element by element as libnd4j's op computes it. */
    private record Step(
            FloatBuffer gradient,
            FloatBuffer m,
            FloatBuffer v,
            float beta1,
            float beta2,
            float epsilon,
            float stepSize) {
        void run(int from, int to) {
            float[] g = new float[BLOCK];
            float[] mb = new float[BLOCK];
            float[] vb = new float[BLOCK];
            for (int start = from; start < to; start += BLOCK) {
                int len = Math.min(BLOCK, to - start);
                gradient.get(start, g, 0, len);
                m.get(start, mb, 0, len);
                v.get(start, vb, 0, len);
                for (int i = 0; i < len; i++) {
                    float mi = beta1 * mb[i] + g[i] * (1 - beta1);
                    float vi = beta2 * vb[i] + g[i] * g[i] * (1 - beta2);
                    mb[i] = mi;
                    vb[i] = vi;
                    g[i] = (mi * stepSize) / ((float) Math.sqrt(vi) + epsilon);
                }
                m.put(start, mb, 0, len);
                v.put(start, vb, 0, len);
                gradient.put(start, g, 0, len);
            }
        }
    }
}
