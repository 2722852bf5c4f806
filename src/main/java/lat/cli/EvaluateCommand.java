package lat.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the evaluate command lands. */
@Command(name = "evaluate", hidden = true)
public final class EvaluateCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("evaluate is not built yet");
    }
}
