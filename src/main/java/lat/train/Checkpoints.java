package lat.train;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lat.core.DataError;
import lat.io.HadoopFiles;
import lat.io.JsonFiles;
import lat.io.records.CurvePoint;
import lat.model.ModelStore;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The checkpoints of one model's unfinished training: {@code step-<12 digits>.zip} (the network with
 * Adam's state) and {@code .json} (its {@link Note}) in one directory. A checkpoint is complete
 * when its zip exists (written atomically, after its note). The newest two are kept: should the
 * newest prove unreadable, training resumes from the one before.
 */
final class Checkpoints {
    private static final String PREFIX = "step-";
    private static final String ZIP = ".zip";
    private static final String NOTE = ".json";
    private static final int KEPT = 2;

    private final Path dir;
    private final Configuration hadoop;

    Checkpoints(Path dir, Configuration hadoop) {
        this.dir = dir;
        this.hadoop = hadoop;
    }

    /** The directory of the checkpoints. */
    Path dir() {
        return dir;
    }

    /** A loaded checkpoint: the network after {@code note.step()} steps, and its note. */
    record Resumed(MultiLayerNetwork network, Note note, Path file) {}

    /**
     * What the note beside a checkpoint zip says. Versions: 1 (no {@code schemaVersion}: notes of lat
     * before it recorded one, read as version 1); 2 adds {@code schemaVersion}.
     *
     * @param schemaVersion {@link #SCHEMA_VERSION} when written by this lat
     * @param wallSeconds   training seconds spent so far, over every application
     * @param lastChunkLoss mean minibatch loss of the chunk that ended here
     * @param trainedWith   the settings it was trained with ({@link TrainingIdentity}); null in older notes
     * @param curve         the training curve up to here, one point per checkpoint; null in older notes
     */
    record Note(
            int schemaVersion,
            long step,
            double wallSeconds,
            double lastChunkLoss,
            Map<String, String> trainedWith,
            List<CurvePoint> curve) {
        /** The version this lat writes, and the newest it reads. */
        static final int SCHEMA_VERSION = 2;

        /** A note of this lat's version. */
        static Note of(
                long step,
                double wallSeconds,
                double lastChunkLoss,
                Map<String, String> trainedWith,
                List<CurvePoint> curve) {
            return new Note(SCHEMA_VERSION, step, wallSeconds, lastChunkLoss, trainedWith, curve);
        }

        /** The curve, empty for an older note that kept none. */
        List<CurvePoint> curveSoFar() {
            return curve == null ? List.of() : curve;
        }
    }

    /**
     * The newest readable checkpoint, or empty when there is none. An unreadable one (e.g. cut short
     * by a full disk) is reported on {@code log} and the previous one is tried.
     */
    Optional<Resumed> resume(PrintStream log) throws IOException {
        List<Long> steps = steps();
        for (int i = steps.size() - 1; i >= 0; i--) {
            long step = steps.get(i);
            Path zip = file(step, ZIP);
            MultiLayerNetwork network;
            try {
                network = ModelStore.load(zip.toString(), hadoop);
            } catch (DataError unreadable) {
                log.printf(
                        "checkpoint %s is unreadable (%s); %s%n",
                        zip,
                        unreadable.getMessage(),
                        i > 0 ? "falling back to the one before" : "starting from scratch");
                continue;
            }
            // outside the fallback: a note of a newer lat is an error, not a reason to train again
            return Optional.of(new Resumed(network, note(step), zip));
        }
        return Optional.empty();
    }

    /** Saves {@code network} as the checkpoint of {@code note.step()}, then drops all but the newest two. */
    Path save(MultiLayerNetwork network, Note note) throws IOException {
        long step = note.step();
        JsonFiles.write(file(step, NOTE), note, hadoop);
        Path zip = file(step, ZIP);
        ModelStore.save(network, zip.toString(), hadoop);
        FileSystem fs = HadoopFiles.fileSystem(dir, hadoop);
        List<Long> steps = steps();
        for (long old : steps.subList(0, Math.max(0, steps.size() - KEPT))) {
            fs.delete(file(old, ZIP), false);
            fs.delete(file(old, NOTE), false);
        }
        return zip;
    }

    /** Removes every checkpoint (and the directory). */
    void clear() throws IOException {
        HadoopFiles.fileSystem(dir, hadoop).delete(dir, true);
    }

    private Note note(long step) {
        try {
            return JsonFiles.readVersioned(
                    file(step, NOTE), Note.class, Note.SCHEMA_VERSION, "checkpoint note", hadoop);
        } catch (IOException missingOrUnreadable) {
            return Note.of(step, 0, Double.NaN, null, null); // the time and loss so far are lost, not the training
        }
    }

    /** Steps of the complete checkpoints, ascending. */
    private List<Long> steps() throws IOException {
        FileSystem fs = HadoopFiles.fileSystem(dir, hadoop);
        List<Long> steps = new ArrayList<>();
        if (!fs.exists(dir)) {
            return steps;
        }
        for (FileStatus status : fs.listStatus(dir)) {
            String name = status.getPath().getName();
            if (name.matches(PREFIX + "\\d{12}" + ZIP)) {
                steps.add(Long.parseLong(name.substring(PREFIX.length(), name.length() - ZIP.length())));
            }
        }
        steps.sort(null);
        return steps;
    }

    private Path file(long step, String suffix) {
        return new Path(dir, String.format("%s%012d%s", PREFIX, step, suffix));
    }
}
