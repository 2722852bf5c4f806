package lat.cluster;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import lat.core.BuildInfo;

/**
 * A Spark standalone cluster of several "hosts" on one machine: a Linux bridge, one network
 * namespace per Worker joined to it by a veth pair, each with its own private address
 * ({@code 10.213.0.2}, {@code .3}, ...; loopback up), and the Master and the driver in the root
 * namespace on the bridge's address {@code 10.213.0.1}. Executors start inside their Worker's
 * namespace, so they have that address, and one UDP port can be the same on every host.
 *
 * <p>Needs root and iproute2's {@code ip}: without root the test is skipped (said so), without
 * {@code ip} it fails naming it. Everything it makes is named with the prefix {@value #PREFIX}:
 * {@link #close()} (also called from a shutdown hook) kills the processes and removes the
 * namespaces, the bridge (with the veths) and the cluster's directory; a run killed with SIGKILL
 * leaves them, and the next {@link #start} removes them first. Clusters are made one at a time per
 * machine (a file lock), so that sweep never touches a live cluster.
 */
public final class NamespaceCluster implements AutoCloseable {
    static final String PREFIX = "latc";
    static final String BRIDGE = PREFIX + "-br";
    /** The first three octets of the cluster's /24. */
    static final String NET = "10.213.0";

    public static final String NETWORK_MASK = NET + ".0/24";
    public static final String DRIVER_ADDRESS = NET + ".1";
    /** Marks the JVMs of a cluster (-D outside lat.*, which is validated config): a later run kills leftovers by it. */
    static final String MARKER = "-Dlatc.cluster.member=true";

    private static final Path LOCK = Path.of(System.getProperty("java.io.tmpdir"), "lat-namespace-cluster.lock");

    private final Path dir;
    private final Path sparkHome;
    private final List<Process> daemons = new ArrayList<>();
    private final List<Integer> workerUiPorts = new ArrayList<>();
    private final int workers;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Thread hook = new Thread(this::close, "namespace-cluster-cleanup");
    private String masterUrl;
    private int masterUiPort;
    private boolean closed;

    /** How the Workers run. */
    public record Options(
            int workers, int coresPerWorker, String workerMemory, boolean pinToCores, List<String> daemonProperties) {
        public static Options of(int workers, int coresPerWorker) {
            return new Options(workers, coresPerWorker, "3g", false, List.of());
        }

        /** Spark settings (-Dspark.worker.timeout=10, ...) for the Master and the Workers. */
        public Options withDaemonProperties(String... properties) {
            return new Options(workers, coresPerWorker, workerMemory, pinToCores, List.of(properties));
        }

        /** Each Worker (and its executors) on core i - 1 of the machine, with one ND4J/OpenMP thread. */
        public Options pinned() {
            return new Options(workers, coresPerWorker, workerMemory, true, daemonProperties);
        }
    }

    private NamespaceCluster(Path dir, int workers, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.sparkHome = dir.resolve("spark-home");
        this.workers = workers;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Makes the network and starts the Master and the Workers; returns when every Worker is alive. */
    public static NamespaceCluster start(Path dir, Options options) throws Exception {
        assumeTrue(
                "root".equals(System.getProperty("user.name")),
                "network namespaces need root: the multi-host cluster tests are skipped for user "
                        + System.getProperty("user.name"));
        requireCommand("ip", "iproute2's ip makes the namespaces (apt-get install iproute2)");
        if (options.pinToCores()) {
            requireCommand("taskset", "taskset pins the Workers to cores (apt-get install util-linux)");
        }
        FileChannel channel = FileChannel.open(LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = awaitLock(channel);
        NamespaceCluster cluster = new NamespaceCluster(dir, options.workers(), channel, lock);
        Runtime.getRuntime().addShutdownHook(cluster.hook);
        try {
            removeLeftovers();
            deleteRecursively(dir);
            cluster.makeNetwork();
            cluster.startDaemons(options);
            return cluster;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    /** The Master's URL; fails once the cluster is closed (a test thread still running during JVM shutdown). */
    public synchronized String masterUrl() {
        if (closed) {
            throw new IllegalStateException("the namespace cluster is closed");
        }
        return masterUrl;
    }

    /** The address of Worker {@code i} (1-based), its "host". */
    public static String workerAddress(int i) {
        return NET + "." + (1 + i);
    }

    static String namespace(int i) {
        return PREFIX + "-ns" + i;
    }

    private static String hostVeth(int i) {
        return PREFIX + "-v" + i;
    }

    /** Takes Worker {@code i}'s link down (or up again): the host drops off the network. */
    public void setLink(int i, boolean up) {
        run("ip", "link", "set", hostVeth(i), up ? "up" : "down");
    }

    /** The Spark executor JVMs running now in Worker {@code i}'s namespace. */
    public List<ProcessHandle> executors(int i) {
        return pidsIn(namespace(i)).stream()
                .map(ProcessHandle::of)
                .flatMap(java.util.Optional::stream)
                .filter(p -> p.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend"))
                .toList();
    }

    /** The Master's JSON status (workers, applications). */
    public String masterStatus() throws IOException {
        try (InputStream in = URI.create("http://" + DRIVER_ADDRESS + ":" + masterUiPort + "/json/")
                .toURL()
                .openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The daemons' logs and the executors' stderr, shortened, for failure messages. */
    public String logs() {
        StringBuilder logs = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".log")
                            || p.getFileName().toString().equals("stderr"))
                    .sorted()
                    .toList()) {
                String text = Files.readString(file);
                logs.append("\n--- ")
                        .append(file)
                        .append('\n')
                        .append(text.length() <= 4000 ? text : text.substring(text.length() - 4000));
            }
        } catch (IOException | UncheckedIOException e) {
            logs.append("\n(cannot read the cluster's logs: ").append(e).append(')');
        }
        return logs.toString();
    }

    /** Kills every process of the cluster and removes the namespaces, the bridge and the cluster's directory. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // called from the hook itself
        }
        try {
            for (Process daemon : daemons) {
                daemon.descendants().forEach(ProcessHandle::destroyForcibly);
                daemon.destroyForcibly();
            }
            removeLeftovers();
            deleteRecursively(dir);
        } finally {
            try {
                lock.release();
                lockChannel.close();
            } catch (IOException e) {
                // the lock goes with the JVM anyway
            }
        }
    }

    private void makeNetwork() {
        run("ip", "link", "add", BRIDGE, "type", "bridge");
        run("ip", "addr", "add", DRIVER_ADDRESS + "/24", "dev", BRIDGE);
        run("ip", "link", "set", BRIDGE, "up");
        for (int i = 1; i <= workers; i++) {
            String ns = namespace(i);
            run("ip", "netns", "add", ns);
            run("ip", "link", "add", hostVeth(i), "type", "veth", "peer", "name", hostVeth(i) + "p");
            run("ip", "link", "set", hostVeth(i) + "p", "netns", ns);
            run("ip", "link", "set", hostVeth(i), "master", BRIDGE);
            run("ip", "link", "set", hostVeth(i), "up");
            run("ip", "netns", "exec", ns, "ip", "addr", "add", workerAddress(i) + "/24", "dev", hostVeth(i) + "p");
            run("ip", "netns", "exec", ns, "ip", "link", "set", hostVeth(i) + "p", "up");
            // Spark's and Aeron's sockets on the host's own address go through lo
            run("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up");
        }
    }

    private void startDaemons(Options options) throws Exception {
        assembleSparkHome(sparkHome);

        int masterPort = freePort();
        masterUiPort = freePort();
        masterUrl = "spark://" + DRIVER_ADDRESS + ":" + masterPort;
        List<String> master = new ArrayList<>(options.daemonProperties());
        master.addAll(List.of(
                "org.apache.spark.deploy.master.Master",
                "--host",
                DRIVER_ADDRESS,
                "--port",
                String.valueOf(masterPort),
                "--webui-port",
                String.valueOf(masterUiPort)));
        daemons.add(daemon(List.of(), DRIVER_ADDRESS, "master", master));
        for (int i = 1; i <= workers; i++) {
            List<String> prefix = new ArrayList<>(List.of("ip", "netns", "exec", namespace(i)));
            if (options.pinToCores()) {
                prefix.addAll(List.of("taskset", "-c", String.valueOf(i - 1)));
            }
            Path workDir = Files.createDirectories(dir.resolve("worker-" + i));
            List<String> worker = new ArrayList<>(options.daemonProperties());
            worker.addAll(List.of(
                    "org.apache.spark.deploy.worker.Worker",
                    masterUrl,
                    "--host",
                    workerAddress(i),
                    "--cores",
                    String.valueOf(options.coresPerWorker()),
                    "--memory",
                    options.workerMemory(),
                    "--work-dir",
                    workDir.toString(),
                    "--webui-port",
                    "8081"));
            daemons.add(daemon(prefix, workerAddress(i), "worker-" + i, worker));
        }
        awaitAliveWorkers(300); // minutes when other builds load the machine
    }

    /**
     * A SPARK_HOME for daemons run from the project's Maven jars (no Spark download): {@code jars/}
     * (what a Worker puts on its executors' classpath) and {@code conf/log4j2.properties}.
     */
    static void assembleSparkHome(Path sparkHome) throws IOException {
        Files.createDirectories(sparkHome.resolve("jars"));
        Files.createDirectories(sparkHome.resolve("conf"));
        Path root = Path.of("").toAbsolutePath();
        for (String jar :
                Files.readString(root.resolve("target/classpath.txt")).trim().split(File.pathSeparator)) {
            Path source = Path.of(jar);
            Files.createSymbolicLink(sparkHome.resolve("jars").resolve(source.getFileName()), source);
        }
        Files.copy(root.resolve("conf/log4j2.properties"), sparkHome.resolve("conf/log4j2.properties"));
    }

    /** A Master or Worker JVM with the project's jars, on {@code address}, started through {@code prefix}. */
    private Process daemon(List<String> prefix, String address, String name, List<String> mainAndArgs)
            throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                MARKER,
                "-Dlog4j2.configurationFile=" + sparkHome.resolve("conf/log4j2.properties")));
        command.addAll(List.of(BuildInfo.get("jvm.flags").split(" ")));
        command.addAll(
                List.of("-cp", sparkHome.resolve("conf") + File.pathSeparator + sparkHome.resolve("jars") + "/*"));
        command.addAll(mainAndArgs);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        builder.environment().put("SPARK_HOME", sparkHome.toString());
        builder.environment().put("SPARK_SCALA_VERSION", "2.12");
        builder.environment().put("SPARK_LOCAL_IP", address);
        // Spark's scratch space (executors' block manager and shuffle dirs) inside the cluster's directory
        Path local = dir.resolve(name + "-local");
        Files.createDirectories(local);
        builder.environment().put("SPARK_LOCAL_DIRS", local.toString());
        // one ND4J/OpenMP thread per executor when pinned: the Worker's executors inherit its environment
        if (prefix.contains("taskset")) {
            builder.environment().put("OMP_NUM_THREADS", "1");
        }
        return builder.start();
    }

    /** Waits until the Master counts every Worker alive (again). */
    public void awaitAliveWorkers(int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String status = "";
        while (System.nanoTime() < deadline) {
            for (Process daemon : daemons) {
                if (!daemon.isAlive()) {
                    throw new IllegalStateException("a Spark daemon of the namespace cluster exited with status "
                            + daemon.exitValue() + ":" + logs());
                }
            }
            try {
                status = masterStatus();
                long alive = status.split("\"state\" : \"ALIVE\"", -1).length - 1;
                if (alive >= workers) {
                    return;
                }
            } catch (IOException notYetUp) {
                // the Master is still starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(
                "the namespace cluster did not come up with " + workers + " workers: " + status + logs());
    }

    /** Kills the processes of every {@value #PREFIX} namespace and every marked JVM, removes the namespaces and the bridge. */
    static void removeLeftovers() {
        for (String ns : namespaces()) {
            for (long pid : pidsIn(ns)) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
        ProcessHandle.allProcesses()
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .filter(p -> p.info().commandLine().orElse("").contains(MARKER))
                .forEach(ProcessHandle::destroyForcibly);
        for (String ns : namespaces()) {
            awaitNoProcesses(ns);
            run("ip", "netns", "del", ns);
        }
        // a deleted namespace is torn down later by the kernel, with its veth pairs: delete them now
        for (String line : exec("ip", "-o", "link", "show").output.lines().toList()) {
            String name = line.split(":")[1].trim().split("@")[0];
            if (name.startsWith(PREFIX + "-v")) {
                exec("ip", "link", "del", name); // may vanish meanwhile
            }
        }
        if (exec("ip", "link", "show", BRIDGE).status == 0) {
            run("ip", "link", "del", BRIDGE);
        }
    }

    static List<String> namespaces() {
        return exec("ip", "netns", "list")
                .output
                .lines()
                .map(line -> line.split(" ")[0])
                .filter(name -> name.startsWith(PREFIX + "-"))
                .toList();
    }

    private static List<Long> pidsIn(String ns) {
        return exec("ip", "netns", "pids", ns)
                .output
                .lines()
                .filter(line -> !line.isBlank())
                .map(line -> Long.parseLong(line.trim()))
                .toList();
    }

    private static void awaitNoProcesses(String ns) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!pidsIn(ns).isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** A TCP port free on the bridge's address (the root namespace has other users). */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(DRIVER_ADDRESS))) {
            return socket.getLocalPort();
        }
    }

    private static FileLock awaitLock(FileChannel channel) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
        while (true) {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return lock;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("another namespace cluster held " + LOCK + " for 30 minutes");
            }
            Thread.sleep(1000);
        }
    }

    private static void requireCommand(String name, String why) {
        if (exec("sh", "-c", "command -v " + name).status != 0) {
            throw new IllegalStateException("'" + name + "' is not installed: " + why);
        }
    }

    private record Result(int status, String output) {}

    private static Result exec(String... command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(process.waitFor(), output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + String.join(" ", command), e);
        }
    }

    private static void run(String... command) {
        Result result = exec(command);
        if (result.status != 0) {
            throw new IllegalStateException(
                    String.join(" ", command) + " failed (status " + result.status + "): " + result.output.strip());
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir, e);
        }
    }
}
