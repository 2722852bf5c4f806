package lat.cli;

import java.util.ArrayList;
import java.util.List;
import lat.config.HadoopConfigurations;
import lat.config.Settings;
import lat.core.ModelId;
import lat.io.HadoopFiles;
import lat.io.OutputLayout;
import lat.io.RunLock;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * What a command that writes a run's outputs does before any work: lock the outputs it writes and
 * those it reads, and check that every place it will write is writable, so that a wrong output
 * location fails in seconds with one line, not after an hour of training.
 *
 * <p>Trainings of different models of one run therefore run side by side (the DAG's parallel
 * trainings), while {@code evaluate}, {@code report} and {@code run}, which read the models, are
 * refused as long as a training of one of them is in progress.
 */
final class RunOutputs {
    /** Where each command writes, under the run's layout. */
    enum Writes {
        MODELS,
        EVALUATION,
        REPORT;

        Path dir(OutputLayout layout) {
            return switch (this) {
                case MODELS -> layout.modelsDir();
                case EVALUATION -> layout.evaluationTable();
                case REPORT -> layout.reportDir().getParent();
            };
        }

        /** The locks of what this writes and of what writing it reads: the evaluation reads the
         *  models; the report reads the evaluation and the models' metadata. */
        List<Path> locks(OutputLayout layout, List<ModelId> models) {
            List<Path> locks = new ArrayList<>();
            models.forEach(model -> locks.add(layout.modelLock(model)));
            if (this != MODELS) {
                locks.add(layout.evaluationLock());
            }
            if (this == REPORT) {
                locks.add(layout.reportLock());
            }
            return locks;
        }
    }

    private RunOutputs() {}

    /**
     * Locks what {@code command} {@code writes} of {@code settings}' run (for the models of
     * lat.train.models x lat.train.seeds) and probes the directories it writes. Close the lock when the command ends
     * (a JVM that dies releases it by going stale).
     */
    static RunLock claim(Settings settings, String command, List<Writes> writes) {
        OutputLayout layout = new OutputLayout(settings.outputDir(), settings.runId());
        Configuration conf = HadoopConfigurations.create();
        List<Path> locks = new ArrayList<>();
        writes.forEach(
                place -> locks.addAll(place.locks(layout, settings.train().modelIds())));
        RunLock lock = RunLock.acquire(layout, command, locks, conf);
        try {
            for (Writes place : writes) {
                HadoopFiles.requireWritableDir(place.dir(layout), conf);
            }
            if (writes.contains(Writes.EVALUATION)) {
                HadoopFiles.requireWritableDir(layout.examplesDir().getParent(), conf); // figure 1's examples
                HadoopFiles.requireWritableDir(layout.digitTable(), conf); // the per-digit outcomes
            }
            if (writes.contains(Writes.EVALUATION) || writes.contains(Writes.REPORT)) {
                HadoopFiles.requireWritableDir(layout.stagingDir(), conf);
            }
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        return lock;
    }
}
