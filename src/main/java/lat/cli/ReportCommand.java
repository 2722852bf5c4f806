package lat.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the report command lands. */
@Command(name = "report", hidden = true)
public final class ReportCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("report is not built yet");
    }
}
