package lat.report;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import lat.config.EvaluateSettings;
import lat.config.ModelSettings;
import lat.config.Settings;
import lat.config.TrainSettings;
import lat.core.AttackMethod;
import lat.evaluate.Cell;
import lat.evaluate.EvaluationRow;
import lat.io.records.TrainingMetadata;

/**
 * Where a run's settings differ from the paper's, computed from what the run recorded: each
 * model's metadata.json (training) and the evaluation table (evaluation), never from the report
 * command's configuration. So that nobody mistakes a scaled-down run for a replication. The paper's
 * settings are those of the bundled profile conf/paper.conf, their one written copy.
 */
final class PaperDifferences {
    private PaperDifferences() {}

    /**
     * One setting: the paper's value and the run's (all distinct values, comma separated, where
     * models or rows differ; "-" where the run recorded none).
     */
    record Setting(String name, String paper, String run) {
        boolean differs() {
            return !paper.equals(run);
        }
    }

    /**
     * The settings of the paper beside the run's.
     *
     * @param metadata each model's metadata.json, by model name
     * @param rows     the run's rows of the evaluation table
     * @param paper    the paper's settings: the bundled profile conf/paper.conf (Rothberg, Chen, Ji, after Madry et al.)
     */
    static List<Setting> of(Map<String, TrainingMetadata> metadata, List<EvaluationRow> rows, Settings paper) {
        Collection<TrainingMetadata> models = metadata.values();
        // Training-attack settings exist for the adversarially trained models only (pgd: null for natural).
        List<TrainingMetadata> attacked =
                models.stream().filter(TrainingMetadata::attacked).toList();
        List<EvaluationRow> attackRows =
                rows.stream().filter(row -> !Cell.NATURAL.equals(row.attack())).toList();
        ModelSettings model = paper.model();
        TrainSettings train = paper.train();
        EvaluateSettings evaluate = paper.evaluate();
        return List.of(
                new Setting(
                        "dataset (evaluated on)",
                        paper.data().dataset().testSetId(),
                        distinct(rows, EvaluationRow::dataset)),
                new Setting(
                        "CNN widths (conv1 / conv2 / dense)",
                        model.conv1Channels() + " / " + model.conv2Channels() + " / " + model.denseUnits(),
                        distinct(
                                models,
                                m -> text(m, Recorded.cnn(ModelSettings::conv1Channels)) + " / "
                                        + text(m, Recorded.cnn(ModelSettings::conv2Channels))
                                        + " / " + text(m, Recorded.cnn(ModelSettings::denseUnits)))),
                new Setting(
                        "training digits",
                        String.valueOf(paper.data().trainExamples()),
                        distinct(
                                models,
                                m -> text(
                                        m, Recorded.in(TrainingMetadata::data, TrainingMetadata.Data::trainExamples)))),
                new Setting(
                        "training steps (minibatches of 50)",
                        String.valueOf(train.steps()),
                        distinct(models, m -> text(m, TrainingMetadata::steps))),
                new Setting(
                        "minibatch",
                        String.valueOf(train.batchSize()),
                        distinct(
                                models,
                                m -> text(
                                        m,
                                        Recorded.in(
                                                TrainingMetadata::training, TrainingMetadata.Training::batchSize)))),
                new Setting(
                        "learning rate (Adam)",
                        number(train.learningRate()),
                        distinct(
                                models,
                                m -> text(
                                        m,
                                        Recorded.in(
                                                TrainingMetadata::training, TrainingMetadata.Training::learningRate)))),
                new Setting(
                        "training epsilon",
                        number(paper.attack().epsilon()),
                        distinct(
                                attacked,
                                m -> text(m, Recorded.in(TrainingMetadata::attack, TrainingMetadata.Attack::epsilon)))),
                new Setting(
                        "training epsilon ramp (steps)",
                        String.valueOf(train.epsilonRampSteps()),
                        distinct(
                                attacked,
                                m -> text(
                                        m,
                                        Recorded.in(
                                                TrainingMetadata::training,
                                                TrainingMetadata.Training::epsilonRampSteps)))),
                new Setting(
                        "training PGD",
                        pgd(
                                train.pgd().steps(),
                                train.pgd().stepSize(),
                                train.pgd().randomStart()),
                        distinct(
                                attacked,
                                m -> pgd(
                                        m.pgd().steps(),
                                        m.pgd().stepSize(),
                                        m.pgd().randomStart()))),
                new Setting(
                        "evaluation digits",
                        String.valueOf(evaluate.examples()),
                        distinct(rows, row -> String.valueOf(row.examples()))),
                new Setting(
                        "evaluation method",
                        distinct(evaluate.methods(), AttackMethod::id),
                        distinct(attackRows, EvaluationRow::method)),
                new Setting(
                        "evaluation epsilon",
                        distinct(evaluate.epsilons(), epsilon -> number(epsilon)),
                        distinct(attackRows, row -> number(row.epsilon()))),
                new Setting(
                        "evaluation PGD",
                        distinct(
                                evaluate.steps(),
                                steps -> pgd(
                                        steps,
                                        evaluate.pgd().stepSize(),
                                        evaluate.pgd().randomStart())),
                        distinct(
                                attackRows.stream()
                                        .filter(row -> row.method().equals("pgd"))
                                        .toList(),
                                row -> pgd(row.pgdSteps(), row.stepSize(), row.randomStart()))));
    }

    /** How the paper evaluated, e.g. "pgd, epsilon 0.3, 100 steps": what its Figure 2's numbers are. */
    static String paperEvaluation(Settings paper) {
        EvaluateSettings evaluate = paper.evaluate();
        return distinct(evaluate.methods(), AttackMethod::id) + ", epsilon "
                + distinct(evaluate.epsilons(), epsilon -> number(epsilon)) + ", "
                + distinct(evaluate.steps(), String::valueOf) + " steps";
    }

    private static String pgd(int steps, double stepSize, boolean randomStart) {
        return steps + " steps of " + number(stepSize) + (randomStart ? ", random start" : ", no random start");
    }

    private static <T> String distinct(Collection<T> items, Function<T, String> value) {
        String joined = items.stream()
                .map(value)
                .distinct()
                .sorted(PaperDifferences::numerically)
                .collect(Collectors.joining(", "));
        return joined.isEmpty() ? "-" : joined;
    }

    /** Numbers by value (0.05 before 0.1), anything else by text. */
    private static int numerically(String a, String b) {
        try {
            return new BigDecimal(a).compareTo(new BigDecimal(b));
        } catch (NumberFormatException notNumbers) {
            return a.compareTo(b);
        }
    }

    /** A recorded value as text, numbers without trailing zeros; "?" where the metadata lacks it. */
    private static String text(TrainingMetadata metadata, Recorded field) {
        Object value = field.apply(metadata);
        return value == null ? "?" : value instanceof Number n ? number(n.doubleValue()) : value.toString();
    }

    /** 0.3, 100000, 0.0001: plain, without trailing zeros. */
    static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
