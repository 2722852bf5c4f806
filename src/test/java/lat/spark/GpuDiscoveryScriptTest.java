package lat.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * submit/gpu-discovery.sh against Spark's contract: one JSON object with the GPU addresses on
 * stdout, or a message on stderr and a non-zero exit status when there is no GPU. A fake
 * {@code nvidia-smi} on the PATH plays the driver (no GPU here).
 */
class GpuDiscoveryScriptTest {
    static final Path SCRIPT = Path.of("submit/gpu-discovery.sh").toAbsolutePath();

    @TempDir
    Path bin;

    record Result(int status, String stdout, String stderr) {}

    @Test
    void listsTheIndicesNvidiaSmiReports() throws Exception {
        fakeNvidiaSmi("printf '0\\n 1\\n3\\n'");

        assertEquals(new Result(0, "{\"name\": \"gpu\", \"addresses\": [\"0\",\"1\",\"3\"]}\n", ""), discover());
    }

    @Test
    void noNvidiaSmiIsAnErrorNotAnEmptyAddress() throws Exception {
        Result result = discover();

        assertEquals(1, result.status());
        assertEquals("", result.stdout());
        assertEquals(
                "gpu-discovery.sh: nvidia-smi not found on PATH (" + bin + ":/usr/bin:/bin): no NVIDIA driver on "
                        + hostName() + "\n",
                result.stderr());
    }

    @Test
    void noGpuOrAFailingDriverIsAnError() throws Exception {
        fakeNvidiaSmi("exit 0");
        Result none = discover();
        fakeNvidiaSmi("echo 'NVIDIA-SMI has failed because it could not communicate with the NVIDIA driver'; exit 9");
        Result failing = discover();

        assertEquals(new Result(1, "", "gpu-discovery.sh: nvidia-smi lists no GPU on " + hostName() + "\n"), none);
        assertEquals(
                new Result(
                        1,
                        "",
                        "gpu-discovery.sh: nvidia-smi failed on " + hostName()
                                + ": NVIDIA-SMI has failed because it could not communicate with the NVIDIA driver\n"),
                failing);
    }

    private void fakeNvidiaSmi(String body) throws IOException {
        Path fake = bin.resolve("nvidia-smi");
        Files.writeString(fake, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Result discover() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("/bin/bash", SCRIPT.toString());
        builder.environment().put("PATH", bin + ":/usr/bin:/bin");
        Process process = builder.start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), stdout, stderr);
    }

    private static String hostName() throws Exception {
        Process process = new ProcessBuilder("hostname").start();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    }
}
