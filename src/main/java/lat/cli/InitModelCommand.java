package lat.cli;

import java.util.concurrent.Callable;
import lat.config.HadoopConfigurations;
import lat.config.Settings;
import lat.model.Cnn;
import lat.model.ModelStore;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Saves a freshly initialised CNN: a model to attack before any training, and for tests. */
@Command(
        name = "init-model",
        mixinStandardHelpOptions = true,
        description = "Save a freshly initialised CNN (widths from lat.model, seed from lat.seed) as a DL4J model zip.")
public final class InitModelCommand implements Callable<Integer> {
    @Mixin
    private ConfigOptions config;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "FILE",
            description = "Model zip to write (any Hadoop path).")
    private String out;

    @Override
    public Integer call() throws Exception {
        Settings settings = config.load();
        ModelStore.KIND.requireReplaceable(new Path(out), HadoopConfigurations.create());
        MultiLayerNetwork network = Cnn.build(settings.model(), settings.train().learningRate(), settings.seed());
        ModelStore.save(network, out, HadoopConfigurations.create());
        System.out.printf("wrote %s (%,d parameters)%n", out, network.numParams());
        return 0;
    }
}
