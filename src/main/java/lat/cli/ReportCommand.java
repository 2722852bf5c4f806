package lat.cli;

import java.util.List;
import java.util.concurrent.Callable;
import lat.cli.RunOutputs.Writes;
import lat.config.Settings;
import lat.io.RunLock;
import lat.report.Report;
import lat.spark.SparkSessions;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code lat report}: the run's HTML + PNG report, from the evaluation table. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Render the report of run lat.run-id from the evaluation table into "
                + "<lat.output-dir>/report/<lat.run-id>/: index.html with the paper's Figure 2 (loss, next to the "
                + "paper's numbers), the accuracies, Figure 1 (a test digit under each attack) and the settings, "
                + "plus PNG images."})
public final class ReportCommand implements Callable<Integer> {
    @Mixin
    private ConfigOptions config;

    @Override
    public Integer call() {
        Settings settings = config.load();
        try (RunLock lock = RunOutputs.claim(settings, "report", List.of(Writes.REPORT))) {
            Path page = Report.render(SparkSessions.open(settings, "report"), settings);
            System.out.println("wrote " + page);
        }
        return 0;
    }
}
