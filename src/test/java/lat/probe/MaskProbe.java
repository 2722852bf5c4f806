package lat.probe;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import lat.attack.MaskCoverage;
import lat.config.DataSettings;
import lat.config.Settings;
import lat.config.SettingsLoader;
import lat.core.AttackKind;
import lat.data.Digits;
import lat.data.Mnist;
import org.apache.hadoop.conf.Configuration;

/**
 * A lab probe, not a test (docs/notes/2026-12-03-fashion-mnist.md): what the four masks, defined for
 * digits, leave free on a dataset's test images, and how much of the object the background attack
 * may change. Arguments: the dataset ({@code mnist}, {@code fashion-mnist}) and its directory, e.g.
 * {@code fashion-mnist /usr/share/datasets/fashion-mnist}, and optionally a digit threshold (default
 * {@code lat.attack.digit-threshold}, the paper's 0); the block is the paper's 6.
 */
public final class MaskProbe {
    private MaskProbe() {}

    public static void main(String[] args) {
        Map<String, String> overrides = new HashMap<>(Map.of("lat.data.dataset", args[0], "lat.data.dir", args[1]));
        if (args.length > 2) {
            overrides.put("lat.attack.digit-threshold", args[2]);
        }
        Settings settings = SettingsLoader.load(Optional.empty(), overrides);
        DataSettings data = settings.data();
        Digits test = Mnist.load(data, Mnist.Split.TEST, Mnist.ALL, new Configuration());
        MaskCoverage coverage = MaskCoverage.of(test.images(), settings.attack());
        System.out.printf(
                Locale.ROOT,
                "%s: %d test images, threshold %.2f, block %d: object pixels %.1f per image; background attack"
                        + " may change %.4f of the object pixels%n",
                data.dataset(),
                coverage.images(),
                settings.attack().digitThreshold(),
                settings.attack().backgroundBlock(),
                coverage.objectPixels(),
                coverage.objectFreeBackground());
        for (AttackKind kind : AttackKind.values()) {
            System.out.printf(
                    Locale.ROOT,
                    "  %-10s free pixels %.1f per image%n",
                    kind.id(),
                    coverage.freePixels().get(kind));
        }
    }
}
