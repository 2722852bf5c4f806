package lat.findings;

import java.util.List;
import java.util.stream.IntStream;
import lat.stats.Bootstrap;
import lat.stats.Interval;
import lat.stats.Means;
import lat.stats.Proportions;

/**
 * A cell's accuracy and loss with their intervals: over digits for each training seed (Wilson for
 * accuracy, a digit bootstrap for the loss, whose per-digit values are far from normal), pooled over
 * seeds for accuracy, and with several seeds over seeds (mean, sd and t interval of the per-seed numbers).
 *
 * @param accuracyPerSeed  per seed, Wilson over its digits
 * @param accuracyPooled   Wilson over every seed's digits (treats seeds x digits as independent trials)
 * @param lossPerSeed      per seed, a percentile bootstrap of the mean over its digits
 * @param accuracySeeds    over seeds: the mean of the per-seed accuracies with its t interval; null with one seed
 * @param accuracySd       the per-seed accuracies' standard deviation; NaN with one seed
 * @param lossSeeds        over seeds, as for accuracy; null with one seed
 * @param lossSd           the per-seed losses' standard deviation; NaN with one seed
 */
public record CellSummary(
        List<Interval> accuracyPerSeed,
        Interval accuracyPooled,
        List<Interval> lossPerSeed,
        Interval accuracySeeds,
        double accuracySd,
        Interval lossSeeds,
        double lossSd) {
    /** The summary of one cell's outcomes, one entry per training seed. */
    public static CellSummary of(List<CellOutcomes> seeds, Bootstrap bootstrap) {
        List<Interval> accuracy = seeds.stream()
                .map(c -> Proportions.wilson(correct(c), c.correct().length, bootstrap.level()))
                .toList();
        long correct = seeds.stream().mapToLong(CellSummary::correct).sum();
        long digits = seeds.stream().mapToLong(c -> c.correct().length).sum();
        List<Interval> loss = seeds.stream().map(c -> bootstrap.mean(c.loss())).toList();
        if (seeds.size() < 2) {
            return new CellSummary(
                    accuracy,
                    Proportions.wilson(correct, digits, bootstrap.level()),
                    loss,
                    null,
                    Double.NaN,
                    null,
                    Double.NaN);
        }
        double[] accuracies = accuracy.stream().mapToDouble(Interval::estimate).toArray();
        double[] losses = loss.stream().mapToDouble(Interval::estimate).toArray();
        return new CellSummary(
                accuracy,
                Proportions.wilson(correct, digits, bootstrap.level()),
                loss,
                Means.t(accuracies, bootstrap.level()),
                Means.sd(accuracies),
                Means.t(losses, bootstrap.level()),
                Means.sd(losses));
    }

    /** The accuracy interval the report shows: over seeds when there are several, else over digits. */
    public Interval accuracy() {
        return accuracySeeds != null ? accuracySeeds : accuracyPooled;
    }

    /** The loss interval the report shows: over seeds when there are several, else over digits. */
    public Interval loss() {
        return lossSeeds != null ? lossSeeds : lossPerSeed.get(0);
    }

    private static long correct(CellOutcomes cell) {
        boolean[] correct = cell.correct();
        return IntStream.range(0, correct.length).filter(i -> correct[i]).count();
    }
}
