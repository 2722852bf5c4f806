package lat.config;

import java.io.Serializable;
import lat.core.Check;

/**
 * The CNN of the paper (Madry's MNIST model) with configurable widths ({@code lat.model}).
 * Paper: 32, 64, 1024, kernel 5.
 */
public record ModelSettings(int conv1Channels, int conv2Channels, int denseUnits, int kernelSize)
        implements Serializable {
    public ModelSettings {
        Check.positive(conv1Channels, "conv1 channels");
        Check.positive(conv2Channels, "conv2 channels");
        Check.positive(denseUnits, "dense units");
        // SAME padding with stride 1 keeps the image size only for odd kernels (and the input gradient relies on it)
        Check.that(
                kernelSize > 0 && kernelSize % 2 == 1, "kernel size must be a positive odd number, got " + kernelSize);
    }
}
