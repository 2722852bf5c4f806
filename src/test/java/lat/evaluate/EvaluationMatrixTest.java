package lat.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which slice of the grid the paper's 5 x 5 tables show. */
class EvaluationMatrixTest {
    private static EvaluationRow row(String attack, String method, double epsilon, int steps, double accuracy) {
        return new EvaluationRow(
                "run",
                "standard",
                42,
                attack,
                method,
                epsilon,
                steps,
                0.1,
                true,
                100,
                0.5,
                accuracy,
                "mnist-test",
                42,
                Instant.EPOCH,
                1.0,
                50.0,
                Math.round(accuracy * 100),
                "sha-model",
                "sha-data",
                "test",
                "nd4j-native",
                new TrainingProvenance(8, 16, 64, 100, 0.3, 5));
    }

    @Test
    void showsTheWorstCaseWhereItWasComputedElsePgd() {
        EvaluationRow natural = row("natural", "none", 0, 0, 0.99);
        EvaluationRow pgd = row("standard", "pgd", 0.3, 100, 0.90);
        EvaluationRow apgd = row("standard", "apgd-ce", 0.3, 100, 0.89);
        EvaluationRow worst = row("standard", "autoattack", 0.3, 100, 0.88);
        EvaluationRow square = row("standard", "square", 0.3, 5000, 0.95);

        assertEquals(List.of(natural, worst), EvaluationMatrix.headline(List.of(natural, pgd, apgd, worst, square)));
        assertEquals(List.of(natural, pgd), EvaluationMatrix.headline(List.of(natural, pgd, apgd, square)));
        assertEquals(List.of(natural, apgd), EvaluationMatrix.headline(List.of(natural, apgd, square)));
        assertEquals(
                "autoattack, epsilon 0.3, 100 steps",
                EvaluationMatrix.of(List.of(natural, pgd, worst)).slice());
    }
}
