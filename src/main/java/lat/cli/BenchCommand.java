package lat.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the bench command lands. */
@Command(name = "bench", hidden = true)
public final class BenchCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("bench is not built yet");
    }
}
