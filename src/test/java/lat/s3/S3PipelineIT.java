package lat.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import lat.TestData;
import lat.core.ModelKind;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole pipeline on S3 through S3A, against a real S3 server (S3Proxy on loopback), in local
 * mode: {@code fetch-data} puts MNIST into the bucket (credentials from the environment), then
 * {@code run} trains all five kinds (tiny), evaluates and reports with data, checkpoints, models,
 * the Parquet table and the report on {@code s3a://} (credentials as Hadoop settings,
 * {@code spark.hadoop.fs.s3a.*}), the table written through S3A's magic committer as Spark users
 * configure it. Then every byte that reached the store, every local file and every line printed is
 * searched for the access key and the secret key.
 */
public class S3PipelineIT {
    static final Path WORK = Path.of("target/it-s3-pipeline").toAbsolutePath();
    static final String BUCKET = "lat";
    static final String RUN = "s3run";
    static S3Server server;

    @BeforeAll
    static void startServer() throws Exception {
        S3FaultsIT.deleteRecursively(WORK);
        Files.createDirectories(WORK);
        server = S3Server.start(WORK, BUCKET);
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    /** The settings of docs/cluster.md, "Data and outputs on S3": S3A's magic committer for Spark's Parquet writes. */
    public static List<String> committerOptions() {
        return List.of(
                "-Dspark.hadoop.fs.s3a.committer.name=magic",
                "-Dspark.hadoop.fs.s3a.committer.magic.enabled=true",
                "-Dspark.sql.sources.commitProtocolClass=org.apache.spark.internal.io.cloud.PathOutputCommitProtocol",
                "-Dspark.sql.parquet.output.committer.class="
                        + "org.apache.spark.internal.io.cloud.BindingParquetOutputCommitter");
    }

    @Test
    void fetchTrainEvaluateAndReportOnS3WithoutLeakingCredentials() throws Exception {
        String data = "s3a://" + BUCKET + "/mnist";
        String output = "s3a://" + BUCKET + "/lat";
        Path config = TestData.configFile(
                WORK.resolve("s3.conf"),
                WORK.resolve("unused"),
                String.join(
                        "\n",
                        "lat.data { dir = \"" + data + "\", train-examples = 200, test-examples = 100 }",
                        "lat.output-dir = \"" + output + "\"",
                        "lat.run-id = \"" + RUN + "\"",
                        "lat.spark.master = \"local[2]\"",
                        "lat.model { conv1-channels = 4, conv2-channels = 8, dense-units = 32 }",
                        // two chunks: checkpoints are written to the bucket and read back
                        "lat.train { steps = 4, checkpoint-every = 2, shards = 2, pgd { steps = 2, step-size = 0.1 } }",
                        "lat.evaluate { examples = 40, batch-size = 20, pgd { steps = 2, step-size = 0.1 } }"));

        // 1. fetch-data into the bucket; credentials from the environment (S3A's environment provider)
        LatProcess fetch = LatProcess.run(
                WORK.resolve("fetch.log"),
                S3Server.credentialsEnvironment(),
                S3Server.sparkHadoopOptions(server.endpointSettings()),
                600,
                "fetch-data",
                "--config",
                config.toString(),
                "--from",
                TestData.mnistDir());
        System.out.printf(
                "fetch-data: exit %d after %.1f s%n",
                fetch.status(), fetch.elapsed().toMillis() / 1000.0);
        assertEquals(0, fetch.status(), fetch.toString());
        for (String name : S3FaultsIT.mnistFiles()) {
            assertTrue(Files.isRegularFile(bucket("mnist/" + name)), name + " is in the bucket");
        }

        // 2. the main job; credentials as Hadoop settings, the magic committer for the table
        List<String> options = new ArrayList<>(S3Server.sparkHadoopOptions(server.hadoopSettings()));
        options.addAll(committerOptions());
        options.add("-Dspark.ui.enabled=false");
        LatProcess run =
                LatProcess.run(WORK.resolve("run.log"), Map.of(), options, 1500, "run", "--config", config.toString());
        System.out.printf(
                "run: exit %d after %.1f s%n", run.status(), run.elapsed().toMillis() / 1000.0);
        assertEquals(0, run.status(), run.toString());

        for (ModelKind kind : ModelKind.values()) {
            Path model = bucket("lat/models/" + RUN + "/" + kind.id() + "-seed42");
            assertTrue(Files.isRegularFile(model.resolve("model.zip")), kind + ": model.zip");
            assertTrue(Files.isRegularFile(model.resolve("metadata.json")), kind + ": metadata.json");
            assertEquals(
                    List.of(),
                    objectsUnder(model.resolve("checkpoints")),
                    kind + ": checkpoints removed when complete");
        }
        // the partition: one Parquet object of a fixed name (a rewrite is one PUT over it), 25 cells
        Path partition = bucket("lat/evaluation/run_id=" + RUN);
        assertEquals(List.of(partition.resolve("part-00000.parquet")), objectsUnder(partition));
        try (ParquetFileReader parquet = ParquetFileReader.open(HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(
                        partition.resolve("part-00000.parquet").toUri()),
                new Configuration()))) {
            assertEquals(25, parquet.getRecordCount(), "5 models x 5 inputs");
        }
        // figure 1's examples: one object of a fixed name too, which the report drew
        Path examples = bucket("lat/examples/" + RUN);
        assertEquals(List.of(examples.resolve("examples.json")), objectsUnder(examples));
        assertTrue(Files.isRegularFile(bucket("lat/report/" + RUN + "/index.html")), "the report");
        assertTrue(
                Files.readString(bucket("lat/report/" + RUN + "/index.html")).contains("<h2>Figure 1"),
                "the report shows figure 1");
        assertEquals(List.of(), objectsUnder(bucket("lat/.lat-staging")), "no staging leftovers");
        assertEquals(List.of(), objectsUnder(bucket("lat/locks")), "locks released");

        // 3. the credentials appear nowhere: the store's every object, every local file, every line printed
        List<String> leaks = new ArrayList<>();
        for (Path file : filesUnder(WORK)) {
            if (file.getFileName().toString().equals("s3proxy.properties")) {
                continue; // the server's own configuration
            }
            String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            for (String secret : List.of(S3Server.ACCESS_KEY, S3Server.SECRET_KEY)) {
                if (content.contains(secret)) {
                    leaks.add(file + " holds "
                            + (secret.equals(S3Server.ACCESS_KEY) ? "the access key" : "the secret key"));
                }
            }
        }
        System.out.printf(
                "searched %d files (%d objects in the bucket) for the credentials: %s%n",
                filesUnder(WORK).size(), filesUnder(server.storeDir()).size(), leaks.isEmpty() ? "none" : leaks);
        assertEquals(List.of(), leaks);
    }

    private static Path bucket(String key) {
        return server.storeDir().resolve(BUCKET).resolve(key);
    }

    /** The objects under a prefix of the filesystem store (its directories are not objects). */
    public static List<Path> objectsUnder(Path dir) throws IOException {
        return Files.exists(dir) ? filesUnder(dir) : List.of();
    }

    private static List<Path> filesUnder(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
