package lat.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import lat.TestData;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A multi-model {@code train} runs each model in a child JVM; killing the parent, as a scheduler
 * does (SIGTERM) or as the kernel does (SIGKILL), must not leave the child training on its own.
 */
@Tag("slow")
class ChildJvmTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aChildTrainingDiesWithItsParent(boolean forcibly) throws Exception {
        Path config = TestData.configFile(
                dir.resolve("long.conf"),
                dir.resolve("output"),
                "lat.train { models = [natural, standard], steps = 100000, checkpoint-every = 100000 }");
        Process parent = new ProcessBuilder(ChildJvm.latCommand(
                        List.of("-Daeron.dir=" + dir.resolve("aeron"), "-Dspark.ui.enabled=false"),
                        List.of("train", "-c", config.toString())))
                .redirectOutput(dir.resolve("parent.log").toFile())
                .redirectErrorStream(true)
                .start();
        ProcessHandle child = null;
        try {
            child = awaitChild(parent, 120).orElseThrow(() -> new AssertionError("no child JVM appeared"));
            Thread.sleep(2000); // let the child get going
            if (forcibly) {
                parent.destroyForcibly();
            } else {
                parent.destroy();
            }
            parent.waitFor(60, TimeUnit.SECONDS);
            child.onExit().get(60, TimeUnit.SECONDS);
            assertFalse(child.isAlive(), "the child trains on after its parent was killed");
        } finally {
            parent.destroyForcibly();
            if (child != null) {
                child.destroyForcibly();
            }
        }
    }

    private static Optional<ProcessHandle> awaitChild(Process parent, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline && parent.isAlive()) {
            Optional<ProcessHandle> java = parent.children()
                    .filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false))
                    .findFirst();
            if (java.isPresent()) {
                return java;
            }
            Thread.sleep(200);
        }
        assertTrue(parent.isAlive(), "the parent ended before starting a child");
        return Optional.empty();
    }
}
