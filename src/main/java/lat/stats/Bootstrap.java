package lat.stats;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * A seeded percentile bootstrap: the same seed, resamples and data give the same interval.
 *
 * <p>{@link #paired} is two-level: each resample draws the seeds with replacement, then the digits
 * with replacement, one digit draw shared by every seed and every arm, so that the digits stay
 * paired across the models and inputs compared (a hard digit is hard for all of them) and the
 * spread between trainings is counted too. With one seed it is the paired digit bootstrap.
 *
 * @param resamples how many resamples (2,000 gives percentile ends to about +-0.005 of their level)
 * @param seed      the generator's seed
 * @param level     the confidence level, in (0, 1)
 */
public record Bootstrap(int resamples, long seed, double level) {
    public Bootstrap {
        if (resamples < 100) {
            throw new IllegalArgumentException("a percentile bootstrap needs at least 100 resamples, got " + resamples);
        }
        Interval.checkLevel(level);
    }

    /** The interval of the mean of {@code values} over resampled values. */
    public Interval mean(double[] values) {
        return paired(List.<double[][]>of(new double[][] {values}), means -> means[0]);
    }

    /**
     * The interval of {@code effect} of the arms' means.
     *
     * @param arms   per arm (e.g. a model on an input) its values {@code [seed][digit]}: every arm the same
     *               seeds in the same order and the same digits in the same order
     * @param effect of the arms' means (each over its seeds and digits), e.g. {@code m -> m[0] - m[1]}
     */
    public Interval paired(List<double[][]> arms, ToDoubleFunction<double[]> effect) {
        int seeds = arms.get(0).length;
        int digits = seeds == 0 ? 0 : arms.get(0)[0].length;
        if (seeds == 0 || digits == 0) {
            throw new IllegalArgumentException("a bootstrap needs at least one seed and one digit");
        }
        for (double[][] arm : arms) {
            if (arm.length != seeds || Arrays.stream(arm).anyMatch(row -> row.length != digits)) {
                throw new IllegalArgumentException(
                        "paired arms need the same seeds and digits: " + seeds + " x " + digits + " expected");
            }
        }
        double estimate = effect.applyAsDouble(weightedMeans(arms, ones(seeds), ones(digits)));
        SplittableRandom random = new SplittableRandom(seed);
        double[] replicates = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            replicates[r] = effect.applyAsDouble(weightedMeans(arms, draw(random, seeds), draw(random, digits)));
        }
        return percentile(estimate, replicates, level);
    }

    /** The percentile interval of {@code replicates} (quantiles interpolated linearly between order statistics). */
    static Interval percentile(double estimate, double[] replicates, double level) {
        double[] sorted = replicates.clone();
        Arrays.sort(sorted);
        double tail = (1 - level) / 2;
        return new Interval(estimate, quantile(sorted, tail), quantile(sorted, 1 - tail), level);
    }

    private static double quantile(double[] sorted, double p) {
        double position = p * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    /** How often each of {@code n} indices is drawn in n draws with replacement. */
    private static int[] draw(SplittableRandom random, int n) {
        int[] counts = new int[n];
        for (int i = 0; i < n; i++) {
            counts[random.nextInt(n)]++;
        }
        return counts;
    }

    private static int[] ones(int n) {
        int[] counts = new int[n];
        Arrays.fill(counts, 1);
        return counts;
    }

    private static double[] weightedMeans(List<double[][]> arms, int[] seedCounts, int[] digitCounts) {
        double total = (double) seedCounts.length * digitCounts.length;
        double[] means = new double[arms.size()];
        for (int a = 0; a < means.length; a++) {
            double sum = 0;
            for (int s = 0; s < seedCounts.length; s++) {
                if (seedCounts[s] == 0) {
                    continue;
                }
                double[] values = arms.get(a)[s];
                double seedSum = 0;
                for (int d = 0; d < digitCounts.length; d++) {
                    seedSum += digitCounts[d] * values[d];
                }
                sum += seedCounts[s] * seedSum;
            }
            means[a] = sum / total;
        }
        return means;
    }
}
