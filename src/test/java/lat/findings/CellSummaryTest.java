package lat.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import lat.stats.Bootstrap;
import lat.stats.Means;
import lat.stats.Proportions;
import org.junit.jupiter.api.Test;

class CellSummaryTest {
    private static final Bootstrap BOOTSTRAP = new Bootstrap(1000, 5, 0.95);

    @Test
    void oneSeedShowsWilsonOverDigitsAndTheDigitBootstrapOfTheLoss() {
        CellOutcomes cell = cell(1, 90, 0.2);
        CellSummary summary = CellSummary.of(List.of(cell), BOOTSTRAP);
        assertEquals(Proportions.wilson(90, 100, 0.95), summary.accuracy());
        assertEquals(BOOTSTRAP.mean(cell.loss()), summary.loss());
        assertNull(summary.accuracySeeds());
    }

    @Test
    void severalSeedsShowTheTIntervalOverSeeds() {
        CellSummary summary = CellSummary.of(List.of(cell(1, 90, 0.2), cell(2, 80, 0.3), cell(3, 85, 0.25)), BOOTSTRAP);
        assertEquals(Means.t(new double[] {0.90, 0.80, 0.85}, 0.95), summary.accuracy());
        assertEquals(0.05, summary.accuracySd(), 1e-12);
        assertEquals(0.25, summary.loss().estimate(), 1e-12);
        assertEquals(Proportions.wilson(255, 300, 0.95), summary.accuracyPooled());
    }

    /** 100 digits, the first {@code correct} right, every loss {@code loss}. */
    private static CellOutcomes cell(long seed, int correct, double loss) {
        boolean[] right = new boolean[100];
        double[] losses = new double[100];
        for (int i = 0; i < 100; i++) {
            right[i] = i < correct;
            losses[i] = loss;
        }
        return new CellOutcomes("natural", Comparison.NATURAL, seed, right, losses);
    }
}
