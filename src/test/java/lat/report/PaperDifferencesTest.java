package lat.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import lat.TestData;
import lat.config.Settings;
import lat.config.SettingsLoader;
import org.junit.jupiter.api.Test;

/** The paper's side of the differences table comes from the settings it is given: the bundled profile. */
class PaperDifferencesTest {

    @Test
    void thePapersColumnIsTheBundledPaperProfile() {
        Map<String, String> paper = papersColumn(SettingsLoader.paper());
        assertEquals("mnist-test", paper.get("dataset (evaluated on)"));
        assertEquals("32 / 64 / 1024", paper.get("CNN widths (conv1 / conv2 / dense)"));
        assertEquals("100000", paper.get("training steps (minibatches of 50)"));
        assertEquals("0.0001", paper.get("learning rate (Adam)"));
        assertEquals("40 steps of 0.01, random start", paper.get("training PGD"));
        assertEquals("100 steps of 0.01, random start", paper.get("evaluation PGD"));
        assertEquals("pgd, epsilon 0.3, 100 steps", PaperDifferences.paperEvaluation(SettingsLoader.paper()));
    }

    @Test
    void otherSettingsGiveAnotherColumn() {
        Settings other = TestData.settings(
                Path.of("unused"),
                String.join(
                        "\n",
                        "lat.train { steps = 123, learning-rate = 0.002, pgd { steps = 3, step-size = 0.05 } }",
                        "lat.attack.epsilon = 0.2",
                        "lat.evaluate { methods = [pgd, apgd-ce], epsilons = [0.3, 0.1], pgd { steps = [7, 2] } }"));
        Map<String, String> paper = papersColumn(other);
        assertEquals("123", paper.get("training steps (minibatches of 50)"));
        assertEquals("0.002", paper.get("learning rate (Adam)"));
        assertEquals("0.2", paper.get("training epsilon"));
        assertEquals("3 steps of 0.05, random start", paper.get("training PGD"));
        assertEquals("apgd-ce, pgd", paper.get("evaluation method"));
        assertEquals("0.1, 0.3", paper.get("evaluation epsilon"));
        assertEquals("2 steps of 0.01, random start, 7 steps of 0.01, random start", paper.get("evaluation PGD"));
    }

    /** The "paper" column of a run that recorded nothing. */
    private static Map<String, String> papersColumn(Settings paper) {
        return PaperDifferences.of(Map.of(), List.of(), paper).stream()
                .collect(Collectors.toMap(PaperDifferences.Setting::name, PaperDifferences.Setting::paper));
    }
}
