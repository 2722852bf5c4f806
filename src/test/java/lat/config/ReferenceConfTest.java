package lat.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.Config;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** reference.conf promises to define and document every key; this keeps the promise honest. */
class ReferenceConfTest {

    private final Config lat = SettingsLoaderTest.referenceWithoutEnvironment().getConfig("lat");

    @Test
    void everyKeyHasAComment() {
        List<String> undocumented = lat.entrySet().stream()
                .filter(entry -> entry.getValue().origin().comments().isEmpty())
                .map(Map.Entry::getKey)
                .sorted()
                .toList();

        assertEquals(List.of(), undocumented, "keys of reference.conf without a comment");
    }

    @Test
    void thereIsOneKeyPerSettingsComponent() {
        // Settings 3 + data 4 + fetch 5 + sha256 4 + model 4 + attack 3 + train 10 + train.pgd 3
        // + train.parameter-server 6 + evaluate 8 + evaluate.pgd 3 + evaluate.apgd-t 2
        // + evaluate.square 2 + spark 1
        // (the records' components that are not records themselves; evaluate.pgd.steps is both
        // EvaluateSettings.steps and the first of them, PgdSettings.steps), + 7 for the second
        // dataset's entry in lat.data.datasets (fetch's package-dir, mirrors, npm-package and sha256
        // are read from the selected dataset's entry).
        assertEquals(65, lat.entrySet().size(), lat.root().render());
    }
}
