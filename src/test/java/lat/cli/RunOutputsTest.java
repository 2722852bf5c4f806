package lat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import lat.cli.RunOutputs.Writes;
import lat.core.ModelId;
import lat.core.ModelKind;
import lat.io.OutputLayout;
import org.junit.jupiter.api.Test;

/** Which of a run's locks each command takes: what it writes and what it reads. */
class RunOutputsTest {
    private final OutputLayout layout = new OutputLayout("/out", "r1");
    private final List<ModelId> models =
            List.of(new ModelId(ModelKind.NATURAL, 42), new ModelId(ModelKind.STANDARD, 42));

    @Test
    void aTrainingLocksOnlyItsModels() {
        assertEquals(
                List.of(layout.modelLock(new ModelId(ModelKind.NATURAL, 42))),
                Writes.MODELS.locks(layout, List.of(new ModelId(ModelKind.NATURAL, 42))));
    }

    @Test
    void anEvaluationLocksTheModelsItReadsAndThePartition() {
        assertEquals(
                List.of(
                        layout.modelLock(new ModelId(ModelKind.NATURAL, 42)),
                        layout.modelLock(new ModelId(ModelKind.STANDARD, 42)),
                        layout.evaluationLock()),
                Writes.EVALUATION.locks(layout, models));
    }

    @Test
    void aReportLocksTheModelsAndTheEvaluationItReadsAndThePage() {
        assertEquals(
                List.of(
                        layout.modelLock(new ModelId(ModelKind.NATURAL, 42)),
                        layout.modelLock(new ModelId(ModelKind.STANDARD, 42)),
                        layout.evaluationLock(),
                        layout.reportLock()),
                Writes.REPORT.locks(layout, models));
    }
}
