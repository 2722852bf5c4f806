package lat.evaluate;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.Optional;
import lat.core.DataError;
import lat.io.DirectorySwap;
import lat.io.HadoopFiles;
import lat.io.JsonFiles;
import lat.io.OutputKind;
import lat.io.OutputLayout;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Figure 1's examples of a run, as the evaluate job stored them (contract, docs/design.md): one JSON
 * document, {@code examples/<run-id>/examples.json}, an {@link AttackExamples.Figure}. Replaced as a
 * whole and atomically, like a partition of the evaluation table ({@link DirectorySwap#replaceOneFile}).
 */
public final class ExamplesFile {
    /** The one file of a run's examples directory. */
    public static final String FILE = "examples.json";

    /** What a run's examples directory holds: the JSON file (and a local file system's hidden checksums). */
    private static final OutputKind KIND =
            OutputKind.directory("a run's attack examples", name -> name.equals(FILE) || name.startsWith("."));

    private ExamplesFile() {}

    /** The file of {@code layout}'s run. */
    public static Path path(OutputLayout layout) {
        return new Path(layout.examplesDir(), FILE);
    }

    /**
     * Fails unless the run's examples directory is absent or lat's: checked before the evaluation, so
     * that a user's directory there costs no cluster time.
     *
     * @throws lat.core.ConfigError naming the directory
     */
    public static void requireReplaceable(OutputLayout layout, Configuration conf) {
        KIND.requireReplaceable(layout.examplesDir(), conf);
    }

    /** Replaces the run's examples with {@code figure}; a failure leaves the old ones in place. */
    public static void write(OutputLayout layout, AttackExamples.Figure figure, Configuration conf) {
        try {
            DirectorySwap.replaceOneFile(
                    layout.examplesDir(),
                    FILE,
                    FILE::equals,
                    layout.stagingDir(),
                    KIND,
                    conf,
                    staging -> JsonFiles.write(new Path(staging, FILE), figure, conf));
        } catch (IOException e) {
            throw new DataError(
                    "cannot write the attack examples of run " + layout.runId() + " to " + layout.examplesDir() + ": "
                            + HadoopFiles.describe(e),
                    e);
        }
    }

    /**
     * The run's examples; empty when it has none (evaluated by a lat that did not store them).
     *
     * @throws DataError when the file exists but cannot be read as examples
     */
    public static Optional<AttackExamples.Figure> read(OutputLayout layout, Configuration conf) {
        Path file = path(layout);
        try {
            return Optional.of(JsonFiles.read(file, AttackExamples.Figure.class, conf));
        } catch (FileNotFoundException absent) {
            return Optional.empty();
        } catch (IOException e) {
            throw new DataError("cannot read the attack examples " + file + ": " + HadoopFiles.describe(e), e);
        }
    }
}
