package lat.cli;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line of another lat JVM with this one's JVM flags, system properties and classpath. */
public final class ChildJvm {
    private ChildJvm() {
    }

    /**
     * {@code java <this JVM's arguments> <extraJvmArguments> -cp <this classpath> lat.cli.Main <latArguments>}.
     */
    public static List<String> latCommand(List<String> extraJvmArguments, List<String> latArguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(extraJvmArguments);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(latArguments);
        return command;
    }
}
