package lat.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the train command lands. */
@Command(name = "train", hidden = true)
public final class TrainCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("train is not built yet");
    }
}
