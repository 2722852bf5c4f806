package lat.bench;

import java.util.Random;
import lat.config.DataSettings;
import lat.config.HadoopConfigurations;
import lat.core.DataError;
import lat.core.Images;
import lat.data.Digits;
import lat.data.Mnist;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The images the benchmark attacks and trains on: the first MNIST test digits when the data
 * directory has them, otherwise random MNIST-like images (80% black background), so the bench
 * runs anywhere. Speed does not depend on the pixel values, but the masks of the localized
 * attacks do, hence the sparse background.
 *
 * @param source what the images are, for the report
 */
record BenchDigits(INDArray images, INDArray labels, String source) {

    /** {@code count} digits from {@code data.dir()}, or random ones seeded with {@code seed}. */
    static BenchDigits load(DataSettings data, int count, long seed) {
        try {
            Digits test = Mnist.load(data, Mnist.Split.TEST, count, HadoopConfigurations.create());
            if (test.size() == count) {
                return new BenchDigits(test.images(), test.labelsOneHot(), "MNIST test digits from " + data.dir());
            }
        } catch (DataError notThere) {
            // fall through to random images
        }
        return random(count, seed);
    }

    private static BenchDigits random(int count, long seed) {
        Random random = new Random(seed);
        float[] pixels = new float[count * Images.PIXELS];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextFloat() < 0.8f ? 0f : random.nextFloat();
        }
        float[] oneHot = new float[count * Images.CLASSES];
        for (int i = 0; i < count; i++) {
            oneHot[i * Images.CLASSES + random.nextInt(Images.CLASSES)] = 1f;
        }
        return new BenchDigits(
                Nd4j.create(pixels, new long[] {count, 1, Images.SIDE, Images.SIDE}, 'c'),
                Nd4j.create(oneHot, new long[] {count, Images.CLASSES}, 'c'),
                "random images (no MNIST test digits)");
    }

    /** The first {@code n} images, as a contiguous array. */
    INDArray images(int n) {
        return images.get(NDArrayIndex.interval(0, n)).dup('c');
    }

    /** The labels of the first {@code n} images, one-hot. */
    INDArray labels(int n) {
        return labels.get(NDArrayIndex.interval(0, n)).dup('c');
    }
}
