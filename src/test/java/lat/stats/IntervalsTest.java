package lat.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Wilson, Student t and exact McNemar against hand-computed values and against reference figures
 * computed once with Python 3, scipy 1.17.1, statsmodels 0.15.0 (the calls are quoted above each).
 */
class IntervalsTest {
    private static final double TIGHT = 1e-12;

    @Test
    void wilsonMatchesTheHandComputedInterval() {
        // 7 of 10 at z = 1.959964: centre (0.7 + z^2/20) / (1 + z^2/10) = 0.89207 / 1.384146 = 0.644493,
        // half z / (1 + z^2/10) * sqrt(0.021 + z^2/400) = 1.416009 * 0.174939 = 0.247715
        Interval wilson = Proportions.wilson(7, 10, 0.95);
        assertEquals(0.7, wilson.estimate());
        assertEquals(0.644493 - 0.247715, wilson.lower(), 2e-6);
        assertEquals(0.644493 + 0.247715, wilson.upper(), 2e-6);
    }

    @Test
    void wilsonMatchesStatsmodels() {
        // statsmodels.stats.proportion.proportion_confint(k, n, alpha=0.05, method="wilson")
        assertWilson(960, 1000, 0.95, 0.945990355878742, 0.9704890263145473);
        assertWilson(756, 1000, 0.95, 0.7284335318206567, 0.7816071678347392);
        assertWilson(3, 1000, 0.95, 0.0010207838811386195, 0.008783014053503176);
        assertWilson(7, 10, 0.95, 0.39677814746114537, 0.8922087325936989);
        // proportion_confint(957, 1000, alpha=0.10, method="wilson")
        assertWilson(957, 1000, 0.90, 0.9451576645931276, 0.9663761410857311);
    }

    @Test
    void wilsonDoesNotCollapseAtZeroOrOne() {
        // proportion_confint(0, 1000, ...) = (2.2e-19, 0.003826758485555125); (1000, 1000) = (0.996173241514445, 1.0)
        assertWilson(0, 1000, 0.95, 0, 0.003826758485555125);
        assertWilson(1000, 1000, 0.95, 0.996173241514445, 1);
        assertEquals(0.0, Proportions.wilson(0, 1000, 0.95).lower(), "exactly 0, no rounding dust");
        assertEquals(1.0, Proportions.wilson(1000, 1000, 0.95).upper(), "exactly 1");
    }

    @Test
    void newcombeMatchesStatsmodels() {
        // statsmodels.stats.proportion.confint_proportions_2indep(a, n, b, m, method="newcomb", compare="diff")
        assertNewcombe(981, 1000, 0, 1000, 0.9698390011072482, 0.9878031142492091);
        assertNewcombe(960, 1000, 981, 1000, -0.03657409682428132, -0.006169508140169335);
        assertNewcombe(756, 1000, 0, 1000, 0.7281691852726243, 0.7816071678347392);
        assertNewcombe(7, 10, 3, 10, -0.028820456268342898, 0.6718241964405526);
    }

    @Test
    void newcombeIsBuiltFromTheTwoWilsonIntervals() {
        // 7/10 against 3/10: lower 0.4 - hypot(0.7 - 0.396778, 0.696778 - 0.3), by symmetry of the two Wilsons
        Interval first = Proportions.wilson(7, 10, 0.95);
        double lower = 0.4 - Math.hypot(0.7 - first.lower(), (1 - first.lower()) - 0.3);
        assertEquals(lower, Proportions.newcombe(7, 10, 3, 10, 0.95).lower(), 1e-12);
    }

    @Test
    void wilsonRefusesImpossibleCounts() {
        assertThrows(IllegalArgumentException.class, () -> Proportions.wilson(11, 10, 0.95));
        assertThrows(IllegalArgumentException.class, () -> Proportions.wilson(0, 0, 0.95));
        assertThrows(IllegalArgumentException.class, () -> Proportions.wilson(5, 10, 1.0));
    }

    @Test
    void tIntervalMatchesTheHandComputedInterval() {
        // {1, 2, 4}: mean 7/3, sd sqrt(42/18), t(2; 0.975) = 4.302653, half 4.302653 * 1.527525 / sqrt(3) = 3.794583
        Interval t = Means.t(new double[] {1, 2, 4}, 0.95);
        assertEquals(7.0 / 3, t.estimate(), TIGHT);
        assertEquals(Math.sqrt(42.0 / 18), Means.sd(new double[] {1, 2, 4}), TIGHT);
        assertEquals(7.0 / 3 - 3.794583, t.lower(), 2e-6);
        assertEquals(7.0 / 3 + 3.794583, t.upper(), 2e-6);
    }

    @Test
    void tIntervalMatchesScipy() {
        // scipy.stats.t.interval(0.95, 4, loc=np.mean(x), scale=scipy.stats.sem(x)), x = [.981, .975, .979, .983,
        // .970];
        // np.std(x, ddof=1) = 0.005176871642217918
        double[] seeds = {0.981, 0.975, 0.979, 0.983, 0.970};
        Interval t = Means.t(seeds, 0.95);
        assertEquals(0.971172064858536, t.lower(), 1e-9);
        assertEquals(0.984027935141464, t.upper(), 1e-9);
        assertEquals(0.005176871642217918, Means.sd(seeds), TIGHT);
        // scipy.stats.t.interval(0.99, 2, loc=7/3, scale=scipy.stats.sem([1, 2, 4]))
        Interval wide = Means.t(new double[] {1, 2, 4}, 0.99);
        assertEquals(-6.419555636980014, wide.lower(), 1e-9);
        assertEquals(11.086222303646682, wide.upper(), 1e-9);
    }

    @Test
    void tIntervalNeedsTwoFiniteValues() {
        assertThrows(IllegalArgumentException.class, () -> Means.t(new double[] {1}, 0.95));
        assertThrows(IllegalArgumentException.class, () -> Means.t(new double[] {1, Double.NaN}, 0.95));
    }

    @Test
    void mcNemarMatchesTheHandComputedPValue() {
        // 0 against 7 discordant digits: 2 * (1/2)^7; 10 against 2: 2 * (1 + 12 + 66) / 2^12
        assertEquals(2 / 128.0, McNemar.exactPValue(0, 7), TIGHT);
        assertEquals(2 * 79 / 4096.0, McNemar.exactPValue(10, 2), TIGHT);
        assertEquals(1, McNemar.exactPValue(0, 0), "no discordant digit: no evidence");
    }

    @Test
    void mcNemarMatchesScipyBinomtest() {
        // scipy.stats.binomtest(min(b, c), b + c, 0.5).pvalue (two-sided)
        assertEquals(0.03857421875, McNemar.exactPValue(10, 2), TIGHT);
        assertEquals(1.0, McNemar.exactPValue(5, 5), TIGHT);
        assertEquals(0.007915897334896727, McNemar.exactPValue(30, 12), 1e-12);
        assertEquals(1.0, McNemar.exactPValue(1, 0), TIGHT);
    }

    @Test
    void mcNemarCountsOnlyTheDiscordantDigits() {
        boolean[] a = {true, true, true, false, true, false};
        boolean[] b = {true, false, false, false, false, true};
        // right only under a: digits 1, 2, 4; only under b: digit 5
        assertEquals(McNemar.exactPValue(3, 1), McNemar.exactPValue(a, b), TIGHT);
    }

    @Test
    void anIntervalRefusesReversedEnds() {
        assertThrows(IllegalArgumentException.class, () -> new Interval(0.5, 0.6, 0.4, 0.95));
        assertThrows(IllegalArgumentException.class, () -> new Interval(0.5, 0.4, 0.6, 0));
    }

    private static void assertNewcombe(long a, long n, long b, long m, double lower, double upper) {
        Interval newcombe = Proportions.newcombe(a, n, b, m, 0.95);
        assertEquals(lower, newcombe.lower(), 1e-9, a + "/" + n + " - " + b + "/" + m + " lower");
        assertEquals(upper, newcombe.upper(), 1e-9, a + "/" + n + " - " + b + "/" + m + " upper");
    }

    private static void assertWilson(long k, long n, double level, double lower, double upper) {
        Interval wilson = Proportions.wilson(k, n, level);
        assertEquals(lower, wilson.lower(), 1e-9, k + "/" + n + " lower");
        assertEquals(upper, wilson.upper(), 1e-9, k + "/" + n + " upper");
    }
}
