package lat.findings;

/** What a comparison measures per digit: classified correctly (1 or 0), or the cross-entropy (natural log). */
public enum Metric {
    ACCURACY,
    LOSS
}
