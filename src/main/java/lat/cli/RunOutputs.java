package lat.cli;

import java.util.List;
import lat.config.HadoopConfigurations;
import lat.config.Settings;
import lat.io.HadoopFiles;
import lat.io.OutputLayout;
import lat.io.RunLock;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * What a command that writes a run's outputs does before any work: take the run's lock (one command
 * per run id at a time) and check that every place it will write is writable, so that a wrong
 * output location fails in seconds with one line, not after an hour of training.
 */
final class RunOutputs {
    /** Where each command writes, under the run's layout. */
    enum Writes {
        MODELS, EVALUATION, REPORT;

        Path dir(OutputLayout layout) {
            return switch (this) {
                case MODELS -> layout.modelsDir();
                case EVALUATION -> layout.evaluationTable();
                case REPORT -> layout.reportDir().getParent();
            };
        }
    }

    private RunOutputs() {
    }

    /**
     * Locks {@code settings}' run for {@code command} and probes the directories it {@code writes}.
     * Close the lock when the command ends (a JVM that dies releases it by going stale).
     */
    static RunLock claim(Settings settings, String command, List<Writes> writes) {
        OutputLayout layout = new OutputLayout(settings.outputDir(), settings.runId());
        Configuration conf = HadoopConfigurations.create();
        RunLock lock = RunLock.acquire(layout, command, conf);
        try {
            for (Writes place : writes) {
                HadoopFiles.requireWritableDir(place.dir(layout), conf);
            }
            if (writes.contains(Writes.EVALUATION)) {
                HadoopFiles.requireWritableDir(layout.examplesDir().getParent(), conf);  // figure 1's examples
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
