package lat.findings;

import java.util.List;

/** What a run says of a claim. */
public enum Verdict {
    /** the effect's interval lies wholly on the claimed side of the margin */
    HOLDS("holds"),
    /** it lies wholly on the other side */
    FAILS("fails"),
    /** it covers the margin: this budget (digits, seeds) cannot decide */
    UNDECIDED("undecided"),
    /** the run lacks what the test needs (per-digit outcomes, or a cell) */
    NOT_TESTED("not tested");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The verdict of an effect's interval against {@code margin} on the claimed {@code side}. */
    public static Verdict of(lat.stats.Interval effect, Comparison.Side side, double margin) {
        boolean above = effect.lower() > margin;
        boolean below = effect.upper() < margin;
        if (!above && !below) {
            return UNDECIDED;
        }
        return above == (side == Comparison.Side.ABOVE) ? HOLDS : FAILS;
    }

    /**
     * A finding's verdict from its comparisons': fails when any fails, holds when all hold, not
     * tested when none was tested, else undecided.
     */
    public static Verdict allOf(List<Verdict> verdicts) {
        if (verdicts.isEmpty()) {
            throw new IllegalArgumentException("a finding needs at least one comparison");
        }
        if (verdicts.contains(FAILS)) {
            return FAILS;
        }
        if (verdicts.stream().allMatch(HOLDS::equals)) {
            return HOLDS;
        }
        return verdicts.stream().allMatch(NOT_TESTED::equals) ? NOT_TESTED : UNDECIDED;
    }
}
