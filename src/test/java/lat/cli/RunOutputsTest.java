package lat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import lat.cli.RunOutputs.Writes;
import lat.core.ModelKind;
import lat.io.OutputLayout;
import org.junit.jupiter.api.Test;

/** Which of a run's locks each command takes: what it writes and what it reads. */
class RunOutputsTest {
    private final OutputLayout layout = new OutputLayout("/out", "r1");
    private final List<ModelKind> models = List.of(ModelKind.NATURAL, ModelKind.STANDARD);

    @Test
    void aTrainingLocksOnlyItsModels() {
        assertEquals(
                List.of(layout.modelLock(ModelKind.NATURAL)), Writes.MODELS.locks(layout, List.of(ModelKind.NATURAL)));
    }

    @Test
    void anEvaluationLocksTheModelsItReadsAndThePartition() {
        assertEquals(
                List.of(
                        layout.modelLock(ModelKind.NATURAL),
                        layout.modelLock(ModelKind.STANDARD),
                        layout.evaluationLock()),
                Writes.EVALUATION.locks(layout, models));
    }

    @Test
    void aReportLocksTheModelsAndTheEvaluationItReadsAndThePage() {
        assertEquals(
                List.of(
                        layout.modelLock(ModelKind.NATURAL),
                        layout.modelLock(ModelKind.STANDARD),
                        layout.evaluationLock(),
                        layout.reportLock()),
                Writes.REPORT.locks(layout, models));
    }
}
