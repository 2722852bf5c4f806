package lat.cli;

import java.util.List;
import java.util.concurrent.Callable;
import lat.cli.RunOutputs.Writes;
import lat.config.Settings;
import lat.config.SettingsLoader;
import lat.io.RunLock;
import lat.report.Report;
import lat.spark.SparkSessions;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code lat report}: the run's HTML + PNG report, from the evaluation table and the stored examples. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = {
            "Render the report of run lat.run-id from the evaluation table, the attack examples the "
                    + "evaluation stored and the models' metadata (not the models or the data) into "
                    + "<lat.output-dir>/report/<lat.run-id>/: index.html with the paper's Figure 2 (loss, next to the "
                    + "paper's numbers), the accuracies, Figure 1 (a test digit under each attack) and the settings, "
                    + "plus PNG images."
        })
public final class ReportCommand implements Callable<Integer> {
    @Mixin
    private ConfigOptions config;

    @Override
    public Integer call() {
        Settings settings = config.load();
        Settings paper = SettingsLoader.paper();
        try (RunLock lock = RunOutputs.claim(settings, "report", List.of(Writes.REPORT))) {
            Path page = Report.render(SparkSessions.open(settings, "report"), settings, paper);
            System.out.println("wrote " + page);
        }
        return 0;
    }
}
