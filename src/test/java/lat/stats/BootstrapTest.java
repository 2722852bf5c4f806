package lat.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BootstrapTest {
    private static final Bootstrap BOOTSTRAP = new Bootstrap(2000, 7, 0.95);

    @Test
    void theSameSeedGivesTheSameInterval() {
        double[] values = sample(new SplittableRandom(1), 200);
        assertEquals(BOOTSTRAP.mean(values), BOOTSTRAP.mean(values));
        assertNotEquals(BOOTSTRAP.mean(values), new Bootstrap(2000, 8, 0.95).mean(values));
    }

    @Test
    void theMeanOfAConstantHasNoSpread() {
        Interval constant = BOOTSTRAP.mean(new double[] {0.25, 0.25, 0.25, 0.25});
        assertEquals(new Interval(0.25, 0.25, 0.25, 0.95), constant);
    }

    @Test
    void theIntervalOfAMeanCoversTheTrueMeanAboutAsOftenAsItsLevel() {
        // 400 samples of 100 draws from an exponential of mean 1: a 95% percentile interval should
        // cover 1 in about 93-95% of them (the percentile bootstrap undercovers a little on skewed data)
        SplittableRandom data = new SplittableRandom(42);
        Bootstrap bootstrap = new Bootstrap(1000, 3, 0.95);
        int covered = 0;
        for (int trial = 0; trial < 400; trial++) {
            covered += bootstrap.mean(sample(data, 100)).contains(1) ? 1 : 0;
        }
        assertTrue(covered >= 0.90 * 400 && covered <= 0.98 * 400, covered + " of 400 covered");
    }

    @Test
    void pairingCancelsWhatTheDigitsShare() {
        // b is a shifted by 0.1 on every digit: the paired difference is exactly -0.1 in every resample,
        // although each arm's own mean is uncertain
        double[] a = sample(new SplittableRandom(5), 300);
        double[] b = a.clone();
        for (int i = 0; i < b.length; i++) {
            b[i] += 0.1;
        }
        Interval difference = BOOTSTRAP.paired(List.of(new double[][] {a}, new double[][] {b}), m -> m[0] - m[1]);
        assertEquals(-0.1, difference.lower(), 1e-12);
        assertEquals(-0.1, difference.upper(), 1e-12);
        assertTrue(BOOTSTRAP.mean(a).halfWidth() > 0.05);
    }

    @Test
    void twoLevelResamplingCountsTheSpreadBetweenSeeds() {
        // two seeds, constant over digits: 0 and 1. Resampling digits alone would give [0.5, 0.5]; drawing
        // the seeds too gives {0, 0} and {1, 1} a quarter of the time each
        double[][] arm = {{0, 0, 0, 0}, {1, 1, 1, 1}};
        Interval mean = BOOTSTRAP.paired(List.<double[][]>of(arm), m -> m[0]);
        assertEquals(new Interval(0.5, 0, 1, 0.95), mean);
    }

    @Test
    void armsMustShareSeedsAndDigits() {
        assertThrows(
                IllegalArgumentException.class,
                () -> BOOTSTRAP.paired(List.of(new double[][] {{1, 2}}, new double[][] {{1, 2, 3}}), m -> m[0]));
        assertThrows(IllegalArgumentException.class, () -> new Bootstrap(10, 1, 0.95));
    }

    @Test
    void percentileEndsInterpolateBetweenOrderStatistics() {
        // 0..100 at 90%: the 5% and 95% quantiles of 101 equally spaced values are 5 and 95
        double[] replicates = new double[101];
        for (int i = 0; i < replicates.length; i++) {
            replicates[i] = 100 - i;
        }
        Interval interval = Bootstrap.percentile(50, replicates, 0.9);
        assertEquals(5, interval.lower(), 1e-12);
        assertEquals(95, interval.upper(), 1e-12);
    }

    /** Draws from an exponential distribution of mean 1. */
    private static double[] sample(SplittableRandom random, int n) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = -Math.log(1 - random.nextDouble());
        }
        return values;
    }
}
