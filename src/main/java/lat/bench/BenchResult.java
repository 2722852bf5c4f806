package lat.bench;

import java.util.List;
import lat.config.ModelSettings;

/**
 * Everything one benchmark run measured, with what it ran on; written as JSON and as a table.
 *
 * @param model       the CNN's widths
 * @param parameters  its parameter count
 * @param images      where the images came from
 * @param options     warm-up, repetitions and sizes
 * @param flopsPerImage the analytic FLOP counts the GFLOP/s figures are based on
 * @param backend     ND4J backend, native library, threads
 * @param peak        the machine's estimated peak
 * @param pgd         PGD throughput per attack and minibatch size
 * @param apgd        APGD-CE throughput per minibatch size ({@link Bench#APGD_ATTACK})
 * @param training    training throughput, natural and adversarial
 */
public record BenchResult(
        ModelSettings model,
        long parameters,
        String images,
        BenchOptions options,
        FlopCount flopsPerImage,
        Backend backend,
        CpuPeak peak,
        List<PgdSpeed> pgd,
        List<PgdSpeed> apgd,
        List<TrainingSpeed> training) {

    /**
     * PGD (or APGD-CE) on one minibatch size.
     *
     * @param imageStepsPerSecond images x steps per second
     * @param gflops              achieved GFLOP/s (analytic count / time)
     * @param percentOfPeak       median GFLOP/s as a percentage of the estimated peak
     * @param conditions          CPU steal and load while it was timed
     */
    public record PgdSpeed(
            String attack,
            int batchSize,
            int steps,
            Spread imageStepsPerSecond,
            Spread gflops,
            double percentOfPeak,
            CpuConditions conditions) {}

    /**
     * Training minibatches, natural ({@code pgdSteps} 0) or adversarial (Algorithm 1).
     *
     * @param craftSeconds  seconds per minibatch crafting adversarial examples (zeros when natural)
     * @param fitSeconds    seconds per minibatch in DL4J's {@code fit}
     * @param conditions    CPU steal and load while it was timed
     */
    public record TrainingSpeed(
            String mode,
            int batchSize,
            int pgdSteps,
            Spread minibatchesPerSecond,
            Spread craftSeconds,
            Spread fitSeconds,
            Spread gflops,
            double percentOfPeak,
            CpuConditions conditions) {}
}
