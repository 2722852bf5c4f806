package lat.data;

import java.io.IOException;
import java.io.InputStream;

/** One place {@link MnistFetcher} can get the MNIST files from. */
interface FetchSource extends AutoCloseable {

    /** What the source is, for the user: "mirror https://...". */
    String name();

    /** Makes the source ready (a download, an extraction); a failure rules out the whole source. */
    default void prepare() throws IOException {}

    /** The file's bytes, gzip or raw. */
    InputStream open(MnistFile file) throws IOException;

    /** Removes whatever {@link #prepare} left on disk. */
    @Override
    default void close() throws IOException {}
}
