package lat.cli;

import java.util.concurrent.Callable;
import lat.attack.AttackKind;
import lat.attack.LocalizedAttack;
import lat.config.Settings;
import lat.data.MnistFetcher;
import lat.model.Cnn;
import lat.model.ModelStore;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The main job: everything from the data to the adversarial examples, on the configured run. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"The main job: fetch MNIST if missing, then craft and export adversarial examples of "
                + "lat.evaluate.examples test digits under each attack of lat.evaluate.attacks.",
            "Until training lands, the attacked model is --model, or a freshly initialised CNN."})
public final class RunCommand implements Callable<Integer> {
    @Mixin
    private ConfigOptions config;

    @Option(names = "--model", paramLabel = "FILE", description = "Model zip to attack (default: a fresh CNN).")
    private String model;

    @Override
    public Integer call() {
        Settings settings = config.load();
        Configuration conf = new Configuration();
        new MnistFetcher(settings.data().fetch(), conf).fetch(settings.data().dir(), System.out::println);
        MultiLayerNetwork network = model != null
                ? ModelStore.load(model, conf)
                : Cnn.build(settings.model(), settings.train().learningRate(), settings.seed());
        for (AttackKind kind : settings.evaluate().attacks()) {
            LocalizedAttack attack = new LocalizedAttack(kind, settings.attack(), settings.evaluate().pgd());
            AttackCommand.export(settings, attack, network, settings.evaluate().examples(),
                    AttackCommand.defaultDirectory(settings, kind), conf);
        }
        return 0;
    }
}
