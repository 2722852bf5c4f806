package lat.io;

import java.io.Serializable;
import lat.core.ModelId;
import org.apache.hadoop.fs.Path;

/**
 * Where a run's outputs live under {@code lat.output-dir} (all Hadoop paths):
 * <pre>
 * models/&lt;run-id&gt;/&lt;model-id&gt;/model.zip      the trained network (DL4J model zip)
 * models/&lt;run-id&gt;/&lt;model-id&gt;/metadata.json  how it was trained
 * models/&lt;run-id&gt;/&lt;model-id&gt;/checkpoints/  checkpoints of an unfinished training
 * evaluation/run_id=&lt;run-id&gt;/             the evaluation table's partition (Parquet)
 * evaluation-digits/run_id=&lt;run-id&gt;/      the per-digit outcomes' partition (Parquet)
 * examples/&lt;run-id&gt;/examples.json         figure 1's attack examples, stored by evaluate (JSON)
 * report/&lt;run-id&gt;/                        HTML + PNG report
 * adversarial/&lt;run-id&gt;/&lt;attack&gt;/          exported adversarial examples
 * .lat-staging/                           directories being written, swapped in when complete
 * locks/&lt;run-id&gt;/model-&lt;model-id&gt;.lock       held while a command writes or reads that model
 * locks/&lt;run-id&gt;/evaluation.lock           ... the evaluation partition
 * locks/&lt;run-id&gt;/report.lock               ... the report
 * </pre>
 * A model id is {@code <kind>-seed<train seed>} ({@link ModelId#id()}), e.g. {@code background-seed42}.
 */
public record OutputLayout(String outputDir, String runId) implements Serializable {

    /** The run's models, one directory each. */
    public Path modelsDir() {
        return new Path(new Path(outputDir, "models"), runId);
    }

    public Path modelDir(ModelId model) {
        return new Path(modelsDir(), model.id());
    }

    public Path modelFile(ModelId model) {
        return new Path(modelDir(model), "model.zip");
    }

    public Path metadataFile(ModelId model) {
        return new Path(modelDir(model), "metadata.json");
    }

    public Path checkpointDir(ModelId model) {
        return new Path(modelDir(model), "checkpoints");
    }

    /** The evaluation table: a Parquet dataset partitioned by run_id. */
    public Path evaluationTable() {
        return new Path(outputDir, "evaluation");
    }

    /** The per-digit outcomes: a Parquet dataset partitioned by run_id, beside the evaluation table. */
    public Path digitTable() {
        return new Path(outputDir, "evaluation-digits");
    }

    /** Figure 1's attack examples, crafted by the evaluation, drawn by the report. */
    public Path examplesDir() {
        return new Path(new Path(outputDir, "examples"), runId);
    }

    public Path reportDir() {
        return new Path(new Path(outputDir, "report"), runId);
    }

    /** Where whole directories are written before they are swapped in (outside every table). */
    public Path stagingDir() {
        return new Path(outputDir, ".lat-staging");
    }

    /** The run's locks ({@link RunLock}), one per output. */
    public Path locksDir() {
        return new Path(new Path(outputDir, "locks"), runId);
    }

    public Path modelLock(ModelId model) {
        return new Path(locksDir(), "model-" + model.id() + ".lock");
    }

    public Path evaluationLock() {
        return new Path(locksDir(), "evaluation.lock");
    }

    public Path reportLock() {
        return new Path(locksDir(), "report.lock");
    }

    public Path adversarialDir(String attack) {
        return new Path(new Path(new Path(outputDir, "adversarial"), runId), attack);
    }
}
