package lat.cli;

import java.io.IOException;
import lat.core.BuildInfo;
import lat.core.ConfigError;
import lat.core.DataError;
import lat.core.LatError;
import lat.io.HadoopFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code lat} command line. Exit status: 0 success, 1 unexpected failure, 2 wrong arguments or
 * configuration, 3 missing or corrupt data.
 */
@Command(
        name = "lat",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Localized adversarial training of MNIST CNNs (Rothberg, Chen, Ji) on Spark.",
        subcommands = {
            FetchDataCommand.class,
            InitModelCommand.class,
            AttackCommand.class,
            TrainCommand.class,
            EvaluateCommand.class,
            ReportCommand.class,
            BenchCommand.class,
            RunCommand.class,
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }

    /** {@code lat --version}: what this build is made of. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {
                "lat " + BuildInfo.get("version"),
                "Spark " + BuildInfo.get("spark.version") + ", DL4J/ND4J " + BuildInfo.get("nd4j.version")
                        + ", backend " + BuildInfo.get("nd4j.backend") + ":" + BuildInfo.get("nd4j.classifier"),
                "Java " + System.getProperty("java.version"),
            };
        }
    }

    public static void main(String[] args) {
        ChildJvm.watchParent();
        int status = run(args);
        // A YARN cluster-mode driver runs in the application master, which reports the application's
        // outcome when main returns and exits itself: System.exit would end the JVM first (the
        // application FAILED with exit code 16, and YARN would start it again). docs/cluster.md
        if (status == 0 && System.getProperty(YARN_APPLICATION_ID) != null) {
            return;
        }
        System.exit(status);
    }

    /** Set by YARN's application master for the driver it runs in cluster deploy mode. */
    private static final String YARN_APPLICATION_ID = "spark.yarn.app.id";

    /** Runs the command line and returns its exit status (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        // every subcommand answers --version like the top command
        cli.getSubcommands().values().forEach(sub -> sub.getCommandSpec().versionProvider(new Version()));
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            // Errors raised in Spark tasks or DL4J threads arrive wrapped: the user's error is the cause.
            for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
                if (cause instanceof LatError error) {
                    commandLine.getErr().println("error: " + error.getMessage());
                    return error.exitCode();
                }
            }
            // A storage failure lat did not word itself (S3A inside a Spark job): one line, exit 3.
            for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
                if (cause instanceof IOException io) {
                    commandLine.getErr().println("error: " + HadoopFiles.describe(io));
                    return DataError.EXIT_CODE;
                }
            }
            throw ex;
        });
        cli.setParameterExceptionHandler((ex, args1) -> {
            CommandLine commandLine = ex.getCommandLine();
            commandLine.getErr().println("error: " + ex.getMessage());
            commandLine.getErr().println("see '" + commandLine.getCommandSpec().qualifiedName() + " --help'");
            return ConfigError.EXIT_CODE;
        });
        return cli.execute(args);
    }
}
