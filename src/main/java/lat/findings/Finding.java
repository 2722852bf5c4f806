package lat.findings;

import java.util.List;

/**
 * A finding of the paper and how lat tests it.
 *
 * @param id          a short stable name, e.g. {@code localized-costs-less}
 * @param claim       the paper's claim, in the wording lat records
 * @param source      where the paper makes it
 * @param test        how lat operationalises it (metric, models, inputs, direction, margin), in words
 * @param paperFigure the percentage(s) the paper states, e.g. "-6.5%", or null for a qualitative finding
 * @param note        anything a reader must know about the paper's wording, or null
 * @param comparisons all of which must hold for the finding to hold
 */
public record Finding(
        String id,
        String claim,
        String source,
        String test,
        String paperFigure,
        String note,
        List<Comparison> comparisons) {
    public Finding {
        for (String text : new String[] {id, claim, source, test}) {
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException("a finding needs an id, a claim, a source and a test, got " + id);
            }
        }
        if (comparisons == null || comparisons.isEmpty()) {
            throw new IllegalArgumentException("finding " + id + " has no comparison");
        }
        comparisons = List.copyOf(comparisons);
    }
}
