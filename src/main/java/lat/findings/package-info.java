/**
 * The paper's findings as data ({@code lat/findings/paper-findings.json}) and their verdicts on a
 * run: holds, fails or undecided, each with its effect size and interval over digits and seeds
 * (docs/design.md, "Statistics and verdicts"). Pure: it reads per-digit outcomes in its own neutral
 * form ({@link lat.findings.CellOutcomes}), never the evaluation table, a model or MNIST.
 */
package lat.findings;
