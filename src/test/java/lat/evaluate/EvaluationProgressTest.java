package lat.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import lat.core.AttackKind;
import lat.core.AttackMethod;
import lat.core.ModelId;
import lat.core.ModelKind;
import org.junit.jupiter.api.Test;

/** The evaluate job's progress lines: the arithmetic of the throughput and the ETA. */
class EvaluationProgressTest {

    @Test
    void aCellsWorkIsItsNetworkPassesSoNaturalCellsWeighAlmostNothing() {
        assertEquals(500, EvaluationProgress.work(Cell.natural(new ModelId(ModelKind.NATURAL, 42)), 500));
        assertEquals(
                500 * 21,
                EvaluationProgress.work(
                        new Cell(new ModelId(ModelKind.STANDARD, 42), AttackKind.BROAD_MASK, AttackMethod.PGD, 0.1, 20),
                        500));
    }

    @Test
    void theEtaExtrapolatesThePaceOfTheWorkDone() {
        // a quarter of the work in 60 s: three quarters left, 180 s; 1000 image-steps in 60 s
        assertEquals(
                "evaluate local: 3/12 cells (25%)  16.7 image-steps/s  elapsed 0:01:00  ETA 0:03:00",
                EvaluationProgress.line("evaluate local", 3, 12, 1000, 2500, 10_000, 60));
        // hours, and a cell count that is not the work's share (cheap natural cells finish first)
        assertEquals(
                "evaluate paper: 5/25 cells (20%)  12345.0 image-steps/s  elapsed 1:00:00  ETA 9:00:00",
                EvaluationProgress.line("evaluate paper", 5, 25, 44_442_000, 1_000, 10_000, 3600));
    }

    @Test
    void beforeAnyWorkIsDoneThereIsNoEta() {
        assertEquals(
                "evaluate tiny: 0/10 cells (0%)  0.0 image-steps/s  elapsed 0:00:30  ETA -",
                EvaluationProgress.line("evaluate tiny", 0, 10, 0, 0, 5_000, 30));
    }
}
