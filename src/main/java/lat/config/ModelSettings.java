package lat.config;

import java.io.Serializable;

/**
 * The CNN of the paper (Madry's MNIST model) with configurable widths ({@code lat.model}).
 * Paper: 32, 64, 1024, kernel 5.
 */
public record ModelSettings(int conv1Channels, int conv2Channels, int denseUnits, int kernelSize)
        implements Serializable {
}
