package lat.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A screenshot of a report page by headless Chromium (Debian's {@code chromium}, which .ci/run
 * installs): what a reader's browser shows, not only what the HTML says.
 */
final class ReportScreenshot {
    static final int WIDTH = 1400;
    static final int HEIGHT = 9000;

    private ReportScreenshot() {}

    /** Renders {@code page} into the PNG {@code png} (replaced) and returns it. */
    static Path take(Path page, Path png) throws IOException, InterruptedException {
        Path browser = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser").stream()
                .map(Path::of)
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no chromium: install Debian's chromium (.ci/run does)"));
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.deleteIfExists(png);
        Path profile = Files.createTempDirectory("lat-chromium-");
        Path log = Files.createTempFile("lat-chromium-", ".log");
        try {
            // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
            Process chromium = new ProcessBuilder(
                            browser.toString(),
                            "--headless",
                            "--no-sandbox",
                            "--disable-gpu",
                            "--hide-scrollbars",
                            "--user-data-dir=" + profile,
                            "--window-size=" + WIDTH + "," + HEIGHT,
                            "--screenshot=" + png.toAbsolutePath(),
                            page.toAbsolutePath().toUri().toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!chromium.waitFor(180, TimeUnit.SECONDS)) {
                chromium.destroyForcibly().waitFor();
                throw new IllegalStateException("chromium did not finish within 180 s: " + Files.readString(log));
            }
            if (chromium.exitValue() != 0 || !Files.isRegularFile(png)) {
                throw new IllegalStateException("chromium exited with " + chromium.exitValue() + " and no " + png + ": "
                        + Files.readString(log));
            }
            return png;
        } finally {
            Files.deleteIfExists(log);
            try (var walk = Files.walk(profile)) {
                walk.sorted(java.util.Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
    }
}
