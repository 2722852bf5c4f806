/**
 * Intervals and tests for the evaluation's numbers (docs/design.md, "Statistics and verdicts"): Wilson
 * score intervals for accuracies, Student t intervals of means, a seeded percentile bootstrap (also
 * two-level and paired, over seeds and digits), the exact McNemar test. Pure functions on arrays; it
 * depends on nothing of lat.
 */
package lat.stats;
