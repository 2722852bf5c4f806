package lat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code submit/lat} as a user runs it: from any directory, with paths relative to that directory. */
@Tag("slow")
class LauncherTest {
    private static final Path LAUNCHER = Path.of("submit/lat").toAbsolutePath();

    @TempDir
    Path workDir;

    @Test
    void relativePathsResolveAgainstTheDirectoryTheUserIsIn() throws Exception {
        Files.writeString(
                workDir.resolve("narrow.conf"),
                "lat.model { conv1-channels = 2, conv2-channels = 2, dense-units = 4 }\n");
        Process lat = new ProcessBuilder(
                        "bash",
                        LAUNCHER.toString(),
                        "init-model",
                        "--config",
                        "narrow.conf",
                        "--out",
                        "models/fresh.zip")
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(lat.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(lat.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, lat.exitValue(), output);
        assertTrue(Files.isRegularFile(workDir.resolve("models/fresh.zip")), "written where the user is: " + output);
        assertTrue(output.contains("(600 parameters)"), "the narrow CNN of the relative config file: " + output);
    }
}
