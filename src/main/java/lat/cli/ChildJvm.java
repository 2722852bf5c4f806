package lat.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Another lat JVM with this one's JVM flags, system properties and classpath, whose life is bound to
 * this one's: it is stopped when this JVM ends (a SIGTERM from a scheduler included), and it stops
 * itself when this JVM dies without a word (SIGKILL), so no training runs on unwatched.
 */
public final class ChildJvm {
    /** The parent's process id, given to the child, which watches it ({@link #watchParent}). */
    static final String PARENT_PID = "lat-parent-pid"; // not under lat.: the configuration would reject it

    private static final long WATCH_MILLIS = 500;
    private static final long STOP_SECONDS = 30;

    private ChildJvm() {}

    /**
     * {@code java <this JVM's arguments> <extraJvmArguments> -cp <this classpath> lat.cli.Main <latArguments>}.
     */
    public static List<String> latCommand(List<String> extraJvmArguments, List<String> latArguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(argument -> !argument.startsWith("-D" + PARENT_PID + "="))
                .toList());
        command.addAll(extraJvmArguments);
        command.add("-D" + PARENT_PID + "=" + ProcessHandle.current().pid());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(latArguments);
        return command;
    }

    /**
     * Runs {@code lat <latArguments>} in a child JVM with {@code environment} added, sharing this
     * one's standard streams, and returns its exit status.
     */
    static int run(List<String> latArguments, Map<String, String> environment)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(latCommand(List.of(), latArguments)).inheritIO();
        builder.environment().putAll(environment);
        Process child = builder.start();
        Thread stopChild = new Thread(() -> stop(child), "lat-stop-child");
        Runtime.getRuntime().addShutdownHook(stopChild);
        try {
            return child.waitFor();
        } finally {
            if (!child.isAlive()) {
                Runtime.getRuntime().removeShutdownHook(stopChild);
            }
        }
    }

    /** SIGTERM, then SIGKILL if it has not ended after STOP_SECONDS. */
    private static void stop(Process child) {
        child.destroy();
        try {
            if (!child.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        } catch (InterruptedException e) {
            child.destroyForcibly();
        }
    }

    /**
     * In a child JVM: ends this JVM (running its shutdown hooks, exit status 143 as after SIGTERM)
     * as soon as the parent is gone, checked every half second.
     */
    static void watchParent() {
        String parent = System.getProperty(PARENT_PID);
        if (parent == null) {
            return;
        }
        ProcessHandle handle = ProcessHandle.of(Long.parseLong(parent)).orElse(null);
        Thread watcher = new Thread(
                () -> {
                    while (handle != null && handle.isAlive()) {
                        try {
                            Thread.sleep(WATCH_MILLIS);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    System.err.println("lat: the parent process " + parent + " is gone; stopping");
                    System.exit(143);
                },
                "lat-watch-parent");
        watcher.setDaemon(true);
        watcher.start();
    }
}
