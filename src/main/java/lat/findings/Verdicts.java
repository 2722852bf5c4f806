package lat.findings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lat.stats.Bootstrap;
import lat.stats.Interval;
import lat.stats.Proportions;

/**
 * The verdict of each finding on a run's per-digit outcomes (docs/design.md, "Statistics and
 * verdicts"): each comparison's effect with a two-level paired bootstrap interval over seeds and
 * digits ({@link Bootstrap#paired}), judged against its margin; a finding holds when all of its
 * comparisons hold. Without per-digit outcomes, accuracy comparisons fall back on the cells' counts
 * (Wilson for a value, Newcombe's unpaired interval for a difference); loss comparisons are not tested.
 */
public final class Verdicts {
    /** The interval every verdict uses: 2,000 resamples at 95%, seeded so that a report is reproducible. */
    public static final Bootstrap BOOTSTRAP = new Bootstrap(2000, 20261203L, 0.95);

    /** What the table says for a comparison when the run has no per-digit outcomes. */
    public static final String NEEDS_OUTCOMES = "needs per-digit outcomes";

    private static final String LACKS_A_CELL = "the run lacks a cell";

    /** How an effect's interval was computed. */
    public static final String PAIRED_BOOTSTRAP = "paired bootstrap over seeds and digits";

    public static final String WILSON = "Wilson, from the table's counts";
    public static final String NEWCOMBE = "Newcombe (unpaired), from the table's counts";

    private Verdicts() {}

    /**
     * A comparison's verdict.
     *
     * @param effect      the effect and its interval; null when not tested
     * @param method      how the interval was computed ({@link #PAIRED_BOOTSTRAP}, {@link #WILSON},
     *                    {@link #NEWCOMBE}), or null when not tested
     * @param paperEffect the paper's effect from its Figure 2 (NaN where it gives none)
     * @param reason      why it was not tested, or null
     */
    public record Judged(
            Comparison comparison, Verdict verdict, Interval effect, String method, double paperEffect, String reason) {
        /** Whether the paper's effect lies in this run's interval; empty when either is missing. */
        public Optional<Boolean> paperInside() {
            return effect == null || Double.isNaN(paperEffect)
                    ? Optional.empty()
                    : Optional.of(effect.contains(paperEffect));
        }
    }

    /** A finding's verdict and its comparisons'. */
    public record FindingVerdict(Finding finding, Verdict verdict, List<Judged> comparisons) {}

    /**
     * Judges {@code findings} on {@code outcomes}; without them (a run evaluated without per-digit
     * outcomes) accuracy comparisons on {@code counts}, and the rest are {@link Verdict#NOT_TESTED},
     * as is a comparison whose cell the run lacks.
     */
    public static List<FindingVerdict> judge(
            List<Finding> findings,
            Optional<Outcomes> outcomes,
            AccuracyCounts counts,
            Bootstrap bootstrap,
            PaperEffect paper) {
        List<FindingVerdict> verdicts = new ArrayList<>();
        for (Finding finding : findings) {
            List<Judged> judged = finding.comparisons().stream()
                    .map(c -> outcomes.isPresent()
                            ? judge(c, outcomes.get(), bootstrap, paperEffect(c, paper))
                            : judge(c, counts, bootstrap.level(), paperEffect(c, paper)))
                    .toList();
            verdicts.add(new FindingVerdict(
                    finding, Verdict.allOf(judged.stream().map(Judged::verdict).toList()), judged));
        }
        return verdicts;
    }

    private static Judged judge(Comparison c, Outcomes outcomes, Bootstrap bootstrap, double paper) {
        Optional<double[][]> cell = outcomes.values(c.model(), c.input(), c.metric());
        Optional<double[][]> base = c.effect() == Comparison.Effect.VALUE
                ? cell
                : outcomes.values(c.baseModel(), c.baseInput(), c.metric());
        if (cell.isEmpty() || base.isEmpty()) {
            return new Judged(c, Verdict.NOT_TESTED, null, null, paper, LACKS_A_CELL);
        }
        Interval effect = bootstrap.paired(List.of(cell.get(), base.get()), m -> c.effectOf(m[0], m[1]));
        return new Judged(c, Verdict.of(effect, c.side(), c.margin()), effect, PAIRED_BOOTSTRAP, paper, null);
    }

    /** An accuracy value or difference from the cells' counts; anything else needs per-digit outcomes. */
    private static Judged judge(Comparison c, AccuracyCounts counts, double level, double paper) {
        if (c.metric() != Metric.ACCURACY || c.effect() == Comparison.Effect.RELATIVE) {
            return new Judged(c, Verdict.NOT_TESTED, null, null, paper, NEEDS_OUTCOMES);
        }
        Optional<AccuracyCounts.Count> cell = counts.of(c.model(), c.input());
        Optional<AccuracyCounts.Count> base =
                c.effect() == Comparison.Effect.VALUE ? cell : counts.of(c.baseModel(), c.baseInput());
        if (cell.isEmpty() || base.isEmpty()) {
            return new Judged(c, Verdict.NOT_TESTED, null, null, paper, LACKS_A_CELL);
        }
        AccuracyCounts.Count a = cell.get();
        AccuracyCounts.Count b = base.get();
        Interval effect = c.effect() == Comparison.Effect.VALUE
                ? Proportions.wilson(a.correct(), a.digits(), level)
                : Proportions.newcombe(a.correct(), a.digits(), b.correct(), b.digits(), level);
        String method = c.effect() == Comparison.Effect.VALUE ? WILSON : NEWCOMBE;
        return new Judged(c, Verdict.of(effect, c.side(), c.margin()), effect, method, paper, null);
    }

    private static double paperEffect(Comparison c, PaperEffect paper) {
        double cell = paper.mean(c.metric(), c.model(), c.input());
        double base =
                c.effect() == Comparison.Effect.VALUE ? cell : paper.mean(c.metric(), c.baseModel(), c.baseInput());
        return c.effectOf(cell, base);
    }

    /** The verdicts as a plain-text table: a line per finding, then one per comparison. */
    public static String toText(List<FindingVerdict> verdicts, String budget) {
        StringBuilder text = new StringBuilder("the paper's findings on this run (" + budget + ")\n");
        for (FindingVerdict finding : verdicts) {
            text.append(String.format(
                    "%-36s %s%n",
                    finding.finding().id(), finding.verdict().label().toUpperCase()));
            for (Judged judged : finding.comparisons()) {
                text.append(String.format(
                        "    %-11s %-78s %s%s%n",
                        judged.verdict().label(),
                        judged.comparison().describe(),
                        judged.effect() == null
                                ? judged.reason()
                                : judged.effect().format(4),
                        judged.paperInside()
                                .map(inside -> String.format(
                                        "  paper %.4f %s", judged.paperEffect(), inside ? "inside" : "outside"))
                                .orElse("")));
            }
        }
        return text.toString();
    }

    /** The verdicts as JSON (docs/outputs.md, "verdicts.json"). */
    public static byte[] toJson(List<FindingVerdict> verdicts, String budget, Bootstrap bootstrap) {
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("budget", budget);
        file.put("bootstrap", bootstrap);
        file.put("findings", verdicts.stream().map(Verdicts::findingJson).toList());
        try {
            return JsonMapper.builder()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .build()
                    .writeValueAsString(file)
                    .getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> findingJson(FindingVerdict verdict) {
        Map<String, Object> json = new LinkedHashMap<>();
        Finding finding = verdict.finding();
        json.put("id", finding.id());
        json.put("claim", finding.claim());
        json.put("source", finding.source());
        json.put("test", finding.test());
        json.put("paperFigure", finding.paperFigure());
        json.put("note", finding.note());
        json.put("verdict", verdict.verdict().label());
        json.put(
                "comparisons",
                verdict.comparisons().stream().map(Verdicts::comparisonJson).toList());
        return json;
    }

    private static Map<String, Object> comparisonJson(Judged judged) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("test", judged.comparison().describe());
        json.put("comparison", judged.comparison());
        json.put("verdict", judged.verdict().label());
        json.put("reason", judged.reason());
        json.put("effect", judged.effect());
        json.put("method", judged.method());
        json.put("paperEffect", Double.isNaN(judged.paperEffect()) ? null : judged.paperEffect());
        json.put("paperInside", judged.paperInside().orElse(null));
        return json;
    }
}
