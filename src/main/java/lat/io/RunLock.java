package lat.io;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import lat.core.ConfigError;
import lat.core.DataError;
import lat.core.Host;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A command's hold on the outputs of a run it writes or reads: one lock file per output
 * ({@code <output>/locks/<run-id>/model-<model id>.lock}, {@code evaluation.lock}, {@code report.lock}; see
 * {@link OutputLayout}), through Hadoop's FileSystem API so that they live beside the outputs they guard.
 * Two commands may run at once when they touch disjoint outputs (trainings of different models); a
 * command that needs an output another one holds is refused, naming the holder.
 *
 * <p>Each file is created exclusively (O_EXCL on local disks, the NameNode's create-if-absent on HDFS),
 * in one fixed order (sorted by path); a command that cannot take one releases those it took, so two
 * commands never wait on each other. On S3A a create-if-absent is a look-up followed by a PUT, so two
 * commands started within the same second could both take one: there the locks guard against the
 * common mistakes, not a deliberate race.
 *
 * <p>They survive a crash of their holder: the holder rewrites its files every {@link #HEARTBEAT}; a
 * file whose holder is a dead process on this host, or that has not been rewritten for {@link #STALE},
 * is taken over. The child JVMs a command starts (one per model) share their parent's files through the
 * environment variable {@link #SHARED_ENV}.
 */
public final class RunLock implements AutoCloseable {
    public static final String SHARED_ENV = "LAT_RUN_LOCK";
    static final Duration HEARTBEAT = Duration.ofSeconds(20);
    static final Duration STALE = Duration.ofMinutes(2);

    private final List<Path> owned;
    private final Configuration conf;
    private final String token;
    private final Thread heartbeat;
    private final Thread releaseAtExit;

    private RunLock(List<Path> owned, Configuration conf, String token) {
        this.owned = owned;
        this.conf = conf;
        this.token = token;
        this.heartbeat = new Thread(this::beat, "lat-run-lock");
        heartbeat.setDaemon(true);
        this.releaseAtExit = new Thread(this::release, "lat-run-lock-release");
    }

    /** The token that lets a child JVM share these locks (pass it as {@link #SHARED_ENV}). */
    public String token() {
        return token;
    }

    /**
     * Takes the lock {@code files} of {@code layout}'s run for {@code command}; those already held by
     * the parent command whose token is in {@link #SHARED_ENV} are shared with it.
     *
     * @throws ConfigError (exit 2) when another live command holds one of them, naming it
     * @throws DataError (exit 3) when the output location cannot be written
     */
    public static RunLock acquire(OutputLayout layout, String command, Collection<Path> files, Configuration conf) {
        return acquire(layout, command, files, conf, System.getenv(SHARED_ENV));
    }

    /** {@link #acquire}, sharing the files that carry the token {@code shared} (null: none). */
    static RunLock acquire(
            OutputLayout layout, String command, Collection<Path> files, Configuration conf, String shared) {
        String token = shared != null ? shared : UUID.randomUUID().toString();
        String content = token + "\n" + command + " of run " + layout.runId() + ", pid "
                + ProcessHandle.current().pid() + " on " + Host.name() + ", since " + Instant.now() + "\n";
        List<Path> owned = new ArrayList<>();
        RunLock lock = new RunLock(owned, conf, token);
        Path file = null;
        try {
            for (Path each : new TreeSet<>(files)) {
                file = each;
                FileSystem fs = HadoopFiles.fileSystem(file, conf);
                if (shared != null && read(fs, file).startsWith(shared + "\n")) {
                    continue; // the parent's
                }
                take(fs, file, content, layout);
                owned.add(file);
            }
        } catch (IOException e) {
            lock.release();
            throw new DataError(
                    "cannot write the run's lock " + file + " (is lat.output-dir writable?): "
                            + HadoopFiles.describe(e),
                    e);
        } catch (RuntimeException e) {
            lock.release();
            throw e;
        }
        if (!owned.isEmpty()) {
            lock.heartbeat.start();
            Runtime.getRuntime().addShutdownHook(lock.releaseAtExit);
        }
        return lock;
    }

    /** Creates {@code file}, taking it over from a holder that is gone. */
    private static void take(FileSystem fs, Path file, String content, OutputLayout layout) throws IOException {
        for (int attempt = 0; attempt < 2; attempt++) {
            if (createExclusively(fs, file, content)) {
                return;
            }
            String holder = read(fs, file);
            if (!holder.isEmpty() && !isStale(fs, file, holder)) {
                throw new ConfigError("run " + layout.runId() + " is in use by " + describe(holder) + " (lock " + file
                        + "); wait for it to end, or use another --run-id");
            }
            fs.delete(file, false); // its holder is gone (or it was released meanwhile)
        }
        throw new ConfigError("cannot take the lock " + file + ": another command took it at the same time");
    }

    @Override
    public void close() {
        if (!owned.isEmpty()) {
            Runtime.getRuntime().removeShutdownHook(releaseAtExit);
        }
        release();
    }

    private void release() {
        heartbeat.interrupt();
        for (Path file : owned) {
            try {
                FileSystem fs = HadoopFiles.fileSystem(file, conf);
                if (read(fs, file).startsWith(token + "\n")) {
                    fs.delete(file, false);
                }
            } catch (IOException ignored) {
                // the lock turns stale on its own
            }
        }
    }

    /** Rewrites the files every HEARTBEAT, so that other hosts can tell a live holder from a crashed one. */
    private void beat() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(HEARTBEAT.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            for (Path file : owned) {
                try {
                    FileSystem fs = HadoopFiles.fileSystem(file, conf);
                    String content = read(fs, file);
                    if (content.startsWith(token + "\n")) { // else taken over: nothing of ours to keep alive
                        try (OutputStream out = fs.create(file, true)) {
                            out.write(content.getBytes(StandardCharsets.UTF_8));
                        }
                    }
                } catch (IOException e) {
                    // a missed beat; the next one may succeed
                }
            }
        }
    }

    private static boolean createExclusively(FileSystem fs, Path file, String content) throws IOException {
        fs.mkdirs(file.getParent());
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        if (fs instanceof LocalFileSystem local) {
            try {
                Files.write(local.pathToFile(file).toPath(), bytes, StandardOpenOption.CREATE_NEW);
                return true;
            } catch (FileAlreadyExistsException held) {
                return false;
            }
        }
        try (OutputStream out = fs.create(file, false)) {
            out.write(bytes);
            return true;
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException held) { // Hadoop's, not java.nio's
            return false;
        }
    }

    /** A holder on this host whose process is gone, or any holder silent for longer than STALE. */
    private static boolean isStale(FileSystem fs, Path file, String holder) throws IOException {
        String description = describe(holder);
        String thisHost = " on " + Host.name() + ",";
        int pidAt = description.indexOf(", pid ");
        if (pidAt >= 0 && description.contains(thisHost)) {
            String pid = description.substring(pidAt + 6, description.indexOf(' ', pidAt + 6));
            return !ProcessHandle.of(Long.parseLong(pid))
                    .map(ProcessHandle::isAlive)
                    .orElse(false);
        }
        try {
            long age = System.currentTimeMillis() - fs.getFileStatus(file).getModificationTime();
            return age > STALE.toMillis();
        } catch (FileNotFoundException released) {
            return true;
        }
    }

    private static String describe(String holder) {
        int newline = holder.indexOf('\n');
        return newline < 0 ? holder.strip() : holder.substring(newline + 1).strip();
    }

    private static String read(FileSystem fs, Path file) throws IOException {
        try (InputStream in = fs.open(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (FileNotFoundException gone) {
            return "";
        }
    }
}
