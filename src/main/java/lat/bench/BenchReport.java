package lat.bench;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import lat.io.HadoopFiles;
import lat.io.OutputKind;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Writes a {@link BenchResult} as a readable table and as JSON. */
public final class BenchReport {
    /** A JSON file written by {@link #writeJson}: an object with the result's "flopsPerImage" and "pgd" fields. */
    public static final OutputKind KIND = OutputKind.file("a lat bench result (JSON)", BenchReport::isBenchJson);

    private BenchReport() {}

    private static boolean isBenchJson(FileSystem fs, Path file) {
        try (InputStream in = fs.open(file)) {
            JsonNode json = new ObjectMapper().readTree(in);
            return json != null && json.has("flopsPerImage") && json.has("pgd");
        } catch (IOException notJson) {
            return false;
        }
    }

    /** Writes {@code result} as pretty-printed JSON to {@code file} (any Hadoop path), atomically. */
    public static void writeJson(BenchResult result, String file, Configuration conf) throws IOException {
        ObjectMapper mapper = new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        HadoopFiles.writeAtomically(new Path(file), conf, out -> mapper.writeValue(out, result));
    }

    /** Prints {@code result} as tables. */
    public static void print(BenchResult result, PrintStream out) {
        var m = result.model();
        var b = result.backend();
        var p = result.peak();
        var f = result.flopsPerImage();
        var o = result.options();
        line(
                out,
                "CNN %d/%d/%d, kernel %d (%,d parameters), float32; images: %s",
                m.conv1Channels(),
                m.conv2Channels(),
                m.denseUnits(),
                m.kernelSize(),
                result.parameters(),
                result.images());
        line(out, "ND4J: %s, build %s", b.backend(), b.buildArtifact());
        line(out, "native library: %s", b.nativeLibrary());
        line(
                out,
                "threads: ND4J/OMP %d (master %d), available processors %d; helpers allowed %s; %s",
                b.ompThreads(),
                b.masterThreads(),
                b.processors(),
                b.helpersAllowed(),
                b.nativeSettings().isEmpty()
                        ? "no MALLOC_*/OMP_*/OPENBLAS_* settings"
                        : b.nativeSettings().toString());
        line(
                out,
                "DL4J layer helpers (layer=helper): %s",
                b.layerHelpers().isEmpty()
                        ? "none (DL4J's own im2col convolutions)"
                        : b.layerHelpers().toString());
        line(
                out,
                "peak (estimate): %d cores x %.3f GHz x %d FP32 FLOP/cycle [%s] = %.1f GFLOP/s (CPU: %s)",
                p.cores(),
                p.ghz(),
                p.flopsPerCycle(),
                p.instructionSet(),
                p.gflops(),
                p.model());
        line(
                out,
                "analytic MFLOP per image: forward %.2f, PGD step %.2f, training example %.2f",
                f.forward() / 1e6,
                f.pgdStep() / 1e6,
                f.trainingExample() / 1e6);
        line(
                out,
                "each figure: median of %d timed runs (min-max) after untimed ones: at least %d and %.0f s",
                o.reps(),
                o.warmup(),
                o.warmupSeconds());
        out.println();
        attackTable(out, "PGD attack", result.pgd());
        out.println();
        attackTable(out, "APGD attack", result.apgd());
        out.println();
        line(
                out,
                "%-20s %5s  %-20s %-20s %-20s %-18s %6s  %s",
                "training",
                "batch",
                "minibatches/s",
                "craft s/minibatch",
                "fit s/minibatch",
                "GFLOP/s",
                "% peak",
                CONDITIONS_HEADER);
        for (BenchResult.TrainingSpeed s : result.training()) {
            String mode = s.pgdSteps() == 0 ? s.mode() : s.mode() + " k=" + s.pgdSteps();
            line(
                    out,
                    "%-20s %5d  %-20s %-20s %-20s %-18s %6.1f  %s",
                    mode,
                    s.batchSize(),
                    spread(s.minibatchesPerSecond(), "%.2f"),
                    s.pgdSteps() == 0 ? "-" : spread(s.craftSeconds(), "%.3f"),
                    spread(s.fitSeconds(), "%.3f"),
                    spread(s.gflops(), "%.1f"),
                    s.percentOfPeak(),
                    conditions(s.conditions()));
        }
        if (underSteal(result)) {
            out.println();
            line(
                    out,
                    "! measured under CPU steal of %.0f%% or more (the hypervisor took CPU time): these rows are "
                            + "slower than the machine is; do not compare them with another run's",
                    CpuConditions.FLAG_PERCENT);
        }
    }

    /** Steal %, busy % and load average while the row was timed. */
    private static final String CONDITIONS_HEADER = "steal% busy%  load";

    private static void attackTable(PrintStream out, String title, List<BenchResult.PgdSpeed> speeds) {
        line(
                out,
                "%-12s %5s %5s  %-26s %-20s %6s  %s",
                title,
                "batch",
                "steps",
                "image-steps/s",
                "GFLOP/s",
                "% peak",
                CONDITIONS_HEADER);
        for (BenchResult.PgdSpeed s : speeds) {
            line(
                    out,
                    "%-12s %5d %5d  %-26s %-20s %6.1f  %s",
                    s.attack(),
                    s.batchSize(),
                    s.steps(),
                    spread(s.imageStepsPerSecond(), "%,.0f"),
                    spread(s.gflops(), "%.1f"),
                    s.percentOfPeak(),
                    conditions(s.conditions()));
        }
    }

    /** "steal busy load", "?" for what could not be read, "!" after a row measured under steal. */
    private static String conditions(CpuConditions c) {
        if (Double.isNaN(c.stealPercent())) {
            return String.format(Locale.ROOT, "%6s %5s %5s", "?", "?", "?");
        }
        return String.format(
                Locale.ROOT,
                "%6.1f %5.0f %5.2f%s",
                c.stealPercent(),
                c.busyPercent(),
                c.loadAverage(),
                c.underSteal() ? " !" : "");
    }

    private static boolean underSteal(BenchResult result) {
        return result.pgd().stream().anyMatch(s -> s.conditions().underSteal())
                || result.apgd().stream().anyMatch(s -> s.conditions().underSteal())
                || result.training().stream().anyMatch(s -> s.conditions().underSteal());
    }

    /** "median (min-max)" */
    private static String spread(Spread s, String format) {
        return String.format(Locale.ROOT, format + " (" + format + "-" + format + ")", s.median(), s.min(), s.max());
    }

    private static void line(PrintStream out, String format, Object... args) {
        out.println(String.format(Locale.ROOT, format, args));
    }
}
