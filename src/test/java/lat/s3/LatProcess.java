package lat.s3;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import lat.cli.ChildJvm;

/**
 * The lat command line in a JVM of its own (this JVM's flags and classpath), as a user runs it:
 * with an environment and JVM options of the test's choosing, its output captured in a log file.
 *
 * @param status  the exit status
 * @param output  standard output and error, interleaved
 * @param elapsed from start to exit
 */
public record LatProcess(int status, String output, Duration elapsed) {

    /** Runs {@code lat <arguments>}; fails after {@code timeoutSeconds} (the process is killed). */
    public static LatProcess run(
            Path log, Map<String, String> environment, List<String> jvmOptions, int timeoutSeconds, String... arguments)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(ChildJvm.latCommand(jvmOptions, List.of(arguments)))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // no credentials but the test's: the machine's own AWS settings must not decide an outcome
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
        builder.environment().putAll(environment);
        long start = System.nanoTime();
        Process process = builder.start();
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                throw new AssertionError("lat " + String.join(" ", arguments) + " still running after " + timeoutSeconds
                        + " s:\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        return new LatProcess(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8), elapsed);
    }

    /** The lines lat printed as errors ({@code error: ...}). */
    public List<String> errorLines() {
        return output.lines().filter(line -> line.startsWith("error: ")).toList();
    }

    @Override
    public String toString() {
        return "exit " + status + " after " + elapsed.toMillis() + " ms:\n" + output;
    }
}
