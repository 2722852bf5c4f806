package lat.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lat.stats.Bootstrap;
import lat.stats.Interval;
import org.junit.jupiter.api.Test;

/** The verdict logic on constructed intervals and on constructed per-digit tables. */
class VerdictsTest {
    private static final Bootstrap BOOTSTRAP = new Bootstrap(2000, 11, 0.95);
    private static final PaperEffect NO_PAPER = (metric, model, input) -> Double.NaN;
    private static final int DIGITS = 1000;

    @Test
    void anIntervalWhollyOnTheClaimedSideHolds() {
        assertEquals(Verdict.HOLDS, Verdict.of(interval(-0.03, -0.01), Comparison.Side.BELOW, 0));
        assertEquals(Verdict.HOLDS, Verdict.of(interval(0.55, 0.7), Comparison.Side.ABOVE, 0.5));
    }

    @Test
    void anIntervalWhollyOnTheOtherSideFails() {
        assertEquals(Verdict.FAILS, Verdict.of(interval(0.01, 0.03), Comparison.Side.BELOW, 0));
        assertEquals(Verdict.FAILS, Verdict.of(interval(0.3, 0.45), Comparison.Side.ABOVE, 0.5));
    }

    @Test
    void anIntervalCoveringTheMarginIsUndecided() {
        assertEquals(Verdict.UNDECIDED, Verdict.of(interval(-0.01, 0.02), Comparison.Side.BELOW, 0));
        assertEquals(Verdict.UNDECIDED, Verdict.of(interval(0, 0.02), Comparison.Side.ABOVE, 0), "an end on it");
    }

    @Test
    void aFindingHoldsOnlyWhenAllItsComparisonsHold() {
        assertEquals(Verdict.HOLDS, Verdict.allOf(List.of(Verdict.HOLDS, Verdict.HOLDS)));
        assertEquals(Verdict.UNDECIDED, Verdict.allOf(List.of(Verdict.HOLDS, Verdict.UNDECIDED)));
        assertEquals(Verdict.FAILS, Verdict.allOf(List.of(Verdict.HOLDS, Verdict.UNDECIDED, Verdict.FAILS)));
        assertEquals(Verdict.UNDECIDED, Verdict.allOf(List.of(Verdict.HOLDS, Verdict.NOT_TESTED)));
        assertEquals(Verdict.NOT_TESTED, Verdict.allOf(List.of(Verdict.NOT_TESTED, Verdict.NOT_TESTED)));
        assertThrows(IllegalArgumentException.class, () -> Verdict.allOf(List.of()));
    }

    @Test
    void aClearlyLowerLossHoldsAClearlyHigherOneFails() {
        // standard's natural loss 0.06 per digit (+-noise), natural's 0.04: "standard costs" holds,
        // "background below natural" with background at 0.05 fails
        List<CellOutcomes> cells = new ArrayList<>();
        cells.add(cell("natural", 1, 0.04, 0));
        cells.add(cell("standard", 1, 0.06, 0));
        cells.add(cell("background", 1, 0.05, 0));
        List<Verdicts.FindingVerdict> verdicts =
                judge(findings("standard-costs-natural-accuracy", "background-natural-loss-4.4"), cells);
        assertEquals(Verdict.HOLDS, verdicts.get(0).verdict());
        assertEquals(Verdict.FAILS, verdicts.get(1).verdict());
        Interval relative = verdicts.get(1).comparisons().get(0).effect();
        assertEquals(0.25, relative.estimate(), 0.02, "0.05 / 0.04 - 1");
    }

    @Test
    void equalLossesOnNoisyDigitsAreUndecided() {
        List<CellOutcomes> cells = List.of(cell("natural", 1, 0.04, 0), cell("background", 1, 0.04, 99));
        Verdicts.FindingVerdict verdict =
                judge(findings("background-natural-loss-4.4"), cells).get(0);
        assertEquals(Verdict.UNDECIDED, verdict.verdict());
        assertTrue(verdict.comparisons().get(0).effect().contains(0));
    }

    @Test
    void theSpreadBetweenSeedsCanLeaveAFindingUndecided() {
        // per seed, background's loss is clearly below natural's on seed 1 and clearly above on seed 2:
        // each seed alone decides, the two together cannot
        List<CellOutcomes> cells = List.of(
                cell("natural", 1, 0.040, 0),
                cell("natural", 2, 0.040, 1),
                cell("background", 1, 0.030, 0),
                cell("background", 2, 0.052, 1));
        assertEquals(
                Verdict.UNDECIDED,
                judge(findings("background-natural-loss-4.4"), cells).get(0).verdict());
        assertEquals(
                Verdict.HOLDS,
                judge(findings("background-natural-loss-4.4"), List.of(cells.get(0), cells.get(2)))
                        .get(0)
                        .verdict());
    }

    @Test
    void withoutPerDigitOutcomesNothingIsTested() {
        Verdicts.FindingVerdict verdict = Verdicts.judge(
                        findings("localized-costs-less"), Optional.empty(), AccuracyCounts.NONE, BOOTSTRAP, NO_PAPER)
                .get(0);
        assertEquals(Verdict.NOT_TESTED, verdict.verdict());
        assertNull(verdict.comparisons().get(0).effect());
        assertEquals(Verdicts.NEEDS_OUTCOMES, verdict.comparisons().get(0).reason());
    }

    @Test
    void withoutPerDigitOutcomesAccuraciesAreJudgedOnTheTablesCounts() {
        // the natural model: 981 of 1000 on natural digits, 0 under standard and background, 3 under exact-mask,
        // 44 under broad-mask (run repro): every difference below 0 and exact-mask's 0.003 below 0.05
        AccuracyCounts counts = (model, input) -> Optional.of(new AccuracyCounts.Count(
                switch (input) {
                    case "natural" -> 981;
                    case "exact-mask" -> 3;
                    case "broad-mask" -> 44;
                    default -> 0;
                },
                1000));
        List<Verdicts.FindingVerdict> verdicts = Verdicts.judge(
                findings("natural-model-fooled", "standard-costs-natural-accuracy"),
                Optional.empty(),
                counts,
                BOOTSTRAP,
                NO_PAPER);
        assertEquals(Verdict.HOLDS, verdicts.get(0).verdict());
        Verdicts.Judged exactMask = verdicts.get(0).comparisons().get(4);
        assertEquals(Verdicts.WILSON, exactMask.method());
        assertEquals(lat.stats.Proportions.wilson(3, 1000, 0.95), exactMask.effect());
        assertEquals(Verdicts.NEWCOMBE, verdicts.get(0).comparisons().get(0).method());
        assertEquals(Verdict.NOT_TESTED, verdicts.get(1).verdict(), "a loss needs per-digit outcomes");
        assertEquals(
                Verdicts.NEEDS_OUTCOMES, verdicts.get(1).comparisons().get(0).reason());
    }

    @Test
    void thePapersFigureIsReportedInsideOrOutsideTheInterval() {
        List<CellOutcomes> cells = List.of(cell("natural", 1, 0.0414, 0), cell("broad-mask", 1, 0.0387, 0));
        PaperEffect figure2 = (metric, model, input) -> model.equals("natural") ? 0.0414 : 0.0387;
        Verdicts.Judged judged = Verdicts.judge(
                        findings("broad-mask-natural-loss-6.5"),
                        Optional.of(Outcomes.of(cells)),
                        AccuracyCounts.NONE,
                        BOOTSTRAP,
                        figure2)
                .get(0)
                .comparisons()
                .get(0);
        assertEquals(0.0387 / 0.0414 - 1, judged.paperEffect(), 1e-12);
        assertEquals(Optional.of(true), judged.paperInside());
        assertEquals(Verdict.HOLDS, judged.verdict());
    }

    @Test
    void cellsMustShareTheirSeeds() {
        assertThrows(
                IllegalArgumentException.class,
                () -> Outcomes.of(List.of(
                        cell("natural", 1, 0.04, 0), cell("natural", 2, 0.04, 0), cell("standard", 1, 0.04, 0))));
    }

    private static List<Verdicts.FindingVerdict> judge(List<Finding> findings, List<CellOutcomes> cells) {
        return Verdicts.judge(findings, Optional.of(Outcomes.of(cells)), AccuracyCounts.NONE, BOOTSTRAP, NO_PAPER);
    }

    private static List<Finding> findings(String... ids) {
        List<String> wanted = List.of(ids);
        return PaperFindings.ALL.stream().filter(f -> wanted.contains(f.id())).toList();
    }

    /**
     * A model's natural-input outcomes: per-digit losses around {@code meanLoss} (digit i's base
     * difficulty shared by every model, plus noise from {@code noiseSeed}), all classified correctly.
     */
    private static CellOutcomes cell(String model, long trainSeed, double meanLoss, long noiseSeed) {
        java.util.SplittableRandom noise = new java.util.SplittableRandom(noiseSeed);
        double[] loss = new double[DIGITS];
        boolean[] correct = new boolean[DIGITS];
        for (int i = 0; i < DIGITS; i++) {
            double difficulty = 0.5 + (i % 10) / 10.0; // 0.5 .. 1.4, mean 0.95, the same digit for every model
            loss[i] = meanLoss / 0.95 * difficulty * (0.8 + 0.4 * noise.nextDouble());
            correct[i] = true;
        }
        return new CellOutcomes(model, Comparison.NATURAL, trainSeed, correct, loss);
    }

    private static Interval interval(double lower, double upper) {
        return new Interval((lower + upper) / 2, lower, upper, 0.95);
    }
}
